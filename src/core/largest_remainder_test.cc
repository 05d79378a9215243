#include "saylau/core/largest_remainder.h"

#include <gtest/gtest.h>

#include <vector>

namespace saylau::core {
namespace {

// Wikipedia's largest-remainder example: 100,000 votes among six lists, 10 seats.
const std::vector<ListVotes> kSixParties = {{"A", 47'000}, {"B", 16'000}, {"C", 15'800},
                                            {"D", 12'000}, {"E", 6'100},  {"F", 3'100}};

TEST(LargestRemainderTest, LeftoverSeatsGoToLargestRemainders) {
  const std::vector<ListVotes>& lists = kSixParties;

  Result<Allocation> got = AllocateLargestRemainder(Method::kHare, 10, lists, TieRule::kUnresolved);

  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->SeatsOf("A"), 5);
  EXPECT_EQ(got->SeatsOf("B"), 2);
  EXPECT_EQ(got->SeatsOf("C"), 1);
  EXPECT_EQ(got->SeatsOf("D"), 1);
  EXPECT_EQ(got->SeatsOf("E"), 1);
  EXPECT_EQ(got->SeatsOf("F"), 0);
}

TEST(LargestRemainderTest, DroopQuotaIsFloorPlusOne) {
  // Wikipedia's largest-remainder example: 100,000 votes, 10 seats, Droop quota 9,091.
  const std::vector<ListVotes>& lists = kSixParties;
  Result<Allocation> got = AllocateLargestRemainder(Method::kDroop, 10, lists, TieRule::kUnresolved);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->quota.num, 9'091);
  EXPECT_EQ(got->SeatsOf("A"), 5);
  EXPECT_EQ(got->SeatsOf("B"), 2);
  EXPECT_EQ(got->SeatsOf("C"), 2);
  EXPECT_EQ(got->SeatsOf("D"), 1);
  EXPECT_EQ(got->SeatsOf("E"), 0);
}

TEST(LargestRemainderTest, HagenbachBischoffQuotaIsVotesOverSeatsPlusOne) {
  // Same example: quota 100,000 / 11 = 9,090.9...; quotients 5.17, 1.76, 1.74, 1.32, 0.67, 0.34
  // give 8 whole seats, and the two left go to the largest remainders, B (.76) and C (.74).
  const std::vector<ListVotes>& lists = kSixParties;
  Result<Allocation> got = AllocateLargestRemainder(Method::kHagenbachBischoff, 10, lists, TieRule::kUnresolved);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->quota.num, 100'000);
  EXPECT_EQ(got->quota.den, 11);
  EXPECT_EQ(got->seats, (std::vector<int>{5, 2, 2, 1, 0, 0}));
}

TEST(LargestRemainderTest, HareShowsTheAlabamaParadox) {
  // Classic example: with one more seat in the house, C loses a seat.
  const std::vector<ListVotes> lists = {{"A", 6}, {"B", 6}, {"C", 2}};
  Result<Allocation> ten = AllocateLargestRemainder(Method::kHare, 10, lists, TieRule::kOrder);
  Result<Allocation> eleven = AllocateLargestRemainder(Method::kHare, 11, lists, TieRule::kOrder);
  ASSERT_TRUE(ten);
  ASSERT_TRUE(eleven);
  EXPECT_EQ(ten->seats, (std::vector<int>{4, 4, 2}));
  EXPECT_EQ(eleven->seats, (std::vector<int>{5, 5, 1}));
}

TEST(LargestRemainderTest, ImperialiOverAllocationTakesSeatsBackFromSmallestRemainders) {
  // Quota 100/(2+2) = 25: floors 2 + 2 = 4 > 2 seats... with three lists:
  const std::vector<ListVotes> lists = {{"A", 50}, {"B", 30}, {"C", 20}};
  // S = 2, quota = 25: floors 2, 1, 0 = 3 > 2; B has remainder 5, A remainder 0 -> A loses.
  Result<Allocation> got = AllocateLargestRemainder(Method::kImperiali, 2, lists, TieRule::kOrder);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->seats, (std::vector<int>{1, 1, 0}));
  EXPECT_TRUE(got->remainders[0].seat_taken_back);
}

TEST(LargestRemainderTest, EqualRemaindersGoToTheEarlierOptionUnderOrder) {
  const std::vector<ListVotes> lists = {{"A", 100}, {"B", 100}, {"C", 100}};
  Result<Allocation> got = AllocateLargestRemainder(Method::kHare, 2, lists, TieRule::kOrder);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->seats, (std::vector<int>{1, 1, 0}));
  ASSERT_EQ(got->ties.size(), 1u);
  EXPECT_EQ(got->ties[0].contenders, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(got->ties[0].winners, (std::vector<int>{0, 1}));
}

TEST(LargestRemainderTest, EqualRemaindersFollowARecordedLot) {
  const std::vector<ListVotes> lists = {{"A", 100}, {"B", 100}, {"C", 100}};
  const std::vector<int> lot = {2, 0, 1};  // B drawn first, then C, then A
  Result<Allocation> got = AllocateLargestRemainder(Method::kHare, 1, lists, TieRule::kLot, lot);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->seats, (std::vector<int>{0, 1, 0}));
}

TEST(LargestRemainderTest, UnresolvedTieLeavesTheSeatOpen) {
  const std::vector<ListVotes> lists = {{"A", 100}, {"B", 100}, {"C", 50}};
  Result<Allocation> got = AllocateLargestRemainder(Method::kHare, 1, lists, TieRule::kUnresolved);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->resolved());
  EXPECT_EQ(got->unresolved_seats, 1);
  EXPECT_EQ(got->seats, (std::vector<int>{0, 0, 0}));
}

TEST(LargestRemainderTest, RejectsBadInputWithAReason) {
  const std::vector<ListVotes> zero = {{"A", 0}, {"B", 0}};
  EXPECT_EQ(AllocateLargestRemainder(Method::kHare, 5, zero, TieRule::kOrder).error().code,
            ErrorCode::kInvalidArgument);
  const std::vector<ListVotes> negative = {{"A", -1}};
  Result<Allocation> got = AllocateLargestRemainder(Method::kHare, 5, negative, TieRule::kOrder);
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("'A'"), std::string::npos);
  const std::vector<ListVotes> fine = {{"A", 1}};
  EXPECT_FALSE(AllocateLargestRemainder(Method::kHare, 0, fine, TieRule::kOrder));
}

}  // namespace
}  // namespace saylau::core
