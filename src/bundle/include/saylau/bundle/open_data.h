// Open data: every counted protocol (the latest accepted version), one row per station per
// contest per option, the unit's and the option's names (kk, ru, en) beside their ids (the
// columns: formats/open_data_layout.h), with all the protocol's lines, its version and log sequence number, the
// stage and its warnings (the failed warn relations, separated by ';'); as CSV or JSON Lines. Used by `saylau export` and the public bundle.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>

#include "saylau/base/result.h"
#include "saylau/core/election_night.h"

namespace saylau::bundle {

enum class OpenDataFormat { kCsv, kJsonLines };


// (contest, round, unit) -> (version, log sequence number) of each counted protocol.
using CountedVersions = std::map<std::tuple<std::string, int, std::string>, std::pair<int, std::int64_t>>;

// The rows from a state and its versions (what `saylau publish` writes and `saylau verify`
// recomputes); returns how many. Errors: kUnavailable when writing fails.
Result<std::int64_t> WriteOpenDataRows(const core::Election& election, const core::ElectionNight& night,
                                       const CountedVersions& counted, OpenDataFormat format, std::ostream& out);

// The same with the versions looked up by the contest's numbering (what verify keeps: a few
// bytes a station rather than two strings); (0, 0) where nothing is counted.
using CountedLookup = std::function<std::pair<int, std::int64_t>(core::ContestIndex, int round, core::LocalUnit)>;
Result<std::int64_t> WriteOpenDataRows(const core::Election& election, const core::ElectionNight& night,
                                       const CountedLookup& counted, OpenDataFormat format, std::ostream& out);

}  // namespace saylau::bundle
