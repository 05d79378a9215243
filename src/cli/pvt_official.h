// The official shares an estimate of `saylau pvt` is set beside: from a counts CSV (any level,
// e.g. data/kz/counts/mazhilis-2023-list-national.csv) tallied at the contest's unit, else from
// the counted protocols of the loaded stations; shares of the chosen base, and turnout.
#pragma once

#include <map>
#include <string>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/stats/estimate.h"
#include "saylau/stats/station_results.h"

namespace saylau::cli {

// Shares by option id ("against_all" when the contest has it) and "turnout". `counts_file`
// empty: from `results` (none when null). Errors: the counts file's, or kInvalidArgument when it
// has no counts for the contest.
Result<std::map<std::string, double>> OfficialSharesOf(const core::Election& election, const std::string& contest_id,
                                                       const std::string& counts_file,
                                                       const stats::StationResults* results,
                                                       stats::ShareBase base = stats::ShareBase::kValid);

}  // namespace saylau::cli
