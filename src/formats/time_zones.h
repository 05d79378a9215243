// Internal: whether a name is an IANA time zone (time_zones.cc holds the tz database's names),
// for the definition's `time_zone` of a unit.
#pragma once

#include <string_view>

namespace saylau::formats::internal {

bool IsKnownTimeZone(std::string_view name);

}  // namespace saylau::formats::internal
