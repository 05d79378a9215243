// The forensics options (presets, inclusion rules, what is left out and why) and the
// whole-percent test's window rule and exact null, against sums written out here.
#include "saylau/stats/forensics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace saylau::stats {
namespace {

TEST(WholePercentTest, WindowIsPlusMinusFiveHundredthsOfAPointEndsIncluded) {
  EXPECT_TRUE(IsWholePercent(0, 7));
  EXPECT_TRUE(IsWholePercent(7, 7));
  EXPECT_TRUE(IsWholePercent(1, 100));        // 1.00 %
  EXPECT_TRUE(IsWholePercent(201, 2000));     // 10.05 %: the end is in
  EXPECT_TRUE(IsWholePercent(199, 2000));     // 9.95 %
  EXPECT_FALSE(IsWholePercent(2011, 20000));  // 10.055 %
  EXPECT_FALSE(IsWholePercent(1989, 20000));  // 9.945 %
  EXPECT_FALSE(IsWholePercent(1, 3));         // 33.33 %
  EXPECT_TRUE(IsWholePercent(2, 3 * 67));     // 0.995 %
  // Against the same rule in floating point, away from the ends.
  for (std::int64_t n = 1; n <= 400; ++n) {
    for (std::int64_t a = 0; a <= n; ++a) {
      const double x = 100.0 * a / n, distance = std::fabs(x - std::round(x));
      if (std::fabs(distance - 0.05) < 1e-9) continue;
      EXPECT_EQ(IsWholePercent(a, n), distance < 0.05) << a << " / " << n;
    }
  }
}

// P(Binomial(n, a / n) is a whole percent), summed here over every k with the pmf in long double.
long double BruteForceChance(std::int64_t n, std::int64_t a) {
  const long double p = static_cast<long double>(a) / n;
  long double sum = 0;
  for (std::int64_t k = 0; k <= n; ++k) {
    if (!IsWholePercent(k, n)) continue;
    sum += std::exp(std::lgamma(static_cast<long double>(n) + 1) - std::lgamma(static_cast<long double>(k) + 1) -
                    std::lgamma(static_cast<long double>(n - k) + 1) + k * std::log(p) + (n - k) * std::log1p(-p));
  }
  return sum;
}

TEST(WholePercentTest, ChanceIsTheBinomialSumOverTheWindows) {
  for (auto [n, a] : {std::pair<std::int64_t, std::int64_t>{10, 3},
                      {99, 1},
                      {100, 50},
                      {137, 136},
                      {950, 612},
                      {1999, 1500},
                      {2500, 3},
                      {4000, 3999},
                      {12345, 8000}}) {
    EXPECT_NEAR(static_cast<double>(WholePercentChance(n, a)), static_cast<double>(BruteForceChance(n, a)), 1e-12)
        << a << " / " << n;
  }
  EXPECT_EQ(WholePercentChance(50, 0), 1);   // always 0 %
  EXPECT_EQ(WholePercentChance(50, 50), 1);  // always 100 %
  // A small station: every count is a whole percent.
  EXPECT_NEAR(static_cast<double>(WholePercentChance(100, 37)), 1, 1e-15);
}

// The windows' sum against the sum over every k, on 200 stations: 1, 2, 101 and 10^6 voters at
// rates 1e-9, 1/2 and 1 - 1e-9 (and one voter off each end), and random ones from 1 to 10^5 voters
// at random rates, a third of them within 1e-3 of 0 and a third within 1e-3 of 1. To 1e-12 of the
// chance; a chance under 1e-8 to 1e-20 (what the sum leaves out by design, beyond 15 sd or past a
// term under 1e-20 of the sum, may be all of it). The long double brute force is itself off by
// up to ~5e-13 at 10^6 voters (log n! rounded near 1.3e7).
TEST(WholePercentTest, ChanceOnRandomStationsIsTheBruteForceSum) {
  std::mt19937_64 random(22);
  std::vector<std::pair<std::int64_t, std::int64_t>> stations;
  for (std::int64_t n : {std::int64_t{1}, std::int64_t{2}, std::int64_t{101}, std::int64_t{1000000}}) {
    for (double p : {1e-9, 0.5, 1 - 1e-9}) {
      stations.push_back({n, std::clamp<std::int64_t>(std::llround(p * n), 0, n)});
      stations.push_back({n, std::clamp<std::int64_t>(std::llround(p * n), 1, std::max<std::int64_t>(1, n - 1))});
    }
  }
  while (stations.size() < 200) {
    // Voters log-uniform in [1, 10^5]; the rate uniform, or within 1e-3 of an end.
    const auto n = static_cast<std::int64_t>(std::exp(std::uniform_real_distribution<double>(0, std::log(1e5))(random)));
    double p = std::uniform_real_distribution<double>(0, 1)(random);
    if (stations.size() % 3 == 1) p *= 1e-3;
    if (stations.size() % 3 == 2) p = 1 - p * 1e-3;
    stations.push_back({n, std::clamp<std::int64_t>(std::llround(p * n), 0, n)});
  }
  for (auto [n, a] : stations) {
    const long double fast = WholePercentChance(n, a);
    if (a == 0 || a == n) {  // always 0 % or 100 %
      EXPECT_EQ(fast, 1) << a << " / " << n;
      continue;
    }
    const long double brute = BruteForceChance(n, a);
    if (brute > 1e-8L) {
      EXPECT_NEAR(static_cast<double>(fast / brute), 1, 1e-12) << a << " / " << n;
    } else {
      EXPECT_NEAR(static_cast<double>(fast), static_cast<double>(brute), 1e-20) << a << " / " << n;
    }
  }
}

// The whole-percent test runs beside the rest of RunForensics on its own threads: the report is
// the same, to the bit, on one thread (inline), two, and all cores.
TEST(WholePercentTest, ReportIsTheSameWhateverTheThreads) {
  std::mt19937_64 random(8);
  StationResults results;
  results.contest = "list";
  results.columns = {"a", "b"};
  results.regions = {"r1", "r2", "r3"};
  for (int s = 0; s < 5000; ++s) {
    const auto registered = std::uniform_int_distribution<std::int64_t>(50, 3000)(random);
    const auto took_part = std::uniform_int_distribution<std::int64_t>(1, registered)(random);
    const auto a = std::uniform_int_distribution<std::int64_t>(0, took_part)(random);
    StationRow row{"s" + std::to_string(s), -1, s % 3, core::Settlement::kUrban, true, registered, took_part,
                   took_part};
    results.rows.push_back(row);
    results.votes.insert(results.votes.end(), {a, took_part - a});
  }
  std::vector<ForensicsReport> reports;
  for (int threads : {1, 2, 0}) {
    ForensicsOptions options;
    options.threads = threads;
    reports.push_back(RunForensics(results, options));
  }
  ASSERT_EQ(reports[0].stations, 5000);
  ASSERT_GT(reports[0].integer_percent.turnout.expected, 0);
  for (const ForensicsReport& report : reports) {
    const IntegerPercentTest &test = report.integer_percent, &first = reports[0].integer_percent;
    for (auto [count, expected] : {std::pair{test.turnout, first.turnout}, {test.result, first.result},
                                   {test.either, first.either}}) {
      EXPECT_EQ(count.observed, expected.observed);
      EXPECT_EQ(count.expected, expected.expected);
      EXPECT_EQ(count.sd, expected.sd);
      EXPECT_EQ(count.p_value, expected.p_value);
    }
    EXPECT_EQ(test.leader_tenths, first.leader_tenths);
    EXPECT_EQ(report.fingerprint.stations, reports[0].fingerprint.stations);
    EXPECT_EQ(report.last_digit.chi_squared, reports[0].last_digit.chi_squared);
    EXPECT_EQ(report.association.correlation, reports[0].association.correlation);
    ASSERT_EQ(report.regions.size(), 3U);
    EXPECT_EQ(report.regions[2].median, reports[0].regions[2].median);
  }
}

// Stations share their (n, a), and the chances are summed once for each distinct one: the expected
// counts are still the sums over stations, turnout and result each their own, with n past the
// log k! table (2^19) and a result under zero (taken as zero votes) among them.
TEST(WholePercentTest, SharedFiguresCountOnceForEachStation) {
  StationResults results;
  results.contest = "list";
  results.columns = {"a", "b"};
  results.regions = {"r1"};
  // registered, took part, a (the leader: the most votes in all), b
  const std::vector<std::array<std::int64_t, 4>> stations = {
      {1000, 600, 300, 280}, {1000, 600, 300, 280}, {1000, 600, 280, 300}, {1000, 601, 300, 280},
      {999, 600, 300, 280},  {600, 300, 300, 300},  {1000, 600, 300, 280}, {700000, 350001, 200000, 150001},
      {700000, 350001, 200000, 150001}, {500, 250, -3, 253}};
  long double turnout = 0, result = 0;
  for (const auto& [registered, took_part, a, b] : stations) {
    StationRow row{"s" + std::to_string(results.rows.size()), -1, 0, core::Settlement::kUrban, true, registered,
                   took_part, a + b};
    results.rows.push_back(row);
    results.votes.insert(results.votes.end(), {a, b});
    turnout += WholePercentChance(registered, took_part);
    result += WholePercentChance(a + b, std::max<std::int64_t>(a, 0));
  }
  ASSERT_GT(std::fabs(static_cast<double>(turnout - result)), 0.1);  // a swap of the two would show
  for (int threads : {1, 2}) {
    ForensicsOptions options;
    options.threads = threads;
    const ForensicsReport report = RunForensics(results, options);
    ASSERT_EQ(report.stations, 10);
    ASSERT_EQ(report.leader, "a");
    EXPECT_NEAR(report.integer_percent.turnout.expected, static_cast<double>(turnout), 1e-12);
    EXPECT_NEAR(report.integer_percent.result.expected, static_cast<double>(result), 1e-12);
  }
}

// A protocol line may hold up to 10^12 votes; the last-digit test's decades of such a count are
// one sparse entry (not a histogram of 10^11 decades: 800 GB), and an isolated count weighs the
// same there as an isolated count far below it.
TEST(LastDigitTest, AHugeCountCostsOneDecadeAndWeighsAsAnIsolatedOne) {
  const auto report_with = [](std::int64_t huge) {
    StationResults results;
    results.contest = "list";
    results.columns = {"a", "b"};
    results.regions = {"r1"};
    std::mt19937_64 random(7);
    for (int i = 0; i < 200; ++i) {
      const std::int64_t a = 100 + static_cast<std::int64_t>(random() % 400), b = 50 + static_cast<std::int64_t>(random() % 300);
      const std::int64_t first = i == 0 ? huge : a;
      const std::int64_t registered = i == 0 ? first + b + 1000 : 2000;
      results.rows.push_back(StationRow{"s" + std::to_string(i), -1, 0, core::Settlement::kUrban, true, registered,
                                        first + b, first + b});
      results.votes.insert(results.votes.end(), {first, b});
    }
    return RunForensics(results, ForensicsOptions{});
  };
  const ForensicsReport huge = report_with(1'000'000'000'000);  // the cap of a protocol line
  const ForensicsReport isolated = report_with(1'000'000);
  ASSERT_EQ(huge.stations, 200);
  ASSERT_GT(huge.last_digit.used, 0);
  EXPECT_EQ(huge.last_digit.counts, isolated.last_digit.counts);
  EXPECT_EQ(huge.last_digit.expected, isolated.last_digit.expected);
  EXPECT_EQ(huge.last_digit.chi_squared, isolated.last_digit.chi_squared);
  // A count in a decade next to others is not isolated: the expectation differs.
  EXPECT_NE(report_with(300).last_digit.expected, isolated.last_digit.expected);
}

StationResults Stations() {
  StationResults results;
  results.contest = "list";
  results.columns = {"a", "b"};
  results.regions = {"r1"};
  results.region_names = {"Region One"};
  // id, registered, took part, a, b, invalid
  const auto add = [&](const std::string& id, bool reported, std::int64_t registered, std::int64_t took_part,
                       std::int64_t a, std::int64_t b, std::int64_t invalid) {
    StationRow row{id, -1, 0, core::Settlement::kUnknown, reported, registered, took_part, a + b};
    row.invalid = invalid;
    results.rows.push_back(row);
    results.votes.insert(results.votes.end(), {a, b});
  };
  add("kept-1", true, 1000, 600, 300, 280, 20);
  add("kept-2", true, 500, 250, 130, 110, 10);
  add("not-reported", false, 800, 0, 0, 0, 0);
  add("listed", true, 900, 400, 200, 190, 10);
  add("no-voters", true, 0, 10, 5, 5, 0);
  add("small", true, 99, 50, 20, 29, 1);
  add("nobody", true, 300, 0, 0, 0, 0);
  add("high-turnout", true, 200, 199, 150, 40, 9);
  add("high-result", true, 400, 300, 298, 0, 2);
  return results;
}

TEST(ForensicsOptionsTest, Kobak2016KeepsAndLeavesOutAsThePaper) {
  Result<ForensicsOptions> options = ForensicsPreset("kobak2016");
  ASSERT_TRUE(options) << options.error().message;
  EXPECT_EQ(options->share_base, ShareBase::kValidAndInvalid);
  options->leave_out = {"listed"};
  const ForensicsReport report = RunForensics(Stations(), *options);
  EXPECT_EQ(report.stations, 2);
  const LeftOut& left = report.left_out;
  EXPECT_EQ(left.not_reported, 1);
  EXPECT_EQ(left.by_id, 1);
  EXPECT_EQ(left.no_voters, 1);
  EXPECT_EQ(left.below_min_registered, 1);
  EXPECT_EQ(left.no_took_part, 1);
  EXPECT_EQ(left.above_turnout_cap, 1);  // 99.5 %
  EXPECT_EQ(left.above_result_cap, 1);   // 298 / 300 = 99.3 %
  EXPECT_EQ(left.total(), 7);
  // kept-1: turnout 60.0 % whole, result 300 / 600 = 50.0 % whole; kept-2: 50.0 %, 130 / 250 = 52.0 %.
  EXPECT_EQ(report.integer_percent.turnout.observed, 2);
  EXPECT_EQ(report.integer_percent.result.observed, 2);
  EXPECT_EQ(report.integer_percent.either.observed, 2);
  const double chances = static_cast<double>(WholePercentChance(1000, 600) + WholePercentChance(500, 250));
  EXPECT_NEAR(report.integer_percent.turnout.expected, chances, 1e-9);
  EXPECT_EQ(report.regions.at(0).name, "Region One");
}

TEST(ForensicsOptionsTest, DefaultsKeepEveryStationWithVotersAndValidVotes) {
  const ForensicsReport report = RunForensics(Stations(), ForensicsOptions{});
  EXPECT_EQ(report.stations, 6);  // all but not-reported, no-voters and nobody (no valid votes)
  EXPECT_EQ(report.left_out.no_valid_votes, 1);
  // kept-1's result of the valid votes: 300 / 580 = 51.7 %, not whole.
  EXPECT_FALSE(IsWholePercent(300, 580));
}

TEST(ForensicsOptionsTest, PresetsAndNames) {
  Result<ForensicsOptions> klimek = ForensicsPreset("klimek2012");
  ASSERT_TRUE(klimek);
  EXPECT_EQ(klimek->share_base, ShareBase::kValid);
  EXPECT_EQ(klimek->weight, PlotWeight::kVoters);
  Result<ForensicsOptions> unknown = ForensicsPreset("kobak2015");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message.find("kobak2016, klimek2012"), std::string::npos);
  EXPECT_EQ(ParseTurnoutBase("valid+invalid").value(), TurnoutBase::kValidAndInvalid);
  EXPECT_FALSE(ParsePlotWeight("ballots"));
  Result<UnitAttribute> attribute = ParseUnitAttribute("electronic=1");
  ASSERT_TRUE(attribute);
  EXPECT_EQ(attribute->name, "electronic");
  EXPECT_EQ(attribute->value, "1");
  EXPECT_FALSE(ParseUnitAttribute("=1"));
  EXPECT_FALSE(ParseUnitAttribute("electronic"));
}

}  // namespace
}  // namespace saylau::stats
