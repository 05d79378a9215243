// The results as a NIST SP 1500-100 v2 Election Results Reporting document (JSON): every unit
// of the election as a GpUnit (ReportingUnit, with its composing units and registered voters),
// the parties, the candidates, and each contest (party list -> PartyContest, candidates ->
// CandidateContest, referendum -> BallotMeasureContest) with its vote counts at every unit
// where something was counted (stations and aggregates) and, for party lists, the seats
// (CountItemType "seats"). The schema is in data/standards/nist-1500-100. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "saylau/bundle/json_stream.h"
#include "saylau/core/election_night.h"

namespace saylau::bundle {

// `generated_at`: "2026-11-22T14:05:09Z"; `application`: "saylau 0.1.0".
// The whole document as a tree (for small elections and the static snapshot).
nlohmann::json NistElectionReport(const core::ElectionNight& night, const std::string& generated_at,
                                  const std::string& application);

// The same document as a skeleton whose per-unit arrays `lazy` generates while writing
// (LazyJson::Write(skeleton, 1, sink) gives the bytes of NistElectionReport(...).dump(1)):
// memory of one element whatever the number of units. `night` must outlive the writing.
nlohmann::json NistElectionDocument(LazyJson& lazy, const core::ElectionNight& night, const std::string& generated_at,
                                    const std::string& application);

}  // namespace saylau::bundle
