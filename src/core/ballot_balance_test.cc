// Ballot balance: took part against valid + invalid (+ both marked), on the published figures
// of the 2022 and 2026 referendums.
#include "saylau/core/ballot_balance.h"

#include <gtest/gtest.h>

namespace saylau::core {
namespace {

Tally Referendum(std::int64_t took_part, std::int64_t yes, std::int64_t no, std::optional<std::int64_t> invalid,
                 std::optional<std::int64_t> both_marked) {
  Tally tally;
  tally.took_part = took_part;
  tally.votes = {yes, no};
  tally.invalid = invalid;
  tally.both_marked = both_marked;
  return tally;
}

TEST(BallotBalanceTest, TheReferendumOf2026Leaves127868BallotsUnaccountedFor) {
  const std::optional<BallotImbalance> found =
      FindBallotImbalance(Referendum(9'127'192, 7'954'667, 898'099, 146'558, std::nullopt));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->valid, 8'852'766);
  EXPECT_EQ(found->Accounted(), 8'999'324);
  EXPECT_EQ(found->Unaccounted(), 127'868);
}

TEST(BallotBalanceTest, TheReferendumOf2022AddsUpWithItsBothMarkedBallots) {
  EXPECT_FALSE(FindBallotImbalance(Referendum(7'985'769, 6'163'516, 1'490'470, 205'924, 125'859)));
  // Without its both-marked line the same count is 125,859 short.
  const std::optional<BallotImbalance> short_of =
      FindBallotImbalance(Referendum(7'985'769, 6'163'516, 1'490'470, 205'924, std::nullopt));
  ASSERT_TRUE(short_of);
  EXPECT_EQ(short_of->Unaccounted(), 125'859);
}

TEST(BallotBalanceTest, MoreCountedThanTookPartIsNegativeAndAgainstAllCounts) {
  Tally tally;
  tally.took_part = 100;
  tally.votes = {60, 30};
  tally.against_all = 8;
  tally.invalid = 5;
  const std::optional<BallotImbalance> found = FindBallotImbalance(tally);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->valid, 98);
  EXPECT_EQ(found->Unaccounted(), -3);
  tally.valid = 95;  // a form's valid base, when given, is the valid ballots
  EXPECT_FALSE(FindBallotImbalance(tally));
}

TEST(BallotBalanceTest, NothingIsSaidWithoutTookPartOrInvalid) {
  EXPECT_FALSE(FindBallotImbalance(Referendum(9'127'192, 7'954'667, 898'099, std::nullopt, std::nullopt)));
  Tally no_took_part = Referendum(0, 7'954'667, 898'099, 146'558, std::nullopt);
  no_took_part.took_part.reset();
  EXPECT_FALSE(FindBallotImbalance(no_took_part));
}

TEST(BallotBalanceTest, EachCountGivenIsCheckedWithItsUnitRoundAndOrigin) {
  std::vector<UnitCount> counts(3);
  counts[0] = {"astana", 1, Referendum(100, 60, 30, 10, std::nullopt), "c.csv:2"};
  counts[1] = {"almaty-city", 1, Referendum(100, 60, 30, 5, std::nullopt), "c.csv:7"};
  counts[2] = {"shymkent", 2, Referendum(50, 30, 10, 2, 1), "c.csv:12"};
  const std::vector<BallotImbalance> found = FindBallotImbalances(counts);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].unit, "almaty-city");
  EXPECT_EQ(found[0].origin, "c.csv:7");
  EXPECT_EQ(found[0].Unaccounted(), 5);
  EXPECT_EQ(found[1].unit, "shymkent");
  EXPECT_EQ(found[1].round, 2);
  EXPECT_EQ(found[1].Unaccounted(), 7);
}

}  // namespace
}  // namespace saylau::core
