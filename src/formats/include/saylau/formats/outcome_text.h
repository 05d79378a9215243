// Plain-text renderings of allocations and outcomes for terminals: tables with the full
// arithmetic (base, threshold, quota, remainders, quotients, ties), in the chosen language
// for names. Deterministic output for the same input.
#pragma once

#include <string>

#include "saylau/core/names.h"
#include "saylau/core/outcome.h"

namespace saylau::formats {

std::string AllocationToText(const core::Allocation& allocation, const core::Ratio& first_divisor);

std::string OutcomeToText(const core::Election& election, const core::Contest& contest, const core::Outcome& outcome,
                          core::Language language);

}  // namespace saylau::formats
