// Exit polls from published shares: the Eurasian Integration Institute's 2023 Mazhilis poll
// (30,000 interviews at 200 stations, 124 urban and 76 rural) against the official list result
// of the repository's counts (data/kz/counts), the intervals worked out by hand; the matching of
// published names to options; refused inputs; the CSV reader.
#include "saylau/stats/exit_poll.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/published_shares_csv.h"

namespace saylau::stats {
namespace {

// As ../shared/data/kz/mazhilis-2023-exit-poll-eii.csv (SOURCES.md there gives the sources).
constexpr char kEii2023[] =
    "option,share_percent_published\n"
    "AMANAT,53.46\n"
    "Auyl People's Democratic Patriotic Party,10.52\n"
    "Respublica,8.9\n"
    "Ak Zhol Democratic Party of Kazakhstan,7.87\n"
    "People's Party of Kazakhstan,6.25\n"
    "Nationwide Social Democratic Party (JSDP/OSDP),5.31\n"
    "Baytaq Green Party of Kazakhstan,3.22\n";

std::string Slurp(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The official shares of the valid votes (lists and against all), read straight from the
// counts CSV: an independent path from the tally.
std::map<std::string, double> OfficialListShares() {
  auto rows = formats::ParseCsv(
      Slurp(std::string(SAYLAU_SOURCE_DIR) + "/data/kz/counts/mazhilis-2023-list-national.csv"), "counts");
  std::map<std::string, double> votes;
  double valid = 0;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const auto& f = (*rows)[r].fields;
    if (f[2] == "registered" || f[2] == "took_part") continue;
    votes[f[2]] = std::stod(f[3]);
    valid += std::stod(f[3]);
  }
  for (auto& [option, v] : votes) v /= valid;
  return votes;
}

class Eii2023Test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = formats::ParsePublishedSharesCsv(kEii2023, "eii.csv");
    ASSERT_TRUE(parsed) << parsed.error().message;
    shares_ = *parsed;
    auto election = formats::LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml");
    ASSERT_TRUE(election) << election.error().message;
    election_ = std::make_unique<core::Election>(std::move(*election));
  }
  std::vector<PublishedShare> shares_;
  std::unique_ptr<core::Election> election_;
};

TEST_F(Eii2023Test, IntervalsWithTheDefaultDesignEffect) {
  auto estimate = EstimateFromPublishedShares(
      shares_, {30000, 200, std::nullopt, kDefaultIntraclassCorrelation, {{"urban", 124}, {"rural", 76}}});
  ASSERT_TRUE(estimate) << estimate.error().message;
  EXPECT_DOUBLE_EQ(estimate->cluster_size, 150);
  EXPECT_NEAR(estimate->design_effect, 1 + 149 * 0.03, 1e-12);  // 5.47
  EXPECT_NEAR(estimate->effective_interviews, 30000 / 5.47, 1e-9);
  EXPECT_NEAR(estimate->published_total, 0.9553, 1e-12);
  ASSERT_FALSE(estimate->notes.empty());
  EXPECT_EQ(estimate->notes[0],
            "the published shares add up to 95.53 %: the rest (against all, other answers, refusals) was not "
            "published");
  ASSERT_EQ(estimate->shares.size(), 7u);
  // AMANAT: SE = sqrt(5.47 x 0.5346 x 0.4654 / 30000) = 0.6735 points, 53.46 +- 1.320.
  EXPECT_NEAR(estimate->shares[0].standard_error, std::sqrt(5.47 * 0.5346 * 0.4654 / 30000), 1e-12);
  EXPECT_NEAR(100 * estimate->shares[0].low, 52.140, 5e-4);
  EXPECT_NEAR(100 * estimate->shares[0].high, 54.780, 5e-4);
  EXPECT_NEAR(100 * estimate->shares[6].low, 2.753, 5e-4);  // Baytaq 3.22 +- 0.467
  EXPECT_NEAR(100 * estimate->shares[6].high, 3.687, 5e-4);

  auto options = MatchPublishedOptions(shares_, *election_, *election_->FindContest("mazhilis-list"));
  ASSERT_TRUE(options) << options.error().message;
  EXPECT_EQ(*options,
            (std::vector<std::string>{"amanat", "auyl", "respublica", "ak-zhol", "peoples-party", "jsdp", "baytaq"}));
  const auto official = OfficialListShares();
  ASSERT_EQ(official.size(), 8u);  // seven lists and against all
  const auto rows = CompareExitPoll(*estimate, *options, official);
  ASSERT_EQ(rows.size(), 7u);
  std::vector<std::string> outside;
  for (const ExitPollComparison& row : rows) {
    if (!row.inside) outside.push_back(row.option);
  }
  // Only Baytaq: published 3.22 %, official 2.30 %, 0.45 points below the interval (z = -3.9).
  EXPECT_EQ(outside, std::vector<std::string>{"baytaq"});
  EXPECT_NEAR(100 * rows[6].official, 2.300, 5e-4);
  EXPECT_NEAR(100 * rows[6].outside_by, 2.300 - 2.753, 5e-4);
  EXPECT_NEAR(rows[6].z, -3.86, 5e-3);
  EXPECT_NEAR(rows[4].z, 1.68, 5e-3);  // People's Party: 6.80 official, 6.25 published, inside
  EXPECT_EQ(rows[0].outside_by, 0);
}

TEST_F(Eii2023Test, WithoutTheClusterEffectFourListsFallOutside) {
  // deff = 1 (as if 30,000 voters were drawn one by one): Auyl, Ak Zhol, People's Party and Baytaq.
  auto estimate = EstimateFromPublishedShares(shares_, {30000, 200, 1.0});
  ASSERT_TRUE(estimate) << estimate.error().message;
  EXPECT_TRUE(estimate->design_effect_given);
  auto options = MatchPublishedOptions(shares_, *election_, *election_->FindContest("mazhilis-list"));
  ASSERT_TRUE(options);
  std::vector<std::string> outside;
  for (const ExitPollComparison& row : CompareExitPoll(*estimate, *options, OfficialListShares())) {
    if (!row.inside) outside.push_back(row.option);
  }
  EXPECT_EQ(outside, (std::vector<std::string>{"auyl", "ak-zhol", "peoples-party", "baytaq"}));
}

TEST_F(Eii2023Test, NamesThatMatchNothingOrTheSameOptionAreRefused) {
  const core::Contest& contest = *election_->FindContest("mazhilis-list");
  auto unknown = MatchPublishedOptions({{"Green Party of Mars", 0.1}}, *election_, contest);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("'Green Party of Mars' is not an option"), std::string::npos);
  auto twice = MatchPublishedOptions({{"JSDP", 0.05}, {"jsdp", 0.05}}, *election_, contest);
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("option jsdp"), std::string::npos);
  auto against = MatchPublishedOptions({{"Against all", 0.04}, {"Baytaq", 0.03}}, *election_, contest);
  ASSERT_TRUE(against) << against.error().message;
  EXPECT_EQ(*against, (std::vector<std::string>{"against_all", "baytaq"}));
}

TEST(ExitPoll, RefusesImpossibleDesigns) {
  const std::vector<PublishedShare> shares = {{"a", 0.6}, {"b", 0.4}};
  EXPECT_FALSE(EstimateFromPublishedShares({}, {100, 10}));
  EXPECT_FALSE(EstimateFromPublishedShares(shares, {0, 10}));
  EXPECT_FALSE(EstimateFromPublishedShares(shares, {100, 0}));
  EXPECT_FALSE(EstimateFromPublishedShares(shares, {100, 101}));
  EXPECT_FALSE(EstimateFromPublishedShares(shares, {100, 10, 0.0}));
  EXPECT_FALSE(EstimateFromPublishedShares(shares, {100, 10, std::nullopt, 1.5}));
  auto over = EstimateFromPublishedShares({{"a", 0.6}, {"b", 0.6}}, {100, 10});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().message, "the published shares add up to 120.00 %");
  EXPECT_FALSE(EstimateFromPublishedShares({{"a", 0.6}, {"a", 0.3}}, {100, 10}));
  EXPECT_FALSE(EstimateFromPublishedShares({{"a", 1.2}}, {100, 10}));
  auto strata = EstimateFromPublishedShares(shares, {100, 10, std::nullopt, 0.03, {{"urban", 6}, {"rural", 3}}});
  ASSERT_FALSE(strata);
  EXPECT_NE(strata.error().message.find("the strata have 9 polling stations, the poll 10"), std::string::npos);
}

TEST(ExitPoll, OneInterviewPerStationIsASimpleRandomSample) {
  // m = 1: deff = 1 whatever rho; SE = sqrt(0.25 / 400) = 0.025.
  auto estimate = EstimateFromPublishedShares({{"a", 0.5}, {"b", 0.5}}, {400, 400, std::nullopt, 0.5});
  ASSERT_TRUE(estimate) << estimate.error().message;
  EXPECT_DOUBLE_EQ(estimate->design_effect, 1);
  EXPECT_DOUBLE_EQ(estimate->shares[0].standard_error, 0.025);
  EXPECT_DOUBLE_EQ(estimate->shares[0].high, 0.5 + kZ95 * 0.025);
}

TEST(PublishedSharesCsv, ReadsPercentagesAndRefusesOthers) {
  auto shares = formats::ParsePublishedSharesCsv("option,note,share_percent\n\"A, B\",x,12.5\nC,,0\n", "p.csv");
  ASSERT_TRUE(shares) << shares.error().message;
  ASSERT_EQ(shares->size(), 2u);
  EXPECT_EQ((*shares)[0].option, "A, B");
  EXPECT_DOUBLE_EQ((*shares)[0].share, 0.125);
  auto missing = formats::ParsePublishedSharesCsv("option,votes\nA,1\n", "p.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "p.csv:1: no column 'share_percent_published'");
  auto bad = formats::ParsePublishedSharesCsv("option,share_percent_published\nA,12%\n", "p.csv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "p.csv:2: share of 'A' is '12%', not a percentage");
  EXPECT_FALSE(formats::ParsePublishedSharesCsv("option,share_percent_published\nA,101\n", "p.csv"));
  EXPECT_FALSE(formats::ParsePublishedSharesCsv("option,share_percent_published\n,1\n", "p.csv"));
}

}  // namespace
}  // namespace saylau::stats
