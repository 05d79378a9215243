// Where the statistics commands read station-level results from: an election database
// (--db), or a definition with its stations and a protocols file (CSV or JSON Lines, as for
// ingest; each protocol is checked and only accepted ones count), without a database.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "saylau/base/result.h"
#include "saylau/core/election_night.h"
#include "saylau/service/results_service.h"
#include "saylau/stats/station_results.h"

namespace saylau::cli {

struct StationSource {
  std::string db;
  std::string definition;
  std::string stations;
  std::string protocols;
};

// Adds --db, --definition, --stations and --protocols to `command`.
void AddStationSourceOptions(CLI::App* command, StationSource& source);

struct LoadedStations {
  std::unique_ptr<service::ResultsService> service;  // with --db
  std::unique_ptr<core::Election> election;          // without
  std::unique_ptr<core::ElectionNight> night;
  const core::Election* definition = nullptr;
  stats::StationResults results;
  std::int64_t rejected = 0;    // protocols in the file that were not accepted
  std::string first_rejection;  // where and why, for the message
};

// `contest` empty: the first party-list contest, else the first contest. Errors:
// kInvalidArgument naming the missing option, file or unknown contest.
Result<LoadedStations> LoadStations(const StationSource& source, std::string& contest);

}  // namespace saylau::cli
