#include "saylau/core/highest_averages.h"

#include <algorithm>

#include "allocation_input.h"
#include "saylau/core/ranking.h"

namespace saylau::core {
namespace {

// From this many options on, the seats left after the jump start go through a heap.
constexpr int kHeapFrom = 16;

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

// Seats an option holds at the trial divisor `lambda` (num/den): how many of its quotients
// are strictly above lambda (squared lambda for Huntington-Hill). Quotients fall with k, so
// a binary search over k in [lo, hi] finds the count; the caller knows it lies there.
int SeatsAbove(Method method, const Ratio& first_divisor, std::int64_t votes, const Fraction& lambda, int lo, int hi) {
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (Compare(Priority(method, first_divisor, votes, mid), lambda) > 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

Result<Allocation> AllocateHighestAverages(Method method, int seats, std::span<const ListVotes> lists, TieRule ties,
                                           const Ratio& first_divisor, std::span<const int> lot_rank) {
  SAYLAU_CHECK(!IsLargestRemainder(method));
  Result<std::int64_t> total = internal::ValidateAllocationInput(seats, lists, ties, lot_rank);
  if (!total) return total.error();
  if (method == Method::kModifiedSainteLague && first_divisor.num <= 0) {
    return InvalidArgument("the first divisor must be greater than 0");
  }
  // At 3 or more the first divisor is not below the second (3): a list's second quotient would
  // not fall below its first, and no method of record does that (Norway 1.4, Sweden 1.2). The
  // seat-by-seat order and the jump start below both assume quotients fall, so refuse it.
  if (method == Method::kModifiedSainteLague && Int128{first_divisor.num} >= Int128{3} * first_divisor.den) {
    return InvalidArgument("the first divisor must be below 3, the second divisor of modified Sainte-Laguë");
  }

  Allocation allocation = internal::EmptyAllocation(method, seats, lists);
  const int n = static_cast<int>(lists.size());
  int remaining = seats;

  // Jump start: at a trial divisor lambda the seats every option holds (its quotients above
  // lambda) are a lower bound on its final seats whenever they sum to at most S, because the
  // final divisor can only be smaller. Lambda = V / (scale * S') in the scale of the method's
  // divisors, with S' a little under S for methods that round up; if the seats still come to
  // more than S, a larger lambda is tried. Squared for Huntington-Hill, used only while the
  // products fit in 128 bits.
  const bool can_jump = method != Method::kHuntingtonHill || *total < (std::int64_t{1} << 46);
  if (can_jump) {
    const std::int64_t scale = method == Method::kSainteLague || method == Method::kModifiedSainteLague ? 2
                               : method == Method::kDanish                                              ? 3
                                                                                                        : 1;
    const int margin = method == Method::kDhondt ? 0 : (n + 1) / 2;
    for (const int trial_seats : {seats - margin, seats - n, seats - 2 * n}) {
      if (trial_seats <= 0) break;
      const Int128 denominator = Int128{scale} * trial_seats;
      const Fraction lambda = method == Method::kHuntingtonHill
                                  ? Fraction{Int128{*total} * *total, denominator * denominator}
                                  : Fraction{*total, denominator};
      // Every method's divisors are scale * s(k) with k <= s(k) <= k + 1, so an option's count of
      // quotients above lambda is within one of q = floor(votes * S' / V).
      int held = 0;
      for (int i = 0; i < n; ++i) {
        const int q = static_cast<int>(Int128{lists[i].votes} * trial_seats / *total);
        const int lo = std::max(0, q - 1);
        const int hi = std::min(seats, q + 1);
        allocation.seats[i] = SeatsAbove(method, first_divisor, lists[i].votes, lambda, lo, hi);
        held += allocation.seats[i];
      }
      if (held <= seats) {
        remaining -= held;
        break;
      }
      std::fill(allocation.seats.begin(), allocation.seats.end(), 0);
    }
  }

  std::vector<Fraction> priority(n);
  for (int i = 0; i < n; ++i) priority[i] = Priority(method, first_divisor, lists[i].votes, allocation.seats[i]);

  // Infinite claims (a first seat under Adams or Huntington-Hill) are ordered by votes.
  const auto compare = [&](int a, int b) {
    const int by_quotient = Compare(priority[a], priority[b]);
    if (by_quotient != 0 || priority[a].den != 0) return by_quotient;
    return lists[a].votes < lists[b].votes ? -1 : (lists[a].votes > lists[b].votes ? 1 : 0);
  };
  const auto award = [&](int option) {
    ++allocation.seats[option];
    priority[option] = Priority(method, first_divisor, lists[option].votes, allocation.seats[option]);
  };

  std::vector<int> tied;
  tied.reserve(n);
  // Equal claims competing for more seats than are left: the tie rule decides, or nobody does.
  const auto settle = [&](const std::vector<int>& contenders) {
    Selection selection = SelectTop(
        remaining, contenders, [](int, int) { return 0; }, ties, lot_rank);
    for (int option : selection.chosen) award(option);
    if (selection.tie) allocation.ties.push_back(*selection.tie);
    allocation.unresolved_seats = selection.unresolved;
    remaining = 0;
  };
  if (n > kHeapFrom) {
    // Many options: a max-heap of claims; every claim equal to the top is taken together.
    const auto lower = [&](int a, int b) { return compare(a, b) < 0; };
    std::vector<int> heap(n);
    for (int i = 0; i < n; ++i) heap[i] = i;
    std::make_heap(heap.begin(), heap.end(), lower);
    while (remaining > 0) {
      tied.clear();
      std::pop_heap(heap.begin(), heap.end(), lower);
      tied.push_back(heap.back());
      heap.pop_back();
      while (!heap.empty() && compare(heap.front(), tied.front()) == 0) {
        std::pop_heap(heap.begin(), heap.end(), lower);
        tied.push_back(heap.back());
        heap.pop_back();
      }
      std::sort(tied.begin(), tied.end());
      if (static_cast<int>(tied.size()) > remaining) {
        settle(tied);
        break;
      }
      for (int option : tied) {
        award(option);
        heap.push_back(option);
        std::push_heap(heap.begin(), heap.end(), lower);
      }
      remaining -= static_cast<int>(tied.size());
    }
  }
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
      award(best);
      --remaining;
      continue;
    }
    tied.clear();
    for (int i = 0; i < n; ++i) {
      if (compare(i, best) == 0) tied.push_back(i);
    }
    if (static_cast<int>(tied.size()) <= remaining) {
      for (int option : tied) award(option);
      remaining -= static_cast<int>(tied.size());
      continue;
    }
    settle(tied);
  }

  // The cut: the smallest quotient that won and the largest that did not.
  for (int i = 0; i < n; ++i) {
    if (lists[i].votes == 0) continue;
    if (!allocation.first_loser || Compare(priority[i], *allocation.first_loser) > 0)
      allocation.first_loser = priority[i];
    if (allocation.seats[i] > 0) {
      const Fraction last = Priority(method, first_divisor, lists[i].votes, allocation.seats[i] - 1);
      if (!allocation.last_winner || Compare(last, *allocation.last_winner) < 0) allocation.last_winner = last;
    }
  }
  return allocation;
}

std::vector<SeatAward> SeatOrder(const Allocation& allocation, const Ratio& first_divisor) {
  std::vector<SeatAward> awards;
  if (IsLargestRemainder(allocation.method)) return awards;
  for (std::size_t i = 0; i < allocation.ids.size(); ++i) {
    for (int k = 0; k < allocation.seats[i]; ++k) {
      awards.push_back(
          {0, static_cast<int>(i), k, Priority(allocation.method, first_divisor, allocation.votes[i], k), false});
    }
  }
  std::stable_sort(awards.begin(), awards.end(), [&](const SeatAward& a, const SeatAward& b) {
    const int c = Compare(a.quotient, b.quotient);
    if (c != 0) return c > 0;
    if (a.quotient.den == 0) return allocation.votes[a.option] > allocation.votes[b.option];
    return false;
  });
  for (std::size_t s = 0; s < awards.size(); ++s) {
    SeatAward& award = awards[s];
    award.seat = static_cast<int>(s) + 1;
    for (const TieReport& tie : allocation.ties) {
      const bool won_tie = std::find(tie.winners.begin(), tie.winners.end(), award.option) != tie.winners.end();
      if (won_tie && award.divisor_step == allocation.seats[award.option] - 1) award.by_tie_rule = true;
    }
  }
  return awards;
}

}  // namespace saylau::core
