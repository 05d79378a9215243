// Exact decimal text for the integers and fractions of an explanation: a 128-bit integer in
// full, a fraction rounded half-up to a number of places (for reading, never for deciding),
// and thousands grouping for tables.
#pragma once

#include <cstdint>
#include <string>

#include "saylau/core/allocation.h"

namespace saylau::formats {

std::string Int128Text(core::Int128 value);
// num/den rounded half-up to `places` decimals, computed exactly; "∞" when den == 0.
std::string FractionText(core::Int128 num, core::Int128 den, int places);
std::string Grouped(std::int64_t value);  // 6366441 -> "6 366 441"

}  // namespace saylau::formats
