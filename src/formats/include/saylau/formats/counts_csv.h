// Count files for `saylau results`: a long CSV with the header contest,unit,line,value (and
// an optional round column), one row per line of a count. A line is a count line
// (registered, took_part, invalid, both_marked, against_all) or an option id of the contest.
// Counts may be given at any unit; sums are taken up the hierarchy (core/tally.h).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/core/tally.h"

namespace saylau::formats {

// Counts per contest id, validated against `election`.
using CountsByContest = std::map<std::string, std::vector<core::UnitCount>>;

// Errors: kInvalidArgument naming file:line: unknown contest, unit or line; a unit outside the
// contest's unit; a value that is not a non-negative integer; a line given twice.
Result<CountsByContest> ParseCountsCsv(std::string_view text, const std::string& file_name,
                                       const core::Election& election);

}  // namespace saylau::formats
