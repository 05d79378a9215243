// The index types: the three numberings do not mix, none is -1, at() refuses none.
#include "saylau/core/indices.h"

#include <gtest/gtest.h>

#include <concepts>
#include <type_traits>
#include <unordered_set>

#include "saylau/core/counting_plan.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::core {
namespace {

static_assert(!std::is_convertible_v<GlobalUnit, LocalUnit> && !std::is_convertible_v<LocalUnit, GlobalUnit>);
static_assert(!std::is_convertible_v<ContestIndex, LocalUnit> && !std::is_convertible_v<GlobalUnit, ContestIndex>);
static_assert(!std::is_convertible_v<int, GlobalUnit> && !std::is_convertible_v<GlobalUnit, int>);
static_assert(!std::equality_comparable_with<GlobalUnit, LocalUnit>);
static_assert(!std::totally_ordered_with<LocalUnit, int>);

TEST(IndicesTest, NoneByDefaultAndAtRefusesIt) {
  EXPECT_FALSE(GlobalUnit().valid());
  EXPECT_EQ(LocalUnit().value(), -1);
  EXPECT_THROW((void)ContestIndex().at(), InternalError);
  EXPECT_EQ(LocalUnit(std::size_t{3}).at(), 3u);
  EXPECT_LT(GlobalUnit(1), GlobalUnit(2));
  EXPECT_EQ(std::unordered_set<ContestIndex>({ContestIndex(0), ContestIndex(0), ContestIndex(1)}).size(), 2u);
}

TEST(IndicesTest, TheContestsLocalNumberingMapsToTheElectionsAndBack) {
  const CountingPlan plan(saylau::testing::FixtureElection());
  const ContestPlan& list = plan.contest(plan.FindContest("list"));
  EXPECT_EQ(list.GlobalOf(LocalUnit(0)), plan.FindUnit(list.contest->unit)) << "local 0 is the contest's unit";
  for (std::size_t k = 0; k < list.units.size(); ++k)
    EXPECT_EQ(list.LocalOf(list.GlobalOf(LocalUnit(k))), LocalUnit(k));
  EXPECT_FALSE(plan.FindContest("no-such-contest").valid());
  EXPECT_FALSE(plan.FindUnit("no-such-unit").valid());
  EXPECT_FALSE(plan.Parent(plan.FindUnit(plan.election().units().front().id)).valid()) << "the root has no parent";
}

}  // namespace
}  // namespace saylau::core
