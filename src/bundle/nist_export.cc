// NIST SP 1500-100 v2 JSON from the live or recomputed state.
#include "saylau/bundle/nist_export.h"

#include <algorithm>

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

}  // namespace

json NistElectionReport(const core::ElectionNight& night, const std::string& generated_at,
                        const std::string& application) {
  const core::Election& election = night.election();
  const core::CountingPlan& plan = night.plan();
  json units = json::array();
  for (std::size_t i = 0; i < election.units().size(); ++i) {
    const core::Unit& unit = election.units()[i];
    json out = {{"@type", "ElectionResults.ReportingUnit"}, {"@id", UnitRef(unit.id)}, {"Name", Text(unit.name)}};
    SetUnitType(out, unit.kind);
    json composing = json::array();
    for (int child : plan.Children(core::GlobalUnit(i))) composing.push_back(UnitRef(election.units()[child].id));
    if (!composing.empty()) out["ComposingGpUnitIds"] = composing;
    if (unit.registered_voters) out["VotersRegistered"] = *unit.registered_voters;
    units.push_back(std::move(out));
  }
  json parties = json::array();
  for (const core::Party& party : election.parties()) {
    json out = {{"@type", "ElectionResults.Party"}, {"@id", PartyRef(party.id)}, {"Name", Text(party.name)}};
    if (!party.short_name.empty()) out["Abbreviation"] = Text(core::Names{{}, {}, party.short_name});
    if (party.color.size() == 7 && party.color[0] == '#') out["Color"] = party.color.substr(1);
    parties.push_back(std::move(out));
  }
  json candidates = json::array();
  json contests = json::array();
  json ballot_counts = json::array();  // per contest and unit: ballots cast and rejected (the form's roles)
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
    // Vote counts of option i at every unit where something was counted, in every round.
    const auto counts = [&](std::size_t option) {
      json out = json::array();
      for (int round = 1; round <= contest_plan.max_round; ++round) {
        if (!night.tabulation().HasRound(core::ContestIndex(c), round)) continue;
        for (std::size_t local = 0; local < contest_plan.units.size(); ++local) {
          const core::LocalUnit at(local);
          if (night.tabulation().ProgressAt(core::ContestIndex(c), round, at).reported == 0) continue;
          const auto values = night.tabulation().Totals(core::ContestIndex(c), round, at);
          json count = {{"@type", "ElectionResults.VoteCounts"},
                        {"GpUnitId", UnitRef(election.units()[contest_plan.units[local]].id)},
                        {"Type", "total"},
                        {"Count", option == SIZE_MAX ? contest_plan.form->AgainstAllValue(values)
                                                     : values[contest_plan.first_option + option]}};
          if (contest_plan.max_round > 1) count["Round"] = round;
          out.push_back(std::move(count));
        }
      }
      return out;
    };
    json selections = json::array();
    const bool referendum = std::holds_alternative<core::ReferendumRules>(contest.rules);
    const core::PartyListDetails* list =
        status.outcome ? std::get_if<core::PartyListDetails>(&status.outcome->details) : nullptr;
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      const core::Option& option = contest.options[i];
      json selection = {{"@id", contest_ref + "-" + option.id}, {"SequenceOrder", static_cast<int>(i) + 1}};
      json votes = counts(i);
      if (option.kind == core::OptionKind::kParty) {
        selection["@type"] = "ElectionResults.PartySelection";
        selection["PartyIds"] = json::array({PartyRef(option.party)});
        if (list != nullptr && i < list->seats.size() && status.stage != core::Stage::kOpen) {
          votes.push_back({{"@type", "ElectionResults.VoteCounts"},
                           {"GpUnitId", UnitRef(contest.unit)},
                           {"Type", "seats"},
                           {"Count", list->seats[i]}});
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
      selection["VoteCounts"] = std::move(votes);
      selections.push_back(std::move(selection));
    }
    // The ballots of the contest's form at each unit counted: took_part as BallotsCast and
    // invalid as BallotsRejected (Election.BallotCounts, named by the contest in OtherType,
    // since each contest has its ballot); a form's both_marked line as the contest's Overvotes.
    json other_counts = json::array();
    const int both_marked = contest_plan.form->IndexOf("both_marked");
    for (int round = 1; round <= contest_plan.max_round; ++round) {
      if (!night.tabulation().HasRound(core::ContestIndex(c), round)) continue;
      for (std::size_t local = 0; local < contest_plan.units.size(); ++local) {
        const core::LocalUnit at(local);
        if (night.tabulation().ProgressAt(core::ContestIndex(c), round, at).reported == 0) continue;
        const auto values = night.tabulation().Totals(core::ContestIndex(c), round, at);
        const std::string unit_ref = UnitRef(election.units()[contest_plan.units[local]].id);
        json ballots = {{"@type", "ElectionResults.BallotCounts"},
                        {"GpUnitId", unit_ref},
                        {"Type", "other"},
                        {"OtherType", "ballots of contest " + contest.id},
                        {"BallotsCast", contest_plan.form->BaseValue(core::BaseRole::kTookPart, values)},
                        {"BallotsRejected", contest_plan.form->BaseValue(core::BaseRole::kInvalid, values)}};
        if (contest_plan.max_round > 1) ballots["Round"] = round;
        ballot_counts.push_back(std::move(ballots));
        if (both_marked >= 0 && round == 1) {
          other_counts.push_back(
              {{"@type", "ElectionResults.OtherCounts"}, {"GpUnitId", unit_ref}, {"Overvotes", values[both_marked]}});
        }
      }
    }
    if (contest.against_all) {
      // "Against all" is a line of the ballot, not a party or candidate: a selection of its own.
      selections.push_back({{"@type", "ElectionResults.CandidateSelection"},
                            {"@id", contest_ref + "-against-all"},
                            {"SequenceOrder", static_cast<int>(contest.options.size()) + 1},
                            {"VoteCounts", counts(SIZE_MAX)}});
    }
    internal::AppendListCandidates(election, contest, status, candidates);
    const std::string name = contest.name.en.empty() ? contest.id : contest.name.en;
    json out = {{"@id", contest_ref},
                {"Name", name},
                {"ElectionDistrictId", UnitRef(contest.unit)},
                {"ContestSelection", selections},
                {"SubUnitsReported", status.progress.reported},
                {"TotalSubUnits", status.progress.expected}};
    if (!other_counts.empty()) out["OtherCounts"] = std::move(other_counts);
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
  if (!ballot_counts.empty()) election_json["BallotCounts"] = ballot_counts;
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
