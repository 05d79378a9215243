// Seat simulation's draws through the fast allocation path: for every method with one and
// either tie rule, AllocateDraw with an allocator reused across draws gives core::Allocate's
// seats after the threshold, ties included (a tie falls back to core::Allocate and its rule).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "saylau/core/allocation.h"
#include "saylau/core/fast_allocation.h"
#include "saylau/stats/seat_simulation.h"

namespace saylau::stats {
namespace {

core::Contest DivisorContest(int lists, const core::PartyListRules& rules) {
  core::Contest contest;
  contest.id = "lists";
  contest.against_all = true;
  contest.rules = rules;
  for (int i = 0; i < lists; ++i) {
    core::Option option;
    option.id = "p" + std::to_string(i);
    option.registration_order = i;
    contest.options.push_back(option);
  }
  return contest;
}

// The reference: the 5 % threshold of all valid votes by hand, then core::Allocate.
std::vector<int> Expected(const core::Contest& contest, const core::PartyListRules& rules,
                          const std::vector<std::int64_t>& votes) {
  std::int64_t base = 0;
  for (std::int64_t v : votes) base += v;
  std::vector<core::ListVotes> admitted;
  std::vector<int> index;
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    if (votes[i] > 0 && votes[i] * 100 >= 5 * base) {
      admitted.push_back({contest.options[i].id, votes[i]});
      index.push_back(static_cast<int>(i));
    }
  }
  std::vector<int> expected(contest.options.size(), 0);
  if (admitted.empty()) return expected;
  auto allocation = core::Allocate(
      {.method = rules.method, .seats = rules.seats, .first_divisor = rules.first_divisor, .ties = rules.ties},
      admitted);
  RC_ASSERT(allocation.has_value());
  for (std::size_t a = 0; a < index.size(); ++a) expected[index[a]] = allocation->seats[a];
  return expected;
}

RC_GTEST_PROP(SeatSimulationFastPath, DrawsEqualCoreAllocateForEveryFastMethodAndTieRule, ()) {
  core::PartyListRules rules;
  rules.method = *rc::gen::element(core::Method::kDhondt, core::Method::kSainteLague,
                                   core::Method::kModifiedSainteLague, core::Method::kDanish, core::Method::kHare);
  rules.ties = *rc::gen::element(core::TieRule::kOrder, core::TieRule::kUnresolved);
  rules.seats = *rc::gen::inRange(1, 120);
  rules.threshold.percent = {5, 1};
  const int lists = *rc::gen::inRange(1, 9);
  const core::Contest contest = DivisorContest(lists, rules);
  core::FastAllocator fast;  // one allocator across the draws, as SimulateSeats uses it
  std::vector<int> seats;
  for (int draw = 0; draw < 4; ++draw) {
    // Small multiples tie often; wide counts rarely.
    const std::int64_t factor = *rc::gen::element<std::int64_t>(1, 1000, 7919);
    const std::int64_t spread = draw % 2 == 0 ? 6 : 3'000'000;
    std::vector<std::int64_t> votes;
    for (int i = 0; i <= lists; ++i) votes.push_back(*rc::gen::inRange<std::int64_t>(0, spread) * factor);
    AllocateDraw(contest, rules, votes, seats, fast);
    RC_ASSERT(seats == Expected(contest, rules, votes));
  }
}

TEST(SeatSimulationFastPath, ATieIsSettledByTheContestsRule) {
  core::PartyListRules rules;
  rules.method = core::Method::kDhondt;
  rules.seats = 3;
  rules.threshold.percent = {5, 1};
  rules.ties = core::TieRule::kOrder;
  const core::Contest contest = DivisorContest(2, rules);
  // 100 and 100 for 3 seats: the last seat is a tie, settled for the list registered first.
  std::vector<int> seats;
  AllocateDraw(contest, rules, std::vector<std::int64_t>{100, 100, 0}, seats);
  EXPECT_EQ(seats, (std::vector<int>{2, 1}));
  rules.ties = core::TieRule::kUnresolved;
  AllocateDraw(contest, rules, std::vector<std::int64_t>{100, 100, 0}, seats);
  EXPECT_EQ(seats, (std::vector<int>{1, 1}));  // the contested seat stays open
}

}  // namespace
}  // namespace saylau::stats
