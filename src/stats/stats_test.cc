// The statistics on small cases worked by hand and on synthetic elections: samples are
// reproducible and proportional, a census estimate is exact, the fast Hare path agrees with
// core::Allocate, rule changes recompute the 2023 Mazhilis, and the forensics' tail functions.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "saylau/core/allocation.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/stats/estimate.h"
#include "saylau/stats/forensics.h"
#include "saylau/stats/rule_changes.h"
#include "saylau/stats/sample_design.h"
#include "saylau/stats/seat_simulation.h"

namespace saylau::stats {
namespace {

std::vector<FrameStation> Frame(int urban, int rural) {
  std::vector<FrameStation> frame;
  for (int i = 0; i < urban + rural; ++i) {
    frame.push_back({"s" + std::to_string(i), i % 2 ? "north" : "south",
                     i < urban ? core::Settlement::kUrban : core::Settlement::kRural, 1000 + i});
  }
  return frame;
}

TEST(SampleDesign, IsProportionalReproducibleAndWithoutRepeats) {
  const auto frame = Frame(620, 380);
  auto first = DrawSample(frame, {200, true, false, 7});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_EQ(first.value().strata.size(), 2u);
  EXPECT_EQ(first.value().strata[0].name, "rural");
  EXPECT_EQ(first.value().strata[0].sample, 76);  // 200 x 380 / 1000
  EXPECT_EQ(first.value().strata[1].sample, 124);
  std::set<std::string> units;
  for (const SampledStation& s : first.value().stations) units.insert(s.unit);
  EXPECT_EQ(units.size(), 200u);
  auto again = DrawSample(frame, {200, true, false, 7});
  auto other = DrawSample(frame, {200, true, false, 8});
  EXPECT_EQ(again.value().stations[5].unit, first.value().stations[5].unit);
  bool differs = false;
  for (std::size_t i = 0; i < 200; ++i) differs |= other.value().stations[i].unit != first.value().stations[i].unit;
  EXPECT_TRUE(differs);
  auto by_region = DrawSample(frame, {100, true, true, 1});
  ASSERT_TRUE(by_region.has_value());
  EXPECT_EQ(by_region.value().strata.size(), 4u);
  EXPECT_EQ(by_region.value().strata[0].name, "north/rural");
}

TEST(SampleDesign, RefusesImpossibleSizes) {
  const auto frame = Frame(10, 10);
  EXPECT_FALSE(DrawSample(frame, {21, true, false, 1}).has_value());
  EXPECT_FALSE(DrawSample(frame, {3, true, false, 1}).has_value());
  auto unknown = Frame(3, 3);
  unknown[2].settlement = core::Settlement::kUnknown;
  auto error = DrawSample(unknown, {4, true, false, 1});
  ASSERT_FALSE(error.has_value());
  EXPECT_NE(error.error().message.find("'s2' is neither urban nor rural"), std::string::npos);
}

TEST(Estimate, CensusIsExactWithNoVariance) {
  // Every station of both strata observed: the estimate is the true ratio, the variance 0.
  std::vector<Stratum> strata = {{"a", 2, 2}, {"b", 3, 3}};
  std::vector<ClusterObservation> sample = {
      {0, {60, 40}, 100}, {0, {10, 40}, 50}, {1, {5, 5}, 10}, {1, {30, 10}, 40}, {1, {0, 20}, 20}};
  auto estimate = EstimateRatios(strata, sample, {"x", "y"});
  ASSERT_TRUE(estimate.has_value());
  EXPECT_DOUBLE_EQ(estimate.value().shares[0].value, 105.0 / 220);
  EXPECT_NEAR(estimate.value().shares[0].standard_error, 0, 1e-12);
}

TEST(Estimate, SampleVarianceByHand) {
  // One stratum of 10 stations, 3 observed: R = 6/12; residuals e = y - R x = (1, -1, 0);
  // s^2 = 1; V = 10^2 (1 - 0.3) / 3 * 1 / (10/3 * 12)^2 = 70/3 / 1600.
  std::vector<Stratum> strata = {{"all", 10, 3}};
  std::vector<ClusterObservation> sample = {{0, {3}, 4}, {0, {1}, 4}, {0, {2}, 4}};
  auto estimate = EstimateRatios(strata, sample, {"x"});
  ASSERT_TRUE(estimate.has_value());
  EXPECT_DOUBLE_EQ(estimate.value().shares[0].value, 0.5);
  EXPECT_NEAR(estimate.value().shares[0].standard_error, std::sqrt(70.0 / 3 / 1600), 1e-12);
  EXPECT_NEAR(estimate.value().shares[0].high - 0.5, kZ95 * std::sqrt(70.0 / 3 / 1600), 1e-12);
}

TEST(Estimate, OfficialOutsideTheIntervalIsNamedWithTheDistance) {
  std::vector<RatioEstimate> estimates = {{"a", 0.5, 0.01, 0.48, 0.52}, {"b", 0.3, 0.01, 0.28, 0.32}};
  auto rows = CompareWithOfficial(estimates, {{"a", 0.55}, {"b", 0.31}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].inside);
  EXPECT_NEAR(rows[0].outside_by, 0.03, 1e-12);
  EXPECT_NEAR(rows[0].z, 5, 1e-9);
  EXPECT_TRUE(rows[1].inside);
}

core::Contest ListContest(int lists, int seats) {
  core::Contest contest;
  contest.id = "lists";
  contest.against_all = true;
  core::PartyListRules rules;
  rules.seats = seats;
  contest.rules = rules;
  for (int i = 0; i < lists; ++i) {
    core::Option option;
    option.id = "p" + std::to_string(i);
    option.registration_order = i;
    contest.options.push_back(option);
  }
  return contest;
}

RC_GTEST_PROP(SeatSimulation, HareFastPathEqualsCoreAllocate, ()) {
  const int lists = *rc::gen::inRange(1, 9);
  const int seats = *rc::gen::inRange(1, 120);
  const core::Contest contest = ListContest(lists, seats);
  const auto& rules = std::get<core::PartyListRules>(contest.rules);
  std::vector<std::int64_t> votes;
  for (int i = 0; i <= lists; ++i) votes.push_back(*rc::gen::inRange<std::int64_t>(0, 3'000'000));
  std::vector<int> fast;
  AllocateDraw(contest, rules, votes, fast);
  // The reference: the 5 % threshold by hand, then core::Allocate.
  std::int64_t base = 0;
  for (std::int64_t v : votes) base += v;
  std::vector<core::ListVotes> admitted;
  std::vector<int> index;
  for (int i = 0; i < lists; ++i) {
    if (votes[i] > 0 && votes[i] * 100 >= 5 * base)
      admitted.push_back({contest.options[i].id, votes[i]}), index.push_back(i);
  }
  std::vector<int> expected(lists, 0);
  if (!admitted.empty()) {
    auto allocation = core::Allocate({core::Method::kHare, seats}, admitted);
    RC_ASSERT(allocation.has_value());
    for (std::size_t a = 0; a < index.size(); ++a) expected[index[a]] = allocation.value().seats[a];
  }
  RC_ASSERT(fast == expected);
}

TEST(SeatSimulation, NarrowEstimateGivesTheOfficialSeatsAndWideOneSpreads) {
  const core::Contest contest = ListContest(3, 10);
  Estimate estimate;
  estimate.shares = {{"p0", 0.55}, {"p1", 0.40}, {"p2", 0.03}, {"against_all", 0.02}};
  estimate.covariance.assign(16, 0);
  auto sure = SimulateSeats(contest, estimate, {2000, 3, 1'000'000});
  ASSERT_TRUE(sure.has_value()) << sure.error().message;
  // 550000 and 400000 of 950000 admitted: 5.79 -> 5 + 1, 4.21 -> 4: 6 and 4 seats.
  EXPECT_EQ(sure.value().lists[0].seat_histogram[6], 2000);
  EXPECT_DOUBLE_EQ(sure.value().lists[0].majority_probability, 1.0);
  EXPECT_DOUBLE_EQ(sure.value().lists[2].pass_probability, 0.0);
  // Uncertainty around the 5 % line: p2 at 5 % passes about half the time.
  estimate.shares = {{"p0", 0.55}, {"p1", 0.38}, {"p2", 0.05}, {"against_all", 0.02}};
  estimate.covariance = {1e-4, -1e-4, 0, 0, -1e-4, 1.04e-4, -4e-6, 0, 0, -4e-6, 4e-6, 0, 0, 0, 0, 0};
  auto open = SimulateSeats(contest, estimate, {4000, 3, 1'000'000});
  ASSERT_TRUE(open.has_value());
  EXPECT_GT(open.value().lists[2].pass_probability, 0.4);
  EXPECT_LT(open.value().lists[2].pass_probability, 0.6);
  EXPECT_GT(open.value().lists[0].majority_probability, 0.5);
  EXPECT_LT(open.value().lists[0].majority_probability, 1.0);
}

TEST(SeatSimulation, RefusesAnEstimateOfOtherOptions) {
  const core::Contest contest = ListContest(2, 10);
  Estimate estimate;
  estimate.shares = {{"p0", 0.5}, {"zz", 0.4}, {"against_all", 0.1}};
  estimate.covariance.assign(9, 0);
  auto result = SimulateSeats(contest, estimate, {});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("'zz'"), std::string::npos);
}

TEST(RuleChanges, Mazhilis2023UnderDhondtAndSevenPercent) {
  auto election = formats::LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml");
  ASSERT_TRUE(election.has_value()) << election.error().message;
  auto dhondt = ChangeRules(election.value(), "mazhilis-list", {{"method", "dhondt"}, {"threshold", "7"}});
  ASSERT_TRUE(dhondt.has_value()) << dhondt.error().message;
  const auto& rules = std::get<core::PartyListRules>(dhondt.value().FindContest("mazhilis-list")->rules);
  EXPECT_EQ(rules.method, core::Method::kDhondt);
  EXPECT_EQ(rules.threshold.percent, (core::Ratio{7, 1}));
  auto bad = ChangeRules(election.value(), "mazhilis-list", {{"method", "borda"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("method=borda: unknown method; one of hare"), std::string::npos);
  EXPECT_FALSE(ChangeRules(election.value(), "mazhilis-list", {{"colour", "red"}}).has_value());
  EXPECT_FALSE(ChangeRules(election.value(), "nope", {{"method", "dhondt"}}).has_value());
}

TEST(Forensics, ChiSquaredTail) {
  EXPECT_NEAR(ChiSquared9Tail(16.918977604620448), 0.05, 1e-9);
  EXPECT_NEAR(ChiSquared9Tail(8.342832692252225), 0.5, 1e-9);
  EXPECT_NEAR(ChiSquared9Tail(21.665994333461924), 0.01, 1e-9);
}

// The stations the tests do not use are counted, each once, by its first reason.
TEST(ForensicsLeftOutTest, CountsEachStationLeftOutByWhy) {
  StationResults results;
  results.contest = "list";
  results.columns = {"a", "b"};
  results.regions = {"r1"};
  const auto add = [&](bool reported, std::int64_t registered, std::int64_t a, std::int64_t b) {
    results.rows.push_back({"s" + std::to_string(results.rows.size()), -1, 0, core::Settlement::kUnknown, reported,
                            registered, a + b, a + b});
    results.votes.insert(results.votes.end(), {a, b});
  };
  add(true, 100, 30, 20);
  add(true, 120, 40, 30);
  add(false, 100, 0, 0);  // not reported
  add(false, 0, 0, 0);    // not reported (first reason) and no voters
  add(true, 0, 5, 5);     // no registered voters
  add(true, 100, 0, 0);   // no valid votes
  const ForensicsReport report = RunForensics(results, {20, 1, 0.05, 0});
  EXPECT_EQ(report.stations, 2);
  EXPECT_EQ(report.left_out.not_reported, 2);
  EXPECT_EQ(report.left_out.no_voters, 1);
  EXPECT_EQ(report.left_out.no_valid_votes, 1);
  EXPECT_EQ(report.leader, "a");
}

}  // namespace
}  // namespace saylau::stats
