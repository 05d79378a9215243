#include "saylau/core/highest_averages.h"

#include <algorithm>

#include "allocation_input.h"
#include "saylau/core/ranking.h"

namespace saylau::core {
namespace {

// The claim of an option holding k seats: votes / divisor(k), squared for Huntington-Hill.
Fraction Priority(Method method, const Ratio& first_divisor, std::int64_t votes, int k) {
  const Fraction divisor = DivisorAt(method, first_divisor, k);
  if (method == Method::kHuntingtonHill) {
    if (votes == 0) return {0, 1};
    return {Int128{votes} * votes, divisor.num};  // den 0 = infinite first claim
  }
  if (divisor.num == 0) return votes == 0 ? Fraction{0, 1} : Fraction{votes, 0};
  return {Int128{votes} * divisor.den, divisor.num};
}

bool IsDivisorMethod(Method method) { return !IsLargestRemainder(method); }

}  // namespace

Result<Allocation> AllocateHighestAverages(Method method, int seats, std::span<const ListVotes> lists,
                                           TieRule ties, const Ratio& first_divisor,
                                           std::span<const int> lot_rank) {
  SAYLAU_CHECK(IsDivisorMethod(method));
  Result<std::int64_t> total = internal::ValidateAllocationInput(seats, lists, ties, lot_rank);
  if (!total) return total.error();
  if (method == Method::kModifiedSainteLague && first_divisor.num <= 0) {
    return InvalidArgument("the first divisor must be greater than 0");
  }

  Allocation allocation = internal::EmptyAllocation(method, seats, lists);
  const int n = static_cast<int>(lists.size());
  std::vector<Fraction> priority(n);
  for (int i = 0; i < n; ++i) priority[i] = Priority(method, first_divisor, lists[i].votes, 0);

  // Infinite claims (a first seat under Adams or Huntington-Hill) are ordered by votes.
  const auto compare = [&](int a, int b) {
    const int by_quotient = Compare(priority[a], priority[b]);
    if (by_quotient != 0 || priority[a].den != 0) return by_quotient;
    return lists[a].votes < lists[b].votes ? -1 : (lists[a].votes > lists[b].votes ? 1 : 0);
  };

  allocation.awards.reserve(seats);
  const auto award = [&](int option, bool by_tie) {
    allocation.awards.push_back({static_cast<int>(allocation.awards.size()) + 1, option,
                                 allocation.seats[option], priority[option], by_tie});
    ++allocation.seats[option];
    priority[option] = Priority(method, first_divisor, lists[option].votes, allocation.seats[option]);
  };

  int remaining = seats;
  std::vector<int> tied;
  tied.reserve(n);
  while (remaining > 0) {
    int best = 0;
    int equal = 1;
    for (int i = 1; i < n; ++i) {
      const int c = compare(i, best);
      if (c > 0) {
        best = i;
        equal = 1;
      } else if (c == 0) {
        ++equal;
      }
    }
    if (equal == 1) {
      award(best, false);
      --remaining;
      continue;
    }
    tied.clear();
    for (int i = 0; i < n; ++i) {
      if (compare(i, best) == 0) tied.push_back(i);
    }
    if (static_cast<int>(tied.size()) <= remaining) {
      for (int option : tied) award(option, false);
      remaining -= static_cast<int>(tied.size());
      continue;
    }
    // More equal claims than seats left: the tie rule decides, or nobody does.
    Selection selection = SelectTop(remaining, tied, [](int, int) { return 0; }, ties, lot_rank);
    for (int option : selection.chosen) award(option, true);
    if (selection.tie) allocation.ties.push_back(*selection.tie);
    allocation.unresolved_seats = selection.unresolved;
    remaining = 0;
  }

  // The best claim that won nothing: every awarded quotient is at least this large.
  int first_loser = -1;
  for (int i = 0; i < n; ++i) {
    if (lists[i].votes == 0) continue;
    if (first_loser < 0 || compare(i, first_loser) > 0) first_loser = i;
  }
  if (first_loser >= 0) allocation.first_loser = priority[first_loser];
  return allocation;
}

}  // namespace saylau::core
