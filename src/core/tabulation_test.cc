// core::Tabulation on the fixture election: totals roll up from the stations to every
// ancestor, a correction replaces a station's figures, progress counts stations and voters,
// the changed units are listed once, and a sum that would wrap changes nothing.
#include "saylau/core/tabulation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "saylau/base/check.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::core {
namespace {

using saylau::testing::FixtureElection;
using saylau::testing::GoodProtocol;
using saylau::testing::SetLine;

constexpr int kRound = 1;
// The list's form: where a line and the options sit in its values.
const ProtocolForm& ListForm() { return *FixtureElection().FormOf(*FixtureElection().FindContest("list")); }
int LineAt(std::string_view name) { return ListForm().IndexOf(name); }
int OptionA() { return static_cast<int>(ListForm().lines.size()); }  // the list's first option, party a
int OptionB() { return OptionA() + 1; }

class TabulationTest : public ::testing::Test {
 protected:
  TabulationTest() : plan_(FixtureElection()), tabulation_(plan_), list_(plan_.FindContest("list")) {}

  LocalUnit Local(const std::string& unit) const { return plan_.contest(list_).LocalOf(plan_.FindUnit(unit)); }
  // The values of a protocol that satisfies every relation (judged by core, as the night does).
  ProtocolValues Values(const ProtocolSubmission& protocol) const {
    CheckedProtocol checked = CheckProtocol(FixtureElection(), plan_, protocol);
    EXPECT_TRUE(checked.violations.empty()) << checked.violations.front().relation;
    return checked.values;
  }
  void Apply(const std::string& unit, const ProtocolValues& values) {
    tabulation_.Apply(list_, kRound, Local(unit), values);
  }
  std::vector<std::int64_t> TotalsAt(const std::string& unit) const {
    const std::span<const std::int64_t> totals = tabulation_.Totals(list_, kRound, Local(unit));
    return {totals.begin(), totals.end()};
  }

  CountingPlan plan_;
  Tabulation tabulation_;
  ContestIndex list_;
};

std::vector<std::int64_t> Sum(const std::vector<ProtocolValues>& rows) {
  std::vector<std::int64_t> sum(rows.front().size(), 0);
  for (const ProtocolValues& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) sum[i] += row[i];
  }
  return sum;
}

TEST_F(TabulationTest, NothingReportedIsAllZeros) {
  EXPECT_FALSE(tabulation_.HasRound(list_, kRound));
  EXPECT_EQ(TotalsAt("c"), std::vector<std::int64_t>(plan_.contest(list_).width, 0));
  EXPECT_EQ(tabulation_.ProgressAt(list_, kRound, Local("c")).reported, 0);
}

TEST_F(TabulationTest, TotalsRollUpFromStationsToEveryAncestor) {
  const ProtocolValues s1 = Values(GoodProtocol("list", "s1", 400));
  const ProtocolValues s2 = Values(GoodProtocol("list", "s2", 250));
  const ProtocolValues s3 = Values(GoodProtocol("list", "s3", 100));
  Apply("s1", s1);
  Apply("s2", s2);
  Apply("s3", s3);

  EXPECT_EQ(TotalsAt("s1"), s1);
  EXPECT_EQ(TotalsAt("s3"), s3);
  EXPECT_EQ(TotalsAt("d1"), Sum({s1, s2}));
  EXPECT_EQ(TotalsAt("r1"), Sum({s1, s2}));
  EXPECT_EQ(TotalsAt("r2"), s3);
  EXPECT_EQ(TotalsAt("c"), Sum({s1, s2, s3}));
  EXPECT_EQ(TotalsAt("c")[OptionA()], 750);
  EXPECT_EQ(TotalsAt("c")[LineAt("issued")], 1800);
}

TEST_F(TabulationTest, ACorrectionReplacesTheStationsFiguresInsteadOfAddingThem) {
  Apply("s1", Values(GoodProtocol("list", "s1", 400)));
  Apply("s3", Values(GoodProtocol("list", "s3", 100)));
  Apply("s1", Values(GoodProtocol("list", "s1", 300)));

  EXPECT_EQ(TotalsAt("s1")[OptionA()], 300);
  EXPECT_EQ(TotalsAt("d1")[OptionA()], 300);
  EXPECT_EQ(TotalsAt("c")[OptionA()], 400);
  EXPECT_EQ(TotalsAt("c")[OptionB()], (570 - 300) + (570 - 100));
  EXPECT_EQ(TotalsAt("c")[LineAt("issued")], 1200) << "the replaced protocol's ballots still count";
  const Progress progress = tabulation_.ProgressAt(list_, kRound, Local("c"));
  EXPECT_EQ(progress.reported, 2) << "a corrected station is reported once";
  EXPECT_EQ(progress.voters_reported, 2000);
}

TEST_F(TabulationTest, ProgressCountsReportedStationsAndTheVotersOnTheirProtocols) {
  ProtocolSubmission s3 = GoodProtocol("list", "s3");
  SetLine(s3, "voters", 900);  // the protocol's voters line, not the registered 1,000
  Apply("s1", Values(GoodProtocol("list", "s1")));
  Apply("s3", Values(s3));

  const Progress country = tabulation_.ProgressAt(list_, kRound, Local("c"));
  EXPECT_EQ(country.reported, 2);
  EXPECT_EQ(country.expected, 3);
  EXPECT_EQ(country.voters_reported, 1900);
  EXPECT_EQ(country.voters_expected, 3000);
  EXPECT_FALSE(country.complete());
  const Progress district = tabulation_.ProgressAt(list_, kRound, Local("d1"));
  EXPECT_EQ(district.reported, 1);
  EXPECT_EQ(district.expected, 2);
  EXPECT_EQ(district.voters_reported, 1000);
  EXPECT_TRUE(tabulation_.ProgressAt(list_, kRound, Local("r2")).complete());
  EXPECT_TRUE(tabulation_.Reported(list_, kRound, Local("s1")));
  EXPECT_FALSE(tabulation_.Reported(list_, kRound, Local("s2")));
  EXPECT_FALSE(tabulation_.Reported(list_, kRound, Local("d1"))) << "only counting units are reported";

  Apply("s2", Values(GoodProtocol("list", "s2")));
  EXPECT_TRUE(tabulation_.ProgressAt(list_, kRound, Local("c")).complete());
}

TEST_F(TabulationTest, ChangedUnitsAreTheStationAndItsAncestorsListedOnce) {
  Apply("s1", Values(GoodProtocol("list", "s1", 400)));
  Apply("s1", Values(GoodProtocol("list", "s1", 300)));
  std::vector<LocalUnit> changed;
  for (const Tabulation::Changed& c : tabulation_.TakeChanged()) {
    EXPECT_EQ(c.contest, list_);
    EXPECT_EQ(c.round, kRound);
    changed.push_back(c.local);
  }
  std::sort(changed.begin(), changed.end());
  std::vector<LocalUnit> expected = {Local("c"), Local("r1"), Local("d1"), Local("s1")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(changed, expected);
  EXPECT_TRUE(tabulation_.TakeChanged().empty()) << "the list is cleared once taken";
}

TEST_F(TabulationTest, ASumThatWouldWrapIsRefusedAndChangesNothing) {
  ProtocolValues huge = Values(GoodProtocol("list", "s1"));
  huge[OptionA()] = std::numeric_limits<std::int64_t>::max() - 5;  // beyond any accepted protocol
  Apply("s1", huge);
  const std::vector<std::int64_t> country_before = TotalsAt("c");
  const ProtocolValues s2 = Values(GoodProtocol("list", "s2"));

  EXPECT_THROW(Apply("s2", s2), InternalError);

  EXPECT_EQ(TotalsAt("c"), country_before);
  EXPECT_EQ(TotalsAt("d1"), country_before);
  EXPECT_EQ(TotalsAt("s2"), std::vector<std::int64_t>(s2.size(), 0)) << "the station is not half-applied";
  EXPECT_FALSE(tabulation_.Reported(list_, kRound, Local("s2")));
  EXPECT_EQ(tabulation_.ProgressAt(list_, kRound, Local("c")).reported, 1);
}

TEST_F(TabulationTest, AReplacementWhoseDifferenceWouldWrapIsRefusedAndChangesNothing) {
  ProtocolValues huge = Values(GoodProtocol("list", "s1"));
  huge[OptionA()] = std::numeric_limits<std::int64_t>::max() - 5;
  Apply("s1", huge);
  ProtocolValues negative = huge;
  negative[OptionA()] = -10;  // the difference from the stored value is below int64's range

  EXPECT_THROW(Apply("s1", negative), InternalError);

  EXPECT_EQ(TotalsAt("s1"), huge);
  EXPECT_EQ(TotalsAt("c"), huge);
}

}  // namespace
}  // namespace saylau::core
