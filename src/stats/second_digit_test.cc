// Tests of the second-digit Benford test (Mebane's 2BL) in forensics: Benford's second-digit
// frequencies, the test against a plain recount of the digits from the decimal strings, counts
// below ten, and the test on a synthetic clean election of the 2023 Mazhilis.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "saylau/formats/definition_toml.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/formats/synth_inputs.h"
#include "saylau/stats/forensics.h"
#include "saylau/stats/synthetic.h"

namespace saylau::stats {
namespace {

TEST(SecondDigit, BenfordFrequenciesSumToOneWithMean4187) {
  const std::array<double, 10> q = BenfordSecondDigits();
  double sum = 0, mean = 0;
  for (int d = 0; d < 10; ++d) sum += q[d], mean += d * q[d];
  EXPECT_NEAR(sum, 1, 1e-12);
  EXPECT_EQ(std::round(mean * 1000) / 1000, 4.187);
  // Mebane (2006), table 1: q_0 = .11968, q_9 = .08500, falling from 0 to 9.
  EXPECT_NEAR(q[0], 0.11968, 5e-6);
  EXPECT_NEAR(q[9], 0.08500, 5e-6);
  for (int d = 1; d < 10; ++d) EXPECT_LT(q[d], q[d - 1]) << d;
  EXPECT_DOUBLE_EQ(TestSecondDigits({}).benford_mean, mean);
}

TEST(SecondDigit, MatchesARecountFromTheDecimalStrings) {
  const std::vector<std::int64_t> counts = {10, 19, 23, 105, 1234, 99, 500, 4567, 88, 12, 31, 2718, 77, 160, 45};
  const SecondDigitTest test = TestSecondDigits(counts);

  std::array<std::int64_t, 10> observed{};
  double digit_sum = 0;
  for (std::int64_t count : counts) {
    const int digit = std::to_string(count)[1] - '0';
    ++observed[digit];
    digit_sum += digit;
  }
  double chi_squared = 0;
  for (int d = 0; d < 10; ++d) {
    double q = 0;
    for (int k = 1; k <= 9; ++k) q += std::log10(1 + 1.0 / (10 * k + d));
    const double expected = counts.size() * q;
    EXPECT_NEAR(test.expected[d], expected, 1e-12) << d;
    chi_squared += (observed[d] - expected) * (observed[d] - expected) / expected;
  }
  EXPECT_EQ(test.counts, observed);
  EXPECT_EQ(test.used, static_cast<std::int64_t>(counts.size()));
  EXPECT_EQ(test.below_ten, 0);
  EXPECT_NEAR(test.chi_squared, chi_squared, 1e-9);
  EXPECT_NEAR(test.mean, digit_sum / counts.size(), 1e-12);
  // The tail from Boost.Math against the closed form for 9 degrees of freedom.
  EXPECT_NEAR(test.p_value, ChiSquared9Tail(chi_squared), 1e-9);
  EXPECT_GT(test.p_value, 0);
  EXPECT_LT(test.p_value, 1);
}

TEST(SecondDigit, CountsBelowTenAreLeftOutAndCounted) {
  const SecondDigitTest test = TestSecondDigits({0, 3, 9, 10, 11, 99, 0, 100});
  EXPECT_EQ(test.below_ten, 4);
  EXPECT_EQ(test.used, 4);
  const std::array<std::int64_t, 10> expected_counts = {2, 1, 0, 0, 0, 0, 0, 0, 0, 1};  // 10, 100; 11; 99
  EXPECT_EQ(test.counts, expected_counts);
  EXPECT_DOUBLE_EQ(test.mean, (0 + 1 + 9 + 0) / 4.0);

  const SecondDigitTest none = TestSecondDigits({1, 2, 9});
  EXPECT_EQ(none.below_ten, 3);
  EXPECT_EQ(none.used, 0);
  EXPECT_EQ(none.chi_squared, 0);
  EXPECT_EQ(none.p_value, 1);
}

// Benford's second digit does not fit the synthetic (multinomial) counts well enough to assert
// anything about p: over seeds 1-10 of 10,100 stations, p fell below 0.01 for five (down to
// 5e-6) and the mean of the second digits was 4.12-4.16 against 4.187. So this checks that every
// count of every option at every station is looked at, and the JSON, not the p-value.
TEST(SecondDigit, SyntheticElectionCountsEveryOptionAtEveryStation) {
  const std::string definition = std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml";
  const Result<core::Election> election = formats::LoadDefinition(definition);
  const Result<synth::SynthInputs> inputs = formats::LoadSynthInputs(definition);
  ASSERT_TRUE(election) << election.error().message;
  ASSERT_TRUE(inputs) << inputs.error().message;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const Result<synth::SynthElection> night = synth::Synthesize(*election, *inputs, {seed, 10100});
    ASSERT_TRUE(night) << night.error().message;
    const StationResults results = ResultsOfSynth(*election, *night, inputs->contest);
    const ForensicsReport report = RunForensics(results, {100, 1, 0.05, 0});
    const SecondDigitTest& test = report.second_digit;
    std::printf("seed %llu: used %lld, below ten %lld, chi-squared %.2f, p %.4g, mean %.4f (Benford %.4f)\n",
                static_cast<unsigned long long>(seed), static_cast<long long>(test.used),
                static_cast<long long>(test.below_ten), test.chi_squared, test.p_value, test.mean, test.benford_mean);
    EXPECT_EQ(test.used + test.below_ten, report.stations * results.width());
    EXPECT_GT(test.used, 0);
    // Written beside last_digit in forensics.json.
    const nlohmann::json json = formats::ForensicsJson(report)["second_digit"];
    EXPECT_EQ(json["counts"].get<std::vector<std::int64_t>>(),
              std::vector<std::int64_t>(test.counts.begin(), test.counts.end()));
    EXPECT_EQ(json["used"], test.used);
    EXPECT_EQ(json["below_ten"], test.below_ten);
    EXPECT_EQ(json["p_value"], test.p_value);
    EXPECT_EQ(json["mean"], test.mean);
    EXPECT_EQ(json["benford_mean"], test.benford_mean);
  }
}

}  // namespace
}  // namespace saylau::stats
