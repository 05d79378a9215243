// The Senate summary (core/senate_summary.h) as text for terminals and as JSON for the API,
// saylau results --format json and the dashboard. Member names are stable (docs/json-output.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "saylau/core/model.h"
#include "saylau/core/names.h"
#include "saylau/core/senate_summary.h"

namespace saylau::formats {

// "Senate: 20 seats; 20 elected (2 women, 18 men) ..." then one line per sitting, names in
// `language`.
std::string SenateSummaryToText(const core::Election& election, const core::SenateSummary& summary,
                                core::Language language);

// {"seats", "elected", "women", "men", "repeat_votes", "still_voting", "quorum_reached",
//  "sittings": [{"contest", "unit", "unit_name", "state", "stage", "round", "electors",
//                "attendance": {...}, "winner": {...}}]}
nlohmann::json SenateSummaryToJson(const core::Election& election, const core::SenateSummary& summary);

}  // namespace saylau::formats
