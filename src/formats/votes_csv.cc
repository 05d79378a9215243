#include "saylau/formats/votes_csv.h"

#include <set>

#include "saylau/base/text.h"
#include "saylau/formats/csv.h"

namespace saylau::formats {

std::optional<std::int64_t> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

Result<std::vector<core::ListVotes>> ParseVotesCsv(std::string_view text, const std::string& file_name) {
  Result<std::vector<CsvRecord>> records = ParseCsv(text, file_name);
  if (!records) return records.error();
  const auto at = [&](int line, const std::string& message) {
    return InvalidArgument(EscapeText(file_name + ":" + std::to_string(line) + ": " + message));
  };
  if (records->empty()) return at(1, "the file is empty; expected the header option,votes");
  const CsvRecord& header = records->front();
  if (header.fields.size() != 2 || header.fields[0] != "option" || header.fields[1] != "votes") {
    return at(header.line, "the header must be exactly option,votes");
  }
  std::vector<core::ListVotes> lists;
  std::set<std::string> seen;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const CsvRecord& row = (*records)[i];
    if (row.fields.size() != 2) {
      return at(row.line, "expected 2 fields (option,votes), found " + std::to_string(row.fields.size()));
    }
    const std::string& option = row.fields[0];
    if (option.empty()) return at(row.line, "the option name is empty");
    if (const std::optional<TextProblem> problem = CheckText(option)) {
      return at(row.line, "option: " + DescribeTextProblem(*problem, EscapeText(Utf8Prefix(option, 60))));
    }
    if (!seen.insert(option).second) return at(row.line, "option '" + option + "' appears twice");
    const std::optional<std::int64_t> votes = ParseCount(row.fields[1]);
    if (!votes) {
      return at(row.line,
                "votes for '" + option + "' must be a non-negative whole number, got '" + row.fields[1] + "'");
    }
    if (*votes > core::kMaxVotes) return at(row.line, "votes for '" + option + "' exceed 10^12");
    lists.push_back({option, *votes});
  }
  if (lists.empty()) return at(header.line, "no options after the header");
  return lists;
}

}  // namespace saylau::formats
