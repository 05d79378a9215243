// Leading or won: a contest's seats are won only when its count is complete and its outcome
// decided; a partial count, however lopsided, leaves them leading; the chamber's composition
// counts the won seats of each party.
#include "saylau/core/seat_status.h"

#include <gtest/gtest.h>

#include <string>

#include "saylau/core/composition.h"

namespace saylau::core {
namespace {

TEST(SeatStatusTest, ACompleteDecidedCountIsWon) {
  const Progress progress{.reported = 20, .expected = 20, .voters_reported = 1000, .voters_expected = 1000};
  const SeatDecision decision = DecideSeatStatus(progress, /*decided=*/true);
  EXPECT_EQ(decision.status, SeatStatus::kWon);
  EXPECT_EQ(decision.because, WonBecause::kCountComplete);
  EXPECT_STREQ(SeatStatusName(decision.status), "won");
  EXPECT_STREQ(WonBecauseName(decision.because), "count_complete");
}

TEST(SeatStatusTest, APartialCountIsLeadingHoweverFarAhead) {
  // 19 of 20 stations in, only 10 registered voters out and a lead of thousands: the list of
  // voters may grow on the day, so no bound calls it before the last station.
  const Progress progress{.reported = 19, .expected = 20, .voters_reported = 99990, .voters_expected = 100000};
  const SeatDecision decision = DecideSeatStatus(progress, /*decided=*/true);
  EXPECT_EQ(decision.status, SeatStatus::kLeading);
  EXPECT_EQ(decision.because, WonBecause::kNotWon);
  EXPECT_STREQ(SeatStatusName(decision.status), "leading");
  EXPECT_STREQ(WonBecauseName(decision.because), "");
}

TEST(SeatStatusTest, ACompleteCountWithoutADecisionIsNotWon) {
  const Progress progress{.reported = 5, .expected = 5};
  EXPECT_FALSE(DecideSeatStatus(progress, /*decided=*/false).won());  // a tie, a runoff to come
  EXPECT_FALSE(DecideSeatStatus(Progress{}, /*decided=*/true).won());  // nothing expected
}

TEST(SeatStatusTest, TheStatusOfTheNightDecidesFromItsCurrentRound) {
  ContestStatus status;
  status.progress = {.reported = 3, .expected = 3};
  status.outcome = Outcome{.contest = "d1", .decision = Decision::kDecided, .winners = {"x"}};
  EXPECT_TRUE(DecideSeatStatus(status).won());
  status.progress.reported = 2;
  EXPECT_FALSE(DecideSeatStatus(status).won());
  status.progress.reported = 3;
  status.outcome = Outcome{.contest = "d1", .decision = Decision::kRunoffNeeded};
  EXPECT_FALSE(DecideSeatStatus(status).won());
}

TEST(SeatStatusTest, TheCompositionCountsWonSeatsByParty) {
  Contest list{.id = "list", .kind = "party_list", .unit = "kz", .rules = PartyListRules{.seats = 5}};
  list.options = {{.id = "a", .party = "a"}, {.id = "b", .party = "b"}};
  Contest district1{.id = "d1", .kind = "single_member", .unit = "d1", .rules = PluralityRules{}};
  district1.options = {{.id = "x", .kind = OptionKind::kCandidate, .party = "b"}};
  Contest district2 = district1;
  district2.id = "d2";
  const Election election("e", {}, {2023, 3, 19}, {{.id = "kz"}}, {{.id = "a"}, {.id = "b"}}, {});
  Outcome list_outcome{.contest = "list", .decision = Decision::kDecided};
  PartyListDetails details;
  details.seats = {3, 2};
  list_outcome.details = details;
  const Outcome d1{.contest = "d1", .decision = Decision::kDecided, .winners = {"x"}};
  const Outcome d2{.contest = "d2", .decision = Decision::kDecided, .winners = {"x"}};
  // The list still counting (leading), district 1 complete (won), district 2 counting.
  const std::vector<ContestOutcome> contests = {
      {&list, &list_outcome, false}, {&district1, &d1, true}, {&district2, &d2, false}};
  const Composition composition = ComposeChamber(election, contests);
  EXPECT_EQ(composition.seats, 7);
  EXPECT_EQ(composition.won, 1);
  ASSERT_EQ(composition.parties.size(), 2u);
  EXPECT_EQ(composition.parties[0].party, "b");  // 2 + 2
  EXPECT_EQ(composition.parties[0].won_seats, 1);
  EXPECT_EQ(composition.parties[1].party, "a");
  EXPECT_EQ(composition.parties[1].won_seats, 0);
  // Once every contest is complete, every seat is won.
  const std::vector<ContestOutcome> complete = {
      {&list, &list_outcome, true}, {&district1, &d1, true}, {&district2, &d2, true}};
  const Composition final_composition = ComposeChamber(election, complete);
  EXPECT_EQ(final_composition.won, 7);
  EXPECT_EQ(final_composition.parties[0].won_seats, 4);
  EXPECT_EQ(final_composition.parties[1].won_seats, 3);
}

}  // namespace
}  // namespace saylau::core
