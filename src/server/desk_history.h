// The latest stored protocol of each contest and round at a counting unit, as the desk shows it
// (status, version, reasons or warnings), read from the unit's stored history once and kept
// until the live count stores another version there. A national desk walks every station below
// the CEC: without this, each answer read 10,100 (or 100,000) histories on the writer thread;
// with it, only the units that received a version since the last answer are read again.
// Used on the writer thread only (Committer::Read): not thread-safe.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/service/results_service.h"

namespace saylau::server {

class DeskHistory {
 public:
  // A stored protocol version as the desk shows it.
  struct Latest {
    bool accepted = false;
    int version = 0;
    std::string reasons;  // JSON list: the broken relations when rejected, else the failed warn relations
  };
  using LatestRows = std::map<std::pair<std::string, int>, Latest>;  // by (contest id, round)

  // The latest stored protocols at `unit` (an id of the election). `versions` is what the live
  // count knows of the unit: the number of stored versions of each of its contests' current
  // rounds; while it is the same as at the last read, the kept rows are returned unread.
  // Errors: kUnavailable from the store.
  Result<const LatestRows*> Of(service::ResultsService& service, const std::string& unit,
                               const std::vector<int>& versions);
  std::size_t reads() const { return reads_; }  // histories read from the store, for tests

 private:
  struct Entry {
    std::vector<int> versions;
    LatestRows rows;
  };
  std::unordered_map<std::string, Entry> units_;
  std::size_t reads_ = 0;
};

}  // namespace saylau::server
