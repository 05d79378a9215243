// ElectionNight: rounds as events. Each round of a contest has its stage; a later round opens
// from the previous round's outcome (a runoff or a repeat vote) with only the options in it;
// a round certified final takes no more protocols or turnout reports. The one home of these
// rules: the service, the intake and the verifier all judge through ElectionNight.
#include <numeric>

#include "saylau/core/election_night.h"

namespace saylau::core {

Stage ElectionNight::StageOf(ContestIndex contest, int round) const {
  const std::vector<Stage>& stages = contests_[contest.at()].stages;
  if (round < 1 || round > static_cast<int>(stages.size())) return Stage::kOpen;
  return stages[round - 1];
}

int ElectionNight::CurrentRound(ContestIndex contest) const {
  for (int round = plan_.contest(contest).max_round; round >= 2; --round) {
    if (tabulation_.HasRound(contest, round)) return round;
    if (StageOf(contest, round - 1) == Stage::kFinal && OpeningOf(contest, round).open) return round;
  }
  return 1;
}

int ElectionNight::RoundOf(const StageChange& change) const {
  if (change.round != 0) return change.round;
  const ContestIndex contest = plan_.FindContest(change.contest);
  return contest.valid() ? CurrentRound(contest) : 1;
}

RoundOpening ElectionNight::OpeningOf(ContestIndex contest, int round) const {
  const ContestPlan& plan = plan_.contest(contest);
  const std::string& id = plan.contest->id;
  RoundOpening opening;
  if (round < 1 || round > plan.max_round) {
    opening.why_not = "contest '" + id + "' has no round " + std::to_string(round) + " (rounds 1.." +
                      std::to_string(plan.max_round) + ")";
    opening.why_code = "no-such-round";
    opening.why_params = {{"contest", id}, {"round", std::to_string(round)}, {"max_round", std::to_string(plan.max_round)}};
    return opening;
  }
  if (round == 1) {
    opening.open = true;
    opening.ballot.resize(plan.contest->options.size());
    std::iota(opening.ballot.begin(), opening.ballot.end(), 0);
    return opening;
  }
  const std::string previous = "round " + std::to_string(round - 1);
  const std::string closed = "round " + std::to_string(round) + " of contest '" + id + "' is not open: ";
  const bool certified = StageOf(contest, round - 1) == Stage::kFinal;
  if (!certified && !(tabulation_.HasRound(contest, round - 1) &&
                      tabulation_.ProgressAt(contest, round - 1, LocalUnit(0)).complete())) {
    opening.why_not = closed + previous + " is neither counted in full nor certified final";
    opening.why_code = "previous-round-open";
    opening.why_params = {{"round", std::to_string(round)}, {"contest", id}, {"previous", std::to_string(round - 1)}};
    return opening;
  }
  const Result<Outcome> outcome = OutcomeOfRounds(contest, round - 1);
  const auto* details = outcome ? std::get_if<CandidateDetails>(&outcome->details) : nullptr;
  if (!outcome || outcome->decision != Decision::kRunoffNeeded || details == nullptr || details->runoff.empty()) {
    opening.why_not = closed + previous + "'s outcome is " +
                      (outcome ? "'" + std::string(DecisionName(outcome->decision)) + "'" : outcome.error().message) +
                      ", not a runoff";
    opening.why_code = "previous-round-not-runoff";
    opening.why_params = {{"round", std::to_string(round)},
                          {"contest", id},
                          {"previous", std::to_string(round - 1)},
                          {"decision", outcome ? std::string(DecisionName(outcome->decision)) : std::string()}};
    return opening;
  }
  opening.open = true;
  opening.ballot = details->runoff;
  return opening;
}

Violation ElectionNight::ClosedBy(ContestIndex contest, int round) const {
  const std::string& id = plan_.contest(contest).contest->id;
  std::string text = "round " + std::to_string(round) + " of contest '" + id + "' is certified final";
  std::string by, at;
  const std::vector<StageChange>& history = contests_[contest.at()].history;
  for (auto change = history.rbegin(); change != history.rend(); ++change) {
    if (change->round != round || change->stage != Stage::kFinal) continue;
    text += " by '" + change->by + "'" + (change->at.empty() ? "" : " at " + change->at);
    by = change->by;
    at = change->at;
    break;
  }
  return {"certified-final", text, "certified-final",
          {{"round", std::to_string(round)}, {"contest", id}, {"by", by}, {"at", at}}};
}

void ElectionNight::CheckTurnoutRound(const TurnoutSubmission& report, Judgement& judgement) const {
  if (!judgement.unit.valid() || report.round < 1 || report.round > kMaxTurnoutRound) return;
  RoundOpening why_not;
  Violation closed;
  bool open = false;
  for (const auto& [index, local] : plan_.ContestsAt(judgement.unit)) {
    const ContestIndex contest(index);
    const RoundOpening opening = OpeningOf(contest, report.round);
    if (!opening.open) {
      if (why_not.why_not.empty()) why_not = opening;
      continue;
    }
    if (StageOf(contest, report.round) != Stage::kFinal || CoveredByRecount(contest, judgement.unit)) {
      open = true;
    } else if (closed.detail.empty()) {
      closed = ClosedBy(contest, report.round);
    }
  }
  if (open) return;
  const std::string& unit = report.unit;
  if (!closed.detail.empty()) {
    closed.detail += "; its turnout at '" + unit + "' takes no more reports";
    closed.code = "certified-final-turnout";
    closed.params.push_back({"unit", unit});
    judgement.violations.push_back(std::move(closed));
  } else if (!why_not.why_not.empty()) {
    judgement.violations.push_back({"round-open", why_not.why_not, why_not.why_code, why_not.why_params});
  }
}

}  // namespace saylau::core
