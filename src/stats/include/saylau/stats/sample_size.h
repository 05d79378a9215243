// How many voters, and so how many polling stations, a parallel vote tabulation must sample
// for a chosen margin of error and confidence: the formula of the NDI handbook (Estok, Nevitte
// & Cowan, "The Quick Count and Election Observation", 2002, chapter 5),
//     n = p(1 - p) / ((M / Z)^2 + p(1 - p) / N),
// a simple random sample's size with the finite population correction, then
//     stations = ceil(n / (voters per station * expected turnout)).
// Pure functions, no I/O or global state, safe from any thread. Drawing the sample itself is
// in sample_design.h.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::stats {

struct SampleSizeRequest {
  std::int64_t population = 0;  // N: the registered voters
  double margin = 0;            // M as a fraction: 0.32 % is 0.0032
  double confidence = 0.95;     // as a fraction: 99 % is 0.99
  double share = 0.5;           // p, the expected share; 0.5 is the most conservative
  // Z: when absent, the exact two-sided normal quantile of `confidence` (2.5758... at 99 %);
  // give a rounded table value (2.58) to reproduce a calculation made by hand.
  std::optional<double> z;
  double turnout = 1.0;                          // expected share of a station's voters who vote
  std::vector<std::int64_t> voters_per_station;  // one station count for each
};

struct StationCount {
  std::int64_t voters_per_station = 0;
  std::int64_t stations = 0;  // ceil(voters / (voters_per_station * turnout))
};

struct SampleSize {
  double z = 0;                        // the quantile used
  double exact_voters = 0;             // n before rounding
  std::int64_t voters = 0;             // n rounded up
  std::vector<StationCount> stations;  // in the order of the request's voters_per_station
};

// The two-sided standard normal quantile: Z with P(|X| <= Z) = confidence (Boost.Math).
// REQUIRES: 0 < confidence < 1.
double NormalQuantileTwoSided(double confidence);

// Polling stations needed to reach `voters` voters when each station has
// `voters_per_station` voters of whom `turnout` vote: ceil(voters / (voters_per_station * turnout)).
// REQUIRES: voters >= 0, voters_per_station > 0, 0 < turnout <= 1.
std::int64_t StationsFor(std::int64_t voters, std::int64_t voters_per_station, double turnout);

// The sample size for `request`. Errors: kInvalidArgument when the population is not positive,
// the margin, confidence or share is not strictly between 0 and 1 (0 and 100 %), z is given and
// not positive, turnout is not in (0, 1], or a voters-per-station value is not positive.
Result<SampleSize> ComputeSampleSize(const SampleSizeRequest& request);

}  // namespace saylau::stats
