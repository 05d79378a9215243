// saylau synth on a Senate definition ([synth] kind = "sitting"): writes the synthetic sitting
// morning's attendance and votes (synth/sitting.h) as files saylau ingest and submit read.
#pragma once

#include <cstdint>
#include <string>

#include "saylau/core/model.h"
#include "saylau/synth/sitting.h"

namespace saylau::cli {

// Writes attendance.csv, votes-round1.jsonl and votes-round2.jsonl under `out`; returns the
// exit code (errors reported on stderr).
int WriteSyntheticSitting(const core::Election& election, const synth::SittingSynthPlan& plan, std::uint64_t seed,
                          const std::string& out);

}  // namespace saylau::cli
