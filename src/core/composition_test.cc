// The chamber's composition: list seats by party, district seats by the winner's party or
// self-nominated, undecided contests counted as undecided seats, order by seats.
#include "saylau/core/composition.h"

#include <gtest/gtest.h>

namespace saylau::core {
namespace {

TEST(CompositionTest, ListAndDistrictSeatsAddUpByParty) {
  Contest list{.id = "list", .kind = "party_list", .unit = "kz", .rules = PartyListRules{.seats = 5}};
  list.options = {{.id = "a", .party = "a"}, {.id = "b", .party = "b"}};
  Contest district1{.id = "d1", .kind = "single_member", .unit = "d1", .rules = PluralityRules{}};
  district1.options = {{.id = "x", .kind = OptionKind::kCandidate, .party = "b"},
                       {.id = "y", .kind = OptionKind::kCandidate}};
  Contest district2 = district1;
  district2.id = "d2";
  Contest district3 = district1;
  district3.id = "d3";
  const Election election("e", {}, {2023, 3, 19}, {{.id = "kz"}}, {{.id = "a"}, {.id = "b"}}, {});

  Outcome list_outcome{.contest = "list", .decision = Decision::kDecided};
  PartyListDetails details;
  details.seats = {3, 2};
  list_outcome.details = details;
  const Outcome won_by_b{.contest = "d1", .decision = Decision::kDecided, .winners = {"x"}};
  const Outcome won_by_independent{.contest = "d2", .decision = Decision::kDecided, .winners = {"y"}};
  const Outcome tied{.contest = "d3", .decision = Decision::kUnresolved};

  const std::vector<ContestOutcome> contests = {
      {&list, &list_outcome}, {&district1, &won_by_b}, {&district2, &won_by_independent}, {&district3, &tied}};
  const Composition composition = ComposeChamber(election, contests);
  EXPECT_EQ(composition.seats, 8);
  EXPECT_EQ(composition.undecided, 1);
  ASSERT_EQ(composition.parties.size(), 3u);
  // a 3 + 0 and b 2 + 1 tie on 3 seats: the definition's party order settles the display order.
  EXPECT_EQ(composition.parties[0].party, "a");
  EXPECT_EQ(composition.parties[0].list_seats, 3);
  EXPECT_EQ(composition.parties[1].party, "b");
  EXPECT_EQ(composition.parties[1].list_seats, 2);
  EXPECT_EQ(composition.parties[1].district_seats, 1);
  EXPECT_EQ(composition.parties[2].party, kSelfNominated);
  EXPECT_EQ(composition.parties[2].district_seats, 1);
}

TEST(CompositionTest, AListWithoutOutcomeLeavesItsSeatsUndecided) {
  const Contest list{.id = "list", .kind = "party_list", .unit = "kz", .rules = PartyListRules{.seats = 69}};
  const Election election("e", {}, {2023, 3, 19}, {{.id = "kz"}}, {}, {});
  const std::vector<ContestOutcome> contests = {{&list, nullptr}};
  const Composition composition = ComposeChamber(election, contests);
  EXPECT_EQ(composition.seats, 69);
  EXPECT_EQ(composition.undecided, 69);
  EXPECT_TRUE(composition.parties.empty());
}

}  // namespace
}  // namespace saylau::core
