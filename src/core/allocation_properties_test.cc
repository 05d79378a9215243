// Properties of every allocation method over random inputs (rapidcheck): seats add up, quota
// bounds, house monotonicity, order independence, vote monotonicity, threshold exactness, and
// agreement of the fast divisor-method path with a plain seat-by-seat reference.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <numeric>

#include "saylau/core/allocation.h"
#include "saylau/core/highest_averages.h"
#include "saylau/core/threshold.h"

namespace saylau::core {
namespace {

const std::vector<Method> kDivisorMethods = {Method::kDhondt, Method::kSainteLague,    Method::kModifiedSainteLague,
                                             Method::kDanish, Method::kHuntingtonHill, Method::kAdams};

// Distinct positive vote counts (so that no ties arise), 1 to 40 options (the divisor
// methods switch to a heap above 16).
rc::Gen<std::vector<ListVotes>> DistinctLists() {
  return rc::gen::map(rc::gen::unique<std::vector<std::int64_t>>(rc::gen::inRange<std::int64_t>(1, 2'000'000)),
                      [](const std::vector<std::int64_t>& votes) {
                        std::vector<ListVotes> lists;
                        for (std::size_t i = 0; i < votes.size() && i < 40; ++i) {
                          lists.push_back({"o" + std::to_string(i), votes[i]});
                        }
                        if (lists.empty()) lists.push_back({"o0", 1});
                        return lists;
                      });
}

Allocation MustAllocate(Method method, int seats, const std::vector<ListVotes>& lists) {
  Result<Allocation> got = Allocate({.method = method, .seats = seats}, lists);
  RC_ASSERT(got.has_value());
  return *got;
}

// Plain highest averages: one seat at a time to the highest quotient, ties to the lower index.
std::vector<int> ReferenceDivisor(Method method, int seats, const std::vector<ListVotes>& lists) {
  std::vector<int> held(lists.size(), 0);
  const auto claim = [&](std::size_t i) {
    const Fraction d = DivisorAt(method, {7, 5}, held[i]);
    if (method == Method::kHuntingtonHill) {
      return lists[i].votes == 0 ? Fraction{0, 1} : Fraction{Int128{lists[i].votes} * lists[i].votes, d.num};
    }
    if (d.num == 0) return lists[i].votes == 0 ? Fraction{0, 1} : Fraction{lists[i].votes, 0};
    return Fraction{Int128{lists[i].votes} * d.den, d.num};
  };
  for (int s = 0; s < seats; ++s) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < lists.size(); ++i) {
      const int c = Compare(claim(i), claim(best));
      if (c > 0 || (c == 0 && claim(i).den == 0 && lists[i].votes > lists[best].votes)) best = i;
    }
    ++held[best];
  }
  return held;
}

RC_GTEST_PROP(AllocationPropertiesTest, SeatsAlwaysAddUpToTheHouse, ()) {
  const auto lists = *DistinctLists();
  const int seats = *rc::gen::inRange(1, 300);
  for (Method method : AllMethods()) {
    const Allocation got = MustAllocate(method, seats, lists);
    RC_ASSERT(got.resolved());
    RC_ASSERT(std::accumulate(got.seats.begin(), got.seats.end(), 0) == seats);
  }
}

RC_GTEST_PROP(AllocationPropertiesTest, HareGivesEveryOptionTheFloorOrCeilingOfItsQuota, ()) {
  const auto lists = *DistinctLists();
  const int seats = *rc::gen::inRange(1, 300);
  const Allocation got = MustAllocate(Method::kHare, seats, lists);
  std::int64_t total = 0;
  for (const ListVotes& list : lists) total += list.votes;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const Int128 exact = Int128{lists[i].votes} * seats;  // quota = exact / total
    const std::int64_t floor = static_cast<std::int64_t>(exact / total);
    RC_ASSERT(got.seats[i] == floor || (got.seats[i] == floor + 1 && exact % total != 0));
  }
}

RC_GTEST_PROP(AllocationPropertiesTest, DivisorMethodsAreHouseMonotone, ()) {
  const auto lists = *DistinctLists();
  const int seats = *rc::gen::inRange(1, 200);
  for (Method method : kDivisorMethods) {
    const Allocation smaller = MustAllocate(method, seats, lists);
    const Allocation larger = MustAllocate(method, seats + 1, lists);
    for (std::size_t i = 0; i < lists.size(); ++i) RC_ASSERT(larger.seats[i] >= smaller.seats[i]);
  }
}

RC_GTEST_PROP(AllocationPropertiesTest, FastDivisorPathEqualsSeatBySeatReference, ()) {
  const auto lists = *DistinctLists();
  const int seats = *rc::gen::inRange(1, 400);
  for (Method method : kDivisorMethods) {
    const Allocation got = MustAllocate(method, seats, lists);
    RC_ASSERT(got.seats == ReferenceDivisor(method, seats, lists));
    // The seat order rebuilt for display is non-increasing in quotient and covers every seat.
    const std::vector<SeatAward> order = SeatOrder(got);
    RC_ASSERT(static_cast<int>(order.size()) == seats);
    for (std::size_t s = 1; s < order.size(); ++s) RC_ASSERT(Compare(order[s - 1].quotient, order[s].quotient) >= 0);
  }
}

RC_GTEST_PROP(AllocationPropertiesTest, ReorderingOptionsDoesNotChangeSeats, ()) {
  const auto lists = *DistinctLists();
  const int seats = *rc::gen::inRange(1, 200);
  std::vector<ListVotes> shuffled = lists;
  std::reverse(shuffled.begin(), shuffled.end());
  std::rotate(shuffled.begin(), shuffled.begin() + shuffled.size() / 2, shuffled.end());
  for (Method method : AllMethods()) {
    const Allocation a = MustAllocate(method, seats, lists);
    const Allocation b = MustAllocate(method, seats, shuffled);
    for (const ListVotes& list : lists) RC_ASSERT(a.SeatsOf(list.id) == b.SeatsOf(list.id));
  }
}

RC_GTEST_PROP(AllocationPropertiesTest, MoreVotesNeverMeanFewerSeatsUnderDivisorMethods, ()) {
  auto lists = *DistinctLists();
  const int seats = *rc::gen::inRange(1, 200);
  const std::size_t who = *rc::gen::inRange<std::size_t>(0, lists.size());
  const std::int64_t extra = *rc::gen::inRange<std::int64_t>(1, 500'000);
  for (Method method : kDivisorMethods) {
    const Allocation before = MustAllocate(method, seats, lists);
    auto more = lists;
    more[who].votes += extra;
    const Allocation after = MustAllocate(method, seats, more);
    RC_ASSERT(after.seats[who] >= before.seats[who]);
  }
}

RC_GTEST_PROP(AllocationPropertiesTest, ThresholdExcludesExactlyTheOptionsUnderIt, ()) {
  const auto lists = *DistinctLists();
  const std::int64_t percent = *rc::gen::inRange<std::int64_t>(0, 30);
  std::int64_t base = 0;
  for (const ListVotes& list : lists) base += list.votes;
  for (const ListVotes& list : lists) {
    const bool passes = PassesThreshold(list.votes, base, {percent, 1});
    RC_ASSERT(passes == (list.votes * 100 >= percent * base));
    RC_ASSERT(passes == (list.votes >= VotesNeeded(base, {percent, 1})));
  }
}

}  // namespace
}  // namespace saylau::core
