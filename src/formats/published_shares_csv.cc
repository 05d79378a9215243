// An exit poll's published shares from CSV (published_shares_csv.h).
#include "saylau/formats/published_shares_csv.h"

#include <charconv>

#include "saylau/formats/csv.h"

namespace saylau::formats {

Result<std::vector<stats::PublishedShare>> ParsePublishedSharesCsv(std::string_view text,
                                                                   const std::string& file_name) {
  auto rows = ParseCsv(text, file_name);
  if (!rows) return rows.error();
  if (rows->empty()) return InvalidArgument(file_name + ": empty; expected option,share_percent_published");
  const CsvRecord& header = (*rows)[0];
  std::size_t option_column = header.fields.size(), share_column = header.fields.size();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    if (header.fields[i] == "option") option_column = i;
    if (header.fields[i] == "share_percent_published" || header.fields[i] == "share_percent") share_column = i;
  }
  const std::string where_header = file_name + ":" + std::to_string(header.line) + ": ";
  if (option_column == header.fields.size()) return InvalidArgument(where_header + "no column 'option'");
  if (share_column == header.fields.size())
    return InvalidArgument(where_header + "no column 'share_percent_published'");
  std::vector<stats::PublishedShare> shares;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const CsvRecord& row = (*rows)[r];
    const std::string where = file_name + ":" + std::to_string(row.line) + ": ";
    if (row.fields.size() <= std::max(option_column, share_column))
      return InvalidArgument(where + "fewer fields than the header");
    const std::string& option = row.fields[option_column];
    const std::string& text_share = row.fields[share_column];
    if (option.empty()) return InvalidArgument(where + "empty option");
    double percent = -1;
    const auto [end, error] = std::from_chars(text_share.data(), text_share.data() + text_share.size(), percent);
    if (error != std::errc() || end != text_share.data() + text_share.size() || !(percent >= 0 && percent <= 100)) {
      return InvalidArgument(where + "share of '" + option + "' is '" + text_share + "', not a percentage");
    }
    shares.push_back({option, percent / 100});
  }
  return shares;
}

}  // namespace saylau::formats
