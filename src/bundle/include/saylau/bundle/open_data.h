// Open data: every counted protocol (the latest accepted version), one row per station per
// contest per option, with all the protocol's lines, its version and log sequence number, and
// the stage; as CSV or JSON Lines. Used by `saylau export` and the public bundle.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>

#include "saylau/base/result.h"
#include "saylau/service/results_service.h"

namespace saylau::bundle {

enum class OpenDataFormat { kCsv, kJsonLines };

// Writes the rows to `out`; returns how many. Errors: the store's, kUnavailable when writing fails.
Result<std::int64_t> WriteOpenData(service::ResultsService& service, OpenDataFormat format, std::ostream& out);

// (contest, round, unit) -> (version, log sequence number) of each counted protocol.
using CountedVersions = std::map<std::tuple<std::string, int, std::string>, std::pair<int, std::int64_t>>;

// The same rows from a state and its versions alone (what `saylau verify` recomputes).
Result<std::int64_t> WriteOpenDataRows(const core::Election& election, const core::ElectionNight& night,
                                       const CountedVersions& counted, OpenDataFormat format, std::ostream& out);

}  // namespace saylau::bundle
