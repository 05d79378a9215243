// Estimating ratios of totals (each option's share of the valid votes; turnout) from a
// stratified sample of clusters (polling stations): the combined ratio estimator with its
// linearised variance, the covariance between the shares (for seat simulations), and 95 %
// intervals. The formula is written out in docs/statistics.md. Floating point is fine here:
// these are estimates with intervals, never seat or winner decisions. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/stats/sample_design.h"
#include "saylau/stats/station_results.h"

namespace saylau::stats {

inline constexpr double kZ95 = 1.959963984540054;

// One sampled station: the numerators (one per ratio) and the common denominator.
struct ClusterObservation {
  int stratum = 0;
  std::vector<double> numerators;
  double denominator = 0;
};

struct RatioEstimate {
  std::string name;
  double value = 0;
  double standard_error = 0;
  double low = 0, high = 0;  // 95 % interval
};

struct Estimate {
  std::string source;  // "pvt" (protocols) or "exit-poll" (interviews)
  std::vector<RatioEstimate> shares;
  std::vector<double> covariance;      // shares x shares, row-major
  std::vector<RatioEstimate> turnout;  // one entry when the source can estimate turnout
  std::int64_t stations_sampled = 0;
  std::int64_t stations_used = 0;
  std::vector<std::string> notes;  // strata left out or without a variance, missing stations
};

// Ratios sum(numerator_j) / sum(denominator) over the population, estimated from the sample.
// Errors: kInvalidArgument when no stratum has an observation or the denominator is 0.
Result<Estimate> EstimateRatios(const std::vector<Stratum>& strata, const std::vector<ClusterObservation>& sample,
                                const std::vector<std::string>& names);

// What a PVT's shares are shares of: the valid votes (the options and "against all", the
// default), the valid and invalid ballots (Kobak et al.'s base), or the ballots issued.
enum class ShareBase { kValid, kValidAndInvalid, kTookPart };
std::string_view ShareBaseName(ShareBase base);                     // "valid", "valid+invalid", "took_part"
std::optional<ShareBase> ShareBaseFromName(std::string_view name);  // the names above
std::int64_t ShareBaseOf(const StationRow& row, ShareBase base);

// A parallel vote tabulation: the counted protocols of the sampled stations (those not yet
// reported are left out and named in the notes); shares of `base` and turnout (ballots issued
// over registered voters).
Result<Estimate> EstimateFromProtocols(const SampleDesign& design, const StationResults& results,
                                       ShareBase base = ShareBase::kValid);

// An exit poll: interview counts per sampled station and column (StationResults::columns);
// each station's interview shares are weighted by its registered voters. No turnout.
Result<Estimate> EstimateFromInterviews(const SampleDesign& design, const std::vector<std::string>& columns,
                                        const std::map<std::string, std::vector<std::int64_t>>& interviews);

// One official share against the estimate's interval.
struct Comparison {
  std::string name;
  double official = 0;
  double estimate = 0, low = 0, high = 0;
  bool inside = true;
  double outside_by = 0;  // distance to the nearest end of the interval, as a share (0 inside)
  double z = 0;           // (official - estimate) / standard error
};
std::vector<Comparison> CompareWithOfficial(const std::vector<RatioEstimate>& estimates,
                                            const std::map<std::string, double>& official);

// Official shares of `base` (and turnout, as "turnout") from all reported stations.
std::map<std::string, double> OfficialShares(const StationResults& results, ShareBase base = ShareBase::kValid);

}  // namespace saylau::stats
