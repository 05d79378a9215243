// RunForensics: which stations count, the fingerprint, last and second digits, turnout by
// region and the association test; the whole-percent test is in forensics_whole_percent.cc.
#include "saylau/stats/forensics.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <future>
#include <map>

#include "forensics_internal.h"

namespace saylau::stats {
namespace {

// How many vote counts fall in each decade [10k, 10k + 9] (a negative count in the first): a
// vector up to 10 million votes (no station's count comes near), a sparse map above, so that
// a hostile protocol's count of up to 10^12 (what a protocol line may hold) costs one entry,
// not a histogram of 10^11.
class Decades {
 public:
  static constexpr std::size_t kDense = std::size_t{1} << 20;

  void Add(std::int64_t count) {
    const auto k = static_cast<std::size_t>(std::max<std::int64_t>(count, 0) / 10);
    if (k >= kDense) {
      ++sparse_[k];
      return;
    }
    if (k + 2 > dense_.size()) dense_.resize(std::min(std::max(k + 2, 2 * dense_.size()), kDense), 0);
    ++dense_[k];
  }
  double At(std::size_t k) const {
    if (k < dense_.size()) return dense_[k];
    const auto at = sparse_.find(k);
    return at == sparse_.end() ? 0 : at->second;
  }
  // Decades past the dense part worth a look: the counted ones and their neighbours, in order.
  std::vector<std::size_t> SparseNeighbourhood() const {
    std::vector<std::size_t> ks = {kDense};
    for (const auto& [k, count] : sparse_) ks.insert(ks.end(), {k - 1, k, k + 1});
    std::sort(ks.begin(), ks.end());
    ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
    return ks;
  }

 private:
  std::vector<double> dense_ = std::vector<double>(2, 0);
  std::map<std::size_t, double> sparse_;
};

// Expected last-digit frequencies when the counts' density is smooth but not flat: within each
// decade [10k, 10k + 9] the density is taken as linear, its level from the decade's own
// total and its slope from the two neighbouring decades. Invented or edited last digits
// change the digits within a decade, not the decade totals, so they stand out against this.
// Decades 2 .. largest / 10 count; a decade with no counts and none beside it adds nothing.
std::array<double, 10> ExpectedDigits(const Decades& decades, std::int64_t largest) {
  const auto end = static_cast<std::size_t>(std::max<std::int64_t>(largest, 0) / 10) + 1;  // past the last decade
  std::array<double, 10> expected{};
  const auto add = [&](std::size_t k) {
    const double slope = (decades.At(k + 1) - decades.At(k - 1)) / 200;  // per vote, per vote
    for (int d = 0; d < 10; ++d) expected[d] += std::max(0.0, decades.At(k) / 10 + slope * (d - 4.5));
  };
  for (std::size_t k = 2; k < std::min(end, Decades::kDense); ++k) add(k);
  for (std::size_t k : decades.SparseNeighbourhood()) {
    if (k >= Decades::kDense && k < end) add(k);
  }
  return expected;
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

namespace {

// One count into `test`'s digit counts (TestSecondDigits, one count at a time).
void CountSecondDigit(std::int64_t count, SecondDigitTest& test) {
  if (count < 10) {
    ++test.below_ten;
    return;
  }
  std::int64_t leading = count;  // the first two digits
  while (leading >= 100) leading /= 10;
  ++test.counts[leading % 10];
  ++test.used;
}

// The test on the digit counts CountSecondDigit made.
SecondDigitTest FinishSecondDigits(SecondDigitTest test) {
  const std::array<double, 10> q = BenfordSecondDigits();
  for (int d = 0; d < 10; ++d) test.benford_mean += d * q[d];
  if (test.used == 0) return test;
  std::int64_t digit_sum = 0;
  for (int d = 0; d < 10; ++d) digit_sum += d * test.counts[d];
  test.mean = static_cast<double>(digit_sum) / test.used;
  for (int d = 0; d < 10; ++d) {
    test.expected[d] = test.used * q[d];
    test.chi_squared += (test.counts[d] - test.expected[d]) * (test.counts[d] - test.expected[d]) / test.expected[d];
  }
  test.p_value = boost::math::cdf(boost::math::complement(boost::math::chi_squared(9), test.chi_squared));
  return test;
}

}  // namespace

SecondDigitTest TestSecondDigits(const std::vector<std::int64_t>& counts) {
  SecondDigitTest test;
  for (std::int64_t count : counts) CountSecondDigit(count, test);
  return FinishSecondDigits(test);
}

ForensicsReport RunForensics(const StationResults& results, const ForensicsOptions& options,
                             const core::Election* definition) {
  ForensicsReport report;
  report.contest = results.contest;
  report.options = options;
  report.alpha = options.alpha;
  const int leader = results.Leader();
  const std::vector<std::size_t> rows = internal::KeptStations(results, leader, options, definition, report.left_out);
  if (leader < 0) return report;
  report.leader = results.columns[leader];
  report.stations = static_cast<std::int64_t>(rows.size());
  if (rows.empty()) return report;
  // The whole-percent test (most of the time: its exact null) runs beside the rest, which only
  // reads the same rows and writes other parts of the report; its sums are split the same way
  // whatever runs beside them, so the report does not depend on the schedule. One thread: inline.
  std::future<void> whole_percents =
      std::async(options.threads == 1 ? std::launch::deferred : std::launch::async,
                 [&] { internal::WholePercents(results, rows, leader, options, report.integer_percent); });
  // Turnout's count (capped at registered), registered, the leader's votes and the share base.
  struct Point {
    std::int64_t voters, registered, votes, base;
  };
  const auto point = [&](std::size_t r) {
    const StationFigures f = FiguresOf(results.rows[r], options);
    return Point{std::min(f.turnout_count, f.registered), f.registered, results.VotesOf(r)[leader], f.share_base};
  };

  // Fingerprint, last digits, regions.
  Fingerprint& fingerprint = report.fingerprint;
  constexpr int kBins = Fingerprint::kBins;
  fingerprint.stations.assign(kBins * kBins, 0);
  fingerprint.voters.assign(kBins * kBins, 0);
  std::int64_t all_voters = 0, high_high_voters = 0;
  std::vector<std::vector<double>> turnout_by_region(results.regions.size());
  LastDigitTest& digits = report.last_digit;
  // The vote counts' decades and second digits, counted as they come (not kept: 6.4 M counts,
  // 51 MB, at 800,000 stations of 8 columns).
  Decades decades;
  std::int64_t largest = 0;
  SecondDigitTest second_digits;
  for (std::size_t r : rows) {
    const StationRow& row = results.rows[r];
    const auto [voters, registered, votes, base] = point(r);
    const auto t = std::min<std::int64_t>(100 * voters / registered, kBins - 1);
    const auto l = std::clamp<std::int64_t>(100 * votes / base, 0, kBins - 1);
    ++fingerprint.stations[t * kBins + l];
    fingerprint.voters[t * kBins + l] += voters;
    all_voters += voters;
    if (voters * 5 > registered * 4 && votes * 5 > base * 4) {
      ++fingerprint.high_high_stations;
      high_high_voters += voters;
    }
    turnout_by_region[row.region].push_back(100.0 * voters / registered);
    for (int c = 0; c < results.width(); ++c) {
      const std::int64_t count = results.VotesOf(r)[c];
      decades.Add(count);
      largest = std::max(largest, count);
      CountSecondDigit(count, second_digits);
      if (count >= 20) ++digits.counts[count % 10];
    }
  }
  fingerprint.high_high_voter_share = all_voters > 0 ? static_cast<double>(high_high_voters) / all_voters : 0;
  for (std::int64_t count : digits.counts) digits.used += count;
  if (digits.used > 0) {
    digits.expected = ExpectedDigits(decades, largest);
    for (int d = 0; d < 10; ++d) {
      const double e = digits.expected[d];
      if (e > 0) digits.chi_squared += (digits.counts[d] - e) * (digits.counts[d] - e) / e;
    }
    digits.p_value = ChiSquared9Tail(digits.chi_squared);
  }
  report.second_digit = FinishSecondDigits(second_digits);
  for (std::size_t g = 0; g < results.regions.size(); ++g) {
    std::vector<double>& values = turnout_by_region[g];
    if (values.empty()) continue;
    std::sort(values.begin(), values.end());
    RegionTurnout region{results.regions[g],
                         g < results.region_names.size() ? results.region_names[g] : results.regions[g],
                         static_cast<std::int64_t>(values.size())};
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
      const auto [voters, registered, votes, base] = point(r);
      points.push_back({static_cast<double>(voters) / registered, static_cast<double>(votes) / base});
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
    association.p_value = internal::NormalTail(association.z);
  }

  whole_percents.get();

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
