// A stratified random sample of polling stations for a parallel vote tabulation or an exit
// poll: the stations are split into strata (by region, urban/rural, or any attribute of the
// stations), the largest stations (and any listed ones) may form a take-all stratum that is
// sampled completely, the rest of the sample is shared among the other strata in proportion to
// their stations (largest remainder, at least two per stratum so its variance can be estimated),
// and each stratum is sampled without replacement. Reproducible: the same frame, request and
// seed give the same sample. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
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
  // The station's extra columns (core::Unit::attributes): (column name, value).
  std::vector<std::pair<std::string, std::string>> attributes;
};

// Every polling station of `election`, in definition order.
std::vector<FrameStation> FrameOf(const core::Election& election);

struct StationResults;
// Every row of `results` (station_results.h), reported or not, for data read without a
// definition: unit = the row's id, region = its region's id, registered = the row's.
std::vector<FrameStation> FrameOf(const StationResults& results);

// The name of the stratum of stations sampled completely.
inline constexpr char kTakeAllStratum[] = "take-all";

struct SampleRequest {
  int stations = 0;  // the whole sample, take-all stations included
  bool by_settlement = true;
  bool by_region = false;
  std::uint64_t seed = 1;
  // Strata also by these attributes of the stations (FrameStation::attributes), in this order
  // after region and settlement; a station without the attribute is in its "(none)" stratum.
  std::vector<std::string> by_attributes;
  // Take-all: every station with more registered voters than this (0: none by size) and every
  // listed station form one stratum sampled completely (n_h = N_h, no variance).
  std::int64_t take_all_above = 0;
  std::vector<std::string> take_all;
};

// The frame split into strata and the sample shared among them: everything of a draw but the
// seed, computed once for drawing many samples (a simulation of coverage).
struct StratifiedFrame {
  std::vector<FrameStation> stations;     // the frame
  std::vector<Stratum> strata;            // with each one's sample size; the take-all stratum last
  std::vector<std::vector<int>> members;  // per stratum, indices into `stations` in frame order
  bool has_take_all = false;              // the last stratum is the take-all one
};

// Errors: as DrawSample's.
Result<StratifiedFrame> Stratify(const std::vector<FrameStation>& frame, const SampleRequest& request);

// Draws from a stratified frame with `seed`: the same sample as DrawSample with that seed.
SampleDesign DrawSample(const StratifiedFrame& frame, std::uint64_t seed);

// Stratify, then draw with request.seed. Errors: kInvalidArgument when the frame is empty, the
// size is below 2 per stratum (after the take-all stations) or above the stations there are, a
// listed take-all station is not in the frame, no station has an attribute asked for, or a
// station's settlement is unknown while strata by settlement are asked for.
Result<SampleDesign> DrawSample(const std::vector<FrameStation>& frame, const SampleRequest& request);

}  // namespace saylau::stats
