// A stratified random sample of polling stations for a parallel vote tabulation or an exit
// poll: the stations are split into strata (urban/rural, and optionally by region), the sample
// size is shared among the strata in proportion to their stations (largest remainder, at least
// two per stratum so its variance can be estimated), and each stratum is sampled without
// replacement. Reproducible: the same definition, size and seed give the same sample. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::stats {

struct Stratum {
  std::string name;             // "urban", "rural", "almaty-city/urban", "all"
  std::int64_t population = 0;  // stations in the stratum (N_h)
  std::int64_t sample = 0;      // stations drawn (n_h)
};

struct SampledStation {
  std::string unit;
  int stratum = 0;
  std::int64_t registered = 0;
};

struct SampleDesign {
  std::uint64_t seed = 0;
  std::vector<Stratum> strata;
  std::vector<SampledStation> stations;  // by stratum, then in the order drawn
};

// The sampling frame: every polling station with what strata are made of.
struct FrameStation {
  std::string unit;
  std::string region;  // the top-level unit (region or city of republican significance)
  core::Settlement settlement = core::Settlement::kUnknown;
  std::int64_t registered = 0;
};

// Every polling station of `election`, in definition order.
std::vector<FrameStation> FrameOf(const core::Election& election);

struct SampleRequest {
  int stations = 0;
  bool by_settlement = true;
  bool by_region = false;
  std::uint64_t seed = 1;
};

// Draws from the frame. Errors: kInvalidArgument when the frame is empty, the size is below 2 per stratum or above the
// stations there are, or a station's settlement is unknown while strata by settlement are asked for.
Result<SampleDesign> DrawSample(const std::vector<FrameStation>& frame, const SampleRequest& request);

}  // namespace saylau::stats
