// Internal to the NIST export: the candidates of a party-list contest's lists as NIST
// Candidate elements (BallotName, PartyId), those who took the seats marked with the
// PostElectionStatus "winner" ("projected-winner" before the final stage), the withdrawn with
// the status "withdrawn". Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "saylau/core/election_night.h"

namespace saylau::bundle::internal {

// The Candidate id of `candidate` on the list of `option` in `contest`.
std::string ListCandidateRef(const std::string& contest, const std::string& option, const std::string& candidate);

// The NIST post-election status of an elected person in a contest at `stage`: "winner" when
// final, "projected-winner" before; empty while the count is open.
std::string WinnerStatus(core::Stage stage);

// Appends a Candidate element to `candidates` for every person on the lists of `contest`.
void AppendListCandidates(const core::Election& election, const core::Contest& contest,
                          const core::ContestStatus& status, nlohmann::json& candidates);

}  // namespace saylau::bundle::internal
