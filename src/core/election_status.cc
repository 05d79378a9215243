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
  const LocalUnit top(0);  // the contest's unit
  ContestStatus status;
  status.contest = plan.contest;
  status.stage = contests_[contest.at()].stage;
  for (int round = 1; round <= plan.max_round; ++round) {
    if (tabulation_.HasRound(contest, round)) status.round = round;
  }
  status.progress = tabulation_.ProgressAt(contest, status.round, top);
  status.partial = !status.progress.complete();
  std::vector<UnitCount> counts;
  const bool referendum = std::holds_alternative<ReferendumRules>(plan.contest->rules);
  for (int round = 1; round <= plan.max_round; ++round) {
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
    status.outcome = none;
  } else {
    status.outcome = DecideContest(*election_, *plan.contest, counts);
  }
  return status;
}

Status ElectionNight::CheckStageChange(const StageChange& change) const {
  const ContestIndex contest = plan_.FindContest(change.contest);
  if (!contest.valid())
    return NotFound("contest '" + change.contest + "' is not in election '" + election_->id() + "'");
  const Stage current = contests_[contest.at()].stage;
  if (change.stage == Stage::kOpen) return FailedPrecondition("a result cannot go back to the open stage");
  if (change.stage <= current) {
    return FailedPrecondition("contest '" + change.contest + "' is already " + std::string(StageName(current)));
  }
  if (change.stage != Stage::kFinal) return {};
  const ContestPlan& plan = plan_.contest(contest);
  if (!tabulation_.HasRound(contest, 1)) {
    return FailedPrecondition("contest '" + change.contest + "': no protocol has been accepted; nothing to certify");
  }
  for (int round = 1; round <= plan.max_round; ++round) {
    if (!tabulation_.HasRound(contest, round)) continue;
    const Progress progress = tabulation_.ProgressAt(contest, round, LocalUnit(0));
    if (progress.complete()) continue;
    std::string missing;
    int listed = 0;
    for (std::size_t local = 0; local < plan.units.size() && listed < 5; ++local) {
      if (plan.counting[local] && !tabulation_.Reported(contest, round, LocalUnit(local))) {
        missing += (listed++ ? ", " : "") + election_->units()[plan.units[local]].id;
      }
    }
    return FailedPrecondition("contest '" + change.contest + "' round " + std::to_string(round) + ": " +
                              Grouped(progress.reported) + " of " + Grouped(progress.expected) +
                              " polling stations have reported; the final result needs all of them (missing: " +
                              missing + (progress.expected - progress.reported > 5 ? ", …" : "") + ")");
  }
  return {};
}

void ElectionNight::RecordStageChange(const StageChange& change) {
  const ContestIndex contest = plan_.FindContest(change.contest);
  if (!contest.valid()) return;
  contests_[contest.at()].stage = change.stage;
  contests_[contest.at()].history.push_back(change);
}

Status ElectionNight::CheckRecount(const RecountOrder& order) const {
  const ContestIndex contest = plan_.FindContest(order.contest);
  if (!contest.valid()) return NotFound("contest '" + order.contest + "' is not in election '" + election_->id() + "'");
  if (contests_[contest.at()].stage != Stage::kFinal) {
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
