// The time zone and polls' closing time a unit keeps or inherits (unit_time.h).
#include "unit_time.h"

namespace saylau::server {
namespace {

std::string Inherited(const core::Election& election, const core::CountingPlan& plan, core::GlobalUnit unit,
                      core::CompactString core::Unit::*field) {
  for (core::GlobalUnit at = unit; at.valid(); at = plan.Parent(at)) {
    const core::CompactString& value = election.units()[at.at()].*field;
    if (!value.empty()) return value.str();
  }
  return election.units().empty() ? std::string() : (election.units().front().*field).str();
}

}  // namespace

std::string TimeZoneOf(const core::Election& election, const core::CountingPlan& plan, core::GlobalUnit unit) {
  return Inherited(election, plan, unit, &core::Unit::time_zone);
}

std::string PollsCloseOf(const core::Election& election, const core::CountingPlan& plan, core::GlobalUnit unit) {
  return Inherited(election, plan, unit, &core::Unit::polls_close);
}

}  // namespace saylau::server
