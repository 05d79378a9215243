// Attendance at an electors' sitting: the times a report may carry, the quorum rule as data,
// hostile reports (each relation named, nothing recorded) and protocols judged by attendance.
#include "saylau/core/attendance.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "saylau/core/election_night.h"
#include "saylau/formats/built_in_forms.h"
#include "senate_test_election.h"

namespace saylau::core {
namespace {

using fixtures::Attendance;
using fixtures::SenateElection;
using fixtures::Sitting;
using fixtures::Vote;

bool Has(const std::vector<Violation>& violations, const std::string& relation) {
  return std::any_of(violations.begin(), violations.end(), [&](const Violation& v) { return v.relation == relation; });
}

Judgement Submit(ElectionNight& night, const TurnoutSubmission& report) {
  Judgement judgement = night.JudgeTurnout(report);
  night.RecordTurnout(judgement, report);
  return judgement;
}

Judgement Submit(ElectionNight& night, const ProtocolSubmission& protocol) {
  Judgement judgement = night.JudgeProtocol(protocol);
  night.RecordProtocol(judgement);
  return judgement;
}

TEST(AttendanceTest, ReadsClockTimesAndLocalDateTimes) {
  const Date day{2023, 1, 14};
  EXPECT_EQ(AttendanceMinute("10:05", day), 605);
  EXPECT_EQ(AttendanceMinute("00:00", day), 0);
  EXPECT_EQ(AttendanceMinute("2023-01-14T10:45", day), 645);
  EXPECT_EQ(AttendanceMinute("2023-01-14T10:45:30", day), 645);
  EXPECT_EQ(AttendanceMinute("2023-01-15T09:00", day), 24 * 60 + 540);
  EXPECT_EQ(AttendanceTimeText(645, day), "10:45");
  EXPECT_EQ(AttendanceTimeText(24 * 60 + 540, day), "2023-01-15T09:00");
  for (const char* bad : {"10:5", "24:00", "10:60", "1045", "10-45", "ten", "", "10:45Z", "2023-01-13T10:00",
                          "2023-02-14T10:00", "2023-01-14 10:00", "2023-01-14T10:00+06:00", "2023-13-01T10:00"}) {
    EXPECT_FALSE(AttendanceMinute(bad, day)) << bad;
  }
}

TEST(AttendanceTest, QuorumRuleIsData) {
  const IndirectMajorityRules more_than{.quorum_strict = true};
  const IndirectMajorityRules at_least{.quorum_strict = false};
  EXPECT_FALSE(MeetsQuorum(more_than, 15, 30));
  EXPECT_TRUE(MeetsQuorum(at_least, 15, 30));
  EXPECT_TRUE(MeetsQuorum(more_than, 16, 31));
  EXPECT_FALSE(MeetsQuorum(at_least, 15, 31));
  EXPECT_EQ(QuorumRuleText(more_than, 30), "more than 50% of 30 electors (16)");
  EXPECT_EQ(QuorumRuleText(at_least, 30), "at least 50% of 30 electors (15)");
  const IndirectMajorityRules two_thirds{.quorum_percent = {200, 3}, .quorum_strict = false};
  EXPECT_EQ(QuorumRuleText(two_thirds, 31), "at least 200/3% of 31 electors (21)");
}

TEST(AttendanceTest, QuorumIsReachedAtTheFirstReportMeetingTheRule) {
  const Election election = SenateElection();
  ElectionNight night(election);
  const GlobalUnit astana = night.plan().FindUnit("astana");
  EXPECT_FALSE(night.attendance().QuorumOf(astana));
  EXPECT_EQ(Submit(night, Attendance("astana", "10:05", 31, 9)).verdict, Verdict::kAccepted);
  EXPECT_EQ(Submit(night, Attendance("astana", "10:20", 31, 15)).verdict, Verdict::kAccepted);
  std::optional<SittingQuorum> quorum = night.attendance().QuorumOf(astana);
  ASSERT_TRUE(quorum);
  EXPECT_FALSE(quorum->reached);
  EXPECT_EQ(quorum->latest_minute, 620);
  EXPECT_EQ(Submit(night, Attendance("astana", "2023-01-14T10:45", 31, 16)).verdict, Verdict::kAccepted);
  EXPECT_EQ(Submit(night, Attendance("astana", "11:00", 31, 30)).verdict, Verdict::kAccepted);
  quorum = night.attendance().QuorumOf(astana);
  ASSERT_TRUE(quorum);
  EXPECT_TRUE(quorum->reached);
  EXPECT_EQ(AttendanceTimeText(quorum->minute, election.date()), "10:45");
  EXPECT_EQ(quorum->present, 16);
  EXPECT_EQ(quorum->latest_present, 30);
  // Ulytau: at least half; 15 of 30 is a quorum there, not in Astana.
  EXPECT_EQ(Submit(night, Attendance("ulytau", "10:20", 30, 15)).verdict, Verdict::kAccepted);
  EXPECT_TRUE(night.attendance().QuorumOf(night.plan().FindUnit("ulytau"))->reached);
  // The same report again is a duplicate.
  EXPECT_EQ(night.JudgeTurnout(Attendance("astana", "11:00", 31, 30)).verdict, Verdict::kDuplicate);
}

TEST(AttendanceTest, HostileReportsAreRejectedNamingTheRelationAndRecordNothing) {
  const Election election = SenateElection();
  ElectionNight night(election);
  ASSERT_EQ(Submit(night, Attendance("astana", "10:20", 31, 15)).verdict, Verdict::kAccepted);
  const auto rejected = [&](TurnoutSubmission report, const std::string& relation) {
    const Judgement judgement = Submit(night, report);
    EXPECT_EQ(judgement.verdict, Verdict::kRejected) << relation;
    EXPECT_TRUE(Has(judgement.violations, relation)) << relation;
  };
  rejected(Attendance("astana", "10:46am", 31, 20), "attendance-time");
  rejected(Attendance("astana", "2023-01-13T10:00", 31, 20), "attendance-time");
  rejected(Attendance("astana", "10:45", 31, 32), "present-within-electors");
  rejected(Attendance("astana", "10:45", 31, -1), "non-negative");
  rejected(Attendance("astana", "10:45", 30, 20), "electors-as-defined");
  rejected(Attendance("astana", "10:05", 31, 16), "non-decreasing-through-the-sitting");
  rejected(Attendance("astana", "10:45", 31, 14), "non-decreasing-through-the-sitting");
  TurnoutSubmission unreadable = Attendance("astana", "10:45", 31, 0);
  unreadable.unreadable = {"issued"};
  rejected(unreadable, "readable-lines");
  ASSERT_EQ(Submit(night, Attendance("ulytau", "10:20", 30, 15)).verdict, Verdict::kAccepted);
  rejected(Attendance("ulytau", "10:45", 29, 20), "same-electors");
  // Another region's commission may not report for Astana; a change needs a higher commission.
  TurnoutSubmission foreign = Attendance("astana", "10:45", 31, 20);
  foreign.commission = "ulytau";
  rejected(foreign, "commission-authority");
  rejected(Attendance("astana", "10:20", 31, 16), "correction-by-higher-commission");
  // Nothing of the rejected reports stands: the only accepted report is still 15 at 10:20.
  const std::optional<SittingQuorum> quorum = night.attendance().QuorumOf(night.plan().FindUnit("astana"));
  ASSERT_TRUE(quorum);
  EXPECT_FALSE(quorum->reached);
  EXPECT_EQ(quorum->latest_present, 15);
  EXPECT_EQ(quorum->latest_minute, 620);
  // The CEC corrects with a reason: accepted.
  TurnoutSubmission correction = Attendance("astana", "10:20", 31, 16);
  correction.commission = "kz";
  correction.reason = "miscount at the door";
  EXPECT_EQ(Submit(night, correction).verdict, Verdict::kAccepted);
  EXPECT_TRUE(night.attendance().QuorumOf(night.plan().FindUnit("astana"))->reached);
}

TEST(AttendanceTest, SittingProtocolCountsOnlyWithAQuorumInAttendance) {
  const Election election = SenateElection();
  ElectionNight night(election);
  ASSERT_EQ(Submit(night, Attendance("astana", "10:20", 31, 15)).verdict, Verdict::kAccepted);
  Judgement judgement = Submit(night, Vote("senate-astana", "astana", 31, 30, 20));
  EXPECT_EQ(judgement.verdict, Verdict::kRejected);
  ASSERT_TRUE(Has(judgement.violations, "quorum-in-attendance"));
  EXPECT_NE(judgement.violations.back().detail.find("15 of 31 electors present at 10:20"), std::string::npos)
      << judgement.violations.back().detail;
  ASSERT_EQ(Submit(night, Attendance("astana", "10:45", 31, 30)).verdict, Verdict::kAccepted);
  // Took part 29 against 30 present: counted, with a warning.
  judgement = Submit(night, Vote("senate-astana", "astana", 31, 29, 20));
  EXPECT_EQ(judgement.verdict, Verdict::kAccepted);
  EXPECT_TRUE(Has(judgement.warnings, "attendance-agrees"));
  const ContestStatus status = night.StatusOf(night.plan().FindContest("senate-astana"));
  ASSERT_TRUE(status.outcome);
  EXPECT_EQ(status.outcome->decision, Decision::kDecided);
  // Without attendance the protocol's own lines decide the quorum, as before.
  judgement = Submit(night, Vote("senate-ulytau", "ulytau", 30, 28, 10));
  EXPECT_EQ(judgement.verdict, Verdict::kAccepted);
  EXPECT_TRUE(judgement.warnings.empty());
}

TEST(AttendanceTest, TurnoutAtPollingStationsKeepsTheFixedHours) {
  std::vector<Unit> units = {{.id = "kz", .kind = UnitKind::kCountry},
                             {.id = "astana", .parent = "kz", .kind = UnitKind::kCity},
                             {.id = "s1", .parent = "astana", .kind = UnitKind::kStation}};
  Contest seat = Sitting("seat", "astana", {});
  seat.kind = "single_member";
  seat.rules = PluralityRules{};
  const Election election("e", {.en = "E"}, {2023, 1, 14}, std::move(units), {}, {seat}, formats::BuiltInForms());
  ElectionNight night(election);
  EXPECT_FALSE(night.attendance().SittingContest(night.plan().FindUnit("s1")).valid());
  const Judgement judgement = Submit(night, Attendance("s1", "10:45", 1000, 10));
  EXPECT_EQ(judgement.verdict, Verdict::kRejected);
  EXPECT_TRUE(Has(judgement.violations, "known-time"));
}

}  // namespace
}  // namespace saylau::core
