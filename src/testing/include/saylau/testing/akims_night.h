// A generated night of many rural akims (issue 19, item 5): a definition with `regions`
// regions of `per_region` rural districts each, one akim contest per district in CSV
// (contests.csv, candidates.csv for saylau import-contests), a polling station per district
// and the akims' protocols: every third district of a region a tie (unresolved), the last of
// each region not reported (counting), the others elected. Deterministic; no I/O.
#pragma once

#include <string>

namespace saylau::testing {

struct AkimsNight {
  std::string definition;  // TOML: the country, regions, districts, the body "akims"
  std::string contests;    // contests.csv
  std::string candidates;  // candidates.csv
  std::string stations;    // stations.csv
  std::string protocols;   // protocols.csv
  int elected = 0, unresolved = 0, counting = 0;
};

// Region i's id is "region-01" ... ; district j of it "region-01-07"; its akim "akim-01-07".
AkimsNight GenerateAkimsNight(int regions = 20, int per_region = 18);

}  // namespace saylau::testing
