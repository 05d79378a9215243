// Pieces of RunForensics (forensics.cc) that live in their own files: which stations the tests
// keep (forensics_options.cc) and the whole-percent test with its exact null
// (forensics_whole_percent.cc). Internal to saylau::stats.
#pragma once

#include <cstddef>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/stats/forensics.h"

namespace saylau::stats::internal {

// The rows of `results` the tests use under `options`; every other row is counted once in
// `left_out`, by its first reason (LeftOut's order). `leader` is the column of the leader.
std::vector<std::size_t> KeptStations(const StationResults& results, int leader, const ForensicsOptions& options,
                                      const core::Election* definition, LeftOut& left_out);

// The whole-percent test on the kept `rows`: observed counts, the exact null, the 0.1 % histograms.
void WholePercents(const StationResults& results, const std::vector<std::size_t>& rows, int leader,
                   const ForensicsOptions& options, IntegerPercentTest& test);

// P(Z >= z) for a standard normal Z.
double NormalTail(double z);

}  // namespace saylau::stats::internal
