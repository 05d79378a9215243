// The derived totals of a contest at a unit, as the store keeps them and the bundle publishes
// them: the counts of stations and voters reported, and every line (the fixed lines the
// contest's protocol has, then each option) as one JSON object. Pure functions of the state.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "saylau/core/election_night.h"

namespace saylau::formats {

struct TotalsRow {
  std::string contest;
  int round = 1;
  std::string unit;
  std::int64_t reported = 0;
  std::int64_t voters_reported = 0;
  std::string lines;  // JSON object: line name or option id -> total
};

// {"voters": .., "received": .., ..., "<option>": ..} in protocol order.
std::string LinesJson(const core::ContestPlan& plan, std::span<const std::int64_t> values);
TotalsRow TotalsRowAt(const core::ElectionNight& night, core::ContestIndex contest, int round, core::LocalUnit local);
// Aggregate units (and the contest's own unit) keep totals; a station's totals are its protocol.
bool KeepsTotals(const core::ContestPlan& plan, core::LocalUnit local);
// Every contest's totals at every unit that keeps them where something was counted, sorted by
// contest, round and unit.
std::vector<TotalsRow> AllTotals(const core::ElectionNight& night);

}  // namespace saylau::formats
