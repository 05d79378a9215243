// ElectionNight at an electors' sitting (Senate): a turnout report at a sitting's unit is an
// attendance report, judged by AttendanceBook's relations and the authority rules; a sitting's
// protocol counts only once attendance shows the quorum.
#include <cstdint>
#include <string>

#include "content_hash.h"
#include "saylau/core/election_night.h"

namespace saylau::core {
using internal::ContentHash;

Judgement ElectionNight::JudgeAttendance(const TurnoutSubmission& report) const {
  AttendanceBook::Checked checked = attendance_.Check(report);
  Judgement judgement;
  judgement.unit = checked.unit;
  judgement.time = checked.minute;
  judgement.violations = std::move(checked.violations);
  ContentHash content;
  content.Add("attendance").Add(report.voters).Add(report.issued).Add(report.commission).Add(report.reason);
  for (const std::string& text : report.unreadable) content.Add(text);
  for (const Violation& problem : report.read_problems) content.Add(problem.relation).Add(problem.detail);
  if (judgement.time < 0) {
    content.Add(report.unit).Add(report.time);
    judgement.content = content.value();
    judgement.verdict = rejected_unkeyed_.count(judgement.content) ? Verdict::kDuplicate : Verdict::kRejected;
    return judgement;
  }
  judgement.content = content.value();
  const AttendanceEntry* entry = attendance_.EntryAt(judgement.unit, judgement.time);
  const bool accepted_before = entry != nullptr && entry->accepted;
  if (accepted_before && report.unreadable.empty() && report.read_problems.empty() &&
      entry->electors == report.voters && entry->present == report.issued) {
    judgement.verdict = Verdict::kDuplicate;
    return judgement;
  }
  judgement.version = (entry ? entry->versions : 0) + 1;
  CheckAuthority({.commission = report.commission,
                  .station = judgement.unit,
                  .reason = report.reason,
                  .changes_accepted = accepted_before,
                  .contest = attendance_.SittingContest(judgement.unit)},
                 judgement);
  judgement.verdict = judgement.violations.empty() ? Verdict::kAccepted : Verdict::kRejected;
  if (judgement.verdict == Verdict::kRejected && entry && entry->latest_rejected &&
      entry->content == judgement.content) {
    judgement.verdict = Verdict::kDuplicate;
  }
  return judgement;
}

void ElectionNight::RecordAttendance(const Judgement& judgement, const TurnoutSubmission& report) {
  if (judgement.verdict == Verdict::kDuplicate) return;
  if (!judgement.unit.valid() || judgement.time < 0 || judgement.version == 0) {
    rejected_unkeyed_.insert(judgement.content);
    return;
  }
  attendance_.Record(judgement.unit, judgement.time, judgement.verdict == Verdict::kAccepted, judgement.version,
                     judgement.content, report.voters, report.issued);
}

void ElectionNight::CheckSittingQuorum(const ProtocolSubmission& protocol, Judgement& judgement) const {
  if (!judgement.contest.valid() || !judgement.station.valid()) return;
  const ContestPlan& contest = plan_.contest(judgement.contest);
  const auto* rules = std::get_if<IndirectMajorityRules>(&contest.contest->rules);
  if (rules == nullptr) return;
  const GlobalUnit unit = contest.GlobalOf(judgement.station);
  // No attendance reported: the protocol's own lines decide the quorum (as before attendance).
  const std::optional<SittingQuorum> quorum = attendance_.QuorumOf(unit);
  if (!quorum) return;
  const Date& day = election_->date();
  if (!quorum->reached) {
    judgement.violations.push_back(
        {"quorum-in-attendance", "the sitting at '" + protocol.unit +
                                     "' has no quorum: " + std::to_string(quorum->latest_present) + " of " +
                                     std::to_string(quorum->electors) + " electors present at " +
                                     AttendanceTimeText(quorum->latest_minute, day) + "; the quorum is " +
                                     QuorumRuleText(*rules, quorum->electors),
         "no-quorum",
         {{"unit", protocol.unit},
          {"present", std::to_string(quorum->latest_present)},
          {"electors", std::to_string(quorum->electors)},
          {"time", AttendanceTimeText(quorum->latest_minute, day)},
          {"rule", rules->quorum_strict ? "more-than" : "at-least"},
          {"percent", FormatRatio(rules->quorum_percent)},
          {"least", std::to_string(LeastQuorum(*rules, quorum->electors))}}});
    return;
  }
  if (static_cast<int>(judgement.values.size()) != contest.width) return;
  const std::int64_t took_part = contest.form->BaseValue(BaseRole::kTookPart, judgement.values);
  if (took_part != quorum->latest_present) {
    judgement.warnings.push_back({"attendance-agrees", "took part (" + std::to_string(took_part) +
                                                           ") differs from the electors present at the latest "
                                                           "attendance report, " +
                                                           AttendanceTimeText(quorum->latest_minute, day) + " (" +
                                                           std::to_string(quorum->latest_present) + ")",
                                 "attendance-differs",
                                 {{"took_part", std::to_string(took_part)},
                                  {"time", AttendanceTimeText(quorum->latest_minute, day)},
                                  {"present", std::to_string(quorum->latest_present)}}});
  }
}

}  // namespace saylau::core
