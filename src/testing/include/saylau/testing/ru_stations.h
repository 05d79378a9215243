// Test-only reader of the Russian CEC's polling-station files (../shared/data/ru, README there):
// one gzip-compressed CSV row per station with `region, tik, uik`, the twelve protocol lines and
// one column per candidate (the 2018 file ends with `url`). Read with zlib into the station rows
// that forensics and PVT work on, independently of `saylau import`, so that tests can compare
// the two paths. Rows whose cells are all empty (no data released) are stations not reported.
#pragma once

#include <string>

#include "saylau/base/result.h"
#include "saylau/stats/station_results.h"

namespace saylau::testing {

// The protocol lines of the file, in its column order after region, tik and uik.
enum class RussianLine {
  kRegistered,
  kReceived,
  kIssuedEarly,
  kIssuedInside,
  kIssuedOutside,
  kCancelled,
  kInPortableBoxes,
  kInStationaryBoxes,
  kInvalid,
  kValid,
  kLost,
  kUnaccounted,
};
inline constexpr int kRussianLines = 12;

// Reads `gz_path`. Each row: id "region|tik|uik", region = index into regions (and
// region_names, the same names) in order of first appearance, registered, took_part = issued
// early + inside + outside, base = valid, invalid, and the votes per candidate (columns = the
// candidates' names as in the header). contest = the file's name.
// Errors: kNotFound if the file does not open; kInvalidArgument naming the line of a row with
// the wrong number of cells or a cell that is not a whole number >= 0.
Result<stats::StationResults> LoadRussianStations(const std::string& gz_path);

}  // namespace saylau::testing
