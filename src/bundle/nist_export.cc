// NIST SP 1500-100 v2 JSON from the live or recomputed state: a skeleton whose per-unit arrays
// (GpUnit, VoteCounts, BallotCounts, OtherCounts) are generated element by element when written.
#include "saylau/bundle/nist_export.h"

#include <algorithm>
#include <optional>

#include "nist_candidates.h"

namespace saylau::bundle {
namespace {

using nlohmann::json;

json Text(const core::Names& names) {
  json strings = json::array();
  for (const auto& [language, text] : {std::pair{"kk", &names.kk}, {"ru", &names.ru}, {"en", &names.en}}) {
    if (!text->empty()) {
      strings.push_back({{"@type", "ElectionResults.LanguageString"}, {"Content", *text}, {"Language", language}});
    }
  }
  return {{"@type", "ElectionResults.InternationalizedText"}, {"Text", strings}};
}

std::string UnitRef(const std::string& id) { return "gpu-" + id; }
std::string PartyRef(const std::string& id) { return "par-" + id; }

// The ReportingUnitType of each kind of unit; Kazakh regions and districts are "other".
void SetUnitType(json& unit, core::UnitKind kind) {
  switch (kind) {
    case core::UnitKind::kCountry:
      unit["Type"] = "country";
      return;
    case core::UnitKind::kCity:
      unit["Type"] = "city";
      return;
    case core::UnitKind::kStation:
      unit["Type"] = "polling-place";
      return;
    default:
      unit["Type"] = "other";
      unit["OtherType"] = std::string(core::UnitKindName(kind));
  }
}

std::string ResultsStatus(const core::ContestStatus& status) {
  if (status.stage == core::Stage::kFinal) return "certified";
  return status.partial ? "unofficial-partial" : "unofficial-complete";
}

// Whether anything was counted at any unit of contest `c` (in `only_round` when it is > 0).
bool AnyReported(const core::ElectionNight& night, std::size_t c, int only_round) {
  const core::ContestPlan& contest_plan = night.plan().contests()[c];
  for (int round = 1; round <= contest_plan.max_round; ++round) {
    if ((only_round > 0 && round != only_round) || !night.tabulation().HasRound(core::ContestIndex(c), round)) continue;
    for (std::size_t local = 0; local < contest_plan.units.size(); ++local) {
      if (night.tabulation().ProgressAt(core::ContestIndex(c), round, core::LocalUnit(local)).reported != 0) return true;
    }
  }
  return false;
}

// Calls `each(round, local, values)` for every unit of contest `c` where something was counted,
// round by round; stops when it returns false.
template <typename Each>
void ForEachCounted(const core::ElectionNight& night, std::size_t c, Each&& each) {
  const core::ContestPlan& contest_plan = night.plan().contests()[c];
  for (int round = 1; round <= contest_plan.max_round; ++round) {
    if (!night.tabulation().HasRound(core::ContestIndex(c), round)) continue;
    for (std::size_t local = 0; local < contest_plan.units.size(); ++local) {
      const core::LocalUnit at(local);
      if (night.tabulation().ProgressAt(core::ContestIndex(c), round, at).reported == 0) continue;
      if (!each(round, local, night.tabulation().Totals(core::ContestIndex(c), round, at))) return;
    }
  }
}

}  // namespace

json NistElectionReport(const core::ElectionNight& night, const std::string& generated_at,
                        const std::string& application) {
  LazyJson lazy;
  return lazy.Expand(NistElectionDocument(lazy, night, generated_at, application));
}

json NistElectionDocument(LazyJson& lazy, const core::ElectionNight& night, const std::string& generated_at,
                          const std::string& application) {
  const core::Election& election = night.election();
  const core::CountingPlan& plan = night.plan();
  const json units = lazy.Lazy([&night](const LazyJson::Emit& emit) {
    const core::Election& election = night.election();
    for (std::size_t i = 0; i < election.units().size(); ++i) {
      const core::Unit& unit = election.units()[i];
      json out = {{"@type", "ElectionResults.ReportingUnit"}, {"@id", UnitRef(unit.id)}, {"Name", Text(unit.name)}};
      SetUnitType(out, unit.kind);
      json composing = json::array();
      for (int child : night.plan().Children(core::GlobalUnit(i))) {
        composing.push_back(UnitRef(election.units()[child].id));
      }
      if (!composing.empty()) out["ComposingGpUnitIds"] = composing;
      if (unit.registered_voters) out["VotersRegistered"] = *unit.registered_voters;
      if (!emit(out)) return;
    }
  });
  json parties = json::array();
  for (const core::Party& party : election.parties()) {
    json out = {{"@type", "ElectionResults.Party"}, {"@id", PartyRef(party.id)}, {"Name", Text(party.name)}};
    if (!party.short_name.empty()) out["Abbreviation"] = Text(core::Names{{}, {}, party.short_name});
    if (party.color.size() == 7 && party.color[0] == '#') out["Color"] = party.color.substr(1);
    parties.push_back(std::move(out));
  }
  json candidates = json::array();
  json contests = json::array();
  bool any_ballots = false;  // Election.BallotCounts is written when some contest counted somewhere
  std::string overall = "certified";
  for (std::size_t c = 0; c < plan.contests().size(); ++c) {
    const core::ContestPlan& contest_plan = plan.contests()[c];
    const core::Contest& contest = *contest_plan.contest;
    const core::ContestStatus status = night.StatusOf(core::ContestIndex(c));
    const std::string status_name = ResultsStatus(status);
    if (status_name == "unofficial-partial" || (status_name == "unofficial-complete" && overall == "certified")) {
      overall = status_name;
    }
    const std::string contest_ref = "con-" + contest.id;
    // Vote counts of option i at every unit where something was counted, in every round, then
    // `extra` (the seats).
    const auto counts = [&](std::size_t option, std::optional<json> extra) {
      return lazy.Lazy([&night, c, option, extra = std::move(extra)](const LazyJson::Emit& emit) {
        const core::ContestPlan& contest_plan = night.plan().contests()[c];
        bool go_on = true;
        ForEachCounted(night, c, [&](int round, std::size_t local, const auto& values) {
          json count = {{"@type", "ElectionResults.VoteCounts"},
                        {"GpUnitId", UnitRef(night.election().units()[contest_plan.units[local]].id)},
                        {"Type", "total"},
                        {"Count", option == SIZE_MAX ? contest_plan.form->AgainstAllValue(values)
                                                     : values[contest_plan.first_option + option]}};
          if (contest_plan.max_round > 1) count["Round"] = round;
          return go_on = emit(count);
        });
        if (go_on && extra) emit(*extra);
      });
    };
    json selections = json::array();
    const bool referendum = std::holds_alternative<core::ReferendumRules>(contest.rules);
    const core::PartyListDetails* list =
        status.outcome ? std::get_if<core::PartyListDetails>(&status.outcome->details) : nullptr;
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      const core::Option& option = contest.options[i];
      json selection = {{"@id", contest_ref + "-" + option.id}, {"SequenceOrder", static_cast<int>(i) + 1}};
      std::optional<json> seats;
      if (option.kind == core::OptionKind::kParty) {
        selection["@type"] = "ElectionResults.PartySelection";
        selection["PartyIds"] = json::array({PartyRef(option.party)});
        if (list != nullptr && i < list->seats.size() && status.stage != core::Stage::kOpen) {
          seats = json{{"@type", "ElectionResults.VoteCounts"},
                       {"GpUnitId", UnitRef(contest.unit)},
                       {"Type", "seats"},
                       {"Count", list->seats[i]}};
        }
      } else if (referendum) {
        selection["@type"] = "ElectionResults.BallotMeasureSelection";
        selection["Selection"] = Text(option.name);
      } else {
        selection["@type"] = "ElectionResults.CandidateSelection";
        const std::string candidate_ref = "can-" + contest.id + "-" + option.id;
        selection["CandidateIds"] = json::array({candidate_ref});
        json candidate = {
            {"@type", "ElectionResults.Candidate"}, {"@id", candidate_ref}, {"BallotName", Text(option.name)}};
        if (!option.party.empty() && election.FindParty(option.party) != nullptr) {
          candidate["PartyId"] = PartyRef(option.party);
        }
        if (status.outcome && status.outcome->decision == core::Decision::kDecided &&
            !internal::WinnerStatus(status.stage).empty() &&
            std::count(status.outcome->winners.begin(), status.outcome->winners.end(), option.id) > 0) {
          candidate["PostElectionStatus"] = internal::WinnerStatus(status.stage);
        }
        candidates.push_back(std::move(candidate));
      }
      selection["VoteCounts"] = counts(i, std::move(seats));
      selections.push_back(std::move(selection));
    }
    any_ballots = any_ballots || AnyReported(night, c, 0);
    // A form's both_marked line as the contest's Overvotes, at each unit counted in round 1.
    const int both_marked = contest_plan.form->IndexOf("both_marked");
    const bool overvotes = both_marked >= 0 && AnyReported(night, c, 1);
    if (contest.against_all) {
      // "Against all" is a line of the ballot, not a party or candidate: a selection of its own.
      selections.push_back({{"@type", "ElectionResults.CandidateSelection"},
                            {"@id", contest_ref + "-against-all"},
                            {"SequenceOrder", static_cast<int>(contest.options.size()) + 1},
                            {"VoteCounts", counts(SIZE_MAX, std::nullopt)}});
    }
    internal::AppendListCandidates(election, contest, status, candidates);
    const std::string name = contest.name.en.empty() ? contest.id : contest.name.en.str();
    json out = {{"@id", contest_ref},
                {"Name", name},
                {"ElectionDistrictId", UnitRef(contest.unit)},
                {"ContestSelection", selections},
                {"SubUnitsReported", status.progress.reported},
                {"TotalSubUnits", status.progress.expected}};
    if (overvotes) {
      out["OtherCounts"] = lazy.Lazy([&night, c, both_marked](const LazyJson::Emit& emit) {
        const core::ContestPlan& contest_plan = night.plan().contests()[c];
        ForEachCounted(night, c, [&](int round, std::size_t local, const auto& values) {
          if (round != 1) return true;
          return emit({{"@type", "ElectionResults.OtherCounts"},
                       {"GpUnitId", UnitRef(night.election().units()[contest_plan.units[local]].id)},
                       {"Overvotes", values[both_marked]}});
        });
      });
    }
    if (referendum) {
      out["@type"] = "ElectionResults.BallotMeasureContest";
    } else if (list != nullptr || std::holds_alternative<core::PartyListRules>(contest.rules)) {
      out["@type"] = "ElectionResults.PartyContest";
    } else {
      out["@type"] = "ElectionResults.CandidateContest";
      out["VotesAllowed"] = 1;
      out["NumberElected"] = 1;
    }
    contests.push_back(std::move(out));
  }
  json election_json = {{"@type", "ElectionResults.Election"},
                        {"ElectionScopeId", UnitRef(election.units().front().id)},
                        {"Name", Text(election.name())},
                        {"StartDate", election.date().ToString()},
                        {"EndDate", election.date().ToString()},
                        {"Type", "general"},
                        {"Contest", contests}};
  if (!candidates.empty()) election_json["Candidate"] = candidates;
  if (any_ballots) {
    // The ballots of each contest's form at each unit counted: took_part as BallotsCast and
    // invalid as BallotsRejected (named by the contest in OtherType, since each contest has its
    // ballot).
    election_json["BallotCounts"] = lazy.Lazy([&night](const LazyJson::Emit& emit) {
      for (std::size_t c = 0; c < night.plan().contests().size(); ++c) {
        const core::ContestPlan& contest_plan = night.plan().contests()[c];
        bool go_on = true;
        ForEachCounted(night, c, [&](int round, std::size_t local, const auto& values) {
          json ballots = {{"@type", "ElectionResults.BallotCounts"},
                          {"GpUnitId", UnitRef(night.election().units()[contest_plan.units[local]].id)},
                          {"Type", "other"},
                          {"OtherType", "ballots of contest " + contest_plan.contest->id},
                          {"BallotsCast", contest_plan.form->BaseValue(core::BaseRole::kTookPart, values)},
                          {"BallotsRejected", contest_plan.form->BaseValue(core::BaseRole::kInvalid, values)}};
          if (contest_plan.max_round > 1) ballots["Round"] = round;
          return go_on = emit(ballots);
        });
        if (!go_on) return;
      }
    });
  }
  const core::Unit& cec = election.units().front();
  return {{"@type", "ElectionResults.ElectionReport"},
          {"Format", "precinct-level"},
          {"GeneratedDate", generated_at},
          {"Issuer", "Central Election Commission" + (cec.name.en.empty() ? "" : " (" + cec.name.en + ")")},
          {"IssuerAbbreviation", "CEC"},
          {"SequenceStart", 1},
          {"SequenceEnd", 1},
          {"Status", overall},
          {"VendorApplicationId", application},
          {"GpUnit", units},
          {"Party", parties},
          {"Election", json::array({election_json})}};
}

}  // namespace saylau::bundle
