// The forensics in a public bundle: for each contest decided at the election's top unit (the
// country: a party list, a president, a referendum) with enough stations, the report of
// `saylau forensics --preset kobak2016` on the counted protocols (forensics.json) and its SVG
// plots, under forensics/<contest>/. A pure function of the election night, so that publish
// writes the files and verify recomputes them from the log and compares them byte for byte.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "saylau/core/election_night.h"

namespace saylau::bundle {

// A contest's forensics are published when the preset keeps at least this many stations: fewer
// make no distribution worth a test or a plot.
inline constexpr std::int64_t kForensicsMinStations = 100;

inline constexpr const char* kForensicsDirectory = "forensics";
inline constexpr const char* kForensicsPreset = "kobak2016";

// (path in the bundle, content) of every forensics file, contests in the plan's order. The null's
// sums run on one thread, so the numbers do not depend on the machine.
std::vector<std::pair<std::string, std::string>> ForensicsFiles(const core::ElectionNight& night);

}  // namespace saylau::bundle
