#include "saylau/stats/forensics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>

#include <boost/math/distributions/chi_squared.hpp>

#include "saylau/base/random.h"

namespace saylau::stats {
namespace {

// The value a/b in tenths of a percent, rounded half up (exact).
std::int64_t Tenths(std::int64_t a, std::int64_t b) { return (2000 * a + b) / (2 * b); }

double NormalTail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// Inverse of the standard normal distribution function (Acklam's rational approximation,
// relative error below 1.2e-9): the table of quantiles the resampling draws from.
double NormalQuantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -NormalQuantile(1 - p);
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// 65,536 standard normal quantiles at the midpoints of equal-probability cells: a draw is 16
// random bits and a lookup (the resampling makes hundreds of millions of draws).
const std::vector<double>& NormalTable() {
  static const std::vector<double> table = [] {
    std::vector<double> quantiles(1 << 16);
    for (std::size_t i = 0; i < quantiles.size(); ++i) quantiles[i] = NormalQuantile((i + 0.5) / quantiles.size());
    return quantiles;
  }();
  return table;
}

// Expected last-digit frequencies when the counts' density is smooth but not flat: within each
// decade [10k, 10k + 9] the density is taken as linear, its level from the decade's own
// total and its slope from the two neighbouring decades. Invented or edited last digits
// change the digits within a decade, not the decade totals, so they stand out against this.
std::array<double, 10> ExpectedDigits(const std::vector<std::int64_t>& counts) {
  std::int64_t largest = 0;
  for (std::int64_t count : counts) largest = std::max(largest, count);
  std::vector<double> decade(static_cast<std::size_t>(largest / 10) + 2, 0);
  for (std::int64_t count : counts) ++decade[count / 10];
  std::array<double, 10> expected{};
  for (std::size_t k = 2; k + 1 < decade.size(); ++k) {
    const double slope = (decade[k + 1] - decade[k - 1]) / 200;  // per vote, per vote
    for (int d = 0; d < 10; ++d) expected[d] += std::max(0.0, decade[k] / 10 + slope * (d - 4.5));
  }
  return expected;
}

// One binomial proportion to resample: n trials around the observed rate.
struct Resampled {
  double n = 0, mean = 0, sd = 0, scale = 0;  // scale = 1000 / n
};

// Whole-percent values in one simulated election: each station's turnout and leader share
// drawn again from Binomial(n, observed rate) (normal approximation, rounded and clamped).
// Values alternate: a station's turnout, then its leader share; the two counts come back apart.
std::pair<std::int64_t, std::int64_t> SimulateOnce(const std::vector<Resampled>& values,
                                                   const std::vector<double>& quantiles, std::uint64_t seed) {
  Random random(seed);
  std::int64_t count[2] = {0, 0};
  std::size_t index = 0;
  std::uint64_t bits = 0;
  int left = 0;
  for (const Resampled& v : values) {
    if (left == 0) bits = random.Next(), left = 4;
    const double z = quantiles[bits & 0xffff];
    bits >>= 16;
    --left;
    const double x = std::clamp(std::nearbyint(v.mean + v.sd * z), 0.0, v.n);
    const auto tenths = static_cast<std::int64_t>(x * v.scale + 0.5);
    count[index++ & 1] += tenths % 10 == 0;
  }
  return {count[0], count[1]};
}

void IntegerPercent(const StationResults& results, const std::vector<std::size_t>& rows, int leader,
                    const ForensicsOptions& options, IntegerPercentTest& test) {
  test.turnout_tenths.assign(1001, 0);
  test.leader_tenths.assign(1001, 0);
  std::vector<Resampled> values;
  values.reserve(rows.size() * 2);
  for (std::size_t r : rows) {
    const StationRow& row = results.rows[r];
    const std::int64_t took_part = std::min(row.took_part, row.registered), votes = results.VotesOf(r)[leader];
    const std::int64_t turnout = Tenths(took_part, row.registered), share = Tenths(votes, row.base);
    ++test.turnout_tenths[std::min<std::int64_t>(turnout, 1000)];
    ++test.leader_tenths[std::min<std::int64_t>(share, 1000)];
    test.turnout_observed += turnout % 10 == 0;
    test.leader_observed += share % 10 == 0;
    for (auto [a, n] : {std::pair{took_part, row.registered}, std::pair{votes, row.base}}) {
      const double p = static_cast<double>(a) / n;
      values.push_back({static_cast<double>(n), static_cast<double>(a), std::sqrt(n * p * (1 - p)), 1000.0 / n});
    }
  }
  int simulations = options.simulations;
  if (simulations <= 0) {
    simulations = static_cast<int>(std::clamp<double>(1e8 / std::max<double>(values.size(), 1), 100, 1000));
  }
  test.simulations = simulations;
  const std::vector<double>& quantiles = NormalTable();
  std::vector<std::pair<std::int64_t, std::int64_t>> sums(simulations);
  const int threads = std::max(
      1, std::min(options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()),
                  simulations));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int s = t; s < simulations; s += threads) {
        sums[s] =
            SimulateOnce(values, quantiles, options.seed * 0x9e3779b97f4a7c15ull + static_cast<std::uint64_t>(s) + 1);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  double turnout_squares = 0, leader_squares = 0;
  std::int64_t turnout_at_least = 0, leader_at_least = 0;
  for (auto [turnout, share] : sums) {
    test.turnout_expected += static_cast<double>(turnout) / simulations;
    test.leader_expected += static_cast<double>(share) / simulations;
    turnout_at_least += turnout >= test.turnout_observed;
    leader_at_least += share >= test.leader_observed;
  }
  for (auto [turnout, share] : sums) {
    turnout_squares += (turnout - test.turnout_expected) * (turnout - test.turnout_expected);
    leader_squares += (share - test.leader_expected) * (share - test.leader_expected);
  }
  const double denominator = std::max(simulations - 1, 1);
  test.turnout_sd = std::sqrt(turnout_squares / denominator);
  test.leader_sd = std::sqrt(leader_squares / denominator);
  // The count is a sum of many independent stations: normal in the tail, with the simulated
  // mean and spread (the share of simulations at or above cannot go below 1 / simulations).
  const auto tail = [](double observed, double mean, double sd) {
    return sd > 0 ? NormalTail((observed - 0.5 - mean) / sd) : (observed > mean ? 0.0 : 1.0);
  };
  test.turnout_p = tail(test.turnout_observed, test.turnout_expected, test.turnout_sd);
  test.leader_p = tail(test.leader_observed, test.leader_expected, test.leader_sd);
  test.turnout_p_simulated = (1.0 + turnout_at_least) / (1.0 + simulations);
  test.leader_p_simulated = (1.0 + leader_at_least) / (1.0 + simulations);
  test.p_value = std::min(1.0, 2 * std::min(test.turnout_p, test.leader_p));
}

}  // namespace

double ChiSquared9Tail(double x) {
  if (x <= 0) return 1;
  // Q(9/2, x/2) = erfc(sqrt(y)) + exp(-y) * sum_{j=1..4} y^(j-1/2) / Gamma(j+1/2), y = x/2.
  const double y = x / 2;
  double sum = 0;
  for (int j = 1; j <= 4; ++j) sum += std::pow(y, j - 0.5) / std::tgamma(j + 0.5);
  return std::min(1.0, std::erfc(std::sqrt(y)) + std::exp(-y) * sum);
}

std::array<double, 10> BenfordSecondDigits() {
  std::array<double, 10> q{};
  for (int d = 0; d < 10; ++d) {
    for (int k = 1; k <= 9; ++k) q[d] += std::log10(1 + 1.0 / (10 * k + d));
  }
  return q;
}

SecondDigitTest TestSecondDigits(const std::vector<std::int64_t>& counts) {
  SecondDigitTest test;
  const std::array<double, 10> q = BenfordSecondDigits();
  for (int d = 0; d < 10; ++d) test.benford_mean += d * q[d];
  std::int64_t digit_sum = 0;
  for (std::int64_t count : counts) {
    if (count < 10) {
      ++test.below_ten;
      continue;
    }
    std::int64_t leading = count;  // the first two digits
    while (leading >= 100) leading /= 10;
    ++test.counts[leading % 10];
    digit_sum += leading % 10;
    ++test.used;
  }
  if (test.used == 0) return test;
  test.mean = static_cast<double>(digit_sum) / test.used;
  for (int d = 0; d < 10; ++d) {
    test.expected[d] = test.used * q[d];
    test.chi_squared += (test.counts[d] - test.expected[d]) * (test.counts[d] - test.expected[d]) / test.expected[d];
  }
  test.p_value = boost::math::cdf(boost::math::complement(boost::math::chi_squared(9), test.chi_squared));
  return test;
}

ForensicsReport RunForensics(const StationResults& results, const ForensicsOptions& options) {
  ForensicsReport report;
  report.contest = results.contest;
  report.alpha = options.alpha;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    const StationRow& row = results.rows[r];
    if (!row.reported) {
      ++report.left_out.not_reported;
    } else if (row.registered <= 0) {
      ++report.left_out.no_voters;
    } else if (row.base <= 0) {
      ++report.left_out.no_valid_votes;
    } else {
      rows.push_back(r);
    }
  }
  const int leader = results.Leader();
  if (leader < 0) return report;
  report.leader = results.columns[leader];
  report.stations = static_cast<std::int64_t>(rows.size());
  if (rows.empty()) return report;

  // Fingerprint, last digits, regions.
  Fingerprint& fingerprint = report.fingerprint;
  constexpr int kBins = Fingerprint::kBins;
  fingerprint.stations.assign(kBins * kBins, 0);
  fingerprint.voters.assign(kBins * kBins, 0);
  std::int64_t all_voters = 0, high_high_voters = 0;
  std::vector<std::vector<double>> turnout_by_region(results.regions.size());
  LastDigitTest& digits = report.last_digit;
  std::vector<std::int64_t> counts;
  for (std::size_t r : rows) {
    const StationRow& row = results.rows[r];
    const std::int64_t took_part = std::min(row.took_part, row.registered), votes = results.VotesOf(r)[leader];
    const auto t = std::min<std::int64_t>(100 * took_part / row.registered, kBins - 1);
    const auto l = std::min<std::int64_t>(100 * votes / row.base, kBins - 1);
    ++fingerprint.stations[t * kBins + l];
    fingerprint.voters[t * kBins + l] += took_part;
    all_voters += took_part;
    if (took_part * 5 > row.registered * 4 && votes * 5 > row.base * 4) {
      ++fingerprint.high_high_stations;
      high_high_voters += took_part;
    }
    turnout_by_region[row.region].push_back(100.0 * took_part / row.registered);
    for (int c = 0; c < results.width(); ++c) {
      const std::int64_t count = results.VotesOf(r)[c];
      counts.push_back(count);
      if (count >= 20) ++digits.counts[count % 10];
    }
  }
  fingerprint.high_high_voter_share = all_voters > 0 ? static_cast<double>(high_high_voters) / all_voters : 0;
  for (std::int64_t count : digits.counts) digits.used += count;
  if (digits.used > 0) {
    digits.expected = ExpectedDigits(counts);
    for (int d = 0; d < 10; ++d) {
      const double e = digits.expected[d];
      if (e > 0) digits.chi_squared += (digits.counts[d] - e) * (digits.counts[d] - e) / e;
    }
    digits.p_value = ChiSquared9Tail(digits.chi_squared);
  }
  report.second_digit = TestSecondDigits(counts);
  for (std::size_t g = 0; g < results.regions.size(); ++g) {
    std::vector<double>& values = turnout_by_region[g];
    if (values.empty()) continue;
    std::sort(values.begin(), values.end());
    RegionTurnout region{results.regions[g], static_cast<std::int64_t>(values.size())};
    const auto at = [&](double q) { return values[static_cast<std::size_t>(q * (values.size() - 1) + 0.5)]; };
    region.p10 = at(0.1), region.median = at(0.5), region.p90 = at(0.9);
    region.histogram.assign(101, 0);
    for (double v : values) ++region.histogram[std::clamp(static_cast<int>(v), 0, 100)];
    report.regions.push_back(std::move(region));
  }

  // Association of turnout and leader share within region x settlement strata.
  AssociationTest& association = report.association;
  std::map<std::pair<int, int>, std::vector<std::size_t>> strata;
  for (std::size_t r : rows)
    strata[{results.rows[r].region, static_cast<int>(results.rows[r].settlement)}].push_back(r);
  double sxy = 0, sxx = 0, syy = 0;
  for (const auto& [key, members] : strata) {
    if (members.size() < 2) continue;
    ++association.strata;
    double mx = 0, my = 0;
    std::vector<std::pair<double, double>> points;
    for (std::size_t r : members) {
      const StationRow& row = results.rows[r];
      points.push_back({static_cast<double>(std::min(row.took_part, row.registered)) / row.registered,
                        static_cast<double>(results.VotesOf(r)[leader]) / row.base});
      mx += points.back().first / members.size();
      my += points.back().second / members.size();
    }
    for (auto [x, y] : points) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx), syy += (y - my) * (y - my);
    association.stations += static_cast<std::int64_t>(members.size());
  }
  if (sxx > 0 && syy > 0 && association.stations > association.strata + 2) {
    association.correlation = sxy / std::sqrt(sxx * syy);
    const double r = std::clamp(association.correlation, -0.999999, 0.999999);
    association.z = std::atanh(r) * std::sqrt(static_cast<double>(association.stations - association.strata - 1));
    association.p_value = NormalTail(association.z);
  }

  IntegerPercent(results, rows, leader, options, report.integer_percent);

  const double level = options.alpha / 3;
  if (association.p_value < level) {
    report.reasons.push_back("turnout and the leader's share rise together within strata (r = " +
                             std::to_string(association.correlation).substr(0, 6) + ")");
  }
  if (report.integer_percent.p_value < level) report.reasons.push_back("more whole-percent values than chance gives");
  if (digits.p_value < level) report.reasons.push_back("last digits of the vote counts are not uniform");
  report.flagged = !report.reasons.empty();
  return report;
}

}  // namespace saylau::stats
