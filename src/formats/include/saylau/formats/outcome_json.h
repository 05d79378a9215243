// JSON renderings (nlohmann::json) of allocations and contest outcomes, with the whole
// explanation: other tools read these, so member names are stable and documented in
// docs/json-output.md. Big integers (products in 128 bits) are strings; percentages are
// display strings; every decision is in exact integers.
#pragma once

#include <nlohmann/json.hpp>
#include <span>

#include "saylau/core/allocation.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/outcome.h"
#include "saylau/core/protocol.h"

namespace saylau::formats {

// {"method", "seats_total", "seats": {option: n, ...}, "resolved", "explanation": {...}}
nlohmann::json AllocationToJson(const core::Allocation& allocation, const core::Ratio& first_divisor);

nlohmann::json OutcomeToJson(const core::Election& election, const core::Contest& contest,
                             const core::Outcome& outcome);

// Protocol values or totals (ContestPlan::width: the form's lines, then one per option) as
// {line name or option id: number}.
nlohmann::json ProtocolValuesToJson(const core::ContestPlan& plan, std::span<const std::int64_t> values);

}  // namespace saylau::formats
