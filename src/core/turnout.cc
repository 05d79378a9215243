// TurnoutTable: per-station reports summed up the global unit tree.
#include "saylau/core/turnout.h"

#include "saylau/base/check.h"
#include "saylau/core/detail_codes.h"

namespace saylau::core {

std::optional<int> ReportTimeIndex(std::string_view name) {
  for (int i = 0; i < kReportTimes; ++i) {
    if (kReportTimeNames[i] == name) return i;
  }
  return std::nullopt;
}

TurnoutTable::TurnoutTable(const CountingPlan& plan) : plan_(&plan) {}  // cells on the first report

TurnoutTable::Checked TurnoutTable::Check(const TurnoutSubmission& report) const {
  Checked out;
  out.violations = report.read_problems;  // what the reader could not read comes first
  const auto fail = [&](std::string relation, std::string detail, std::string code, std::vector<DetailParam> params) {
    SAYLAU_CHECK(IsDetailCode(code));
    out.violations.push_back({std::move(relation), std::move(detail), std::move(code), std::move(params)});
  };
  const GlobalUnit unit = plan_->FindUnit(report.unit);
  if (!unit.valid()) {
    fail("counting-unit", "unit '" + report.unit + "' is not in the election", "unknown-unit", {{"unit", report.unit}});
  } else if (!plan_->IsLeaf(unit)) {
    fail("counting-unit", "unit '" + report.unit + "' is not a polling station; turnout is reported by stations",
         "not-a-station", {{"unit", report.unit}});
  } else {
    out.unit = unit;
  }
  if (report.round < 1 || report.round > kMaxTurnoutRound) {
    fail("known-round", "round " + std::to_string(report.round) + " is not a voting day (1, or 2 for a runoff)",
         "not-a-voting-day", {{"round", std::to_string(report.round)}});
  }
  if (const std::optional<int> time = ReportTimeIndex(report.time)) {
    out.time = *time;
  } else {
    fail("known-time", "time '" + report.time + "' is not a reporting time (10:00, 12:00, 14:00, 16:00, 18:00, "
                       "20:00, close)",
         "unknown-time", {{"time", report.time}});
  }
  if (!report.unreadable.empty()) {
    std::string list;
    for (const std::string& item : report.unreadable) list += (list.empty() ? "" : ", ") + item;
    std::vector<DetailParam> names;
    for (const std::string& item : report.unreadable) {
      const std::size_t quote = item.find("='");
      if (quote != std::string::npos && quote > 0) names.push_back({"line", item.substr(0, quote)});
    }
    fail("readable-lines", "not whole numbers in range: " + list, "unreadable", std::move(names));
    return out;
  }
  for (const auto& [name, value] : {std::pair{"voters", report.voters}, std::pair{"issued", report.issued}}) {
    if (value < 0) {
      fail("non-negative", std::string(name) + " = " + std::to_string(value) + " is negative", "negative",
           {{"line", name}, {"value", std::to_string(value)}});
    }
  }
  for (const auto& [name, value] : {std::pair{"voters", report.voters}, std::pair{"issued", report.issued}}) {
    if (value > kMaxLineValue) {
      fail("within-bounds",
           std::string(name) + " = " + std::to_string(value) + " is above 10^12 (" + std::to_string(kMaxLineValue) +
               ")",
           "above-bound", {{"line", name}, {"value", std::to_string(value)}, {"max", std::to_string(kMaxLineValue)}});
    }
  }
  if (report.issued > report.voters) {
    fail("issued-within-voters",
         "issued (" + std::to_string(report.issued) + ") > voters on the list (" + std::to_string(report.voters) + ")",
         "relation",
         {{"+issued", std::to_string(report.issued)}, {"op", ">"}, {"+voters", std::to_string(report.voters)}});
  }
  if (out.unit.valid() && out.time >= 0) {
    for (int other = 0; other < kReportTimes; ++other) {
      const std::optional<std::pair<std::int64_t, std::int64_t>> earlier = ReportOf(out.unit, other, report.round);
      if (!earlier || other == out.time) continue;
      const bool broken = other < out.time ? earlier->second > report.issued : earlier->second < report.issued;
      if (broken) {
        fail("non-decreasing-through-the-day",
             "issued at " + report.time + " (" + std::to_string(report.issued) + ") " +
                 (other < out.time ? "is below " : "is above ") + "issued at " +
                 std::string(kReportTimeNames[other]) + " (" + std::to_string(earlier->second) + ")",
             other < out.time ? "below-earlier" : "above-later",
             {{"line", "issued"},
              {"time", report.time},
              {"value", std::to_string(report.issued)},
              {"other_time", std::string(kReportTimeNames[other])},
              {"other_value", std::to_string(earlier->second)}});
      }
    }
  }
  return out;
}

const std::vector<std::array<TurnoutTable::Cell, kReportTimes>>* TurnoutTable::CellsOf(int round) const {
  if (round < 1 || round > static_cast<int>(cells_.size()) || cells_[round - 1].empty()) return nullptr;
  return &cells_[round - 1];
}

void TurnoutTable::Apply(GlobalUnit unit, int time, std::int64_t voters, std::int64_t issued, int round) {
  SAYLAU_CHECK(round >= 1 && round <= kMaxTurnoutRound);
  if (static_cast<int>(cells_.size()) < round) cells_.resize(round);
  auto& cells = cells_[round - 1];
  if (cells.empty()) cells.resize(plan_->election().units().size());
  const Cell own = cells[unit.at()][time];
  const bool first = own.reported == 0;
  std::int64_t voters_delta, issued_delta;
  SAYLAU_CHECK(!__builtin_sub_overflow(voters, own.voters, &voters_delta) &&
               !__builtin_sub_overflow(issued, own.issued, &issued_delta));
  for (GlobalUnit at = unit; at.valid(); at = plan_->Parent(at)) {  // nothing changes if a sum would wrap
    const Cell& cell = cells[at.at()][time];
    std::int64_t sum;
    SAYLAU_CHECK(!__builtin_add_overflow(cell.voters, voters_delta, &sum) &&
                 !__builtin_add_overflow(cell.issued, issued_delta, &sum));
  }
  for (GlobalUnit at = unit; at.valid(); at = plan_->Parent(at)) {
    Cell& cell = cells[at.at()][time];
    cell.voters += voters_delta;
    cell.issued += issued_delta;
    if (first) ++cell.reported;
  }
}

TurnoutFigure TurnoutTable::At(GlobalUnit unit, int time, int round) const {
  const auto* cells = CellsOf(round);
  if (cells == nullptr) return {0, plan_->LeavesBelow(unit), 0, 0};
  const Cell& cell = (*cells)[unit.at()][time];
  return {cell.reported, plan_->LeavesBelow(unit), cell.voters, cell.issued};
}

std::optional<std::pair<std::int64_t, std::int64_t>> TurnoutTable::ReportOf(GlobalUnit unit, int time,
                                                                            int round) const {
  const auto* cells = CellsOf(round);
  if (cells == nullptr) return std::nullopt;
  const Cell& cell = (*cells)[unit.at()][time];
  if (!plan_->IsLeaf(unit) || cell.reported == 0) return std::nullopt;
  return std::pair{cell.voters, cell.issued};
}

}  // namespace saylau::core
