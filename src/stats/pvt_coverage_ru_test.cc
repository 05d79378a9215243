// How often the PVT's 95 % intervals hold the truth on a real frame: the Russian 2018
// presidential election (../shared/data/ru, 97,699 stations, read by the test loader), 50
// samples of 2,000 stations (seeds 1 to 50) stratified by region, with the largest stations
// (above 4,000 registered voters, mostly abroad, where everyone on the list votes) in a take-all
// stratum, and again without it. The true national shares and turnout are the file's sums. The
// rates are printed; docs/statistics.md gives them.
#include <gtest/gtest.h>

#include <iostream>
#include <map>

#include "saylau/stats/estimate.h"
#include "saylau/stats/sample_design.h"
#include "saylau/testing/ru_stations.h"

namespace saylau::stats {
namespace {

constexpr int kSamples = 50;
constexpr int kStations = 2000;
constexpr std::int64_t kTakeAllAbove = 4000;

struct Coverage {
  std::map<std::string, int> covered;             // by candidate, and "turnout"
  std::int64_t take_all = 0;                      // stations in the take-all stratum
  std::map<std::string, double> mean_half_width;  // of the intervals, in percentage points
};

class PvtCoverageRu2018Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = testing::LoadRussianStations(std::string(SAYLAU_RU_DATA_DIR) + "/ru-2018-president-stations.csv.gz");
    ASSERT_TRUE(loaded) << loaded.error().message;
    results_ = new StationResults(std::move(*loaded));
    frame_ = new std::vector<FrameStation>(FrameOf(*results_));
  }
  static void TearDownTestSuite() {
    delete frame_;
    delete results_;
  }

  static Coverage Measure(const SampleRequest& request, ShareBase base) {
    const std::map<std::string, double> truth = OfficialShares(*results_, base);
    Coverage coverage;
    auto stratified = Stratify(*frame_, request);  // once: only the seed changes
    EXPECT_TRUE(stratified) << stratified.error().message;
    if (!stratified) return coverage;
    if (stratified->has_take_all) coverage.take_all = stratified->strata.back().population;
    for (int seed = 1; seed <= kSamples; ++seed) {
      const SampleDesign design = DrawSample(*stratified, static_cast<std::uint64_t>(seed));
      auto estimate = EstimateFromProtocols(design, *results_, base);
      EXPECT_TRUE(estimate) << estimate.error().message;
      if (!estimate) return coverage;
      std::vector<RatioEstimate> ratios = estimate->shares;
      ratios.insert(ratios.end(), estimate->turnout.begin(), estimate->turnout.end());
      for (const RatioEstimate& r : ratios) {
        const double true_value = truth.at(r.name);
        coverage.covered[r.name] += (r.low <= true_value && true_value <= r.high) ? 1 : 0;
        coverage.mean_half_width[r.name] += 100 * (r.high - r.low) / 2 / kSamples;
      }
    }
    return coverage;
  }

  static void Print(const char* title, const Coverage& coverage) {
    std::cout << title << " (" << coverage.take_all << " take-all stations; covered of " << kSamples << " samples):";
    for (const auto& [name, covered] : coverage.covered) {
      std::cout << "\n  " << name << ": " << covered << ", mean half-width " << coverage.mean_half_width.at(name)
                << " points";
    }
    std::cout << std::endl;
  }

  static StationResults* results_;
  static std::vector<FrameStation>* frame_;
};

StationResults* PvtCoverageRu2018Test::results_ = nullptr;
std::vector<FrameStation>* PvtCoverageRu2018Test::frame_ = nullptr;

TEST_F(PvtCoverageRu2018Test, IntervalsCoverTheTruthWithATakeAllStratum) {
  ASSERT_EQ(results_->rows.size(), 97699u);
  SampleRequest request{kStations, /*by_settlement=*/false, /*by_region=*/true};
  request.take_all_above = kTakeAllAbove;
  const Coverage with = Measure(request, ShareBase::kValid);
  Print("with take-all", with);
  std::int64_t above = 0;
  for (const FrameStation& station : *frame_) above += station.registered > kTakeAllAbove ? 1 : 0;
  EXPECT_EQ(with.take_all, above);
  ASSERT_EQ(with.covered.size(), results_->columns.size() + 1);  // every candidate and turnout
  for (const auto& [name, covered] : with.covered) {
    EXPECT_GE(covered, 43) << name << ": " << covered << " of " << kSamples << " intervals hold the true value";
  }
}

TEST_F(PvtCoverageRu2018Test, SharesOfValidAndInvalidBallotsToo) {
  SampleRequest request{kStations, false, true};
  request.take_all_above = kTakeAllAbove;
  const Coverage with = Measure(request, ShareBase::kValidAndInvalid);
  Print("with take-all, shares of valid + invalid", with);
  for (const auto& [name, covered] : with.covered) EXPECT_GE(covered, 43) << name;
}

TEST_F(PvtCoverageRu2018Test, WithoutTakeAllForTheRecord) {
  const Coverage without = Measure({kStations, false, true}, ShareBase::kValid);
  Print("without take-all", without);
  EXPECT_EQ(without.take_all, 0);
  ASSERT_EQ(without.covered.size(), results_->columns.size() + 1);
}

}  // namespace
}  // namespace saylau::stats
