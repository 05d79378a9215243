// Observers' reports without figures: read from a signed body or a file, checked, and written
// canonically (see observer_report_json.h).
#include "saylau/formats/observer_report_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "saylau/base/text.h"
#include "saylau/formats/csv.h"

namespace saylau::formats {
namespace {

using nlohmann::json;

constexpr std::string_view kFields[] = {"contest", "unit", "round", "observation", "observed_at", "note", "commission"};

bool IsReportField(std::string_view name) {
  for (std::string_view field : kFields) {
    if (field == name) return true;
  }
  return false;
}

std::string KnownReasons() {
  std::string names;
  for (core::ObservationReason reason : core::kObservationReasons) {
    if (!names.empty()) names += ", ";
    names += core::ObservationReasonName(reason);
  }
  return names;
}

// Two digits at `at` within [low, high].
bool Digits(std::string_view text, std::size_t at, int low, int high) {
  if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') {
    return false;
  }
  const int value = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return value >= low && value <= high;
}

// YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)
bool IsTimestamp(std::string_view text) {
  if (text.size() < 17) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  if (text[4] != '-' || !Digits(text, 5, 1, 12) || text[7] != '-' || !Digits(text, 8, 1, 31) || text[10] != 'T' ||
      !Digits(text, 11, 0, 23) || text[13] != ':' || !Digits(text, 14, 0, 59)) {
    return false;
  }
  std::size_t at = 16;
  if (text[at] == ':') {
    if (!Digits(text, at + 1, 0, 60)) return false;
    at += 3;
  }
  const std::string_view zone = text.substr(at);
  if (zone == "Z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 0, 14) && zone[3] == ':' &&
         Digits(zone, 4, 0, 59);
}

// Fills `report` from named text fields (a JSON object's strings or a CSV row); `round` as text.
Status FillReport(core::ObserverReport& report, const std::string& observation, const std::string& round) {
  const std::optional<core::ObservationReason> reason = core::ObservationReasonFromName(observation);
  if (!reason) {
    return InvalidArgument(
        fmt::format("field 'observation': unknown reason '{}' (known: {})", observation, KnownReasons()));
  }
  report.reason = *reason;
  if (!round.empty()) {
    int value = 0;
    for (char c : round) {
      if (c < '0' || c > '9' || value > 1000) return InvalidArgument("field 'round' must be a whole number 1-1000");
      value = value * 10 + (c - '0');
    }
    report.round = value;
  }
  return CheckObserverReport(report);
}

}  // namespace

Status CheckObserverReport(const core::ObserverReport& report) {
  if (report.contest.empty()) return InvalidArgument("field 'contest' is required");
  if (report.unit.empty()) return InvalidArgument("field 'unit' (the polling station) is required");
  if (report.round < 1 || report.round > 1000) return InvalidArgument("field 'round' is out of range (1-1000)");
  if (!IsTimestamp(report.observed_at)) {
    return InvalidArgument("field 'observed_at': '" + report.observed_at +
                           "' is not a time YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM");
  }
  for (const auto& [name, value, rule] :
       {std::tuple{"contest", &report.contest, TextRule::kId}, std::tuple{"unit", &report.unit, TextRule::kId},
        std::tuple{"note", &report.note, TextRule::kMultiline}}) {
    if (const std::optional<TextProblem> problem = CheckText(*value, rule)) {
      return InvalidArgument(fmt::format("field '{}': {}{}", name, problem->message,
                                         problem->encoding ? "; " + std::string(kUtf8Hint) : std::string()));
    }
  }
  if (report.note.size() > core::kMaxObservationNoteBytes) {
    return InvalidArgument(fmt::format("field 'note': {} bytes, more than the {} a note may have", report.note.size(),
                                       core::kMaxObservationNoteBytes));
  }
  if (report.reason == core::ObservationReason::kOther && report.note.empty()) {
    return InvalidArgument("field 'note': the reason 'other' needs a note saying what happened");
  }
  return {};
}

Result<std::optional<core::ObserverReport>> ParseObserverReportJson(std::string_view text, const std::string& origin) {
  json object = json::parse(text, nullptr, false);
  if (object.is_discarded() || !object.is_object()) return InvalidArgument("not a JSON object");
  if (!object.contains("observation")) return std::optional<core::ObserverReport>();
  core::ObserverReport report;
  report.origin = origin;
  std::string observation, round;
  for (const auto& [name, value] : object.items()) {
    if (!IsReportField(name)) {
      return InvalidArgument(
          fmt::format("field '{}': a report without figures has only {}; figures go in a copy of the protocol, without "
                      "'observation'",
                      name, "contest, unit, round, observation, observed_at and note"));
    }
    if (name == "round") {
      if (!value.is_number_integer()) return InvalidArgument("field 'round' must be a whole number 1-1000");
      const std::int64_t number = value.get<std::int64_t>();
      if (number < 1 || number > 1000) return InvalidArgument("field 'round' is out of range (1-1000)");
      round = std::to_string(number);
      continue;
    }
    if (!value.is_string()) return InvalidArgument("field '" + name + "' must be a string");
    const std::string& string = value.get_ref<const std::string&>();
    if (name == "contest") report.contest = string;
    if (name == "unit") report.unit = string;
    if (name == "observation") observation = string;
    if (name == "observed_at") report.observed_at = string;
    if (name == "note") report.note = string;
    if (name == "commission") report.observer = string;
  }
  if (Status ok = FillReport(report, observation, round); !ok) return ok.error();
  return std::optional<core::ObserverReport>(std::move(report));
}

std::string EncodeObserverReport(const core::ObserverReport& report) {
  json object = {{"contest", report.contest},
                 {"unit", report.unit},
                 {"round", report.round},
                 {"observation", std::string(core::ObservationReasonName(report.reason))},
                 {"observed_at", report.observed_at}};
  if (!report.note.empty()) object["note"] = report.note;
  if (!report.observer.empty()) object["commission"] = report.observer;
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool IsObserverReportsFile(std::string_view text, const std::string& file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  const bool lines = file_name.ends_with(".jsonl") || file_name.ends_with(".ndjson") || text[start] == '{';
  const std::string_view first = text.substr(start, text.find('\n', start) - start);
  if (lines) {
    const json object = json::parse(first, nullptr, false);
    return !object.is_discarded() && object.is_object() && object.contains("observation");
  }
  Result<std::vector<CsvRecord>> header = ParseCsv(first, file_name);
  if (!header || header->empty()) return false;
  for (const std::string& column : (*header)[0].fields) {
    if (column == "observation") return true;
  }
  return false;
}

Result<std::vector<core::ObserverReport>> ReadObserverReports(std::string_view text, const std::string& file_name) {
  std::vector<core::ObserverReport> reports;
  if (const std::optional<std::size_t> bad = FindInvalidUtf8(text)) {
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(*bad), '\n'));
    return InvalidArgument(fmt::format("{}:{}: not UTF-8 at byte {}; {}", file_name, line, *bad, kUtf8Hint));
  }
  std::string_view body = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
  const std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return reports;
  if (file_name.ends_with(".jsonl") || file_name.ends_with(".ndjson") || body[start] == '{') {
    int line = 0;
    std::size_t at = 0;
    while (at <= body.size()) {
      const std::size_t end = std::min(body.find('\n', at), body.size());
      const std::string_view row = body.substr(at, end - at);
      ++line;
      at = end + 1;
      if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const std::string origin = fmt::format("{}:{}", file_name, line);
      Result<std::optional<core::ObserverReport>> report = ParseObserverReportJson(row, origin);
      if (!report) return InvalidArgument(origin + ": " + report.error().message);
      if (!*report) return InvalidArgument(origin + ": not an observer's report (no 'observation')");
      reports.push_back(std::move(**report));
    }
    return reports;
  }
  Result<std::vector<CsvRecord>> records = ParseCsv(body, file_name);
  if (!records) return records.error();
  const std::vector<std::string>& header = (*records)[0].fields;
  for (const std::string& column : header) {
    if (!IsReportField(column)) {
      return InvalidArgument(fmt::format(
          "{}:{}: column '{}': a file of reports without figures has only the columns contest, unit, round, "
          "observation, observed_at and note",
          file_name, (*records)[0].line, column));
    }
  }
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    const std::string origin = fmt::format("{}:{}", file_name, record.line);
    if (record.fields.size() != header.size()) {
      return InvalidArgument(
          fmt::format("{}: {} fields, but the header has {}", origin, record.fields.size(), header.size()));
    }
    core::ObserverReport report;
    report.origin = origin;
    std::string observation, round;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& value = record.fields[c];
      if (header[c] == "contest") report.contest = value;
      if (header[c] == "unit") report.unit = value;
      if (header[c] == "round") round = value;
      if (header[c] == "observation") observation = value;
      if (header[c] == "observed_at") report.observed_at = value;
      if (header[c] == "note") report.note = value;
      if (header[c] == "commission") report.observer = value;
    }
    if (Status ok = FillReport(report, observation, round); !ok)
      return InvalidArgument(origin + ": " + ok.error().message);
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace saylau::formats
