#include "saylau/formats/counts_csv.h"

#include <set>
#include <tuple>

#include "saylau/base/text.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/votes_csv.h"

namespace saylau::formats {
namespace {

struct Columns {
  int contest = -1, unit = -1, line = -1, value = -1, round = -1;
};

}  // namespace

Result<CountsByContest> ParseCountsCsv(std::string_view text, const std::string& file_name,
                                       const core::Election& election) {
  Result<std::vector<CsvRecord>> records = ParseCsv(text, file_name);
  if (!records) return records.error();
  const auto at = [&](int line, const std::string& message) {
    return InvalidArgument(EscapeText(file_name + ":" + std::to_string(line) + ": " + message));
  };
  if (records->empty()) return at(1, "the file is empty; expected the header contest,unit,line,value");
  Columns columns;
  const CsvRecord& header = records->front();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    int* slot = name == "contest" ? &columns.contest
                : name == "unit"  ? &columns.unit
                : name == "line"  ? &columns.line
                : name == "value" ? &columns.value
                : name == "round" ? &columns.round
                                  : nullptr;
    if (slot == nullptr) return at(header.line, "unknown column '" + name + "' (contest, unit, line, value, round)");
    if (*slot >= 0) return at(header.line, "column '" + name + "' appears twice");
    *slot = static_cast<int>(i);
  }
  if (columns.contest < 0 || columns.unit < 0 || columns.line < 0 || columns.value < 0) {
    return at(header.line, "the header needs the columns contest,unit,line,value");
  }

  CountsByContest counts;
  std::map<std::tuple<std::string, std::string, int>, std::size_t> slot_of;  // (contest, unit, round)
  std::set<std::tuple<std::string, std::string, int, std::string>> seen;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& row = (*records)[r];
    if (row.fields.size() != header.fields.size()) {
      return at(row.line, "expected " + std::to_string(header.fields.size()) + " fields, found " +
                              std::to_string(row.fields.size()));
    }
    const std::string& contest_id = row.fields[columns.contest];
    const std::string& unit = row.fields[columns.unit];
    const std::string& line = row.fields[columns.line];
    const core::Contest* contest = election.FindContest(contest_id);
    if (contest == nullptr) return at(row.line, "unknown contest '" + contest_id + "'");
    if (election.FindUnit(unit) == nullptr) return at(row.line, "unknown unit '" + unit + "'");
    if (!election.IsWithin(unit, contest->unit)) {
      return at(row.line,
                "unit '" + unit + "' is outside contest '" + contest_id + "' (counted over '" + contest->unit + "')");
    }
    int round = 1;
    if (columns.round >= 0) {
      const auto parsed = ParseCount(row.fields[columns.round]);
      if (!parsed || *parsed < 1 || *parsed > 2) return at(row.line, "round must be 1 or 2");
      round = static_cast<int>(*parsed);
    }
    const std::optional<std::int64_t> value = ParseCount(row.fields[columns.value]);
    if (!value || *value > core::kMaxVotes) {
      return at(row.line, "value '" + row.fields[columns.value] + "' must be a non-negative whole number up to 10^12");
    }
    if (!seen.emplace(contest_id, unit, round, line).second) {
      return at(row.line, "line '" + line + "' for contest '" + contest_id + "' at unit '" + unit + "' appears twice");
    }
    std::vector<core::UnitCount>& list = counts[contest_id];
    const auto key = std::make_tuple(contest_id, unit, round);
    auto found = slot_of.find(key);
    if (found == slot_of.end()) {
      core::UnitCount count;
      count.unit = unit;
      count.round = round;
      count.origin = file_name + ":" + std::to_string(row.line);
      count.tally.votes.assign(contest->options.size(), 0);
      list.push_back(std::move(count));
      found = slot_of.emplace(key, list.size() - 1).first;
    }
    core::Tally& tally = list[found->second].tally;
    if (line == "registered") {
      tally.registered = value;
    } else if (line == "took_part") {
      tally.took_part = value;
    } else if (line == "invalid") {
      tally.invalid = value;
    } else if (line == "both_marked") {
      tally.both_marked = value;
    } else if (line == "against_all") {
      if (!contest->against_all) return at(row.line, "contest '" + contest_id + "' has no 'against all' option");
      tally.against_all = *value;
    } else if (const auto option = contest->OptionIndex(line)) {
      tally.votes[*option] = *value;
    } else {
      return at(row.line, "'" + line +
                              "' is neither a count line (registered, took_part, invalid, both_marked, "
                              "against_all) nor an option of contest '" +
                              contest_id + "'");
    }
  }
  return counts;
}

}  // namespace saylau::formats
