// Drawing a stratified sample of polling stations (sample_design.h): the frame from a
// definition, the strata and the take-all stratum, proportional allocation, the draw.
#include "saylau/stats/sample_design.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "saylau/base/random.h"
#include "saylau/core/ratio.h"
#include "saylau/stats/station_results.h"

namespace saylau::stats {
namespace {

// The station's value of attribute `key` as part of a stratum name: commas, quotes and line
// breaks become spaces (stratum names are written unquoted in the sample CSV).
std::string AttributeOf(const FrameStation& station, const std::string& key) {
  for (const auto& [name, value] : station.attributes) {
    if (name != key) continue;
    std::string part = value.empty() ? "(none)" : value;
    for (char& c : part) {
      if (c == ',' || c == '"' || c == '\n' || c == '\r') c = ' ';
    }
    return part;
  }
  return "(none)";
}

// The stratum name of one station (not take-all); "all" when no strata are asked for.
Result<std::string> StratumName(const FrameStation& station, const SampleRequest& request) {
  std::string name;
  const auto add = [&name](std::string_view part) { name += std::string(name.empty() ? "" : "/") + std::string(part); };
  if (request.by_region) add(station.region);
  if (request.by_settlement) {
    if (station.settlement == core::Settlement::kUnknown) {
      return InvalidArgument("station '" + station.unit +
                             "' is neither urban nor rural; give the settlement column in the stations file "
                             "or sample without --strata urban,rural");
    }
    add(core::SettlementName(station.settlement));
  }
  for (const std::string& key : request.by_attributes) add(AttributeOf(station, key));
  if (name.empty()) name = "all";
  return name;
}

// Splits the frame into strata (stratum name -> indices into the frame); take-all stations go
// to `take_all` instead.
Status Split(const std::vector<FrameStation>& frame, const SampleRequest& request,
             std::map<std::string, std::vector<int>>& members, std::vector<int>& take_all) {
  std::set<std::string> listed(request.take_all.begin(), request.take_all.end());
  std::set<std::string> found;
  for (std::size_t u = 0; u < frame.size(); ++u) {
    const bool by_size = request.take_all_above > 0 && frame[u].registered > request.take_all_above;
    if (by_size || listed.contains(frame[u].unit)) {
      take_all.push_back(static_cast<int>(u));
      found.insert(frame[u].unit);
      continue;
    }
    auto name = StratumName(frame[u], request);
    if (!name) return name.error();
    members[*name].push_back(static_cast<int>(u));
  }
  for (const std::string& unit : listed) {
    if (!found.contains(unit)) return InvalidArgument("take-all station '" + unit + "' is not a polling station here");
  }
  for (const std::string& key : request.by_attributes) {
    const auto has = [&key](const FrameStation& station) {
      return std::any_of(station.attributes.begin(), station.attributes.end(),
                         [&key](const auto& attribute) { return attribute.first == key; });
    };
    if (std::none_of(frame.begin(), frame.end(), has)) {
      return InvalidArgument("no polling station has the attribute '" + key +
                             "' (strata: region, settlement or a column of the stations file)");
    }
  }
  return {};
}

// Proportional allocation of `wanted` by largest remainder, then at least 2 per stratum (taken
// from the largest allocations) and at most its size.
std::vector<std::int64_t> Allocate(const std::vector<Stratum>& strata, std::int64_t wanted, std::int64_t population) {
  std::vector<std::int64_t> share;
  std::vector<std::pair<core::Int128, int>> remainders;
  for (const Stratum& h : strata) {
    const core::Int128 exact = static_cast<core::Int128>(wanted) * h.population;
    share.push_back(static_cast<std::int64_t>(exact / population));
    remainders.push_back({exact % population, static_cast<int>(share.size() - 1)});
  }
  std::int64_t left = wanted - std::accumulate(share.begin(), share.end(), std::int64_t{0});
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; left > 0; ++k, --left) ++share[remainders[k % remainders.size()].second];
  for (std::size_t h = 0; h < share.size(); ++h) {
    while (share[h] < std::min<std::int64_t>(2, strata[h].population)) {
      const auto largest = std::max_element(share.begin(), share.end()) - share.begin();
      --share[largest];
      ++share[h];
    }
  }
  return share;
}

}  // namespace

std::vector<FrameStation> FrameOf(const core::Election& election) {
  const auto& units = election.units();
  const std::vector<int> top = TopLevelUnits(election);
  std::vector<FrameStation> frame;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (units[u].kind != core::UnitKind::kStation) continue;
    frame.push_back({units[u].id, top[u] >= 0 ? units[top[u]].id : units[u].id, units[u].settlement,
                     units[u].registered_voters.value_or(0), units[u].attributes.ToVector()});
  }
  return frame;
}

std::vector<FrameStation> FrameOf(const StationResults& results) {
  std::vector<FrameStation> frame;
  frame.reserve(results.rows.size());
  for (const StationRow& row : results.rows) {
    frame.push_back({row.id, row.region >= 0 ? results.regions[row.region] : row.id, row.settlement, row.registered});
  }
  return frame;
}

Result<StratifiedFrame> Stratify(const std::vector<FrameStation>& frame, const SampleRequest& request) {
  std::map<std::string, std::vector<int>> members;  // stratum name -> indices into the frame
  std::vector<int> take_all;
  if (Status split = Split(frame, request, members, take_all); !split.ok()) return split.error();
  if (members.empty() && take_all.empty()) return InvalidArgument("the election has no polling stations to sample");
  std::int64_t population = 0;
  for (const auto& [name, stations] : members) population += static_cast<std::int64_t>(stations.size());
  const auto complete = static_cast<std::int64_t>(take_all.size());
  const std::int64_t wanted = request.stations - complete;
  if (request.stations > population + complete) {
    return InvalidArgument("a sample of " + std::to_string(request.stations) + " stations is more than the " +
                           std::to_string(population + complete) + " there are");
  }
  if (wanted < 2 * static_cast<std::int64_t>(members.size())) {
    return InvalidArgument("a sample of " + std::to_string(request.stations) + " stations is too small for " +
                           (complete > 0 ? std::to_string(complete) + " take-all stations and " : std::string()) +
                           std::to_string(members.size()) + " strata (at least 2 per stratum)");
  }

  StratifiedFrame out;
  out.stations = frame;
  for (auto& [name, stations] : members) {
    out.strata.push_back({name, static_cast<std::int64_t>(stations.size()), 0});
    out.members.push_back(std::move(stations));
  }
  if (!members.empty()) {
    const std::vector<std::int64_t> share = Allocate(out.strata, wanted, population);
    for (std::size_t h = 0; h < share.size(); ++h) out.strata[h].sample = share[h];
  }
  if (complete > 0) {
    out.strata.push_back({kTakeAllStratum, complete, complete});
    out.members.push_back(std::move(take_all));
    out.has_take_all = true;
  }
  return out;
}

SampleDesign DrawSample(const StratifiedFrame& frame, std::uint64_t seed) {
  SampleDesign design;
  design.seed = seed;
  design.strata = frame.strata;
  Random random(seed);
  for (std::size_t h = 0; h < frame.strata.size(); ++h) {
    const bool take_all = frame.has_take_all && h + 1 == frame.strata.size();
    std::vector<int> stations = frame.members[h];
    for (std::int64_t k = 0; k < frame.strata[h].sample; ++k) {  // partial Fisher-Yates
      if (!take_all) {
        const std::size_t pick = k + random.Below(stations.size() - k);
        std::swap(stations[k], stations[pick]);
      }
      const FrameStation& station = frame.stations[stations[k]];
      design.stations.push_back({station.unit, static_cast<int>(h), station.registered});
    }
  }
  return design;
}

Result<SampleDesign> DrawSample(const std::vector<FrameStation>& frame, const SampleRequest& request) {
  auto stratified = Stratify(frame, request);
  if (!stratified) return stratified.error();
  return DrawSample(*stratified, request.seed);
}

}  // namespace saylau::stats
