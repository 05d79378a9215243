// Forensics charts as standalone SVG files (no script, no fonts fetched): the election
// fingerprint as a heat map, stations or voters by turnout and by result in 0.1 % steps with
// whole percents marked, last digits against their expected frequencies, and turnout ranges per
// region (by name).
#pragma once

#include <string>

#include "saylau/stats/forensics.h"

namespace saylau::formats {

// Turnout on x, the leader's result on y, 1 % x 1 % cells coloured on a log scale with its
// colour bar, counting stations or voters (without `weight`: the report's options.weight).
std::string FingerprintSvg(const stats::ForensicsReport& report);
std::string FingerprintSvg(const stats::ForensicsReport& report, stats::PlotWeight weight);
// Turnout and the leader's result in 0.1 % steps, two panels, each scaled by the bars it draws
// (not the 100 % bin), with the three whole-percent counts against the exact null.
std::string IntegerPercentSvg(const stats::ForensicsReport& report);
std::string IntegerPercentSvg(const stats::ForensicsReport& report, stats::PlotWeight weight);
std::string LastDigitSvg(const stats::ForensicsReport& report);
std::string RegionTurnoutSvg(const stats::ForensicsReport& report);

}  // namespace saylau::formats
