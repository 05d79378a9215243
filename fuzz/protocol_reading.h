// For the protocol fuzz targets: reads every submission of a file (CSV or JSON Lines) and
// judges each against the small election without recording it, as `saylau ingest` does
// before storing. Reading never fails on a row (an unreadable row becomes a rejected
// submission); only a broken file stops it.
#pragma once

#include <string>
#include <string_view>

namespace saylau::fuzz {

void ReadAndJudge(std::string_view text, const std::string& file_name);

}  // namespace saylau::fuzz
