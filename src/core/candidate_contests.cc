// Contests among candidates: plurality (districts, akims), majority with a runoff (President)
// and indirect majority by electors with a quorum and a repeat vote (Senate).
#include <numeric>

#include "contest_rules.h"
#include "saylau/core/ranking.h"

namespace saylau::core::internal {
namespace {

std::vector<int> AllOptions(const Contest& contest) {
  std::vector<int> indices(contest.options.size());
  std::iota(indices.begin(), indices.end(), 0);
  return indices;
}

Result<RoundDetails> RankRound(const Contest& contest, const Tally& tally, ThresholdBase base_kind, int round) {
  if (Status ok = CheckOptionCount(contest, tally); !ok) return ok.error();
  RoundDetails details;
  details.round = round;
  details.tally = tally;
  details.base_kind = base_kind;
  Result<std::int64_t> base = BaseTotal(base_kind, tally);
  if (!base) return base.error();
  details.base = *base;
  details.ranking = AllOptions(contest);
  std::stable_sort(details.ranking.begin(), details.ranking.end(),
                   [&](int a, int b) { return tally.votes[a] > tally.votes[b]; });
  return details;
}

// compare(a, b) > 0 when option a has more votes than option b in `tally`.
auto ByVotes(const Tally& tally) {
  return [&tally](int a, int b) {
    const std::int64_t va = tally.votes[a], vb = tally.votes[b];
    return va < vb ? -1 : (va > vb ? 1 : 0);
  };
}

// The winner of a vote decided by most votes among `among`; ties follow `ties`.
int MostVotes(RoundDetails& round, const std::vector<int>& among, TieRule ties) {
  Selection first = SelectTop(1, among, ByVotes(round.tally), ties);
  if (first.tie) round.tie = first.tie;
  return first.chosen.empty() ? -1 : first.chosen[0];
}

Outcome Started(const Contest& contest) {
  Outcome outcome;
  outcome.contest = contest.id;
  return outcome;
}

// Round 1 by majority; else the two leaders and, when counted, the repeat vote between them.
Result<Outcome> DecideByMajority(const Election& election, const Contest& contest, ThresholdBase base_kind,
                                 const Ratio& majority_percent, std::span<const UnitCount> counts,
                                 const Tally& first_tally, CandidateDetails details) {
  Outcome outcome = Started(contest);
  Result<RoundDetails> first = RankRound(contest, first_tally, base_kind, 1);
  if (!first) return first.error();
  first->majority_percent = majority_percent;
  const int leader = first->ranking.empty() ? -1 : first->ranking[0];
  if (leader >= 0 && first->base > 0 && MoreThanPercent(first_tally.votes[leader], first->base, majority_percent)) {
    first->majority_reached = true;
    outcome.decision = Decision::kDecided;
    outcome.winners = {contest.options[leader].id};
    details.rounds.push_back(std::move(*first));
    outcome.details = std::move(details);
    return outcome;
  }
  // Nobody has the majority: the two with most votes go to a repeat vote.
  Selection pair = SelectTop(2, AllOptions(contest), ByVotes(first_tally), TieRule::kUnresolved);
  if (pair.tie) first->tie = pair.tie;
  details.rounds.push_back(std::move(*first));
  if (pair.unresolved > 0) {
    outcome.decision = Decision::kUnresolved;
    outcome.notes.push_back("equal votes decide who goes to the repeat vote; the law leaves it to a decision");
    outcome.details = std::move(details);
    return outcome;
  }
  details.runoff = pair.chosen;
  Result<Tally> second_tally = TallyAt(election, contest, contest.unit, 2, counts);
  if (!second_tally) {
    if (second_tally.error().code != ErrorCode::kNotFound) return second_tally.error();
    outcome.decision = Decision::kRunoffNeeded;
    outcome.details = std::move(details);
    return outcome;
  }
  Result<RoundDetails> second = RankRound(contest, *second_tally, base_kind, 2);
  if (!second) return second.error();
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const bool in_runoff = static_cast<int>(i) == pair.chosen[0] || static_cast<int>(i) == pair.chosen[1];
    if (!in_runoff && second_tally->votes[i] != 0) {
      return InvalidArgument("contest '" + contest.id + "': the repeat vote gives " +
                             std::to_string(second_tally->votes[i]) + " votes to '" + contest.options[i].id +
                             "', who is not in it");
    }
  }
  const int winner = MostVotes(*second, details.runoff, TieRule::kUnresolved);
  details.rounds.push_back(std::move(*second));
  if (winner < 0) {
    outcome.decision = Decision::kUnresolved;
    outcome.notes.push_back("the repeat vote is tied");
  } else {
    outcome.decision = Decision::kDecided;
    outcome.winners = {contest.options[winner].id};
  }
  outcome.details = std::move(details);
  return outcome;
}

}  // namespace

Result<Outcome> DecidePlurality(const Election& election, const Contest& contest, const PluralityRules& rules,
                                std::span<const UnitCount> counts) {
  Result<std::optional<Tally>> found = RoundOneTally(election, contest, counts);
  if (!found) return found.error();
  if (!found->has_value()) return Started(contest);  // no counts
  const Tally* tally = &found->value();
  Result<RoundDetails> round = RankRound(contest, *tally, rules.base, 1);
  if (!round) return round.error();
  Outcome outcome = Started(contest);
  const int winner = MostVotes(*round, AllOptions(contest), rules.ties);
  if (winner < 0) {
    outcome.decision = Decision::kUnresolved;
    outcome.notes.push_back("candidates tie for first place; the law leaves the decision open");
  } else {
    outcome.decision = Decision::kDecided;
    outcome.winners = {contest.options[winner].id};
  }
  if (contest.against_all && winner >= 0 && tally->against_all > tally->votes[winner]) {
    outcome.notes.push_back("'against all' has more votes than the winner; it is not a candidate and wins nothing");
  }
  CandidateDetails details;
  details.rounds.push_back(std::move(*round));
  outcome.details = std::move(details);
  return outcome;
}

Result<Outcome> DecideMajorityRunoff(const Election& election, const Contest& contest, const MajorityRunoffRules& rules,
                                     std::span<const UnitCount> counts) {
  Result<std::optional<Tally>> found = RoundOneTally(election, contest, counts);
  if (!found) return found.error();
  if (!found->has_value()) return Started(contest);  // no counts
  const Tally* tally = &found->value();
  return DecideByMajority(election, contest, rules.base, rules.majority_percent, counts, *tally, {});
}

Result<Outcome> DecideIndirectMajority(const Election& election, const Contest& contest,
                                       const IndirectMajorityRules& rules, std::span<const UnitCount> counts) {
  Result<std::optional<Tally>> found = RoundOneTally(election, contest, counts);
  if (!found) return found.error();
  if (!found->has_value()) return Started(contest);  // no counts
  const Tally* tally = &found->value();
  CandidateDetails details;
  details.electors = rules.electors ? rules.electors : tally->registered;
  if (!details.electors) {
    return InvalidArgument("contest '" + contest.id +
                           "': the quorum needs the number of electors (the contest's electors, or "
                           "the line registered in the counts)");
  }
  if (!tally->took_part) {
    return InvalidArgument("contest '" + contest.id + "': the quorum needs the line took_part in the counts");
  }
  details.quorum_met = rules.quorum_strict ? MoreThanPercent(*tally->took_part, *details.electors, rules.quorum_percent)
                                           : AtLeastPercent(*tally->took_part, *details.electors, rules.quorum_percent);
  if (!*details.quorum_met) {
    Outcome outcome = Started(contest);
    outcome.decision = Decision::kNoQuorum;
    outcome.notes.push_back(std::to_string(*tally->took_part) + " of " + std::to_string(*details.electors) +
                            " electors took part: no quorum");
    Result<RoundDetails> round = RankRound(contest, *tally, rules.base, 1);
    if (!round) return round.error();
    details.rounds.push_back(std::move(*round));
    outcome.details = std::move(details);
    return outcome;
  }
  return DecideByMajority(election, contest, rules.base, rules.majority_percent, counts, *tally, std::move(details));
}

}  // namespace saylau::core::internal
