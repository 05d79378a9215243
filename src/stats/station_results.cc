#include "saylau/stats/station_results.h"

#include <unordered_map>

#include "saylau/core/protocol.h"

namespace saylau::stats {

int StationResults::Leader() const {
  const int options = width() - (columns.empty() || columns.back() != "against_all" ? 0 : 1);
  std::vector<std::int64_t> totals(options, 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (!rows[r].reported) continue;
    for (int c = 0; c < options; ++c) totals[c] += VotesOf(r)[c];
  }
  int leader = -1;
  for (int c = 0; c < options; ++c) {
    if (leader < 0 || totals[c] > totals[leader]) leader = c;
  }
  return leader;
}

std::vector<int> TopLevelUnits(const core::Election& election) {
  const auto& units = election.units();
  std::vector<int> parent(units.size(), -1);
  for (std::size_t u = 0; u < units.size(); ++u)
    parent[u] = units[u].parent.empty() ? -1 : election.UnitIndex(units[u].parent);
  std::vector<int> top(units.size(), -1);
  for (std::size_t u = 0; u < units.size(); ++u) {
    int at = static_cast<int>(u);
    while (at >= 0 && parent[at] >= 0 && parent[parent[at]] >= 0) at = parent[at];
    top[u] = parent[at] >= 0 ? at : -1;
  }
  return top;
}

StationResults StationsOf(const core::ElectionNight& night, core::ContestIndex contest_index) {
  const core::Election& election = night.election();
  const core::ContestPlan& plan = night.plan().contest(contest_index);
  const core::Contest& contest = *plan.contest;
  StationResults out;
  out.contest = contest.id;
  for (const core::Option& option : contest.options) out.columns.push_back(option.id);
  if (contest.against_all) out.columns.push_back("against_all");
  const std::vector<int> top = TopLevelUnits(election);
  std::unordered_map<int, int> region_index;
  const std::size_t options = contest.options.size();
  for (std::size_t local = 0; local < plan.units.size(); ++local) {
    if (!plan.counting[local]) continue;
    const int unit = plan.units[local];
    StationRow row;
    row.unit = unit;
    row.id = election.units()[unit].id;
    const int region = top[unit] >= 0 ? top[unit] : unit;
    auto [it, added] = region_index.emplace(region, static_cast<int>(out.regions.size()));
    if (added) {
      out.regions.push_back(election.units()[region].id);
      out.region_names.push_back(election.units()[region].name.In(core::Language::kEnglish, out.regions.back()));
    }
    row.region = it->second;
    const core::Unit& definition = election.units()[unit];
    row.settlement = definition.settlement;
    row.registered = definition.registered_voters.value_or(0);
    row.reported = night.tabulation().Reported(contest_index, 1, core::LocalUnit(local));
    const auto values = night.tabulation().Totals(contest_index, 1, core::LocalUnit(local));
    if (row.reported) {
      row.registered = plan.form->BaseValue(core::BaseRole::kRegistered, values);
      row.took_part = plan.form->BaseValue(core::BaseRole::kTookPart, values);
      row.invalid = plan.form->BaseValue(core::BaseRole::kInvalid, values);
    }
    for (std::size_t c = 0; c < options; ++c) {
      const std::int64_t votes = row.reported ? values[plan.first_option + c] : 0;
      out.votes.push_back(votes);
      row.base += votes;
    }
    if (contest.against_all) {
      const std::int64_t against = row.reported ? plan.form->AgainstAllValue(values) : 0;
      out.votes.push_back(against);
      row.base += against;
    }
    out.rows.push_back(row);
  }
  return out;
}

}  // namespace saylau::stats
