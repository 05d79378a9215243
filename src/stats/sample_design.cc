#include "saylau/stats/sample_design.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "saylau/base/random.h"
#include "saylau/core/ratio.h"
#include "saylau/stats/station_results.h"

namespace saylau::stats {

std::vector<FrameStation> FrameOf(const core::Election& election) {
  const auto& units = election.units();
  const std::vector<int> top = TopLevelUnits(election);
  std::vector<FrameStation> frame;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (units[u].kind != core::UnitKind::kStation) continue;
    frame.push_back({units[u].id, top[u] >= 0 ? units[top[u]].id : units[u].id, units[u].settlement,
                     units[u].registered_voters.value_or(0)});
  }
  return frame;
}

Result<SampleDesign> DrawSample(const std::vector<FrameStation>& frame, const SampleRequest& request) {
  std::map<std::string, std::vector<int>> members;  // stratum name -> indices into the frame
  for (std::size_t u = 0; u < frame.size(); ++u) {
    std::string name;
    if (request.by_region) name = frame[u].region;
    if (request.by_settlement) {
      if (frame[u].settlement == core::Settlement::kUnknown) {
        return InvalidArgument("station '" + frame[u].unit +
                               "' is neither urban nor rural; give the settlement column in the stations file "
                               "or sample without --strata urban,rural");
      }
      name += std::string(name.empty() ? "" : "/") + std::string(core::SettlementName(frame[u].settlement));
    }
    if (name.empty()) name = "all";
    members[name].push_back(static_cast<int>(u));
  }
  if (members.empty()) return InvalidArgument("the election has no polling stations to sample");
  std::int64_t population = 0;
  for (const auto& [name, stations] : members) population += static_cast<std::int64_t>(stations.size());
  const std::int64_t wanted = request.stations;
  if (wanted > population) {
    return InvalidArgument("a sample of " + std::to_string(wanted) + " stations is more than the " +
                           std::to_string(population) + " there are");
  }
  if (wanted < 2 * static_cast<std::int64_t>(members.size())) {
    return InvalidArgument("a sample of " + std::to_string(wanted) + " stations is too small for " +
                           std::to_string(members.size()) + " strata (at least 2 per stratum)");
  }

  // Proportional allocation by largest remainder, then at least 2 per stratum (taken from the
  // largest allocations) and at most its size.
  SampleDesign design;
  design.seed = request.seed;
  std::vector<std::int64_t> share;
  std::vector<std::pair<core::Int128, int>> remainders;
  for (const auto& [name, stations] : members) {
    const core::Int128 exact = static_cast<core::Int128>(wanted) * static_cast<std::int64_t>(stations.size());
    share.push_back(static_cast<std::int64_t>(exact / population));
    remainders.push_back({exact % population, static_cast<int>(share.size() - 1)});
    design.strata.push_back({name, static_cast<std::int64_t>(stations.size()), 0});
  }
  std::int64_t left = wanted - std::accumulate(share.begin(), share.end(), std::int64_t{0});
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; left > 0; ++k, --left) ++share[remainders[k % remainders.size()].second];
  for (std::size_t h = 0; h < share.size(); ++h) {
    while (share[h] < std::min<std::int64_t>(2, design.strata[h].population)) {
      const auto largest = std::max_element(share.begin(), share.end()) - share.begin();
      --share[largest];
      ++share[h];
    }
  }

  Random random(request.seed);
  int h = 0;
  for (auto& [name, stations] : members) {
    design.strata[h].sample = share[h];
    for (std::int64_t k = 0; k < share[h]; ++k) {  // partial Fisher-Yates
      const std::size_t pick = k + random.Below(stations.size() - k);
      std::swap(stations[k], stations[pick]);
      const FrameStation& station = frame[stations[k]];
      design.stations.push_back({station.unit, h, station.registered});
    }
    ++h;
  }
  return design;
}

}  // namespace saylau::stats
