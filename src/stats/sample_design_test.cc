// Sample designs for real frames: strata by any attribute of the stations, a take-all stratum
// (by size or by listed stations) sampled completely and without variance, the rest shared as
// before; and the PVT's share bases (valid, valid + invalid, took part) on stations worked by hand.
#include "saylau/stats/sample_design.h"

#include <gtest/gtest.h>

#include <set>

#include "saylau/stats/estimate.h"
#include "saylau/stats/station_results.h"

namespace saylau::stats {
namespace {

// 100 stations: s0..s99, registered 1000 + i, "district" attribute d0..d3 (s99 has none).
std::vector<FrameStation> Frame() {
  std::vector<FrameStation> frame;
  for (int i = 0; i < 100; ++i) {
    FrameStation station{"s" + std::to_string(i), i < 50 ? "north" : "south", core::Settlement::kUnknown, 1000 + i};
    if (i < 99) station.attributes = {{"url", "x"}, {"district", "d" + std::to_string(i % 4)}};
    frame.push_back(station);
  }
  return frame;
}

TEST(SampleDesignTest, StrataByAnAttributeAfterTheRegion) {
  SampleRequest request{40, /*by_settlement=*/false, /*by_region=*/true, 3};
  request.by_attributes = {"district"};
  auto design = DrawSample(Frame(), request);
  ASSERT_TRUE(design) << design.error().message;
  std::map<std::string, std::int64_t> population;
  for (const Stratum& h : design->strata) population[h.name] = h.population;
  EXPECT_EQ(population.size(), 9u);       // 2 regions x 4 districts, and south/(none)
  EXPECT_EQ(population["north/d0"], 13);  // 0, 4, ..., 48
  EXPECT_EQ(population["south/d3"], 12);  // 51, ..., 95 (99 has no district)
  EXPECT_EQ(population["south/(none)"], 1);
  for (const SampledStation& s : design->stations) {
    const int i = std::stoi(s.unit.substr(1));
    const std::string expected =
        std::string(i < 50 ? "north" : "south") + "/" + (i == 99 ? std::string("(none)") : "d" + std::to_string(i % 4));
    EXPECT_EQ(design->strata[s.stratum].name, expected) << s.unit;
  }
}

TEST(SampleDesignTest, TakeAllStationsAreSampledCompletelyAndTheRestShared) {
  SampleRequest request{30, false, false, 5};
  request.take_all_above = 1094;     // s95..s99
  request.take_all = {"s0", "s95"};  // s95 is both: counted once
  auto design = DrawSample(Frame(), request);
  ASSERT_TRUE(design) << design.error().message;
  ASSERT_EQ(design->strata.size(), 2u);
  EXPECT_EQ(design->strata[0].name, "all");
  EXPECT_EQ(design->strata[0].population, 94);
  EXPECT_EQ(design->strata[0].sample, 24);  // 30 - 6
  EXPECT_EQ(design->strata[1].name, kTakeAllStratum);
  EXPECT_EQ(design->strata[1].population, 6);
  EXPECT_EQ(design->strata[1].sample, 6);
  std::set<std::string> take_all, units;
  for (const SampledStation& s : design->stations) {
    units.insert(s.unit);
    if (s.stratum == 1) take_all.insert(s.unit);
  }
  EXPECT_EQ(units.size(), 30u);
  EXPECT_EQ(take_all, (std::set<std::string>{"s0", "s95", "s96", "s97", "s98", "s99"}));
}

TEST(SampleDesignTest, TakeAllRefusals) {
  SampleRequest unknown{30, false, false, 1};
  unknown.take_all = {"s100"};
  auto error = DrawSample(Frame(), unknown);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().message, "take-all station 's100' is not a polling station here");
  SampleRequest too_small{7, false, true, 1};
  too_small.take_all_above = 1094;  // 5 stations, 2 left for 2 regions
  error = DrawSample(Frame(), too_small);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().message,
            "a sample of 7 stations is too small for 5 take-all stations and 2 strata (at least 2 per stratum)");
  too_small.stations = 9;
  EXPECT_TRUE(DrawSample(Frame(), too_small));
  SampleRequest misspelt{30, false, false, 1};
  misspelt.by_attributes = {"distrct"};
  error = DrawSample(Frame(), misspelt);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().message,
            "no polling station has the attribute 'distrct' (strata: region, settlement or a column of the stations "
            "file)");
}

TEST(SampleDesignTest, WithoutTakeAllTheDrawIsUnchanged) {
  // The same request with a take-all threshold above every station draws the same stations.
  SampleRequest plain{20, false, true, 11};
  SampleRequest none_above = plain;
  none_above.take_all_above = 5000;
  auto a = DrawSample(Frame(), plain);
  auto b = DrawSample(Frame(), none_above);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->stations.size(), b->stations.size());
  for (std::size_t i = 0; i < a->stations.size(); ++i) EXPECT_EQ(a->stations[i].unit, b->stations[i].unit);
}

// Four stations, two options; per station: registered, took part, valid, invalid, votes.
StationResults Stations() {
  StationResults results;
  results.contest = "c";
  results.columns = {"a", "b"};
  results.regions = {"r"};
  const std::int64_t rows[4][6] = {
      {100, 60, 50, 10, 30, 20}, {200, 100, 90, 10, 60, 30}, {100, 50, 40, 10, 10, 30}, {400, 400, 390, 10, 300, 90}};
  for (int i = 0; i < 4; ++i) {
    StationRow row{
        "s" + std::to_string(i), -1, 0, core::Settlement::kUnknown, true, rows[i][0], rows[i][1], rows[i][2]};
    row.invalid = rows[i][3];
    results.rows.push_back(row);
    results.votes.push_back(rows[i][4]);
    results.votes.push_back(rows[i][5]);
  }
  return results;
}

TEST(ShareBaseTest, NamesRoundTrip) {
  for (ShareBase base : {ShareBase::kValid, ShareBase::kValidAndInvalid, ShareBase::kTookPart})
    EXPECT_EQ(ShareBaseFromName(ShareBaseName(base)), base);
  EXPECT_EQ(ShareBaseName(ShareBase::kValidAndInvalid), "valid+invalid");
  EXPECT_FALSE(ShareBaseFromName("registered"));
}

TEST(ShareBaseTest, ACensusGivesTheSharesOfEachBase) {
  const StationResults results = Stations();
  auto frame = FrameOf(results);
  ASSERT_EQ(frame.size(), 4u);
  EXPECT_EQ(frame[3].unit, "s3");
  EXPECT_EQ(frame[3].region, "r");
  EXPECT_EQ(frame[3].registered, 400);
  // s3 (400 registered) in the take-all stratum, the three others all drawn.
  SampleRequest request{4, false, false, 1};
  request.take_all_above = 300;
  auto design = DrawSample(frame, request);
  ASSERT_TRUE(design) << design.error().message;
  // a: 400 votes of 570 valid, 610 valid + invalid, 610 issued (60 + 100 + 50 + 400).
  const std::pair<ShareBase, double> expected[] = {{ShareBase::kValid, 400.0 / 570},
                                                   {ShareBase::kValidAndInvalid, 400.0 / 610},
                                                   {ShareBase::kTookPart, 400.0 / 610}};
  for (const auto& [base, share] : expected) {
    auto estimate = EstimateFromProtocols(*design, results, base);
    ASSERT_TRUE(estimate) << estimate.error().message;
    EXPECT_DOUBLE_EQ(estimate->shares[0].value, share) << ShareBaseName(base);
    EXPECT_NEAR(estimate->shares[0].standard_error, 0, 1e-12);
    EXPECT_TRUE(estimate->notes.empty()) << estimate->notes[0];  // a complete stratum of one: no note
    EXPECT_DOUBLE_EQ(OfficialShares(results, base).at("a"), share);
  }
  auto estimate = EstimateFromProtocols(*design, results, ShareBase::kValid);
  EXPECT_DOUBLE_EQ(estimate->turnout[0].value, 610.0 / 800);
}

TEST(ShareBaseTest, TheBaseChangesTheEstimateFromASample) {
  // Took part differs from valid + invalid when ballots issued were not found in the boxes.
  StationResults results = Stations();
  results.rows[0].took_part = 100;  // 40 ballots issued and not found
  const auto valid_and_invalid = OfficialShares(results, ShareBase::kValidAndInvalid);
  const auto took_part = OfficialShares(results, ShareBase::kTookPart);
  EXPECT_DOUBLE_EQ(valid_and_invalid.at("b"), 170.0 / 610);
  EXPECT_DOUBLE_EQ(took_part.at("b"), 170.0 / 650);
  EXPECT_DOUBLE_EQ(took_part.at("turnout"), 650.0 / 800);
}

}  // namespace
}  // namespace saylau::stats
