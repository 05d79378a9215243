// The JSON views of the bodies elected on the night (the Mazhilis, a maslikhat, the akims):
// the bodies and district maps of the definition, and each body's summary for the dashboard
// (its contests by region, each elected, counting or unresolved). Pure functions; no I/O.
#pragma once

#include <nlohmann/json.hpp>

#include "saylau/core/election_night.h"

namespace saylau::server {

// [{id, name, kind, contests}] in the definition's order.
nlohmann::json BodiesJson(const core::Election& election);
// [{id, name, districts: [{id, name}]}].
nlohmann::json MapsJson(const core::Election& election);
// GET /api/v1/bodies: each body with its seats and its contests, each with its region (the
// unit below the root it lies in; a map district's stations say which), state ("elected",
// "counting", "unresolved"), winners and progress; and per region the count of each state.
nlohmann::json BodySummariesJson(const core::ElectionNight& night);

}  // namespace saylau::server
