// AttendanceBook: the electors present at each sitting through the morning, and its quorum.
#include "saylau/core/attendance.h"

#include <cstdio>

#include "saylau/base/check.h"
#include "saylau/core/detail_codes.h"

namespace saylau::core {
namespace {

std::optional<int> TwoDigits(std::string_view text, std::size_t at, int max) {
  if (at + 2 > text.size()) return std::nullopt;
  const char a = text[at], b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
  const int value = (a - '0') * 10 + (b - '0');
  if (value > max) return std::nullopt;
  return value;
}

// "HH:MM" at `at` (the whole rest of `text` when `seconds_allowed`, optionally ":SS").
std::optional<int> ClockMinute(std::string_view text, std::size_t at, bool seconds_allowed) {
  const std::optional<int> hours = TwoDigits(text, at, 23);
  if (!hours || at + 2 >= text.size() || text[at + 2] != ':') return std::nullopt;
  const std::optional<int> minutes = TwoDigits(text, at + 3, 59);
  if (!minutes) return std::nullopt;
  std::size_t end = at + 5;
  if (seconds_allowed && end < text.size()) {
    if (text[end] != ':' || !TwoDigits(text, end + 1, 59)) return std::nullopt;
    end += 3;
  }
  if (end != text.size()) return std::nullopt;
  return *hours * 60 + *minutes;
}

int DaysBetween(const Date& from, const Date& to) {
  // Small ranges only: walk at most kAttendanceDaysAfter + 1 days either way.
  for (int days = 0; days <= kAttendanceDaysAfter + 1; ++days) {
    if (AddDays(from, days) == to) return days;
    if (AddDays(from, -days) == to) return -days;
  }
  return -1'000'000;
}

}  // namespace

std::optional<int> AttendanceMinute(std::string_view time, const Date& election_day) {
  if (time.size() == 5) return ClockMinute(time, 0, false);
  if (time.size() < 16 || time[10] != 'T') return std::nullopt;
  const std::optional<Date> day = ParseDate(time.substr(0, 10));
  if (!day) return std::nullopt;
  const std::optional<int> minute = ClockMinute(time, 11, true);
  if (!minute) return std::nullopt;
  const int days = DaysBetween(election_day, *day);
  if (days < 0 || days > kAttendanceDaysAfter) return std::nullopt;
  return days * 24 * 60 + *minute;
}

std::string AttendanceTimeText(int minute, const Date& election_day) {
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", (minute % (24 * 60)) / 60, minute % 60);
  if (minute < 24 * 60) return clock;
  return AddDays(election_day, minute / (24 * 60)).ToString() + "T" + clock;
}

bool MeetsQuorum(const IndirectMajorityRules& rules, std::int64_t present, std::int64_t electors) {
  return rules.quorum_strict ? MoreThanPercent(present, electors, rules.quorum_percent)
                             : AtLeastPercent(present, electors, rules.quorum_percent);
}

std::int64_t LeastQuorum(const IndirectMajorityRules& rules, std::int64_t electors) {
  // The least number present meeting the rule: found exactly, by bisection over 0..electors.
  std::int64_t low = 0, high = electors + 1;
  while (low < high) {
    const std::int64_t mid = low + (high - low) / 2;
    if (MeetsQuorum(rules, mid, electors)) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

std::string QuorumRuleText(const IndirectMajorityRules& rules, std::int64_t electors) {
  return std::string(rules.quorum_strict ? "more than " : "at least ") + FormatRatio(rules.quorum_percent) + "% of " +
         std::to_string(electors) + " electors (" + std::to_string(LeastQuorum(rules, electors)) + ")";
}

AttendanceBook::AttendanceBook(const CountingPlan& plan)
    : plan_(&plan), sitting_contest_(plan.election().units().size(), -1) {
  for (std::size_t unit = 0; unit < sitting_contest_.size(); ++unit) {
    const GlobalUnit global(unit);
    if (!plan.IsLeaf(global)) continue;
    int first = -1;
    bool only_sittings = true;
    for (const auto& [contest, local] : plan.ContestsAt(global)) {
      (void)local;
      if (std::holds_alternative<IndirectMajorityRules>(plan.contests()[contest].contest->rules)) {
        if (first < 0) first = contest;
      } else {
        only_sittings = false;
      }
    }
    if (only_sittings) sitting_contest_[unit] = first;
  }
}

ContestIndex AttendanceBook::SittingContest(GlobalUnit unit) const {
  return unit.valid() ? ContestIndex(sitting_contest_[unit.at()]) : ContestIndex();
}

ContestIndex AttendanceBook::SittingContest(const std::string& unit_id) const {
  return SittingContest(plan_->FindUnit(unit_id));
}

AttendanceBook::Checked AttendanceBook::Check(const TurnoutSubmission& report) const {
  Checked out;
  out.unit = plan_->FindUnit(report.unit);
  const ContestIndex contest = SittingContest(out.unit);
  SAYLAU_CHECK(contest.valid());
  const auto& rules = std::get<IndirectMajorityRules>(plan_->contest(contest).contest->rules);
  out.violations = report.read_problems;
  const auto fail = [&](std::string relation, std::string detail, std::string code, std::vector<DetailParam> params) {
    SAYLAU_CHECK(IsDetailCode(code));
    out.violations.push_back({std::move(relation), std::move(detail), std::move(code), std::move(params)});
  };
  const Date& day = plan_->election().date();
  if (const std::optional<int> minute = AttendanceMinute(report.time, day)) {
    out.minute = *minute;
  } else {
    fail("attendance-time", "time '" + report.time + "' is not a time of the sitting: 'HH:MM' on " + day.ToString() +
                                ", or 'YYYY-MM-DDTHH:MM' local time from that day to " +
                                std::to_string(kAttendanceDaysAfter) + " days after",
         "unknown-sitting-time",
         {{"time", report.time}, {"day", day.ToString()}, {"days_after", std::to_string(kAttendanceDaysAfter)}});
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
  for (const auto& [name, value] : {std::pair{"electors", report.voters}, std::pair{"present", report.issued}}) {
    if (value < 0) {
      fail("non-negative", std::string(name) + " = " + std::to_string(value) + " is negative", "negative",
           {{"line", name}, {"value", std::to_string(value)}});
    }
    if (value > kMaxLineValue) {
      fail("within-bounds", std::string(name) + " = " + std::to_string(value) + " is above 10^12", "above-bound",
           {{"line", name}, {"value", std::to_string(value)}, {"max", std::to_string(kMaxLineValue)}});
    }
  }
  if (report.issued > report.voters) {
    fail("present-within-electors",
         "present (" + std::to_string(report.issued) + ") > electors (" + std::to_string(report.voters) + ")",
         "relation",
         {{"+present", std::to_string(report.issued)}, {"op", ">"}, {"+electors", std::to_string(report.voters)}});
  }
  if (rules.electors && report.voters != *rules.electors) {
    fail("electors-as-defined", "electors = " + std::to_string(report.voters) + ", but contest '" +
                                    plan_->contest(contest).contest->id + "' has " + std::to_string(*rules.electors),
         "electors-not-as-defined",
         {{"electors", std::to_string(report.voters)},
          {"contest", plan_->contest(contest).contest->id},
          {"defined", std::to_string(*rules.electors)}});
  }
  const std::map<int, AttendanceEntry>* reports = ReportsOf(out.unit);
  if (reports == nullptr || out.minute < 0) return out;
  for (const auto& [minute, entry] : *reports) {
    if (!entry.accepted || minute == out.minute) continue;
    const std::string at = AttendanceTimeText(minute, day);
    if (entry.electors != report.voters) {
      fail("same-electors", "electors = " + std::to_string(report.voters) + ", but " + std::to_string(entry.electors) +
                                " at " + at + " of the same sitting",
           "electors-changed",
           {{"electors", std::to_string(report.voters)},
            {"other_electors", std::to_string(entry.electors)},
            {"other_time", at}});
    }
    const bool broken = minute < out.minute ? entry.present > report.issued : entry.present < report.issued;
    if (broken) {
      fail("non-decreasing-through-the-sitting", "present at " + report.time + " (" + std::to_string(report.issued) +
                                                     ") " + (minute < out.minute ? "is below " : "is above ") +
                                                     "present at " + at + " (" + std::to_string(entry.present) + ")",
           minute < out.minute ? "below-earlier" : "above-later",
           {{"line", "present"},
            {"time", report.time},
            {"value", std::to_string(report.issued)},
            {"other_time", at},
            {"other_value", std::to_string(entry.present)}});
    }
  }
  return out;
}

void AttendanceBook::Record(GlobalUnit unit, int minute, bool accepted, int version, std::uint64_t content,
                            std::int64_t electors, std::int64_t present) {
  AttendanceEntry& entry = reports_[unit.value()][minute];
  entry.versions = version;
  entry.content = content;
  entry.latest_rejected = !accepted;
  if (accepted) {
    entry.accepted = true;
    entry.electors = electors;
    entry.present = present;
  }
}

const std::map<int, AttendanceEntry>* AttendanceBook::ReportsOf(GlobalUnit unit) const {
  if (!unit.valid()) return nullptr;
  const auto found = reports_.find(unit.value());
  return found == reports_.end() ? nullptr : &found->second;
}

const AttendanceEntry* AttendanceBook::EntryAt(GlobalUnit unit, int minute) const {
  const std::map<int, AttendanceEntry>* reports = ReportsOf(unit);
  if (reports == nullptr) return nullptr;
  const auto found = reports->find(minute);
  return found == reports->end() ? nullptr : &found->second;
}

std::optional<SittingQuorum> AttendanceBook::QuorumOf(GlobalUnit unit) const {
  const std::map<int, AttendanceEntry>* reports = ReportsOf(unit);
  const ContestIndex contest = SittingContest(unit);
  if (reports == nullptr || !contest.valid()) return std::nullopt;
  const auto& rules = std::get<IndirectMajorityRules>(plan_->contest(contest).contest->rules);
  std::optional<SittingQuorum> quorum;
  for (const auto& [minute, entry] : *reports) {
    if (!entry.accepted) continue;
    if (!quorum) quorum.emplace();
    quorum->latest_minute = minute;
    quorum->latest_present = entry.present;
    if (!quorum->reached) {
      quorum->minute = minute;
      quorum->present = entry.present;
      quorum->electors = entry.electors;
      quorum->reached = MeetsQuorum(rules, entry.present, entry.electors);
    }
  }
  return quorum;
}

}  // namespace saylau::core
