// Election forensics on station-level results: the election fingerprint (turnout against the
// leader's share; Klimek, Yegorov, Hanel, Thurner, PNAS 2012), the integer-percentage test
// (Kobak, Shpilkin, Pshenichnikov, AoAS 2016) against its exact binomial null, last-digit
// uniformity (chi-squared), second digits against Benford's law (Mebane's 2BL; reported, not
// flagged), the association between turnout and the leader's share within strata, and turnout
// distributions per region. Which stations count and how turnout and the share are defined are
// options (forensics_options.h), with presets named after the papers. Each flagging test gives a
// p-value; the election is flagged when one falls below alpha / 3 (Bonferroni over the three
// tests). Pure and deterministic (threads only split the exact null's sums).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/stats/forensics_options.h"
#include "saylau/stats/station_results.h"

namespace saylau::stats {

// Stations in 1 % x 1 % cells: turnout (rows) by the leader's share of the share base (columns).
struct Fingerprint {
  static constexpr int kBins = 100;
  std::vector<std::int64_t> stations;   // kBins x kBins, row = turnout percent, column = leader percent
  std::vector<std::int64_t> voters;     // the same cells weighted by voters (turnout's count: ballots issued)
  std::int64_t high_high_stations = 0;  // turnout and leader share both above 80 %
  double high_high_voter_share = 0;     // their share of all ballots issued
};

// One count of the whole-percent test: stations whose value lies within 0.05 percentage points
// of a whole percent, the ends included (|100 a / n - j| <= 0.05 for a whole j; IsWholePercent).
struct WholePercentCount {
  std::int64_t observed = 0;
  // The exact null: each station's count drawn as Binomial(n, observed rate), independently;
  // expected = the sum over stations of the chance that the draw lands in a window, sd = the
  // square root of the sum of p (1 - p) of those indicators.
  double expected = 0, sd = 0;
  double excess = 0;   // observed - expected
  double p_value = 1;  // one-sided P(count >= observed): normal tail, exact mean and sd, continuity-corrected
};

struct IntegerPercentTest {
  WholePercentCount turnout;  // turnout (forensics_options.h: TurnoutBase) over registered
  WholePercentCount result;   // the leader's votes over the share base
  WholePercentCount either;   // turnout or result; the null's chance 1 - (1 - p_turnout)(1 - p_result)
  int simulations = 0;        // 0: the null is exact, nothing is simulated
  double p_value = 1;         // 2 x the smaller of the turnout and result p-values (Bonferroni), at most 1
  // Stations (and voters: turnout's count) by turnout and by the leader's result in 0.1 % steps
  // (0 ... 1000, the value rounded half up to a tenth of a percent).
  std::vector<std::int64_t> turnout_tenths, leader_tenths;
  std::vector<std::int64_t> turnout_tenths_voters, leader_tenths_voters;
};

// True when a / n (0 <= a, 0 < n) is within 0.05 percentage points of a whole percent, ends
// included: (2000 a) mod (20 n) <= n or >= 19 n. Exact.
bool IsWholePercent(std::int64_t a, std::int64_t n);

// The chance that Binomial(n, a / n) lands on a whole percent by IsWholePercent (log-pmf in long
// double, summed over the windows within 15 sd of the mean). REQUIRES: 0 <= a <= n, 0 < n.
long double WholePercentChance(std::int64_t n, std::int64_t a);

// Small counts do not have uniform last digits (a falling distribution of counts favours low
// digits), so the expected frequencies take each decade's slope into account (forensics.cc).
struct LastDigitTest {
  std::array<std::int64_t, 10>
      counts{};  // last digits of vote counts of 20 or more (the decade below borders the spike of zeros)
  std::array<double, 10> expected{};  // under a density linear within each decade
  std::int64_t used = 0;
  double chi_squared = 0;
  double p_value = 1;  // 9 degrees of freedom
};

// Mebane's second-digit Benford test (2BL; W. R. Mebane, "Election Forensics: the Second-Digit
// Benford's Law Test and Recent American Presidential Elections", 2006): the second digits of
// the vote counts of 10 or more against Benford's law. Reported beside the other tests; it is
// not one of the three the flag is decided by (its fit to clean counts varies with their sizes).
struct SecondDigitTest {
  std::array<std::int64_t, 10> counts{};  // second digits of vote counts of 10 or more
  std::array<double, 10> expected{};      // used x BenfordSecondDigits()
  std::int64_t used = 0;
  std::int64_t below_ten = 0;  // counts left out: they have no second digit
  double chi_squared = 0;      // Pearson's
  double p_value = 1;          // 9 degrees of freedom
  double mean = 0;             // of the second digits used
  double benford_mean = 0;     // sum of d x q_d over the digits (4.187)
};

// Benford's frequencies of the second digit d = 0 ... 9: q_d = sum over k = 1 ... 9 of
// log10(1 + 1 / (10 k + d)).
std::array<double, 10> BenfordSecondDigits();

// The 2BL test on `counts` (every count is one value; negative counts are left out as below ten).
SecondDigitTest TestSecondDigits(const std::vector<std::int64_t>& counts);

struct AssociationTest {
  double correlation = 0;  // of turnout and leader share, within region x settlement strata
  std::int64_t stations = 0;
  int strata = 0;
  double z = 0;        // Fisher's z times sqrt(n - strata - 1)
  double p_value = 1;  // one-sided: more turnout goes with more for the leader
};

struct RegionTurnout {
  std::string region;
  std::string name;  // StationResults::region_names, else the id
  std::int64_t stations = 0;
  double p10 = 0, median = 0, p90 = 0;  // turnout percent
  std::vector<std::int64_t> histogram;  // stations by whole turnout percent (0 ... 100)
};

// The stations of the contest that the tests do not use, by why (each counted once, the first
// reason in this order).
struct LeftOut {
  std::int64_t not_reported = 0;          // no accepted protocol is counted
  std::int64_t by_id = 0;                 // listed in ForensicsOptions::leave_out
  std::int64_t by_attribute = 0;          // its unit has an attribute of leave_out_where
  std::int64_t no_voters = 0;             // reported, but no registered voters
  std::int64_t below_min_registered = 0;  // fewer registered voters than Inclusion::min_registered
  std::int64_t no_took_part = 0;          // Inclusion::took_part_above_zero and turnout's count is 0
  std::int64_t no_valid_votes = 0;        // reported, but the share base (valid votes by default) is 0
  std::int64_t above_turnout_cap = 0;     // turnout above Inclusion::max_turnout_percent
  std::int64_t above_result_cap = 0;      // the leader's result above Inclusion::max_result_percent
  std::int64_t total() const {
    return not_reported + by_id + by_attribute + no_voters + below_min_registered + no_took_part + no_valid_votes +
           above_turnout_cap + above_result_cap;
  }
};

struct ForensicsReport {
  std::string contest;
  std::string leader;
  ForensicsOptions options;   // what the tests used (the preset, bases, inclusion rules, weighting)
  std::int64_t stations = 0;  // reported stations kept by the inclusion rules
  LeftOut left_out;           // the others
  Fingerprint fingerprint;
  IntegerPercentTest integer_percent;
  LastDigitTest last_digit;
  SecondDigitTest second_digit;  // every option's count at every station, as for last_digit
  AssociationTest association;
  std::vector<RegionTurnout> regions;
  double alpha = 0.05;
  bool flagged = false;
  std::vector<std::string> reasons;  // which tests fell below alpha / 3
};

// `definition`: the election whose units' attributes ForensicsOptions::leave_out_where is
// matched against (StationRow::unit); without it no station is left out by attribute.
ForensicsReport RunForensics(const StationResults& results, const ForensicsOptions& options,
                             const core::Election* definition = nullptr);

// P(chi-squared with 9 degrees of freedom >= x).
double ChiSquared9Tail(double x);

}  // namespace saylau::stats
