// JSON renderings (nlohmann::json) of allocations and contest outcomes, with the whole
// explanation: other tools read these, so member names are stable and documented in
// docs/json-output.md. Big integers (products in 128 bits) are strings; percentages are
// display strings; every decision is in exact integers.
#pragma once

#include <nlohmann/json.hpp>

#include "saylau/core/allocation.h"
#include "saylau/core/outcome.h"

namespace saylau::formats {

// {"method", "seats_total", "seats": {option: n, ...}, "resolved", "explanation": {...}}
nlohmann::json AllocationToJson(const core::Allocation& allocation, const core::Ratio& first_divisor);

nlohmann::json OutcomeToJson(const core::Election& election, const core::Contest& contest,
                             const core::Outcome& outcome);

}  // namespace saylau::formats
