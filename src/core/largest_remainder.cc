#include "saylau/core/largest_remainder.h"

#include <algorithm>
#include <numeric>

#include "allocation_input.h"
#include "saylau/core/ranking.h"

namespace saylau::core {
namespace {

Fraction QuotaOf(Method method, std::int64_t total, int seats) {
  switch (method) {
    case Method::kHare:
      return {total, seats};
    case Method::kDroop:
      return {total / (seats + 1) + 1, 1};
    case Method::kHagenbachBischoff:
      return {total, seats + 1};
    case Method::kImperiali:
      return {total, seats + 2};
    default:
      SAYLAU_CHECK(false);
  }
  return {};
}

std::vector<int> AllIndices(std::size_t n) {
  std::vector<int> indices(n);
  std::iota(indices.begin(), indices.end(), 0);
  return indices;
}

}  // namespace

Result<Allocation> AllocateLargestRemainder(Method quota_method, int seats, std::span<const ListVotes> lists,
                                            TieRule ties, std::span<const int> lot_rank) {
  SAYLAU_CHECK(IsLargestRemainder(quota_method));
  Result<std::int64_t> total = internal::ValidateAllocationInput(seats, lists, ties, lot_rank);
  if (!total) return total.error();

  Allocation allocation = internal::EmptyAllocation(quota_method, seats, lists);
  const Fraction quota = QuotaOf(quota_method, *total, seats);
  allocation.quota = quota;
  allocation.remainders.resize(lists.size());

  int whole_total = 0;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const Int128 scaled = Int128{lists[i].votes} * quota.den;
    RemainderLine& line = allocation.remainders[i];
    line.whole_seats = static_cast<std::int64_t>(scaled / quota.num);
    line.remainder = scaled - Int128{line.whole_seats} * quota.num;
    allocation.seats[i] = static_cast<int>(line.whole_seats);
    whole_total += allocation.seats[i];
  }

  if (whole_total > seats) {
    // The quota is too small (Imperiali): take seats back from the smallest remainders, in
    // rounds of at most one seat per option; an option that gave a seat back holds a claim
    // one whole quota larger in the next round.
    std::vector<Int128> claim(lists.size());
    for (std::size_t i = 0; i < lists.size(); ++i) claim[i] = allocation.remainders[i].remainder;
    const auto by_smaller_claim = [&](int a, int b) {
      return claim[a] < claim[b] ? 1 : (claim[a] > claim[b] ? -1 : 0);
    };
    // The tie rule protects the earlier option, so it picks who keeps; reverse the ranks.
    std::vector<int> reverse_rank(lists.size());
    for (std::size_t i = 0; i < lists.size(); ++i) {
      reverse_rank[i] = ties == TieRule::kLot ? -lot_rank[i] : -static_cast<int>(i);
    }
    const TieRule rule = ties == TieRule::kUnresolved ? ties : TieRule::kLot;
    while (whole_total > seats) {
      std::vector<int> holders;
      for (std::size_t i = 0; i < lists.size(); ++i) {
        if (allocation.seats[i] > 0) holders.push_back(static_cast<int>(i));
      }
      const int take = std::min<int>(whole_total - seats, static_cast<int>(holders.size()));
      Selection losers = SelectTop(take, holders, by_smaller_claim, rule, reverse_rank);
      for (int index : losers.chosen) {
        --allocation.seats[index];
        --whole_total;
        claim[index] += allocation.quota.num;
        allocation.remainders[index].seat_taken_back = true;
      }
      if (!losers.tie) continue;
      // Report the tie as who keeps a seat, like every other tie.
      TieReport kept = *losers.tie;
      kept.rule = ties;
      kept.seats_at_stake = static_cast<int>(kept.contenders.size()) - losers.tie->seats_at_stake;
      kept.winners.clear();
      for (int contender : kept.contenders) {
        const bool lost =
            std::find(losers.tie->winners.begin(), losers.tie->winners.end(), contender) != losers.tie->winners.end();
        if (!lost && ties != TieRule::kUnresolved) kept.winners.push_back(contender);
      }
      if (ties == TieRule::kUnresolved) {
        // Nobody can say who keeps: every contender's contested seat stays open.
        for (int contender : kept.contenders) {
          --allocation.seats[contender];
          allocation.remainders[contender].seat_taken_back = true;
        }
        allocation.unresolved_seats = kept.seats_at_stake;
        allocation.ties.push_back(std::move(kept));
        return allocation;
      }
      allocation.ties.push_back(std::move(kept));
    }
    return allocation;
  }

  // Seats left go to the largest remainders, one per option per round; more rounds are only
  // needed when a large quota (Droop on few votes) leaves more seats than options.
  std::vector<Int128> claim(lists.size());
  for (std::size_t i = 0; i < lists.size(); ++i) claim[i] = allocation.remainders[i].remainder;
  const auto by_claim = [&](int a, int b) { return claim[a] < claim[b] ? -1 : (claim[a] > claim[b] ? 1 : 0); };
  for (int left = seats - whole_total; left > 0;) {
    const int take = std::min<int>(left, static_cast<int>(lists.size()));
    Selection extra = SelectTop(take, AllIndices(lists.size()), by_claim, ties, lot_rank);
    for (int index : extra.chosen) {
      ++allocation.seats[index];
      allocation.remainders[index].remainder_seat = true;
      claim[index] -= allocation.quota.num;
    }
    left -= static_cast<int>(extra.chosen.size());
    if (extra.tie) allocation.ties.push_back(*extra.tie);
    if (extra.unresolved > 0) {
      allocation.unresolved_seats = left;
      break;
    }
  }
  return allocation;
}

}  // namespace saylau::core
