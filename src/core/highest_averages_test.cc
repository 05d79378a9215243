#include "saylau/core/highest_averages.h"

#include <gtest/gtest.h>

#include <vector>

namespace saylau::core {
namespace {

// Wikipedia's D'Hondt / Sainte-Laguë example: 230,000 votes, 8 seats.
const std::vector<ListVotes> kFourParties = {{"A", 100'000}, {"B", 80'000}, {"C", 30'000}, {"D", 20'000}};

std::vector<int> Seats(Method method, int seats, const std::vector<ListVotes>& lists, Ratio first_divisor = {7, 5}) {
  Result<Allocation> got = AllocateHighestAverages(method, seats, lists, TieRule::kOrder, first_divisor);
  EXPECT_TRUE(got) << (got ? "" : got.error().message);
  return got ? got->seats : std::vector<int>{};
}

TEST(HighestAveragesTest, DhondtTextbook) {
  EXPECT_EQ(Seats(Method::kDhondt, 8, kFourParties), (std::vector<int>{4, 3, 1, 0}));
}

TEST(HighestAveragesTest, SainteLagueTextbook) {
  EXPECT_EQ(Seats(Method::kSainteLague, 8, kFourParties), (std::vector<int>{3, 3, 1, 1}));
}

TEST(HighestAveragesTest, ModifiedSainteLagueFirstDivisorHoldsBackSmallLists) {
  // Divisors 1.4, 3, 5, 7: the 8th seat is contested by A's 100,000/7 and D's 20,000/1.4, which
  // are exactly equal (14,285.714...); by order A wins it. Floating point could go either way.
  Result<Allocation> got =
      AllocateHighestAverages(Method::kModifiedSainteLague, 8, kFourParties, TieRule::kOrder, {7, 5});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->seats, (std::vector<int>{4, 3, 1, 0}));
  ASSERT_EQ(got->ties.size(), 1u);
  EXPECT_EQ(got->ties[0].contenders, (std::vector<int>{0, 3}));
  const std::vector<ListVotes> lists = {{"A", 53'000}, {"B", 24'000}, {"C", 23'000}};
  // Norway-style check: with 1.4 the first divisor, C's first quotient 16,429 beats A's third 10,600.
  EXPECT_EQ(Seats(Method::kModifiedSainteLague, 7, lists), (std::vector<int>{3, 2, 2}));
  // A first divisor of 1 is plain Sainte-Laguë.
  EXPECT_EQ(Seats(Method::kModifiedSainteLague, 8, kFourParties, {1, 1}), Seats(Method::kSainteLague, 8, kFourParties));
}

// A first divisor of 3 or more is not below the second: quotients would rise from the first
// seat to the second, which the seat order assumes they never do. It is refused, not allocated
// wrongly (votes 6,6,3,6,3,6,3,6,6 for 28 seats with a divisor of 4 gave 3,3,2,... with 4 seats
// open where seat by seat gives 4,4,1,...).
TEST(HighestAveragesTest, ModifiedSainteLagueRefusesAFirstDivisorOfThreeOrMore) {
  const std::vector<ListVotes> lists = {{"a", 6}, {"b", 6}, {"c", 3}, {"d", 6}, {"e", 3},
                                        {"f", 6}, {"g", 3}, {"h", 6}, {"i", 6}};
  for (const Ratio divisor : {Ratio{4, 1}, Ratio{3, 1}, Ratio{30, 10}}) {
    Result<Allocation> got = AllocateHighestAverages(Method::kModifiedSainteLague, 28, lists, TieRule::kOrder, divisor);
    ASSERT_FALSE(got) << divisor.num << "/" << divisor.den;
    EXPECT_NE(got.error().message.find("must be below 3"), std::string::npos) << got.error().message;
  }
  EXPECT_TRUE(AllocateHighestAverages(Method::kModifiedSainteLague, 28, lists, TieRule::kOrder, Ratio{29, 10}));
}

TEST(HighestAveragesTest, DanishDivisorsOneFourSeven) {
  // Quotients: A 100k, 25k, 14.3k; B 80k, 20k, 11.4k; C 30k, 7.5k; D 20k, 5k.
  EXPECT_EQ(Seats(Method::kDanish, 6, kFourParties), (std::vector<int>{2, 2, 1, 1}));
}

TEST(HighestAveragesTest, AdamsAndHuntingtonHillGiveEveryListWithVotesASeatFirst) {
  const std::vector<ListVotes> lists = {{"A", 900}, {"B", 90}, {"C", 10}};
  EXPECT_EQ(Seats(Method::kAdams, 3, lists), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(Seats(Method::kHuntingtonHill, 3, lists), (std::vector<int>{1, 1, 1}));
  // With fewer seats than lists the first seats go by votes.
  EXPECT_EQ(Seats(Method::kAdams, 2, lists), (std::vector<int>{1, 1, 0}));
}

TEST(HighestAveragesTest, HuntingtonHillMatchesTheUsHouseTextbookCase) {
  // Balinski & Young style example: populations 2,560 / 3,315 / 995 / 5,012 / 1,118, 15 seats.
  // Geometric-mean signposts give 3 / 4 / 1 / 6 / 1.
  const std::vector<ListVotes> states = {{"A", 2'560}, {"B", 3'315}, {"C", 995}, {"D", 5'012}, {"E", 1'118}};
  EXPECT_EQ(Seats(Method::kHuntingtonHill, 15, states), (std::vector<int>{3, 4, 1, 6, 1}));
}

TEST(HighestAveragesTest, RecordsEverySeatWithItsQuotient) {
  Result<Allocation> got = AllocateHighestAverages(Method::kDhondt, 8, kFourParties, TieRule::kOrder);
  ASSERT_TRUE(got);
  const std::vector<SeatAward> order = SeatOrder(*got);
  ASSERT_EQ(order.size(), 8u);
  EXPECT_EQ(order[0].option, 0);  // A: 100,000 / 1
  EXPECT_EQ(order[1].option, 1);  // B: 80,000 / 1
  EXPECT_EQ(order[2].option, 0);  // A: 50,000 / 2
  EXPECT_EQ(order[7].seat, 8);
  ASSERT_TRUE(got->last_winner.has_value());
  EXPECT_DOUBLE_EQ(got->last_winner->ToDouble(), 25'000.0);  // A: 100,000 / 4 and C: 30,000 / 1 > 25,000
  // The first quotient left out is D's 20,000 or A's 100,000 / 5 = 20,000.
  ASSERT_TRUE(got->first_loser.has_value());
  EXPECT_DOUBLE_EQ(got->first_loser->ToDouble(), 20'000.0);
}

TEST(HighestAveragesTest, EqualQuotientsForTheLastSeatAreATie) {
  const std::vector<ListVotes> lists = {{"A", 300}, {"B", 300}};
  Result<Allocation> ordered = AllocateHighestAverages(Method::kDhondt, 3, lists, TieRule::kOrder);
  ASSERT_TRUE(ordered);
  EXPECT_EQ(ordered->seats, (std::vector<int>{2, 1}));
  ASSERT_EQ(ordered->ties.size(), 1u);
  Result<Allocation> open = AllocateHighestAverages(Method::kDhondt, 3, lists, TieRule::kUnresolved);
  ASSERT_TRUE(open);
  EXPECT_EQ(open->seats, (std::vector<int>{1, 1}));
  EXPECT_EQ(open->unresolved_seats, 1);
}

TEST(HighestAveragesTest, ManyOptionsWithEqualVotesTieTheSameWayThroughTheHeap) {
  // 30 equal options for 45 seats: 30 first seats, then 15 of the 30 second claims by order.
  std::vector<ListVotes> lists;
  for (int i = 0; i < 30; ++i) lists.push_back({"o" + std::to_string(i), 1000});
  Result<Allocation> got = AllocateHighestAverages(Method::kDhondt, 45, lists, TieRule::kOrder);
  ASSERT_TRUE(got);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(got->seats[i], i < 15 ? 2 : 1) << i;
  ASSERT_EQ(got->ties.size(), 1u);
  EXPECT_EQ(got->ties[0].contenders.size(), 30u);
  Result<Allocation> open = AllocateHighestAverages(Method::kDhondt, 45, lists, TieRule::kUnresolved);
  ASSERT_TRUE(open);
  EXPECT_EQ(open->unresolved_seats, 15);
}

}  // namespace
}  // namespace saylau::core
