// SubmissionReader for CSV (streaming, header-driven) and JSON Lines (nlohmann::json).
#include "saylau/formats/submission_reader.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "saylau/formats/csv_reader.h"

namespace saylau::formats {
namespace {

std::string Quoted(std::string_view text) { return "'" + std::string(text.substr(0, 40)) + "'"; }

class CsvSubmissions : public SubmissionReader {
 public:
  CsvSubmissions(std::string_view text, std::string file_name) : reader_(text, std::move(file_name)) {}

  Status ReadHeader() {
    Result<bool> got = reader_.Next(header_);
    if (!got) return got.error();
    const std::string& file = reader_.file_name();
    if (!*got) return InvalidArgument(file + ": the file is empty; expected a header line");
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
    const std::string at = file + ":" + std::to_string(header_.line) + ": ";
    if (unit_ < 0) return InvalidArgument(at + "the header needs a 'unit' column");
    if (contest_ >= 0 && time_ >= 0) {
      return InvalidArgument(at + "a file holds protocols (a 'contest' column) or turnout reports (a 'time' column), "
                                  "not both");
    }
    if (contest_ < 0 && time_ < 0) {
      return InvalidArgument(at + "the header needs a 'contest' column (protocols) or a 'time' column (turnout "
                                  "reports)");
    }
    for (std::size_t i = 0; i < header_.fields.size(); ++i) {
      const std::string& name = header_.fields[i];
      if (name.empty()) return InvalidArgument(at + "column " + std::to_string(i + 1) + " has no name");
      if (find(name) != static_cast<int>(i)) return InvalidArgument(at + "column '" + name + "' appears twice");
      if (time_ >= 0 && name != "unit" && name != "time" && name != "voters" && name != "issued" &&
          name != "commission" && name != "reason") {
        return InvalidArgument(at + "unknown column '" + name +
                               "' in a turnout file (columns: unit, time, voters, issued, commission, reason)");
      }
    }
    if (time_ >= 0 && (voters_ < 0 || issued_ < 0)) {
      return InvalidArgument(at + "a turnout file needs the columns voters and issued");
    }
    return {};
  }

  Result<bool> Next(Submission& out) override {
    int line = 0;
    Result<bool> got = reader_.NextViews(fields_, line);
    if (!got || !*got) return got;
    const std::string origin = reader_.file_name() + ":" + std::to_string(line);
    const std::vector<std::string_view>& fields = fields_;
    const auto cell = [&](int column) -> std::string {
      return column >= 0 && column < static_cast<int>(fields.size()) ? std::string(fields[column]) : std::string();
    };
    std::vector<std::string> unreadable;
    if (fields.size() != header_.fields.size()) {
      unreadable.push_back("the row has " + std::to_string(fields.size()) + " fields, the header " +
                           std::to_string(header_.fields.size()));
    }
    if (time_ >= 0) {
      core::TurnoutSubmission report;
      report.unit = cell(unit_);
      report.time = cell(time_);
      report.commission = cell(commission_);
      report.reason = cell(reason_);
      report.origin = origin;
      for (auto [column, target] : {std::pair{voters_, &report.voters}, std::pair{issued_, &report.issued}}) {
        const std::string text = cell(column);
        if (const auto value = ParseInteger(text)) {
          *target = *value;
        } else {
          unreadable.push_back(header_.fields[column] + "=" + Quoted(text));
        }
      }
      report.unreadable = std::move(unreadable);
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
    if (round_ >= 0 && !cell(round_).empty()) {
      const auto round = ParseInteger(cell(round_));
      if (round && *round >= 1 && *round <= 1000) {
        protocol.round = static_cast<int>(*round);
      } else {
        unreadable.push_back("round=" + Quoted(cell(round_)));
      }
    }
    const std::size_t columns = std::min(fields.size(), header_.fields.size());
    for (std::size_t i = 0; i < columns; ++i) {
      const int column = static_cast<int>(i);
      if (column == contest_ || column == unit_ || column == round_ || column == commission_ || column == reason_ ||
          column == photo_) {
        continue;
      }
      if (fields[i].empty()) continue;  // the line is not on this protocol
      if (const auto value = ParseInteger(fields[i])) {
        protocol.lines.emplace_back(header_.fields[i], *value);
      } else {
        unreadable.push_back(header_.fields[i] + "=" + Quoted(fields[i]));
      }
    }
    protocol.unreadable = std::move(unreadable);
    out = std::move(protocol);
    return true;
  }

  std::size_t position() const override { return reader_.position(); }
  std::size_t size() const override { return reader_.size(); }

 private:
  CsvReader reader_;
  CsvRecord header_;
  std::vector<std::string_view> fields_;
  int contest_ = -1, unit_ = -1, round_ = -1, commission_ = -1, reason_ = -1, photo_ = -1, time_ = -1, voters_ = -1,
      issued_ = -1;
};

class JsonLinesSubmissions : public SubmissionReader {
 public:
  JsonLinesSubmissions(std::string_view text, std::string file_name) : text_(text), file_name_(std::move(file_name)) {}

  Result<bool> Next(Submission& out) override {
    while (position_ < text_.size()) {
      std::size_t end = text_.find('\n', position_);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view line = text_.substr(position_, end - position_);
      position_ = end + 1;
      const int number = ++line_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      const std::string origin = file_name_ + ":" + std::to_string(number);
      Result<Submission> parsed = ParseSubmissionJson(line, origin);
      if (!parsed) {
        core::ProtocolSubmission broken;
        broken.origin = origin;
        broken.unreadable.push_back(parsed.error().message);
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

 private:
  std::string_view text_;
  std::string file_name_;
  std::size_t position_ = 0;
  int line_ = 0;
};

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
  nlohmann::json json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return InvalidArgument("the line is not a JSON object: " + Quoted(json_text));
  const auto text = [&](const char* name) {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (json.contains("time")) {
    core::TurnoutSubmission report;
    report.unit = text("unit");
    report.time = text("time");
    report.commission = text("commission");
    report.reason = text("reason");
    report.origin = origin;
    for (auto [name, target] : {std::pair{"voters", &report.voters}, std::pair{"issued", &report.issued}}) {
      const auto it = json.find(name);
      if (it != json.end() && it->is_number_integer()) {
        *target = it->get<std::int64_t>();
      } else {
        report.unreadable.push_back(std::string(name) + "=" + (it == json.end() ? "missing" : it->dump()));
      }
    }
    return Submission(std::move(report));
  }
  core::ProtocolSubmission protocol;
  protocol.contest = text("contest");
  protocol.unit = text("unit");
  protocol.commission = text("commission");
  protocol.reason = text("reason");
  protocol.photo = text("photo_sha256");
  protocol.origin = origin;
  if (const auto round = json.find("round"); round != json.end()) {
    if (round->is_number_integer() && *round >= 1 && *round <= 1000) {
      protocol.round = round->get<int>();
    } else {
      protocol.unreadable.push_back("round=" + round->dump());
    }
  }
  const auto lines = json.find("lines");
  if (lines == json.end() || !lines->is_object()) {
    protocol.unreadable.push_back("'lines' must be an object of line names and whole numbers");
  } else {
    for (const auto& [name, value] : lines->items()) {
      if (value.is_number_integer()) {
        protocol.lines.emplace_back(name, value.get<std::int64_t>());
      } else {
        protocol.unreadable.push_back(name + "=" + value.dump());
      }
    }
  }
  return Submission(std::move(protocol));
}

Result<std::unique_ptr<SubmissionReader>> OpenSubmissions(std::string_view text, const std::string& file_name) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool json_lines = EndsWith(file_name, ".jsonl") || EndsWith(file_name, ".ndjson") ||
                          (!EndsWith(file_name, ".csv") && first != std::string_view::npos && text[first] == '{');
  if (json_lines) return std::unique_ptr<SubmissionReader>(new JsonLinesSubmissions(text, file_name));
  auto csv = std::make_unique<CsvSubmissions>(text, file_name);
  if (Status ok = csv->ReadHeader(); !ok) return ok.error();
  return std::unique_ptr<SubmissionReader>(std::move(csv));
}

}  // namespace saylau::formats
