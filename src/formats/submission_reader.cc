// SubmissionReader for CSV (streaming, header-driven) and JSON Lines (nlohmann::json).
#include "saylau/formats/submission_reader.h"

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "open_data_reader.h"
#include "saylau/base/text.h"
#include "saylau/formats/csv_reader.h"

namespace saylau::formats {
namespace {

// A value for a message or a stored list: its first 40 bytes, as valid UTF-8, in quotes.
std::string Quoted(std::string_view text) { return "'" + EscapeText(Utf8Prefix(text, 40)) + "'"; }

// `value` as stored: unchanged when it is clean text under `rule`; else with the offending
// bytes written \xHH, and a `utf8` problem naming the field, what is wrong and where.
std::string CleanField(std::string_view value, std::string_view field, TextRule rule,
                       std::vector<core::Violation>& problems) {
  const std::optional<TextProblem> problem = CheckText(value, rule);
  if (!problem) return std::string(value);
  std::string cleaned = EscapeText(value, rule);
  problems.push_back(
      {"utf8", std::string(field) + ": " + DescribeTextProblem(*problem, EscapeText(Utf8Prefix(value, 60), rule))});
  return cleaned;
}

// Whether `text` is written as a whole number (an optional minus, then digits), so that one
// that does not fit in 64 bits is told apart from one that is not a number at all.
bool LooksLikeInteger(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "name='text'" for a line whose value cannot be read, saying when it is a number too large.
std::string UnreadableLine(std::string_view name, std::string_view text) {
  std::string item = EscapeText(name) + "=" + Quoted(text);
  if (LooksLikeInteger(text)) item += " (out of range)";
  return item;
}

class CsvSubmissions : public SubmissionReader {
 public:
  CsvSubmissions(std::string_view text, std::string file_name)
      : reader_(text, std::move(file_name)), origin_prefix_(EscapeText(reader_.file_name()) + ":") {}

  Status ReadHeader() {
    Result<bool> got = reader_.Next(header_);
    if (!got) return got.error();
    const std::string& file = reader_.file_name();
    if (!*got) return InvalidArgument(EscapeText(file) + ": the file is empty; expected a header line");
    const auto find = [&](std::string_view name) {
      for (std::size_t i = 0; i < header_.fields.size(); ++i) {
        if (header_.fields[i] == name) return static_cast<int>(i);
      }
      return -1;
    };
    contest_ = find("contest");
    unit_ = find("unit");
    round_ = find("round");
    commission_ = find("commission");
    reason_ = find("reason");
    photo_ = find("photo_sha256");
    time_ = find("time");
    voters_ = find("voters");
    issued_ = find("issued");
    const std::string at = origin_prefix_ + std::to_string(header_.line) + ": ";
    if (unit_ < 0) return InvalidArgument(at + "the header needs a 'unit' column");
    if (contest_ >= 0 && time_ >= 0) {
      return InvalidArgument(at +
                             "a file holds protocols (a 'contest' column) or turnout reports (a 'time' column), "
                             "not both");
    }
    if (contest_ < 0 && time_ < 0) {
      return InvalidArgument(at +
                             "the header needs a 'contest' column (protocols) or a 'time' column (turnout "
                             "reports)");
    }
    std::unordered_set<std::string_view> names;  // a file may have thousands of columns: no quadratic search
    names.reserve(header_.fields.size());
    for (std::size_t i = 0; i < header_.fields.size(); ++i) {
      const std::string& name = header_.fields[i];
      if (const std::optional<TextProblem> problem = CheckText(name)) {
        return InvalidArgument(at + "column " + std::to_string(i + 1) +
                               ": its name: " + DescribeTextProblem(*problem, EscapeText(Utf8Prefix(name, 60))));
      }
      if (name.empty()) return InvalidArgument(at + "column " + std::to_string(i + 1) + " has no name");
      if (!names.insert(name).second) return InvalidArgument(at + "column '" + name + "' appears twice");
      if (time_ >= 0 && name != "unit" && name != "time" && name != "round" && name != "voters" &&
          name != "issued" && name != "commission" && name != "reason") {
        return InvalidArgument(at + "unknown column '" + name +
                               "' in a turnout file (columns: unit, time, round, voters, issued, commission, reason)");
      }
    }
    if (time_ >= 0 && (voters_ < 0 || issued_ < 0)) {
      return InvalidArgument(at + "a turnout file needs the columns voters and issued");
    }
    is_line_.assign(header_.fields.size(), true);
    for (int column : {contest_, unit_, round_, commission_, reason_, photo_}) {
      if (column >= 0) is_line_[column] = false;
    }
    return {};
  }

  Result<bool> Next(Submission& out) override {
    int line = 0;
    Result<bool> got = reader_.NextViews(fields_, line);
    if (!got || !*got) return got;
    const std::string origin = origin_prefix_ + std::to_string(line);
    const std::vector<std::string_view>& fields = fields_;
    std::vector<core::Violation> problems;
    // A field as stored: clean text, or escaped with a `utf8` problem; a reason may span lines.
    const auto cell = [&](int column) -> std::string {
      if (column < 0 || column >= static_cast<int>(fields.size())) return std::string();
      return CleanField(fields[column], header_.fields[column],
                        column == reason_ ? TextRule::kMultiline : TextRule::kLine, problems);
    };
    std::vector<std::string> unreadable;
    if (fields.size() != header_.fields.size()) {
      unreadable.push_back("the row has " + std::to_string(fields.size()) + " fields, the header " +
                           std::to_string(header_.fields.size()));
    }
    // The round (default 1): a whole number 1..1000, else an unreadable line.
    const auto read_round = [&](int& round) {
      if (round_ < 0 || round_ >= static_cast<int>(fields.size()) || fields[round_].empty()) return;
      const auto value = ParseInteger(fields[round_]);
      if (value && *value >= 1 && *value <= 1000) {
        round = static_cast<int>(*value);
      } else {
        (void)cell(round_);  // names a field that is not text as well
        unreadable.push_back(UnreadableLine("round", fields[round_]));
      }
    };
    if (time_ >= 0) {
      core::TurnoutSubmission report;
      report.unit = cell(unit_);
      report.time = cell(time_);
      read_round(report.round);
      report.commission = cell(commission_);
      report.reason = cell(reason_);
      report.origin = origin;
      for (auto [column, target] : {std::pair{voters_, &report.voters}, std::pair{issued_, &report.issued}}) {
        const std::string_view text = column < static_cast<int>(fields.size()) ? fields[column] : std::string_view();
        if (const auto value = ParseInteger(text)) {
          *target = *value;
        } else {
          (void)cell(column);  // names a field that is not text as well
          unreadable.push_back(UnreadableLine(header_.fields[column], text));
        }
      }
      report.unreadable = std::move(unreadable);
      report.read_problems = std::move(problems);
      out = std::move(report);
      return true;
    }
    core::ProtocolSubmission protocol;
    protocol.contest = cell(contest_);
    protocol.unit = cell(unit_);
    protocol.commission = cell(commission_);
    protocol.reason = cell(reason_);
    protocol.photo = cell(photo_);
    protocol.origin = origin;
    read_round(protocol.round);
    const std::size_t columns = std::min(fields.size(), header_.fields.size());
    std::size_t given = 0;  // the lines on this protocol, so that its list is allocated once
    for (std::size_t i = 0; i < columns; ++i) given += !fields[i].empty() && is_line_[i];
    protocol.lines.reserve(given);
    for (std::size_t i = 0; i < columns; ++i) {
      const int column = static_cast<int>(i);
      if (!is_line_[i]) continue;       // contest, unit, round, commission, reason, photo
      if (fields[i].empty()) continue;  // the line is not on this protocol
      if (const auto value = ParseInteger(fields[i])) {
        protocol.lines.emplace_back(header_.fields[i], *value);
      } else {
        (void)cell(column);  // names a field that is not text as well
        unreadable.push_back(UnreadableLine(header_.fields[i], fields[i]));
      }
    }
    protocol.unreadable = std::move(unreadable);
    protocol.read_problems = std::move(problems);
    out = std::move(protocol);
    return true;
  }

  std::size_t position() const override { return reader_.position(); }
  std::size_t size() const override { return reader_.size(); }
  bool CanContinue() const override { return true; }
  void ContinueWith(std::string_view more) override { reader_.Continue(more); }

 private:
  CsvReader reader_;
  CsvRecord header_;
  std::string origin_prefix_;  // "file:", the name escaped when it is not clean text
  std::vector<std::string_view> fields_;
  std::vector<bool> is_line_;  // by column: a protocol line or option (not contest, unit, round, ...)
  int contest_ = -1, unit_ = -1, round_ = -1, commission_ = -1, reason_ = -1, photo_ = -1, time_ = -1, voters_ = -1,
      issued_ = -1;
};

class JsonLinesSubmissions : public SubmissionReader {
 public:
  JsonLinesSubmissions(std::string_view text, const std::string& file_name)
      : text_(text), origin_prefix_(EscapeText(file_name) + ":") {}

  Result<bool> Next(Submission& out) override {
    while (position_ < text_.size()) {
      std::size_t end = text_.find('\n', position_);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view line = text_.substr(position_, end - position_);
      position_ = end + 1;
      const int number = ++line_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      const std::string origin = origin_prefix_ + std::to_string(number);
      Result<Submission> parsed = ParseSubmissionJson(line, origin);
      if (!parsed) {
        // Still a submission, so that it is stored as rejected with what was wrong.
        core::ProtocolSubmission broken;
        broken.origin = origin;
        if (const std::optional<TextProblem> problem = CheckText(line, TextRule::kMultiline);
            problem && problem->encoding) {
          broken.read_problems.push_back(
              {"utf8", "the line: " + DescribeTextProblem(*problem, EscapeText(Utf8Prefix(line, 40)))});
        }
        broken.read_problems.push_back(
            {"readable-lines", "line " + std::to_string(number) + " is " + parsed.error().message});
        out = std::move(broken);
        return true;
      }
      out = std::move(*parsed);
      return true;
    }
    return false;
  }

  std::size_t position() const override { return std::min(position_, text_.size()); }
  std::size_t size() const override { return text_.size(); }
  bool CanContinue() const override { return true; }
  void ContinueWith(std::string_view more) override {
    text_ = more;
    position_ = 0;
  }

 private:
  std::string_view text_;
  std::string origin_prefix_;  // "file:", the name escaped when it is not clean text
  std::size_t position_ = 0;
  int line_ = 0;
};

// Not ordered_json: its objects look keys up one by one, quadratic in a line with many lines;
// a protocol's lines are stored in the order of their names.
using Json = nlohmann::json;

// `text` with each byte that is not part of UTF-8 written \\xHH: inside a JSON string that
// reads as the text \xHH, so the rest of the line can still be parsed.
std::string RepairUtf8ForJson(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length == 0) {
      constexpr char kDigits[] = "0123456789ABCDEF";
      const unsigned char c = static_cast<unsigned char>(text[at]);
      out += "\\\\x";
      out += kDigits[c >> 4];
      out += kDigits[c & 15];
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

// A JSON value as a whole number of 64 bits, if it is one.
std::optional<std::int64_t> JsonInteger(const Json& value) {
  if (value.is_number_unsigned()) {
    const std::uint64_t number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(number);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return std::nullopt;
}

// A JSON value for a message: at most 40 bytes of its text, saying when it is a whole number
// too large for 64 bits.
std::string Shown(const Json& value) {
  const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string shown(Utf8Prefix(text, 40));
  if (shown.size() < text.size()) shown += "…";
  if (value.is_number_unsigned()) shown += " (out of range)";
  return shown;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

Result<Submission> ParseSubmissionJson(std::string_view json_text, const std::string& origin) {
  // Bytes that are not UTF-8 are written \\xHH (inside a string: the text \xHH) so that the rest
  // can still be read and the row stored, rejected under `utf8`, with what it says.
  const std::optional<std::size_t> invalid = FindInvalidUtf8(json_text);
  const std::string repaired = invalid ? RepairUtf8ForJson(json_text) : std::string();
  Json json;
  try {
    json = Json::parse(invalid ? std::string_view(repaired) : json_text);
  } catch (const Json::exception& error) {
    std::string where;
    if (const auto* parse = dynamic_cast<const Json::parse_error*>(&error)) {
      where = " (at byte " + std::to_string(parse->byte) + ")";
    }
    return InvalidArgument("not JSON" + where + ": " + Quoted(json_text));
  }
  if (!json.is_object()) {
    return InvalidArgument("a JSON " + std::string(json.type_name()) + ", not an object: " + Quoted(json_text));
  }
  std::vector<core::Violation> problems;
  bool named = false;  // whether the bytes that are not UTF-8 were found in a field we read
  const auto clean = [&](const std::string& value, std::string_view field, TextRule rule) {
    if (invalid && value.find("\\x") != std::string::npos) {
      named = true;
      problems.push_back({"utf8", std::string(field) + ": not UTF-8 (the bytes are shown \\xHH): " + Quoted(value) +
                                      "; " + std::string(kUtf8Hint)});
    }
    return CleanField(value, field, rule, problems);
  };
  const auto text = [&](const char* name, TextRule rule = TextRule::kLine) {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? clean(it->get_ref<const std::string&>(), name, rule) : std::string();
  };
  const auto finish = [&](auto& submission) {
    if (invalid && !named) {
      problems.push_back({"utf8", "not UTF-8 at byte " + std::to_string(*invalid + 1) + ": " + Quoted(json_text) +
                                      "; " + std::string(kUtf8Hint)});
    }
    submission.read_problems = std::move(problems);
  };
  // The round (default 1): a whole number 1..1000, else an unreadable line.
  const auto read_round = [&json](auto& submission) {
    const auto round = json.find("round");
    if (round == json.end()) return;
    const std::optional<std::int64_t> value = JsonInteger(*round);
    if (value && *value >= 1 && *value <= 1000) {
      submission.round = static_cast<int>(*value);
    } else {
      submission.unreadable.push_back("round=" + Shown(*round));
    }
  };
  if (json.contains("time")) {
    core::TurnoutSubmission report;
    report.unit = text("unit");
    report.time = text("time");
    read_round(report);
    report.commission = text("commission");
    report.reason = text("reason", TextRule::kMultiline);
    report.origin = origin;
    for (auto [name, target] : {std::pair{"voters", &report.voters}, std::pair{"issued", &report.issued}}) {
      const auto it = json.find(name);
      if (const std::optional<std::int64_t> value = it != json.end() ? JsonInteger(*it) : std::nullopt) {
        *target = *value;
      } else {
        report.unreadable.push_back(std::string(name) + "=" + (it == json.end() ? "missing" : Shown(*it)));
      }
    }
    finish(report);
    return Submission(std::move(report));
  }
  core::ProtocolSubmission protocol;
  protocol.contest = text("contest");
  protocol.unit = text("unit");
  protocol.commission = text("commission");
  protocol.reason = text("reason", TextRule::kMultiline);
  protocol.photo = text("photo_sha256");
  protocol.origin = origin;
  read_round(protocol);
  const auto lines = json.find("lines");
  if (lines == json.end() || !lines->is_object()) {
    protocol.unreadable.push_back("'lines' must be an object of line names and whole numbers");
  } else {
    for (const auto& [name, value] : lines->items()) {
      const std::string line = clean(name, "line name", TextRule::kLine);
      if (const std::optional<std::int64_t> number = JsonInteger(value)) {
        protocol.lines.emplace_back(line, *number);
      } else {
        protocol.unreadable.push_back(line + "=" + Shown(value));
      }
    }
  }
  finish(protocol);
  return Submission(std::move(protocol));
}

bool ReadsAsJsonLines(std::string_view text, const std::string& file_name) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return EndsWith(file_name, ".jsonl") || EndsWith(file_name, ".ndjson") ||
         (!EndsWith(file_name, ".csv") && first != std::string_view::npos && text[first] == '{');
}

Result<std::unique_ptr<SubmissionReader>> OpenSubmissions(std::string_view text, const std::string& file_name) {
  // UTF-16 (what some spreadsheets call "Unicode text"): every row would fail, so the file does.
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    return InvalidArgument(EscapeText(file_name) +
                           ": the file is UTF-16, not UTF-8: convert with iconv -f utf-16 -t utf-8");
  }
  if (ReadsAsJsonLines(text, file_name)) {
    if (IsOpenDataJsonLines(text)) return OpenOpenDataJsonLines(text, file_name);
    return std::unique_ptr<SubmissionReader>(new JsonLinesSubmissions(text, file_name));
  }
  {
    // saylau's own open data (one row per option): grouped back into protocols.
    CsvReader peek(text, file_name);
    CsvRecord header;
    if (Result<bool> got = peek.Next(header); got && *got && IsOpenDataHeader(header.fields)) {
      return OpenOpenDataCsv(text, file_name);
    }
  }
  auto csv = std::make_unique<CsvSubmissions>(text, file_name);
  if (Status ok = csv->ReadHeader(); !ok) return ok.error();
  return std::unique_ptr<SubmissionReader>(std::move(csv));
}

}  // namespace saylau::formats
