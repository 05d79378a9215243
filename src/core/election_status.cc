// ElectionNight: stages, recount orders, and outcomes from the current totals.
#include <algorithm>

#include "saylau/core/election_night.h"

namespace saylau::core {
namespace {

std::string Grouped(std::int64_t value) {
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

Tally ElectionNight::TallyOf(ContestIndex contest, int round, LocalUnit local) const {
  const ContestPlan& plan = plan_.contest(contest);
  const auto values = tabulation_.Totals(contest, round, local);
  const ProtocolForm& form = *plan.form;
  Tally tally;
  tally.registered = form.BaseValue(BaseRole::kRegistered, values);
  tally.took_part = form.BaseValue(BaseRole::kTookPart, values);
  tally.valid = form.BaseValue(BaseRole::kValid, values);
  tally.invalid = form.BaseValue(BaseRole::kInvalid, values);
  if (form.IndexOf("both_marked") >= 0) tally.both_marked = form.LineValue("both_marked", values);
  tally.against_all = form.AgainstAllValue(values);
  tally.votes.assign(values.begin() + plan.first_option, values.end());
  return tally;
}

ContestStatus ElectionNight::StatusOf(ContestIndex contest) const {
  const ContestPlan& plan = plan_.contest(contest);
  ContestStatus status;
  status.contest = plan.contest;
  status.round = CurrentRound(contest);
  status.stage = StageOf(contest, status.round);
  status.progress = tabulation_.ProgressAt(contest, status.round, LocalUnit(0));
  status.partial = !status.progress.complete();
  status.outcome = OutcomeOfRounds(contest, status.round);
  return status;
}

Result<Outcome> ElectionNight::OutcomeOfRounds(ContestIndex contest, int last_round) const {
  const ContestPlan& plan = plan_.contest(contest);
  const LocalUnit top(0);  // the contest's unit
  std::vector<UnitCount> counts;
  const bool referendum = std::holds_alternative<ReferendumRules>(plan.contest->rules);
  for (int round = 1; round <= last_round && round <= plan.max_round; ++round) {
    if (!tabulation_.HasRound(contest, round)) continue;
    const std::span<const int> children = plan_.Children(plan.GlobalOf(top));
    if (referendum && !children.empty()) {
      for (int child : children) {
        counts.push_back(
            {election_->units()[child].id, round, TallyOf(contest, round, plan.LocalOf(GlobalUnit(child))), ""});
      }
    } else {
      counts.push_back({plan.contest->unit, round, TallyOf(contest, round, top), ""});
    }
  }
  if (counts.empty()) {
    Outcome none;
    none.contest = plan.contest->id;
    return none;
  }
  return DecideContest(*election_, *plan.contest, counts);
}

Status ElectionNight::CheckStageChange(const StageChange& change) const {
  const ContestIndex contest = plan_.FindContest(change.contest);
  if (!contest.valid())
    return NotFound("contest '" + change.contest + "' is not in election '" + election_->id() + "'");
  const ContestPlan& plan = plan_.contest(contest);
  const std::string& certifier = election_->CertifierOf(*plan.contest);
  if (change.by != certifier) {
    return FailedPrecondition("contest '" + change.contest + "' is certified by the commission of '" + certifier +
                              "' only; '" + change.by + "' may not certify it");
  }
  const int round = RoundOf(change);
  const std::string named = "contest '" + change.contest + "' round " + std::to_string(round);
  if (round < 1 || round > plan.max_round) {
    return NotFound("contest '" + change.contest + "' has no round " + std::to_string(round) + " (rounds 1.." +
                    std::to_string(plan.max_round) + ")");
  }
  if (round > 1 && StageOf(contest, round - 1) != Stage::kFinal) {
    return FailedPrecondition(named + " cannot be certified before round " + std::to_string(round - 1) +
                              " is certified final");
  }
  if (round > 1) {
    const RoundOpening opening = OpeningOf(contest, round);
    if (!opening.open) return FailedPrecondition(opening.why_not);
  }
  const Stage current = StageOf(contest, round);
  if (change.stage == Stage::kOpen) return FailedPrecondition("a result cannot go back to the open stage");
  if (change.stage <= current) return FailedPrecondition(named + " is already " + std::string(StageName(current)));
  if (change.stage != Stage::kFinal) return {};
  if (!tabulation_.HasRound(contest, round)) {
    return FailedPrecondition(named + ": no protocol has been accepted; nothing to certify");
  }
  const Progress progress = tabulation_.ProgressAt(contest, round, LocalUnit(0));
  if (progress.complete()) return {};
  std::string missing;
  int listed = 0;
  for (std::size_t local = 0; local < plan.units.size() && listed < 5; ++local) {
    if (plan.counting[local] && !tabulation_.Reported(contest, round, LocalUnit(local))) {
      missing += (listed++ ? ", " : "") + election_->units()[plan.units[local]].id;
    }
  }
  return FailedPrecondition(named + ": " + Grouped(progress.reported) + " of " + Grouped(progress.expected) +
                            " polling stations have reported; the final result needs all of them (missing: " +
                            missing + (progress.expected - progress.reported > 5 ? ", …" : "") + ")");
}

void ElectionNight::RecordStageChange(const StageChange& change) {
  const ContestIndex contest = plan_.FindContest(change.contest);
  if (!contest.valid()) return;
  StageChange recorded = change;
  recorded.round = RoundOf(change);  // a stored certification without a round closes the round current then
  if (recorded.round < 1 || recorded.round > plan_.contest(contest).max_round) return;
  ContestState& state = contests_[contest.at()];
  if (static_cast<int>(state.stages.size()) < recorded.round) state.stages.resize(recorded.round, Stage::kOpen);
  state.stages[recorded.round - 1] = recorded.stage;
  state.history.push_back(std::move(recorded));
}

Status ElectionNight::CheckRecount(const RecountOrder& order) const {
  const ContestIndex contest = plan_.FindContest(order.contest);
  if (!contest.valid()) return NotFound("contest '" + order.contest + "' is not in election '" + election_->id() + "'");
  if (StageOf(contest, 1) != Stage::kFinal) {
    return FailedPrecondition("contest '" + order.contest +
                              "' is not certified final; before certification a higher commission corrects a "
                              "protocol directly, with a reason");
  }
  const GlobalUnit unit = plan_.FindUnit(order.unit);
  if (!unit.valid() || !plan_.contest(contest).LocalOf(unit).valid()) {
    return NotFound("unit '" + order.unit + "' is not where contest '" + order.contest + "' is counted");
  }
  if (order.reason.empty()) return InvalidArgument("a recount order needs a reason");
  return {};
}

void ElectionNight::RecordRecount(const RecountOrder& order) {
  const ContestIndex contest = plan_.FindContest(order.contest);
  const GlobalUnit unit = plan_.FindUnit(order.unit);
  if (!contest.valid() || !unit.valid()) return;
  contests_[contest.at()].recounts.push_back(order);
  contests_[contest.at()].recount_units.push_back(unit);
}

}  // namespace saylau::core
