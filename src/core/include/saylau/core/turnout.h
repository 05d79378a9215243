// Turnout through election day: each polling station reports the ballots issued so far at the
// fixed times (10:00 ... 20:00 local time, and at the close of the polls); reports are summed
// up the unit hierarchy. Turnout = ballots issued / voters on the list. Not thread-safe; one
// writer (the service serialises access).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/core/counting_plan.h"
#include "saylau/core/protocol.h"

namespace saylau::core {

inline constexpr int kReportTimes = 7;
inline constexpr std::array<std::string_view, kReportTimes> kReportTimeNames = {"10:00", "12:00", "14:00", "16:00",
                                                                                "18:00", "20:00", "close"};
std::optional<int> ReportTimeIndex(std::string_view name);
// Voting days a turnout report may belong to: round 1, and a runoff's or repeat vote's day.
inline constexpr int kMaxTurnoutRound = 2;

struct TurnoutSubmission {
  std::string unit;
  std::string time;  // one of kReportTimeNames, local time of the station
  int round = 1;     // the voting day: 1, or 2 for a runoff's day (its own reports)
  std::int64_t voters = 0;
  std::int64_t issued = 0;
  std::string commission;  // empty = the station's own commission
  std::string reason;      // a higher commission's correction
  std::vector<std::string> unreadable;
  std::vector<Violation> read_problems;  // as in ProtocolSubmission: utf8, readable-lines
  std::string origin;
};

struct TurnoutFigure {
  int reported = 0;  // stations with a report at this time
  int expected = 0;  // stations at or below the unit
  std::int64_t voters = 0;
  std::int64_t issued = 0;
};

class TurnoutTable {
 public:
  explicit TurnoutTable(const CountingPlan& plan);

  struct Checked {
    GlobalUnit unit;  // the station
    int time = -1;
    std::vector<Violation> violations;
  };
  // Relations: counting-unit, known-time, readable-lines, non-negative, within-bounds (voters
  // and issued at most 10^12), issued-within-voters,
  // non-decreasing-through-the-day (against the station's reports at other times).
  Checked Check(const TurnoutSubmission& report) const;

  // Replaces station `unit`'s report at `time` of `round` and updates every ancestor.
  // REQUIRES: 1 <= round <= kMaxTurnoutRound.
  void Apply(GlobalUnit unit, int time, std::int64_t voters, std::int64_t issued, int round = 1);

  // The figures of `round` (each round's voting day has its own reports).
  TurnoutFigure At(GlobalUnit unit, int time, int round = 1) const;
  // The station's own report at `time` of `round`, if any: (voters, issued).
  std::optional<std::pair<std::int64_t, std::int64_t>> ReportOf(GlobalUnit unit, int time, int round = 1) const;

 private:
  struct Cell {
    std::int64_t voters = 0;
    std::int64_t issued = 0;
    std::int32_t reported = 0;
  };
  const CountingPlan* plan_;
  const std::vector<std::array<Cell, kReportTimes>>* CellsOf(int round) const;
  std::vector<std::vector<std::array<Cell, kReportTimes>>> cells_;  // [round - 1][global unit]
};

}  // namespace saylau::core
