// A unit's local time as the definition gives it: its IANA time zone and the polls' closing
// time ("HH:MM" in the election's reference time, the root's zone), each the unit's own or else
// its nearest ancestor's (a district of a map, outside the tree, takes the root's). Pure
// functions over the definition; no I/O, no clock.
#pragma once

#include <string>

#include "saylau/core/counting_plan.h"
#include "saylau/core/model.h"

namespace saylau::server {

std::string TimeZoneOf(const core::Election& election, const core::CountingPlan& plan, core::GlobalUnit unit);
std::string PollsCloseOf(const core::Election& election, const core::CountingPlan& plan, core::GlobalUnit unit);

}  // namespace saylau::server
