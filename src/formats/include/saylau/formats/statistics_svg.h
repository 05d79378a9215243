// Forensics charts as standalone SVG files (no script, no fonts fetched): the election
// fingerprint as a heat map, stations by turnout in 0.1 % steps with whole percents marked,
// last digits against their expected frequencies, and turnout ranges per region.
#pragma once

#include <string>

#include "saylau/stats/forensics.h"

namespace saylau::formats {

std::string FingerprintSvg(const stats::ForensicsReport& report);
std::string IntegerPercentSvg(const stats::ForensicsReport& report);
std::string LastDigitSvg(const stats::ForensicsReport& report);
std::string RegionTurnoutSvg(const stats::ForensicsReport& report);

}  // namespace saylau::formats
