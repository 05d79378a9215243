// SenateSummaryToText and SenateSummaryToJson: the Senate summary rendered.
#include "saylau/formats/senate_summary_io.h"

#include <fmt/format.h>

#include "saylau/core/attendance.h"
#include "saylau/core/ratio.h"

namespace saylau::formats {
namespace {

using nlohmann::json;

json NamesToJson(const core::Names& names) { return {{"kk", names.kk}, {"ru", names.ru}, {"en", names.en}}; }

const core::Option* WinnerOf(const core::Election& election, const core::SittingRow& row) {
  const core::Contest* contest = election.FindContest(row.contest);
  if (contest == nullptr || row.winner.empty()) return nullptr;
  const std::optional<int> index = contest->OptionIndex(row.winner);
  return index ? &contest->options[*index] : nullptr;
}

std::string UnitName(const core::Election& election, const std::string& unit, core::Language language) {
  const core::Unit* found = election.FindUnit(unit);
  return found ? found->name.In(language, unit) : unit;
}

std::string StateText(const core::Election& election, const core::SittingRow& row) {
  const core::Date& day = election.date();
  switch (row.state) {
    case core::SittingState::kAwaiting:
      return "awaiting the sitting";
    case core::SittingState::kGathering:
      return fmt::format("gathering: {} of {} present at {}", row.attendance->latest_present, row.attendance->electors,
                         core::AttendanceTimeText(row.attendance->latest_minute, day));
    case core::SittingState::kQuorum:
      return "quorum reached; voting";
    case core::SittingState::kRepeatVote:
      return row.round >= 2 ? "repeat vote under way" : "nobody has more than half: a repeat vote";
    case core::SittingState::kElected:
      return "elected";
    case core::SittingState::kNoQuorum:
      return "no quorum in the protocol";
    case core::SittingState::kUnresolved:
      return "unresolved (a tie)";
  }
  return "";
}

}  // namespace

std::string SenateSummaryToText(const core::Election& election, const core::SenateSummary& summary,
                                core::Language language) {
  std::string text = fmt::format(
      "Senate: {} seats; {} elected ({} wom{}n, {} m{}n{}); {} repeat vote{}; {} still voting", summary.seats,
      summary.elected, summary.women, summary.women == 1 ? "a" : "e", summary.men, summary.men == 1 ? "a" : "e",
      summary.elected > summary.women + summary.men
          ? fmt::format(", {} not given", summary.elected - summary.women - summary.men)
          : "",
      summary.repeat_votes, summary.repeat_votes == 1 ? "" : "s", summary.still_voting);
  if (summary.quorum_reached > 0)
    text += fmt::format("; quorum reached at {} of {} sittings", summary.quorum_reached, summary.seats);
  text += "\n";
  for (const core::SittingRow& row : summary.rows) {
    std::string line =
        fmt::format("  {:<34} {:<12}", UnitName(election, row.unit, language), std::string(core::StageName(row.stage)));
    if (row.attendance && row.attendance->reached) {
      line += fmt::format(" quorum at {} ({} of {})", core::AttendanceTimeText(row.attendance->minute, election.date()),
                          row.attendance->present, row.attendance->electors);
    }
    line += "  " + StateText(election, row);
    if (const core::Option* winner = WinnerOf(election, row)) {
      line += fmt::format(": {}{}, {} of {} votes ({}%){}", winner->name.In(language, winner->id),
                          row.gender == 'f' ? " (f)" : "", row.votes, row.base, core::PercentText(row.votes, row.base),
                          row.round >= 2 ? " in the repeat vote" : "");
    }
    text += line + "\n";
  }
  return text;
}

json SenateSummaryToJson(const core::Election& election, const core::SenateSummary& summary) {
  json sittings = json::array();
  const core::Date& day = election.date();
  for (const core::SittingRow& row : summary.rows) {
    const core::Unit* unit = election.FindUnit(row.unit);
    json entry = {{"contest", row.contest},
                  {"unit", row.unit},
                  {"unit_name", unit ? NamesToJson(unit->name) : json{{"en", row.unit}}},
                  {"state", core::SittingStateName(row.state)},
                  {"stage", core::StageName(row.stage)},
                  {"round", row.round},
                  {"electors", row.electors ? json(*row.electors) : json(nullptr)}};
    if (row.attendance) {
      const core::SittingQuorum& quorum = *row.attendance;
      entry["attendance"] = {
          {"quorum_reached", quorum.reached},
          {"quorum_at", quorum.reached ? json(core::AttendanceTimeText(quorum.minute, day)) : json(nullptr)},
          {"present_at_quorum", quorum.reached ? json(quorum.present) : json(nullptr)},
          {"latest_at", core::AttendanceTimeText(quorum.latest_minute, day)},
          {"latest_present", quorum.latest_present},
          {"electors", quorum.electors}};
    }
    if (const core::Option* winner = WinnerOf(election, row)) {
      entry["winner"] = {{"option", winner->id},
                         {"name", NamesToJson(winner->name)},
                         {"gender", row.gender ? json(std::string(1, *row.gender)) : json(nullptr)},
                         {"votes", row.votes},
                         {"base", row.base},
                         {"percent", core::PercentText(row.votes, row.base)}};
    }
    sittings.push_back(std::move(entry));
  }
  return {{"seats", summary.seats},
          {"elected", summary.elected},
          {"women", summary.women},
          {"men", summary.men},
          {"repeat_votes", summary.repeat_votes},
          {"still_voting", summary.still_voting},
          {"quorum_reached", summary.quorum_reached},
          {"sittings", sittings}};
}

}  // namespace saylau::formats
