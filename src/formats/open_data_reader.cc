// Open data (CSV or JSON Lines, one row per option) grouped back into protocols.
#include "open_data_reader.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "saylau/base/text.h"
#include "saylau/formats/csv_reader.h"
#include "saylau/formats/open_data_layout.h"

namespace saylau::formats {
namespace {

// One row: a protocol's key, one option's votes and the protocol's lines.
struct OpenDataRow {
  std::string contest, unit, option;
  int round = 1;
  std::int64_t votes = 0;
  std::vector<std::pair<std::string, std::int64_t>> lines;  // the cells given, in column order
  int line = 0;                                             // where in the file
};

// Groups consecutive rows of one (contest, round, unit) into protocols.
class Grouper {
 public:
  explicit Grouper(std::string prefix) : prefix_(std::move(prefix)) {}

  Status Add(OpenDataRow row) {
    const std::string at = prefix_ + std::to_string(row.line) + ": ";
    if (row.contest.empty() || row.unit.empty() || row.option.empty()) {
      return InvalidArgument(at + "an open-data row needs its contest, unit and option");
    }
    const Key key{row.contest, row.round, row.unit};
    if (!protocols_.empty() && key == current_) {
      core::ProtocolSubmission& protocol = protocols_.back();
      if (const auto [it, fresh] = options_.emplace(row.option, row.line); !fresh) {
        return InvalidArgument(at + "option '" + EscapeText(row.option) + "' of " + Describe(key) +
                               " appears twice (first at line " + std::to_string(it->second) + ")");
      }
      if (row.lines != lines_) return InvalidArgument(at + Disagreement(row.lines, key));
      protocol.lines.emplace_back(row.option, row.votes);
      return {};
    }
    if (const auto [it, fresh] = started_.emplace(key, row.line); !fresh) {
      return InvalidArgument(at + "the rows of " + Describe(key) + " are not together (it began at line " +
                             std::to_string(it->second) + ")");
    }
    current_ = key;
    first_line_ = row.line;
    options_ = {{row.option, row.line}};
    lines_ = row.lines;
    core::ProtocolSubmission protocol;
    protocol.contest = row.contest;
    protocol.unit = row.unit;
    protocol.round = row.round;
    protocol.origin = prefix_ + std::to_string(row.line);
    protocol.lines = std::move(row.lines);
    protocol.lines.emplace_back(row.option, row.votes);
    protocols_.push_back(std::move(protocol));
    return {};
  }

  std::vector<core::ProtocolSubmission> Take() { return std::move(protocols_); }

 private:
  using Key = std::tuple<std::string, int, std::string>;

  static std::string Describe(const Key& key) {
    const auto& [contest, round, unit] = key;
    return "the protocol of " + EscapeText(contest) + " at " + EscapeText(unit) +
           (round > 1 ? " (round " + std::to_string(round) + ")" : "");
  }

  static std::string Value(const std::vector<std::pair<std::string, std::int64_t>>& lines, const std::string& name) {
    for (const auto& [line, value] : lines) {
      if (line == name) return std::to_string(value);
    }
    return "empty";
  }

  // The first line whose value differs from the protocol's first row.
  std::string Disagreement(const std::vector<std::pair<std::string, std::int64_t>>& lines, const Key& key) const {
    std::vector<std::string> names;
    for (const auto& [name, value] : lines) names.push_back(name);
    for (const auto& [name, value] : lines_) names.push_back(name);
    for (const std::string& name : names) {
      const std::string here = Value(lines, name), there = Value(lines_, name);
      if (here != there) {
        return "line " + EscapeText(name) + " of " + Describe(key) + " is " + here + " here but " + there +
               " on its first row (line " + std::to_string(first_line_) + ")";
      }
    }
    return "the lines of " + Describe(key) + " differ from its first row (line " + std::to_string(first_line_) + ")";
  }

  std::string prefix_;
  std::vector<core::ProtocolSubmission> protocols_;
  Key current_;
  int first_line_ = 0;
  std::map<std::string, int> options_;                       // of the current protocol: option -> line
  std::vector<std::pair<std::string, std::int64_t>> lines_;  // of the current protocol's first row
  std::map<Key, int> started_;                               // every protocol met: key -> its first line
};

class ReadProtocols : public SubmissionReader {
 public:
  ReadProtocols(std::vector<core::ProtocolSubmission> protocols, std::size_t bytes)
      : protocols_(std::move(protocols)), bytes_(bytes) {}

  Result<bool> Next(Submission& out) override {
    if (next_ >= protocols_.size()) return false;
    out = std::move(protocols_[next_++]);
    return true;
  }
  std::size_t position() const override { return protocols_.empty() ? bytes_ : bytes_ * next_ / protocols_.size(); }
  std::size_t size() const override { return bytes_; }

 private:
  std::vector<core::ProtocolSubmission> protocols_;
  std::size_t bytes_;
  std::size_t next_ = 0;
};

Result<int> ParseRound(std::string_view text, const std::string& at) {
  if (text.empty()) return 1;
  const std::optional<std::int64_t> round = ParseInteger(text);
  if (!round || *round < 1 || *round > 1000)
    return InvalidArgument(at + "round: '" + EscapeText(text) + "' is not a round");
  return static_cast<int>(*round);
}

}  // namespace

bool IsOpenDataHeader(const std::vector<std::string>& columns) {
  bool option = false, votes = false;
  for (const std::string& column : columns) {
    option |= column == "option";
    votes |= column == "votes";
  }
  return option && votes;
}

bool IsOpenDataJsonLines(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  const std::size_t end = text.find('\n', start);
  const nlohmann::json first = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
  return first.is_object() && first.contains("option") && first.contains("votes") && !first.contains("lines");
}

Result<std::unique_ptr<SubmissionReader>> OpenOpenDataCsv(std::string_view text, const std::string& file_name) {
  CsvReader reader(text, file_name);
  const std::string prefix = EscapeText(file_name) + ":";
  CsvRecord header;
  Result<bool> got = reader.Next(header);
  if (!got) return got.error();
  if (!*got) return InvalidArgument(prefix + " the file is empty; expected a header line");
  const auto find = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (header.fields[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int contest = find("contest"), unit = find("unit"), round = find("round"), option = find("option"),
            votes = find("votes");
  const std::string header_at = prefix + std::to_string(header.line) + ": ";
  if (contest < 0 || unit < 0) return InvalidArgument(header_at + "open data needs the columns contest and unit");
  std::set<std::string_view> names;
  for (const std::string& name : header.fields) {
    if (const std::optional<TextProblem> problem = CheckText(name)) {
      return InvalidArgument(header_at + "a column's name: " + DescribeTextProblem(*problem, EscapeText(name)));
    }
    if (!names.insert(name).second) return InvalidArgument(header_at + "column '" + name + "' appears twice");
  }
  Grouper grouper(prefix);
  std::vector<std::string_view> fields;
  int line = 0;
  while (true) {
    got = reader.NextViews(fields, line);
    if (!got) return got.error();
    if (!*got) break;
    const std::string at = prefix + std::to_string(line) + ": ";
    if (fields.size() != header.fields.size()) {
      return InvalidArgument(at + "the row has " + std::to_string(fields.size()) + " fields, the header " +
                             std::to_string(header.fields.size()));
    }
    for (const std::string_view field : fields) {
      if (const std::optional<TextProblem> problem = CheckText(field)) {
        return InvalidArgument(at + DescribeTextProblem(*problem, EscapeText(Utf8Prefix(field, 60))));
      }
    }
    OpenDataRow row;
    row.line = line;
    row.contest = std::string(fields[contest]);
    row.unit = std::string(fields[unit]);
    row.option = std::string(fields[option]);
    Result<int> parsed_round = ParseRound(round >= 0 ? fields[round] : std::string_view(), at);
    if (!parsed_round) return parsed_round.error();
    row.round = *parsed_round;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const bool is_votes = static_cast<int>(i) == votes;
      if (!is_votes && IsOpenDataField(header.fields[i])) continue;
      if (fields[i].empty() && !is_votes) continue;  // the contest's form has no such line
      const std::optional<std::int64_t> value = ParseInteger(fields[i]);
      if (!value) {
        return InvalidArgument(at + header.fields[i] + ": '" + EscapeText(Utf8Prefix(fields[i], 40)) +
                               "' is not a whole number");
      }
      if (is_votes) {
        row.votes = *value;
      } else {
        row.lines.emplace_back(header.fields[i], *value);
      }
    }
    if (Status ok = grouper.Add(std::move(row)); !ok) return ok.error();
  }
  return std::unique_ptr<SubmissionReader>(new ReadProtocols(grouper.Take(), text.size()));
}

Result<std::unique_ptr<SubmissionReader>> OpenOpenDataJsonLines(std::string_view text, const std::string& file_name) {
  const std::string prefix = EscapeText(file_name) + ":";
  Grouper grouper(prefix);
  int number = 0;
  for (std::size_t position = 0; position < text.size();) {
    std::size_t end = text.find('\n', position);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(position, end - position);
    position = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string at = prefix + std::to_string(number) + ": ";
    if (const std::optional<TextProblem> problem = CheckText(line, TextRule::kMultiline)) {
      return InvalidArgument(at + DescribeTextProblem(*problem, EscapeText(Utf8Prefix(line, 60))));
    }
    const nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
    if (!json.is_object()) return InvalidArgument(at + "not a JSON object");
    OpenDataRow row;
    row.line = number;
    const auto text_of = [&](const char* name) {
      const auto it = json.find(name);
      return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    row.contest = text_of("contest");
    row.unit = text_of("unit");
    row.option = text_of("option");
    if (const auto round = json.find("round"); round != json.end()) {
      if (!round->is_number_integer() || round->get<std::int64_t>() < 1 || round->get<std::int64_t>() > 1000) {
        return InvalidArgument(at + "round: " + round->dump() + " is not a round");
      }
      row.round = round->get<int>();
    }
    for (const auto& [name, value] : json.items()) {
      const bool is_votes = name == "votes";
      if (!is_votes && IsOpenDataField(name)) continue;
      if (!value.is_number_integer() || (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
        return InvalidArgument(at + EscapeText(name) + ": " + EscapeText(Utf8Prefix(value.dump(), 40)) +
                               " is not a whole number");
      }
      if (is_votes) {
        row.votes = value.get<std::int64_t>();
      } else {
        row.lines.emplace_back(name, value.get<std::int64_t>());
      }
    }
    if (json.find("votes") == json.end()) return InvalidArgument(at + "an open-data row needs its votes");
    if (Status ok = grouper.Add(std::move(row)); !ok) return ok.error();
  }
  return std::unique_ptr<SubmissionReader>(new ReadProtocols(grouper.Take(), text.size()));
}

}  // namespace saylau::formats
