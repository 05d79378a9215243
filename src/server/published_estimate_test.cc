// ParsePublishedEstimate (published_estimate.h): an exit poll of `saylau pvt exit-poll --json`
// becomes an estimate by option id with its stations; one written without the official result
// (no contest, a share not matched to an option) is refused naming what is missing; an
// estimate of `saylau pvt estimate --json` reads as formats reads it; text that is not JSON is
// refused.
#include "saylau/server/published_estimate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "saylau/formats/statistics_io.h"

namespace saylau::server {
namespace {

using nlohmann::json;

// The shape `saylau pvt exit-poll --json` writes (two of the EII's 2023 shares).
json ExitPoll() {
  return json::parse(R"({
    "source": "exit-poll-published-shares", "contest": "mazhilis-list", "confidence": 0.95,
    "interviews": 30000, "stations": 200, "interviews_per_station": 150.0, "intraclass_correlation": 0.03,
    "design_effect": 5.47, "design_effect_given": false, "effective_interviews": 5484.46,
    "strata": [{"name": "urban", "stations": 124}, {"name": "rural", "stations": 76}], "published_total": 0.6398,
    "shares": [
      {"published_name": "AMANAT", "option": "amanat", "share": 0.5346, "standard_error": 0.006735,
       "low": 0.5214, "high": 0.5478, "official": 0.539},
      {"published_name": "Auyl People's Democratic Patriotic Party", "option": "auyl", "share": 0.1052,
       "standard_error": 0.004143, "low": 0.0971, "high": 0.1133, "official": 0.109}],
    "notes": ["strata reported, not used"]})");
}

TEST(PublishedEstimate, AnExitPollFromPublishedSharesIsAnEstimateByOption) {
  const Result<PublishedEstimate> parsed = ParsePublishedEstimate(ExitPoll().dump());
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->contest, "mazhilis-list");
  EXPECT_EQ(parsed->estimate.source, "exit-poll-published-shares");
  EXPECT_EQ(parsed->estimate.stations_sampled, 200);
  EXPECT_EQ(parsed->estimate.stations_used, 200);
  ASSERT_EQ(parsed->estimate.shares.size(), 2u);
  EXPECT_EQ(parsed->estimate.shares[1].name, "auyl");
  EXPECT_DOUBLE_EQ(parsed->estimate.shares[1].value, 0.1052);
  EXPECT_DOUBLE_EQ(parsed->estimate.shares[1].low, 0.0971);
  EXPECT_DOUBLE_EQ(parsed->estimate.shares[1].high, 0.1133);
  EXPECT_TRUE(parsed->estimate.turnout.empty());
  EXPECT_EQ(parsed->estimate.notes, std::vector<std::string>{"strata reported, not used"});
}

TEST(PublishedEstimate, AnExitPollWithoutTheOfficialResultIsRefused) {
  json poll = ExitPoll();
  poll["contest"] = nullptr;
  Result<PublishedEstimate> parsed = ParsePublishedEstimate(poll.dump());
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("names no contest"), std::string::npos) << parsed.error().message;

  poll = ExitPoll();
  poll["shares"][1]["option"] = nullptr;
  parsed = ParsePublishedEstimate(poll.dump());
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("'Auyl People's Democratic Patriotic Party' is not matched"), std::string::npos)
      << parsed.error().message;

  poll = ExitPoll();
  poll.erase("stations");
  parsed = ParsePublishedEstimate(poll.dump());
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("not an exit poll"), std::string::npos) << parsed.error().message;
}

TEST(PublishedEstimate, AnEstimateOfProtocolsReadsAsFormatsReadsIt) {
  stats::Estimate estimate;
  estimate.source = "pvt";
  estimate.shares = {{"amanat", 0.54, 0.01, 0.52, 0.56}, {"auyl", 0.46, 0.01, 0.44, 0.48}};
  estimate.covariance = {1e-4, -1e-4, -1e-4, 1e-4};
  estimate.turnout = {{"turnout", 0.55, 0.005, 0.54, 0.56}};
  estimate.stations_sampled = 40;
  estimate.stations_used = 39;
  const json written = formats::EstimateJson("mazhilis-list", estimate, std::nullopt, {});
  const Result<PublishedEstimate> parsed = ParsePublishedEstimate(written.dump());
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->contest, "mazhilis-list");
  EXPECT_EQ(parsed->estimate.stations_used, 39);
  ASSERT_EQ(parsed->estimate.turnout.size(), 1u);
  EXPECT_DOUBLE_EQ(parsed->estimate.turnout[0].value, 0.55);
  ASSERT_EQ(parsed->estimate.shares.size(), 2u);
  EXPECT_EQ(parsed->estimate.shares[0].name, "amanat");
}

TEST(PublishedEstimate, TextThatIsNotJsonIsRefused) {
  EXPECT_FALSE(ParsePublishedEstimate("not json"));
  EXPECT_FALSE(ParsePublishedEstimate("[1, 2]"));
  EXPECT_FALSE(ParsePublishedEstimate(R"({"source": "pvt"})"));
}

}  // namespace
}  // namespace saylau::server
