// Attendance at an electors' sitting (the Senate: a region's councillors meeting to vote).
// The sitting's commission reports how many electors are present at any time of the morning
// ("10:05", or "2023-01-14T10:05"), not only at the fixed turnout hours; the quorum is reached
// at the first report meeting the contest's rule (more than, or at least, a share of the
// electors). Reports arrive as turnout reports (voters = the electors, issued = present) at a
// unit where only indirect_majority contests are counted. Pure; not thread-safe (one writer).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/core/counting_plan.h"
#include "saylau/core/model.h"
#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"

namespace saylau::core {

// The latest day after election day an attendance report may carry (a sitting ends the same
// day; later days are for corrections and repeat sittings).
inline constexpr int kAttendanceDaysAfter = 30;

// Minutes from midnight of `election_day` for "HH:MM" (that day) or "YYYY-MM-DDTHH:MM[:SS]"
// (local time, no zone offset); none for anything else, a day before `election_day`, or
// more than kAttendanceDaysAfter days after it.
std::optional<int> AttendanceMinute(std::string_view time, const Date& election_day);
// "HH:MM" on election day, else "YYYY-MM-DDTHH:MM".
std::string AttendanceTimeText(int minute, const Date& election_day);

// Whether `present` of `electors` meets the contest's quorum rule.
bool MeetsQuorum(const IndirectMajorityRules& rules, std::int64_t present, std::int64_t electors);
// "more than 50% of 31 electors (16)" or "at least 50% of 31 electors (16)": the rule and
// the least number of electors present that meets it.
std::string QuorumRuleText(const IndirectMajorityRules& rules, std::int64_t electors);
// The least number of electors present that meets the rule (QuorumRuleText's number).
std::int64_t LeastQuorum(const IndirectMajorityRules& rules, std::int64_t electors);

struct AttendanceEntry {
  std::int64_t electors = 0;
  std::int64_t present = 0;
  bool accepted = false;  // an accepted report stands at this time
  // Stored versions at this time, the latest's content hash and whether it was rejected.
  int versions = 0;
  std::uint64_t content = 0;
  bool latest_rejected = false;
};

// The quorum of one sitting as attendance shows it.
struct SittingQuorum {
  bool reached = false;
  int minute = -1;  // of the first report meeting the rule (reached), else of the latest
  std::int64_t present = 0;
  std::int64_t electors = 0;
  int latest_minute = -1;  // the latest accepted report
  std::int64_t latest_present = 0;
};

class AttendanceBook {
 public:
  explicit AttendanceBook(const CountingPlan& plan);

  // The indirect_majority contest whose sitting `unit` is: a leaf where only such contests
  // are counted (the first of them); none otherwise (a polling station, an unknown unit).
  ContestIndex SittingContest(GlobalUnit unit) const;
  ContestIndex SittingContest(const std::string& unit_id) const;

  struct Checked {
    GlobalUnit unit;
    int minute = -1;
    std::vector<Violation> violations;
  };
  // Relations: attendance-time, readable-lines, non-negative, within-bounds, present-within-
  // electors, electors-as-defined (the contest's electors), same-electors (as the sitting's
  // other reports), non-decreasing-through-the-sitting. REQUIRES: SittingContest(unit) valid.
  Checked Check(const TurnoutSubmission& report) const;

  // Records a stored report's verdict at (unit, minute); an accepted one stands from now on.
  void Record(GlobalUnit unit, int minute, bool accepted, int version, std::uint64_t content, std::int64_t electors,
              std::int64_t present);

  // The sitting's reports by minute (none before the first report).
  const std::map<int, AttendanceEntry>* ReportsOf(GlobalUnit unit) const;
  const AttendanceEntry* EntryAt(GlobalUnit unit, int minute) const;
  // The quorum from the accepted reports; none when the sitting has none.
  std::optional<SittingQuorum> QuorumOf(GlobalUnit unit) const;

 private:
  const CountingPlan* plan_;
  std::vector<int> sitting_contest_;                       // per global unit, -1 when not a sitting
  std::map<int, std::map<int, AttendanceEntry>> reports_;  // global unit -> minute -> entry
};

}  // namespace saylau::core
