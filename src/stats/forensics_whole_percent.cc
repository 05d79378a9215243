// The integer-percentage test (Kobak, Shpilkin & Pshenichnikov, AoAS 2016) with its exact
// binomial null: observed whole-percent counts of turnout, of the leader's result and of either,
// against the sum over stations of the chance that Binomial(n, observed rate) lands in a window.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <thread>
#include <utility>

#include "forensics_internal.h"
#include "saylau/base/check.h"

namespace saylau::stats {
namespace {

// The value a/b in tenths of a percent, rounded half up (exact).
std::int64_t Tenths(std::int64_t a, std::int64_t b) { return (2000 * a + b) / (2 * b); }

// log k! and log k for k = 0 ... size - 1 (long double), and log k! beyond by lgammal.
class LogFactorials {
 public:
  explicit LogFactorials(std::int64_t largest)
      : table_(static_cast<std::size_t>(std::max<std::int64_t>(largest, 0)) + 1), logs_(table_.size()) {
    for (std::size_t k = 0; k < table_.size(); ++k) table_[k] = std::lgamma(static_cast<long double>(k) + 1);
    for (std::size_t k = 1; k < logs_.size(); ++k) logs_[k] = std::log(static_cast<long double>(k));
  }
  // The table itself when it holds every k <= n, else null.
  const long double* TableUpTo(std::int64_t n) const {
    return static_cast<std::size_t>(n) < table_.size() ? table_.data() : nullptr;
  }
  // log k for every k <= n when the table holds them, else null.
  const long double* LogsUpTo(std::int64_t n) const {
    return static_cast<std::size_t>(n) < logs_.size() ? logs_.data() : nullptr;
  }
  long double operator()(std::int64_t k) const {
    return static_cast<std::size_t>(k) < table_.size() ? table_[static_cast<std::size_t>(k)]
                                                       : std::lgamma(static_cast<long double>(k) + 1);
  }

 private:
  std::vector<long double> table_;
  std::vector<long double> logs_;
};

// The largest n a table is built for (8 MB); larger stations use lgammal directly.
constexpr std::int64_t kLargestTabled = 1 << 19;

// Below this share of the sum so far a term ends the walk away from the mode: the terms beyond
// it only get smaller (the binomial's pmf falls on both sides of its mode), and at most n of them
// are left, so what is left out is under n * 1e-20 of the sum (1e-14 for a million voters).
constexpr long double kNegligible = 1e-20L;

long double Chance(std::int64_t n, std::int64_t a, const LogFactorials& log_factorial) {
  if (a <= 0 || a >= n) return IsWholePercent(std::clamp<std::int64_t>(a, 0, n), n) ? 1 : 0;
  const long double p = static_cast<long double>(a) / n;
  // log p and log q from the table of log k (no logl or log1pl per chance: they were most of a
  // chance's setup); each is off by ~1e-18, so a term's exponent by ~n * 1e-18.
  const long double* logs = log_factorial.LogsUpTo(n);
  const long double log_p = logs != nullptr ? logs[a] - logs[n] : std::log(p);
  const long double log_q = logs != nullptr ? logs[n - a] - logs[n] : std::log1p(-p);
  const double sd = std::sqrt(static_cast<double>(n) * static_cast<double>(p) * static_cast<double>(1 - p));
  const auto low = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(a - 15 * sd - 5)));
  const auto high = std::min<std::int64_t>(n, static_cast<std::int64_t>(std::ceil(a + 15 * sd + 5)));
  const long double log_n = log_factorial(n);
  // P(X = k): the exponent in long double (its terms are as large as n log n and cancel), its exp
  // in double: the exponent is small where the terms matter (its rounding costs ~1e-16 of a
  // term), and expl was three quarters of the test's time (800,000 stations: 4.2 s).
  // log n! + k log p + (n - k) log q = constant + k * slope.
  const long double constant = log_n + n * log_q, slope = log_p - log_q;
  const long double* tabled = log_factorial.TableUpTo(n);  // null when n is beyond the table
  const auto chance_of = [&](std::int64_t k) -> long double {
    const long double factorials = tabled != nullptr ? tabled[k] + tabled[n - k] : log_factorial(k) + log_factorial(n - k);
    return std::exp(static_cast<double>(constant - factorials + k * slope));
  };
  // Window j holds the k with 20 j n - n <= 2000 k <= 20 j n + n, clipped to [low, high].
  const auto window = [&](std::int64_t j) {
    const std::int64_t from = 20 * j * n - n;  // negative only for j = 0: the window starts at k = 0
    return std::pair{std::max(low, from <= 0 ? 0 : (from + 1999) / 2000), std::min(high, (20 * j * n + n) / 2000)};
  };
  const std::int64_t lowest = 100 * low / n, highest = std::min<std::int64_t>(100, 100 * high / n + 1);
  const std::int64_t centre = std::clamp<std::int64_t>(100 * a / n, lowest, highest);
  long double sum = 0;
  // From the window at a upwards, then downwards, each walk ending at a negligible term past a.
  for (std::int64_t j = centre; j <= highest; ++j) {
    const auto [first, last] = window(j);
    long double furthest = 0;
    for (std::int64_t k = first; k <= last; ++k) sum += furthest = chance_of(k);
    if (first <= last && first > a && furthest < kNegligible * sum) break;
  }
  for (std::int64_t j = centre - 1; j >= lowest; --j) {
    const auto [first, last] = window(j);
    long double furthest = 0;
    for (std::int64_t k = last; k >= first; --k) sum += furthest = chance_of(k);
    if (first <= last && last < a && furthest < kNegligible * sum) break;
  }
  return std::min<long double>(sum, 1);
}

// The distinct (n, a) of the stations' turnouts and results, and which one each is: a chance
// depends on (n, a) alone, and stations share them (the benchmark's 800,000 stations: 612,424
// distinct of 1.6 M). A negative a is taken as 0 (the same chance); a <= n, as WholePercents caps
// it. In order of n by a counting sort, each n's a told apart by the last n that saw it; an n
// outside [0, grouped] is its own.
struct Distinct {
  std::vector<std::pair<std::int64_t, std::int64_t>> figures;  // (n, a)
  std::vector<std::uint32_t> of;  // 2 i: station i's turnout, 2 i + 1: its result; an index into figures
};

Distinct DistinctFigures(const std::vector<std::array<std::int64_t, 4>>& stations, std::int64_t grouped) {
  constexpr int kBits = 20;  // a grouped a, in an entry's low bits below its slot
  SAYLAU_CHECK(grouped < (1 << kBits) && stations.size() < (std::size_t{1} << 31));
  const auto figure = [&](std::size_t slot) {
    const std::array<std::int64_t, 4>& f = stations[slot / 2];
    const std::size_t at = 2 * (slot % 2);
    return std::pair{f[at], std::max<std::int64_t>(f[at + 1], 0)};
  };
  const auto is_grouped = [&](std::int64_t n) { return n >= 0 && n <= grouped; };
  const std::size_t slots = 2 * stations.size(), size = static_cast<std::size_t>(grouped) + 1;
  Distinct distinct;
  distinct.of.resize(slots);
  distinct.figures.reserve(slots);
  std::vector<std::size_t> end(size + 1, 0);  // where each n's entries start, then end
  for (std::size_t s = 0; s < slots; ++s) {
    if (const std::int64_t n = figure(s).first; is_grouped(n)) ++end[static_cast<std::size_t>(n) + 1];
  }
  for (std::size_t n = 1; n <= size; ++n) end[n] += end[n - 1];
  std::vector<std::uint64_t> sorted(end[size]);  // slot << kBits | a, by n
  for (std::size_t s = 0; s < slots; ++s) {
    const auto [n, a] = figure(s);
    if (is_grouped(n)) {
      sorted[end[static_cast<std::size_t>(n)]++] = std::uint64_t{s} << kBits | static_cast<std::uint64_t>(a);
    } else {
      distinct.of[s] = static_cast<std::uint32_t>(distinct.figures.size());
      distinct.figures.push_back({n, a});
    }
  }
  std::vector<std::int64_t> seen_by(size, -1);  // the last n whose a this is, and its index
  std::vector<std::uint32_t> seen_at(size);
  for (std::size_t n = 0, i = 0; n < size; ++n) {
    for (; i < end[n]; ++i) {
      const std::size_t s = sorted[i] >> kBits, a = sorted[i] & ((1U << kBits) - 1);
      if (seen_by[a] != static_cast<std::int64_t>(n)) {
        seen_by[a] = static_cast<std::int64_t>(n);
        seen_at[a] = static_cast<std::uint32_t>(distinct.figures.size());
        distinct.figures.push_back({static_cast<std::int64_t>(n), static_cast<std::int64_t>(a)});
      }
      distinct.of[s] = seen_at[a];
    }
  }
  return distinct;
}

void Finish(WholePercentCount& count, long double mean, long double variance) {
  count.expected = static_cast<double>(mean);
  count.sd = static_cast<double>(std::sqrt(variance));
  count.excess = count.observed - count.expected;
  count.p_value = count.sd > 0 ? internal::NormalTail((count.observed - 0.5 - count.expected) / count.sd)
                               : (count.observed > count.expected ? 0.0 : 1.0);
}

}  // namespace

bool IsWholePercent(std::int64_t a, std::int64_t n) {
  const std::int64_t rest = (2000 * a) % (20 * n);
  return rest <= n || rest >= 19 * n;
}

long double WholePercentChance(std::int64_t n, std::int64_t a) {
  return Chance(n, a, LogFactorials(std::min(n, kLargestTabled)));
}

namespace internal {

double NormalTail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

void WholePercents(const StationResults& results, const std::vector<std::size_t>& rows, int leader,
                   const ForensicsOptions& options, IntegerPercentTest& test) {
  for (auto* histogram :
       {&test.turnout_tenths, &test.leader_tenths, &test.turnout_tenths_voters, &test.leader_tenths_voters}) {
    histogram->assign(1001, 0);
  }
  // Per kept station: (n, a) of turnout and of the result, capped at 0 <= a <= n.
  std::vector<std::array<std::int64_t, 4>> figures;
  figures.reserve(rows.size());
  std::int64_t largest = 0;
  for (std::size_t r : rows) {
    const StationFigures f = FiguresOf(results.rows[r], options);
    // Capped at 0 too: a negative count (bad input) would index the histograms below 0 %.
    const std::int64_t voters = std::clamp<std::int64_t>(f.turnout_count, 0, f.registered);
    const std::int64_t votes = std::clamp<std::int64_t>(results.VotesOf(r)[leader], 0, f.share_base);
    figures.push_back({f.registered, voters, f.share_base, votes});
    largest = std::max({largest, f.registered, f.share_base});
    const std::int64_t turnout = Tenths(voters, f.registered), share = Tenths(votes, f.share_base);
    ++test.turnout_tenths[turnout];
    ++test.leader_tenths[share];
    test.turnout_tenths_voters[turnout] += voters;
    test.leader_tenths_voters[share] += voters;
    const bool whole_turnout = IsWholePercent(voters, f.registered), whole_result = IsWholePercent(votes, f.share_base);
    test.turnout.observed += whole_turnout;
    test.result.observed += whole_result;
    test.either.observed += whole_turnout || whole_result;
  }
  const LogFactorials log_factorial(std::min(largest, kLargestTabled));
  const Distinct distinct = DistinctFigures(figures, std::min(largest, kLargestTabled));
  std::vector<long double> chances(distinct.figures.size());
  const int threads = std::max(
      1, std::min<int>(options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()),
                       static_cast<int>(chances.size() / 1000) + 1));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < chances.size(); i += threads) {
        chances[i] = Chance(distinct.figures[i].first, distinct.figures[i].second, log_factorial);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  long double mean[3] = {0, 0, 0}, variance[3] = {0, 0, 0};
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const long double turnout = chances[distinct.of[2 * i]], result = chances[distinct.of[2 * i + 1]];
    const long double either = 1 - (1 - turnout) * (1 - result);
    const long double p[3] = {turnout, result, either};
    for (int c = 0; c < 3; ++c) mean[c] += p[c], variance[c] += p[c] * (1 - p[c]);
  }
  Finish(test.turnout, mean[0], variance[0]);
  Finish(test.result, mean[1], variance[1]);
  Finish(test.either, mean[2], variance[2]);
  test.simulations = 0;
  test.p_value = std::min(1.0, 2 * std::min(test.turnout.p_value, test.result.p_value));
}

}  // namespace internal
}  // namespace saylau::stats
