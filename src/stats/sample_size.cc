// The NDI handbook's PVT sample size (see sample_size.h); Z from Boost.Math's normal quantile.
#include "saylau/stats/sample_size.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <sstream>
#include <string>

#include "saylau/base/check.h"

namespace saylau::stats {
namespace {

// A fraction as a percentage for messages: 1.5 -> "150".
std::string Percent(double fraction) {
  std::ostringstream text;
  text << 100 * fraction;
  return text.str();
}

bool StrictlyBetweenZeroAndOne(double x) { return std::isfinite(x) && x > 0 && x < 1; }

// ceil that ignores the last bits of rounding error, so that an exact 1020.0000000000001 is 1020.
std::int64_t CeilTolerant(double x) { return static_cast<std::int64_t>(std::ceil(x - 1e-9 * std::max(1.0, x))); }

}  // namespace

double NormalQuantileTwoSided(double confidence) {
  SAYLAU_CHECK(StrictlyBetweenZeroAndOne(confidence));
  return boost::math::quantile(boost::math::normal_distribution<double>(), 1 - (1 - confidence) / 2);
}

std::int64_t StationsFor(std::int64_t voters, std::int64_t voters_per_station, double turnout) {
  SAYLAU_CHECK(voters >= 0 && voters_per_station > 0 && turnout > 0 && turnout <= 1);
  return CeilTolerant(static_cast<double>(voters) / (static_cast<double>(voters_per_station) * turnout));
}

Result<SampleSize> ComputeSampleSize(const SampleSizeRequest& request) {
  if (request.population <= 0) {
    return InvalidArgument("the number of voters must be positive: got " + std::to_string(request.population));
  }
  if (!StrictlyBetweenZeroAndOne(request.margin)) {
    return InvalidArgument("the margin of error must lie strictly between 0 and 100 %: got " + Percent(request.margin) +
                           " %");
  }
  if (!StrictlyBetweenZeroAndOne(request.confidence)) {
    return InvalidArgument("the confidence must lie strictly between 0 and 100 %: got " + Percent(request.confidence) +
                           " %");
  }
  if (!StrictlyBetweenZeroAndOne(request.share)) {
    return InvalidArgument("the expected share must lie strictly between 0 and 100 %: got " + Percent(request.share) +
                           " %");
  }
  if (request.z && !(std::isfinite(*request.z) && *request.z > 0)) {
    return InvalidArgument("z must be a positive number");
  }
  if (!(std::isfinite(request.turnout) && request.turnout > 0 && request.turnout <= 1)) {
    return InvalidArgument("the expected turnout must lie in (0, 100 %]: got " + Percent(request.turnout) + " %");
  }
  for (std::int64_t size : request.voters_per_station) {
    if (size <= 0) {
      return InvalidArgument("voters per station must be positive: got " + std::to_string(size));
    }
  }

  SampleSize result;
  result.z = request.z ? *request.z : NormalQuantileTwoSided(request.confidence);
  const double variance = request.share * (1 - request.share);
  const double margin_over_z = request.margin / result.z;
  result.exact_voters = variance / (margin_over_z * margin_over_z + variance / static_cast<double>(request.population));
  result.voters = CeilTolerant(result.exact_voters);
  for (std::int64_t size : request.voters_per_station) {
    result.stations.push_back({size, StationsFor(result.voters, size, request.turnout)});
  }
  return result;
}

}  // namespace saylau::stats
