// Election forensics on station-level results: the election fingerprint (turnout against the
// leader's share; Klimek, Yegorov, Hanel, Thurner, PNAS 2012), the integer-percentage test
// (Kobak, Shpilkin, Pshenichnikov, AoAS 2016) with a p-value from binomial resampling that
// respects each station's size, last-digit uniformity (chi-squared), second digits against
// Benford's law (Mebane's 2BL; reported, not flagged), the association between
// turnout and the leader's share within strata, and turnout distributions per region. Each
// test gives a p-value; the election is flagged when one falls below alpha / 3 (Bonferroni
// over the three tests). Deterministic for a seed. Pure (uses threads for the simulation).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "saylau/stats/station_results.h"

namespace saylau::stats {

struct ForensicsOptions {
  int simulations = 0;  // 0: 1000, fewer for very large elections (at least 100)
  std::uint64_t seed = 1;
  double alpha = 0.05;
  int threads = 0;  // 0: all cores
};

// Stations in 1 % x 1 % cells: turnout (rows) by the leader's share of the valid votes (columns).
struct Fingerprint {
  static constexpr int kBins = 100;
  std::vector<std::int64_t> stations;   // kBins x kBins, row = turnout percent, column = leader percent
  std::vector<std::int64_t> voters;     // the same cells weighted by ballots issued
  std::int64_t high_high_stations = 0;  // turnout and leader share both above 80 %
  double high_high_voter_share = 0;     // their share of all ballots issued
};

struct IntegerPercentTest {
  // A value counts as a whole percent when it reads x.0 % rounded to one decimal.
  std::int64_t turnout_observed = 0, leader_observed = 0;
  double turnout_expected = 0, leader_expected = 0;  // means over the simulations
  double turnout_sd = 0, leader_sd = 0;              // spread over the simulations
  int simulations = 0;
  // One-sided p-values for an excess: normal tail with the simulated mean and spread, and the
  // plain share of simulations at or above the observed count (+1 smoothed).
  double turnout_p = 1, leader_p = 1;
  double turnout_p_simulated = 1, leader_p_simulated = 1;
  double p_value = 1;                        // 2 x the smaller of turnout_p and leader_p (Bonferroni), at most 1
  std::vector<std::int64_t> turnout_tenths;  // stations by turnout in 0.1 % steps (0 ... 1000)
  std::vector<std::int64_t> leader_tenths;   // stations by leader share in 0.1 % steps
};

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
  std::int64_t stations = 0;
  double p10 = 0, median = 0, p90 = 0;  // turnout percent
  std::vector<std::int64_t> histogram;  // stations by whole turnout percent (0 ... 100)
};

// The stations of the contest that the tests do not use, by why (each counted once, first reason).
struct LeftOut {
  std::int64_t not_reported = 0;    // no accepted protocol is counted
  std::int64_t no_voters = 0;       // reported, but no registered voters
  std::int64_t no_valid_votes = 0;  // reported, but no valid votes
};

struct ForensicsReport {
  std::string contest;
  std::string leader;
  std::int64_t stations = 0;  // reported stations with voters and valid votes
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

ForensicsReport RunForensics(const StationResults& results, const ForensicsOptions& options);

// P(chi-squared with 9 degrees of freedom >= x).
double ChiSquared9Tail(double x);

}  // namespace saylau::stats
