// Bodies, district maps and each body's summary as the API serves them.
#include "body_views.h"

#include <map>

#include "saylau/core/counting_plan.h"
#include "views.h"

namespace saylau::server {
namespace {

using nlohmann::json;

// The unit just below the root that `unit` lies in (itself when it is one); for a district of
// a map, that of its first station; none for the root.
core::GlobalUnit RegionOf(const core::CountingPlan& plan, core::GlobalUnit unit) {
  if (!unit.valid()) return unit;
  if (!plan.election().units()[unit.at()].map.empty()) {
    const auto stations = plan.Children(unit);
    if (stations.empty()) return core::GlobalUnit();
    unit = core::GlobalUnit(stations.front());
  }
  core::GlobalUnit region;
  for (core::GlobalUnit at = unit; at.valid() && plan.Parent(at).valid(); at = plan.Parent(at)) region = at;
  return region;
}

std::string StateOf(const core::ContestStatus& status) {
  if (status.outcome && status.outcome->decision == core::Decision::kDecided && !status.partial) return "elected";
  if (status.progress.complete()) return "unresolved";  // counted, yet no one decided (a tie, a runoff)
  return "counting";
}

}  // namespace

json BodiesJson(const core::Election& election) {
  json bodies = json::array();
  for (const core::Body& body : election.bodies()) {
    int contests = 0;
    for (const core::Contest& contest : election.contests()) contests += contest.body == body.id ? 1 : 0;
    bodies.push_back({{"id", body.id},
                      {"name", NamesJson(body.name)},
                      {"kind", core::BodyKindName(body.kind)},
                      {"contests", contests}});
  }
  return bodies;
}

json MapsJson(const core::Election& election) {
  json maps = json::array();
  for (const core::DistrictMap& map : election.maps()) {
    json districts = json::array();
    for (const core::Unit& unit : election.units()) {
      if (unit.map == map.id) districts.push_back({{"id", unit.id}, {"name", NamesJson(unit.name)}});
    }
    maps.push_back({{"id", map.id}, {"name", NamesJson(map.name)}, {"districts", districts}});
  }
  return maps;
}

json BodySummariesJson(const core::ElectionNight& night) {
  const core::CountingPlan& plan = night.plan();
  const core::Election& election = plan.election();
  json out = json::array();
  for (const core::Body& body : election.bodies()) {
    json contests = json::array();
    std::map<std::string, std::map<std::string, int>> by_region;  // region id -> state -> contests
    for (std::size_t c = 0; c < plan.contests().size(); ++c) {
      const core::Contest& contest = *plan.contests()[c].contest;
      if (contest.body != body.id) continue;
      const core::ContestStatus status = night.StatusOf(core::ContestIndex(c));
      const core::GlobalUnit region = RegionOf(plan, plan.FindUnit(contest.unit));
      const std::string region_id = region.valid() ? election.units()[region.at()].id : "";
      const std::string state = StateOf(status);
      ++by_region[region_id][state];
      json winners = json::array();
      if (state == "elected") {
        for (const std::string& winner : status.outcome->winners) winners.push_back(winner);
      }
      contests.push_back({{"id", contest.id},
                          {"name", NamesJson(contest.name)},
                          {"kind", contest.kind},
                          {"unit", contest.unit},
                          {"region", region_id},
                          {"state", state},
                          {"winners", winners},
                          {"progress", ProgressJson(status.progress)}});
    }
    json regions = json::array();
    for (const auto& [region_id, states] : by_region) {
      const core::Unit* region = election.FindUnit(region_id);
      json entry = {{"id", region_id},
                    {"name", region ? NamesJson(region->name) : json(nullptr)},
                    {"elected", 0},
                    {"counting", 0},
                    {"unresolved", 0}};
      for (const auto& [state, count] : states) entry[state] = count;
      regions.push_back(std::move(entry));
    }
    out.push_back({{"id", body.id},
                   {"name", NamesJson(body.name)},
                   {"kind", core::BodyKindName(body.kind)},
                   {"contests", contests},
                   {"regions", regions}});
  }
  return out;
}

}  // namespace saylau::server
