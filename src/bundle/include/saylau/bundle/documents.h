// The documents of the public bundle that are computed from the state (docs/verify.md): each
// contest's results (totals at every aggregate unit and the outcome with its arithmetic) and
// the observers' flags and reports. `saylau publish` writes them from the live state; `saylau verify`
// computes them again from the log alone and compares. Pure functions of their inputs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "saylau/core/election_night.h"
#include "saylau/intake/observer_copies.h"
#include "saylau/intake/observer_reports.h"

namespace saylau::bundle {

// Contest id -> {"contest","stage","round","partial","outcome"|"outcome_error","totals":[...]}.
std::map<std::string, nlohmann::json> ResultsDocuments(const core::ElectionNight& night);
// {"flags":[{"observer","organisation","contest","round","unit","seq","counted","lines":[...]}]}
nlohmann::json FlagsDocument(std::span<const intake::ObserverFlag> flags);
// The observers' reports without figures, in log order, and their counts:
// {"reports":[{"seq","observer","organisation","contest","round","unit","region","observation",
// "observed_at","note"}],"by_reason":{reason: n},"by_region":{region: {reason: n}}}; every
// documented reason is listed in by_reason (0 when none).
nlohmann::json ReportsDocument(std::span<const intake::ObserverReportEntry> reports);
// The bundle's file name for a contest's results: results/<id>.json, the id made safe.
std::string ResultsFileName(const std::string& contest);

}  // namespace saylau::bundle
