// Reading an exit poll's published shares: a CSV with a header and the columns `option` and
// `share_percent_published` (or `share_percent`), one row per option, percentages as
// published (53.46); other columns are ignored. Pure function over the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/stats/exit_poll.h"

namespace saylau::formats {

// Shares as fractions, in the file's order. Errors: kInvalidArgument "file:line: ..." for a
// missing column, an empty option, or a share that is not a number in [0, 100].
Result<std::vector<stats::PublishedShare>> ParsePublishedSharesCsv(std::string_view text, const std::string& file_name);

}  // namespace saylau::formats
