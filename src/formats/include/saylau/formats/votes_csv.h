// The `option,votes` file that `saylau allocate` reads: a header row `option,votes`, then
// one row per option (UTF-8 names, RFC 4180 quoting), votes a non-negative integer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/allocation.h"

namespace saylau::formats {

// Errors: kInvalidArgument naming file:line and the rule broken (header, column count,
// empty or duplicate option, votes not a non-negative integer or above 10^12, no rows).
Result<std::vector<core::ListVotes>> ParseVotesCsv(std::string_view text, const std::string& file_name);

// Parses a non-negative decimal integer without sign, spaces or separators.
std::optional<std::int64_t> ParseCount(std::string_view text);

}  // namespace saylau::formats
