// Bridges from synthetic elections (saylau synth) and to synthetic exit polls: station-level
// results and the sampling frame of a SynthElection without going through a database, and
// interviews drawn from the voters of sampled stations. For calibration runs, benchmarks and
// `saylau pvt simulate-poll`. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/stats/sample_design.h"
#include "saylau/stats/station_results.h"
#include "saylau/synth/synth.h"

namespace saylau::stats {

// The results of `contest` (counted at every station of `night`), every station reported.
StationResults ResultsOfSynth(const core::Election& election, const synth::SynthElection& night,
                              const std::string& contest);
std::vector<FrameStation> FrameOfSynth(const synth::SynthElection& night);

// An exit poll: at each sampled station, `per_station` voters drawn at random (with
// replacement) from those who cast a valid vote there; their answers, by column. Stations
// without valid votes give no interviews.
std::map<std::string, std::vector<std::int64_t>> SimulateInterviews(const SampleDesign& design,
                                                                    const StationResults& results, int per_station,
                                                                    std::uint64_t seed);

}  // namespace saylau::stats
