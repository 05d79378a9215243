// The results as a NIST SP 1500-100 v2 Election Results Reporting document (JSON): every unit
// of the election as a GpUnit (ReportingUnit, with its composing units and registered voters),
// the parties, the candidates, and each contest (party list -> PartyContest, candidates ->
// CandidateContest, referendum -> BallotMeasureContest) with its vote counts at every unit
// where something was counted (stations and aggregates) and, for party lists, the seats
// (CountItemType "seats"). The schema is in data/standards/nist-1500-100. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "saylau/core/election_night.h"

namespace saylau::bundle {

// `generated_at`: "2026-11-22T14:05:09Z"; `application`: "saylau 0.1.0".
nlohmann::json NistElectionReport(const core::ElectionNight& night, const std::string& generated_at,
                                  const std::string& application);

}  // namespace saylau::bundle
