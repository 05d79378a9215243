#include "saylau/core/largest_remainder.h"

#include <algorithm>
#include <numeric>

#include "allocation_input.h"
#include "saylau/core/ranking.h"

namespace saylau::core {
namespace {

Fraction QuotaOf(Method method, std::int64_t total, int seats) {
  switch (method) {
    case Method::kHare: return {total, seats};
    case Method::kDroop: return {total / (seats + 1) + 1, 1};
    case Method::kHagenbachBischoff: return {total, seats + 1};
    case Method::kImperiali: return {total, seats + 2};
    default: SAYLAU_CHECK(false);
  }
  return {};
}

std::vector<int> AllIndices(std::size_t n) {
  std::vector<int> indices(n);
  std::iota(indices.begin(), indices.end(), 0);
  return indices;
}

}  // namespace

Result<Allocation> AllocateLargestRemainder(Method quota_method, int seats,
                                            std::span<const ListVotes> lists, TieRule ties,
                                            std::span<const int> lot_rank) {
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

  const auto by_remainder = [&](int a, int b) {
    const Int128 ra = allocation.remainders[a].remainder;
    const Int128 rb = allocation.remainders[b].remainder;
    return ra < rb ? -1 : (ra > rb ? 1 : 0);
  };

  if (whole_total > seats) {
    // The quota is too small (Imperiali): take seats back from the smallest remainders.
    std::vector<int> holders;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (allocation.seats[i] > 0) holders.push_back(static_cast<int>(i));
    }
    const auto by_smaller_remainder = [&](int a, int b) { return -by_remainder(a, b); };
    // The tie rule protects the earlier option, so it picks who keeps; reverse the ranks.
    std::vector<int> reverse_rank(lists.size());
    for (std::size_t i = 0; i < lists.size(); ++i) {
      reverse_rank[i] = ties == TieRule::kLot ? -lot_rank[i] : -static_cast<int>(i);
    }
    const TieRule rule = ties == TieRule::kUnresolved ? ties : TieRule::kLot;
    Selection losers =
        SelectTop(whole_total - seats, holders, by_smaller_remainder, rule, reverse_rank);
    for (int index : losers.chosen) {
      --allocation.seats[index];
      allocation.remainders[index].seat_taken_back = true;
    }
    if (losers.tie) {
      // Report the tie as who keeps a seat, like every other tie.
      TieReport kept = *losers.tie;
      kept.rule = ties;
      kept.seats_at_stake = static_cast<int>(kept.contenders.size()) - losers.tie->seats_at_stake;
      kept.winners.clear();
      for (int contender : kept.contenders) {
        const bool lost = std::find(losers.tie->winners.begin(), losers.tie->winners.end(),
                                    contender) != losers.tie->winners.end();
        if (!lost && ties != TieRule::kUnresolved) kept.winners.push_back(contender);
      }
      if (ties == TieRule::kUnresolved) {
        // Nobody can say who keeps: every contender's contested seat stays open.
        for (int contender : kept.contenders) {
          --allocation.seats[contender];
          allocation.remainders[contender].seat_taken_back = true;
        }
        allocation.unresolved_seats = kept.seats_at_stake;
      }
      allocation.ties.push_back(std::move(kept));
    }
    return allocation;
  }

  Selection extra = SelectTop(seats - whole_total, AllIndices(lists.size()), by_remainder, ties, lot_rank);
  for (int index : extra.chosen) {
    ++allocation.seats[index];
    allocation.remainders[index].remainder_seat = true;
  }
  if (extra.tie) allocation.ties.push_back(*extra.tie);
  allocation.unresolved_seats = extra.unresolved;
  return allocation;
}

}  // namespace saylau::core
