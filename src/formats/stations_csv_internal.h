// How AddStations read a file, for its tests: where it splits the rows between two threads,
// and on how many it read them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/formats/stations_csv.h"

namespace saylau::formats::internal {

// The offset where the second thread's rows begin (just after the first line feed at or after
// the middle of the rows, which begin at `body`), or 0 when the rows are read on one thread:
// fewer than reading.parallel_bytes, no line feed to split at, or a part that would begin with
// a byte-order mark (a reader skips one at the start of its text; in a row it is a problem).
std::size_t StationsSplit(std::string_view text, std::size_t body, const StationsReading& reading);

struct StationsRead {
  Result<core::Election> election;
  int threads = 1;  // 2 when the rows were read on two threads, 1 when on one (or again on one)
};

// AddStations, saying on how many threads it read the rows.
StationsRead ReadStations(const core::Election& election, std::string_view text, const std::string& file_name,
                          const StationsReading& reading);

}  // namespace saylau::formats::internal
