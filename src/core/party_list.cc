// Party-list contests: threshold over the base, the kz2009 runner-up rule, seat allocation
// among the admitted lists, and the quota check on named deputies.
#include <algorithm>
#include <span>
#include <vector>

#include "contest_rules.h"
#include "saylau/core/eligibility.h"
#include "saylau/core/list_seats.h"

namespace saylau::core::internal {
namespace {

// The quota count of the candidates at `indices` of `list`, counted in place: the outcome is
// decided again on every accepted protocol, and copying the 69 elected (names and all) was
// over half of one protocol -> national outcome (bench/ingest_benchmark --latency).
QuotaCount CountQuotaAt(const std::vector<Candidate>& list, const std::vector<int>& indices, const ListQuota& quota,
                        const Date& election_day) {
  QuotaCount total;
  for (int index : indices) {
    const QuotaCount one = CountQuota(std::span<const Candidate>(&list[index], 1), quota, election_day);
    total.members += one.members;
    total.qualifying += one.qualifying;
    total.unknown += one.unknown;
  }
  return total;
}

// kz2009 (pending legal confirmation): the leader and the runner-up share the seats on a
// Hare quota over their two totals; the runner-up's quotient is multiplied by the factor;
// the runner-up keeps its whole quotas (plus one on the larger remainder), the leader takes
// the seats left, and the runner-up gets at least `min_seats`.
Allocation AllocateRunnerUp(const Contest& contest, const PartyListRules& rules, const Tally& tally, int leader,
                            int runner_up) {
  Allocation allocation;
  allocation.method = Method::kHare;
  allocation.seats_total = rules.seats;
  allocation.ids = {contest.options[leader].id, contest.options[runner_up].id};
  allocation.votes = {tally.votes[leader], tally.votes[runner_up]};
  allocation.seats = {0, 0};
  // Scale to integers: leader votes * den, runner-up votes * num; quota over den * total.
  const Int128 den = rules.runner_up_factor.den;
  const Int128 num = rules.runner_up_factor.num;
  const Int128 scaled[2] = {Int128{tally.votes[leader]} * den, Int128{tally.votes[runner_up]} * num};
  allocation.quota = {den * (tally.votes[leader] + tally.votes[runner_up]), rules.seats};
  allocation.remainders.resize(2);
  int whole = 0;
  for (int i = 0; i < 2; ++i) {
    const Int128 x = scaled[i] * allocation.quota.den;
    allocation.remainders[i].whole_seats = static_cast<std::int64_t>(x / allocation.quota.num);
    allocation.remainders[i].remainder = x - allocation.remainders[i].whole_seats * allocation.quota.num;
    allocation.seats[i] = static_cast<int>(allocation.remainders[i].whole_seats);
    whole += allocation.seats[i];
  }
  // The seats the factor holds back belong to the leader: the runner-up keeps its whole quotas
  // and one more seat if its remainder is larger than the leader's; the leader takes the rest.
  if (whole < rules.seats && allocation.remainders[1].remainder > allocation.remainders[0].remainder) {
    ++allocation.seats[1];
    allocation.remainders[1].remainder_seat = true;
  }
  if (allocation.seats[0] + allocation.seats[1] < rules.seats) {
    allocation.remainders[0].remainder_seat = true;
    allocation.seats[0] = rules.seats - allocation.seats[1];
  }
  const int minimum = std::min(rules.runner_up_min_seats, rules.seats);
  if (allocation.seats[1] < minimum) {
    allocation.seats[0] -= minimum - allocation.seats[1];
    allocation.seats[1] = minimum;
  }
  return allocation;
}

}  // namespace

Result<Outcome> DecidePartyList(const Election& election, const Contest& contest, const PartyListRules& rules,
                                std::span<const UnitCount> counts) {
  Outcome outcome;
  outcome.contest = contest.id;
  Result<std::optional<Tally>> found = RoundOneTally(election, contest, counts);
  if (!found) return found.error();
  if (!found->has_value()) return outcome;  // no counts
  const Tally* tally = &found->value();
  if (Status ok = CheckOptionCount(contest, *tally); !ok) return ok.error();

  PartyListDetails details;
  details.tally = *tally;
  details.base_kind = rules.threshold.base;
  Result<std::int64_t> base = BaseTotal(rules.threshold.base, *tally);
  if (!base) return base.error();
  details.base = *base;
  details.threshold_percent = rules.threshold.percent;
  details.votes_needed = VotesNeeded(*base, rules.threshold.percent);
  const int n = static_cast<int>(contest.options.size());
  details.passed.assign(n, false);
  details.seats.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    details.passed[i] = *base > 0 && PassesThreshold(tally->votes[i], *base, rules.threshold.percent);
    if (details.passed[i]) details.admitted.push_back(i);
  }

  if (details.admitted.size() == 1 && rules.runner_up == RunnerUpRule::kKz2009 && n > 1) {
    const int leader = details.admitted[0];
    int runner_up = -1;
    for (int i = 0; i < n; ++i) {
      if (i != leader && (runner_up < 0 || tally->votes[i] > tally->votes[runner_up])) runner_up = i;
    }
    const bool runner_up_tied = std::count_if(tally->votes.begin(), tally->votes.end(),
                                              [&](std::int64_t v) { return v == tally->votes[runner_up]; }) > 1 &&
                                tally->votes[runner_up] != tally->votes[leader];
    if (runner_up_tied) {
      outcome.decision = Decision::kUnresolved;
      outcome.notes.push_back("kz2009 runner-up rule: two lists share the second-largest vote");
      outcome.details = std::move(details);
      return outcome;
    }
    details.runner_up_applied = true;
    details.admitted.push_back(runner_up);
    details.allocation = AllocateRunnerUp(contest, rules, *tally, leader, runner_up);
    outcome.notes.push_back(
        "kz2009 runner-up rule applied: it is configured as the 2009 amendment describes it and its "
        "force after the 2022 reform is pending legal confirmation");
  } else if (details.admitted.empty()) {
    outcome.decision = Decision::kUnresolved;
    outcome.notes.push_back("no list reached the threshold; the law we have does not say what follows");
    outcome.details = std::move(details);
    return outcome;
  } else {
    std::vector<ListVotes> lists;
    std::vector<int> lot_rank;
    for (int index : details.admitted) {
      lists.push_back({contest.options[index].id, tally->votes[index]});
      if (rules.ties == TieRule::kLot) {
        const auto it = std::find(rules.lot.begin(), rules.lot.end(), contest.options[index].id);
        lot_rank.push_back(static_cast<int>(it - rules.lot.begin()));
      }
    }
    // kOrder means registration order: sort the admitted lists by it, then map back.
    if (rules.ties == TieRule::kOrder) {
      std::vector<std::size_t> order(lists.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return contest.options[details.admitted[a]].registration_order.value_or(0) <
               contest.options[details.admitted[b]].registration_order.value_or(0);
      });
      lot_rank.assign(lists.size(), 0);
      for (std::size_t place = 0; place < order.size(); ++place) lot_rank[order[place]] = static_cast<int>(place);
    }
    const TieRule tie_rule = rules.ties == TieRule::kUnresolved ? TieRule::kUnresolved : TieRule::kLot;
    Result<Allocation> allocation = Allocate({.method = rules.method,
                                              .seats = rules.seats,
                                              .first_divisor = rules.first_divisor,
                                              .ties = tie_rule,
                                              .lot_rank = lot_rank},
                                             lists);
    if (!allocation) return allocation.error();
    for (TieReport& tie : allocation->ties) tie.rule = rules.ties;
    details.allocation = std::move(*allocation);
  }

  for (std::size_t i = 0; i < details.admitted.size(); ++i) {
    details.seats[details.admitted[i]] = details.allocation.seats[i];
  }
  outcome.decision = details.allocation.resolved() ? Decision::kDecided : Decision::kUnresolved;
  for (int i = 0; i < n; ++i) {
    if (details.seats[i] > 0) outcome.winners.push_back(contest.options[i].id);
  }

  // Who takes the seats: the listed candidates in list order (skipping the withdrawn) or the
  // party's named deputies; a list too short leaves its seats vacant (RULES.md).
  details.list_seats.resize(n);
  for (int i = 0; i < n; ++i) {
    const Option& option = contest.options[i];
    details.list_seats[i] = AssignListSeats(option, details.seats[i]);
    const ListSeats& taken = details.list_seats[i];
    if (taken.vacant > 0 && !taken.designated) {
      outcome.notes.push_back(option.id + " won " + std::to_string(details.seats[i]) + " seats but has " +
                              std::to_string(taken.elected.size()) + " candidates left on its list; " +
                              std::to_string(taken.vacant) + " seat(s) stay vacant");
    }
    if (!rules.quota || taken.designated || taken.elected.empty()) continue;
    const QuotaCount quota = CountQuotaAt(option.list, taken.elected, *rules.quota, election.date());
    if (!quota.Meets(rules.quota->share_percent) && quota.unknown == 0) {
      details.quota_findings.push_back(
          option.id + ": " + std::to_string(quota.qualifying) + " of " + std::to_string(quota.members) +
          " deputies elected in list order are women, under " + std::to_string(rules.quota->youth_below_age) +
          " or have a disability; the law asks for " + FormatRatio(rules.quota->share_percent) + " %");
    }
  }

  // Named deputies: as many as the seats won, and the quota share among them.
  for (int i = 0; i < n; ++i) {
    const Option& option = contest.options[i];
    if (option.named_deputies.empty()) continue;
    if (static_cast<int>(option.named_deputies.size()) != details.seats[i]) {
      details.quota_findings.push_back(option.id + ": " + std::to_string(option.named_deputies.size()) +
                                       " deputies named for " + std::to_string(details.seats[i]) + " seats");
    }
    if (!rules.quota) continue;
    std::vector<Candidate> deputies;
    for (const std::string& id : option.named_deputies) {
      for (const Candidate& candidate : option.list) {
        if (candidate.id == id) deputies.push_back(candidate);
      }
    }
    const QuotaCount quota = CountQuota(deputies, *rules.quota, election.date());
    if (!quota.Meets(rules.quota->share_percent)) {
      details.quota_findings.push_back(
          option.id + ": " + std::to_string(quota.qualifying) + " of " + std::to_string(quota.members) +
          " named deputies are women, under " + std::to_string(rules.quota->youth_below_age) +
          " or have a disability; the law asks for " + FormatRatio(rules.quota->share_percent) + " %");
    }
  }
  outcome.checks_failed = !details.quota_findings.empty();
  outcome.details = std::move(details);
  return outcome;
}

}  // namespace saylau::core::internal
