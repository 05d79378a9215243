// SummarizeSenate: each sitting's state, winner and share, and the Senate's totals.
#include "saylau/core/senate_summary.h"

#include <variant>

namespace saylau::core {
namespace {

SittingRow RowOf(const SittingInput& input, const IndirectMajorityRules& rules) {
  SittingRow row;
  row.contest = input.contest->id;
  row.unit = input.contest->unit;
  row.stage = input.stage;
  row.round = input.round;
  row.attendance = input.attendance;
  row.electors = rules.electors;
  if (!row.electors && input.attendance) row.electors = input.attendance->electors;
  const Outcome* outcome = input.outcome;
  const CandidateDetails* details = outcome ? std::get_if<CandidateDetails>(&outcome->details) : nullptr;
  if (!row.electors && details && details->electors) row.electors = details->electors;
  if (outcome == nullptr || outcome->decision == Decision::kNoCounts || details == nullptr || details->rounds.empty()) {
    if (!input.attendance) {
      row.state = SittingState::kAwaiting;
    } else {
      row.state = input.attendance->reached ? SittingState::kQuorum : SittingState::kGathering;
    }
    return row;
  }
  row.round = std::max(row.round, details->rounds.back().round);
  switch (outcome->decision) {
    case Decision::kDecided:
      row.state = SittingState::kElected;
      break;
    case Decision::kRunoffNeeded:
      row.state = SittingState::kRepeatVote;
      break;
    case Decision::kNoQuorum:
      row.state = SittingState::kNoQuorum;
      break;
    default:
      row.state = SittingState::kUnresolved;
      break;
  }
  if (row.state != SittingState::kElected || outcome->winners.empty()) return row;
  row.winner = outcome->winners.front();
  const std::optional<int> index = input.contest->OptionIndex(row.winner);
  const RoundDetails& deciding = details->rounds.back();
  row.base = deciding.base;
  if (index && *index < static_cast<int>(deciding.tally.votes.size())) row.votes = deciding.tally.votes[*index];
  if (index && !input.contest->options[*index].list.empty())
    row.gender = input.contest->options[*index].list.front().gender;
  return row;
}

}  // namespace

std::string_view SittingStateName(SittingState state) {
  switch (state) {
    case SittingState::kAwaiting:
      return "awaiting";
    case SittingState::kGathering:
      return "gathering";
    case SittingState::kQuorum:
      return "quorum";
    case SittingState::kRepeatVote:
      return "repeat-vote";
    case SittingState::kElected:
      return "elected";
    case SittingState::kNoQuorum:
      return "no-quorum";
    case SittingState::kUnresolved:
      return "unresolved";
  }
  return "awaiting";
}

SenateSummary SummarizeSenate(std::span<const SittingInput> sittings) {
  SenateSummary summary;
  for (const SittingInput& input : sittings) {
    const auto* rules = input.contest ? std::get_if<IndirectMajorityRules>(&input.contest->rules) : nullptr;
    if (rules == nullptr) continue;
    SittingRow row = RowOf(input, *rules);
    ++summary.seats;
    if (row.attendance && row.attendance->reached) ++summary.quorum_reached;
    if (row.state == SittingState::kRepeatVote || row.round >= 2) ++summary.repeat_votes;
    if (row.state == SittingState::kElected) {
      ++summary.elected;
      if (row.gender == 'f') ++summary.women;
      if (row.gender == 'm') ++summary.men;
    } else if (row.state != SittingState::kNoQuorum && row.state != SittingState::kUnresolved) {
      ++summary.still_voting;
    }
    summary.rows.push_back(std::move(row));
  }
  return summary;
}

SenateSummary SummarizeSenate(const ElectionNight& night) {
  const CountingPlan& plan = night.plan();
  std::vector<ContestStatus> statuses;  // the outcomes the inputs point into
  std::vector<SittingInput> inputs;
  statuses.reserve(plan.contests().size());
  for (std::size_t c = 0; c < plan.contests().size(); ++c) {
    if (!std::holds_alternative<IndirectMajorityRules>(plan.contests()[c].contest->rules)) continue;
    statuses.push_back(night.StatusOf(ContestIndex(c)));
  }
  for (const ContestStatus& status : statuses) {
    SittingInput input{.contest = status.contest, .stage = status.stage, .round = status.round};
    if (status.outcome) input.outcome = &*status.outcome;
    const GlobalUnit unit = plan.FindUnit(status.contest->unit);
    if (night.attendance().SittingContest(unit).valid()) input.attendance = night.attendance().QuorumOf(unit);
    inputs.push_back(std::move(input));
  }
  return SummarizeSenate(inputs);
}

bool HasSenateSittings(const Election& election) {
  for (const Contest& contest : election.contests()) {
    if (std::holds_alternative<IndirectMajorityRules>(contest.rules)) return true;
  }
  return false;
}

}  // namespace saylau::core
