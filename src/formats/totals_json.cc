// The derived totals rows: lines as JSON, one row per contest, round and aggregate unit.
#include "saylau/formats/totals_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "saylau/formats/submission_json.h"

namespace saylau::formats {

std::string LinesJson(const core::ContestPlan& plan, std::span<const std::int64_t> values) {
  const core::Contest& contest = *plan.contest;
  const core::ProtocolForm& form = *plan.form;
  std::string out = "{";
  const auto add = [&](std::string_view name, std::int64_t value) {
    if (out.size() > 1) out += ',';
    out += JsonString(name);
    fmt::format_to(std::back_inserter(out), ":{}", value);
  };
  for (std::size_t line = 0; line < form.lines.size(); ++line) {
    if (form.lines[line].when_against_all && !contest.against_all) continue;
    add(form.lines[line].name, values[line]);
  }
  for (std::size_t i = 0; i < contest.options.size(); ++i) add(contest.options[i].id, values[plan.first_option + i]);
  return out + "}";
}

TotalsRow TotalsRowAt(const core::ElectionNight& night, core::ContestIndex contest, int round, core::LocalUnit local) {
  const core::ContestPlan& plan = night.plan().contest(contest);
  const core::Progress progress = night.tabulation().ProgressAt(contest, round, local);
  return {plan.contest->id,
          round,
          night.election().units()[plan.GlobalOf(local).at()].id,
          progress.reported,
          progress.voters_reported,
          LinesJson(plan, night.tabulation().Totals(contest, round, local))};
}

bool KeepsTotals(const core::ContestPlan& plan, core::LocalUnit local) {
  return local == core::LocalUnit(0) || !plan.counting[local.at()];
}

std::vector<TotalsRow> AllTotals(const core::ElectionNight& night) {
  std::vector<TotalsRow> rows;
  const auto& contests = night.plan().contests();
  for (std::size_t c = 0; c < contests.size(); ++c) {
    for (int round = 1; round <= contests[c].max_round; ++round) {
      if (!night.tabulation().HasRound(core::ContestIndex(c), round)) continue;
      for (std::size_t k = 0; k < contests[c].units.size(); ++k) {
        const core::LocalUnit local(k);
        // Units where nothing has been counted yet have no row (they were never written).
        if (KeepsTotals(contests[c], local) &&
            night.tabulation().ProgressAt(core::ContestIndex(c), round, local).reported > 0) {
          rows.push_back(TotalsRowAt(night, core::ContestIndex(c), round, local));
        }
      }
    }
  }
  std::sort(rows.begin(), rows.end(), [](const TotalsRow& a, const TotalsRow& b) {
    return std::tie(a.contest, a.round, a.unit) < std::tie(b.contest, b.round, b.unit);
  });
  return rows;
}

}  // namespace saylau::formats
