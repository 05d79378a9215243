// The station-level figures of one contest that samples, estimates and forensics work on:
// one row per polling station (its region and settlement, registered voters, ballots issued,
// the valid base) and each option's votes, "against all" included as the last column when the
// contest has it. Built from an ElectionNight (a database, or protocols read into one). Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "saylau/core/election_night.h"
#include "saylau/core/model.h"

namespace saylau::stats {

struct StationRow {
  std::string id;   // the station's unit id
  int unit = -1;    // global unit index (Election::units()), -1 when not from a definition
  int region = -1;  // index into StationResults::regions
  core::Settlement settlement = core::Settlement::kUnknown;
  bool reported = false;        // an accepted protocol is counted
  std::int64_t registered = 0;  // the protocol's voters line, else the definition's
  std::int64_t took_part = 0;   // ballots issued
  std::int64_t base = 0;        // valid votes: the options and "against all"
  std::int64_t invalid = 0;     // invalid ballots (the protocol's invalid line)
};

struct StationResults {
  std::string contest;
  std::vector<std::string> columns;  // option ids, then "against_all" when the contest has it
  std::vector<std::string> regions;  // unit ids of the top-level units (regions and cities)
  std::vector<std::string> region_names;  // their names (English, else Russian, Kazakh, the id)
  std::vector<StationRow> rows;
  std::vector<std::int64_t> votes;  // rows x columns

  int width() const { return static_cast<int>(columns.size()); }
  const std::int64_t* VotesOf(std::size_t row) const { return votes.data() + row * columns.size(); }
  // The option (not "against all") with the most votes over the reported stations; -1 if none.
  int Leader() const;
};

// Every polling station where `contest` is counted, reported or not (round 1).
StationResults StationsOf(const core::ElectionNight& night, core::ContestIndex contest);

// The region (a unit directly below the root) of each unit, as a global index; -1 for the root.
std::vector<int> TopLevelUnits(const core::Election& election);

}  // namespace saylau::stats
