// Election night through the results service on a memory store: every control relation,
// versions and corrections, duplicates, stages and recounts, turnout, partial outcomes, and
// the incremental totals equal to a rebuild from the stored submissions. The election is the
// shared fixture (saylau/testing/fixture_election.h).
#include <gtest/gtest.h>

#include <random>

#include "saylau/service/results_service.h"
#include "saylau/testing/fixture_election.h"

namespace saylau {
namespace {

using core::ProtocolSubmission;
using testing::GoodProtocol;
using testing::RemoveLine;
using testing::SetLine;
using testing::TurnoutReport;

std::unique_ptr<service::ResultsService> OpenNight(std::unique_ptr<store::Store> store = nullptr) {
  if (!store) store = store::CreateMemoryStore(testing::FixtureFiles());
  auto service = service::ResultsService::Open(std::move(store));
  EXPECT_TRUE(service) << service.error().message;
  return std::move(*service);
}

service::Acknowledgement SubmitOne(service::ResultsService& service, formats::Submission submission) {
  std::vector<formats::Submission> batch{std::move(submission)};
  auto acks = service.Submit(batch, "2023-03-19T21:00:00+06:00");
  EXPECT_TRUE(acks) << acks.error().message;
  return acks->front();
}

std::int64_t ListTotal(const service::ResultsService& service, const std::string& unit, std::string_view line) {
  const core::CountingPlan& plan = service.night().plan();
  const core::ContestIndex contest = plan.FindContest("list");
  const core::LocalUnit local = plan.contest(contest).LocalOf(plan.FindUnit(unit));
  return plan.contest(contest).form->LineValue(line, service.night().tabulation().Totals(contest, 1, local));
}

bool HasRelation(const service::Acknowledgement& ack, const std::string& relation) {
  return std::any_of(ack.violations.begin(), ack.violations.end(),
                     [&](const core::Violation& v) { return v.relation == relation; });
}

struct Breakage {
  std::string relation;
  std::function<void(ProtocolSubmission&)> breakit;
  std::string contest = "list";
};

TEST(ElectionNightTest, EveryControlRelationRejectsItsBreakageAndLeavesTotalsUntouched) {
  const std::vector<Breakage> cases = {
      {"known-contest", [](ProtocolSubmission& p) { p.contest = "senate"; }},
      {"counting-unit", [](ProtocolSubmission& p) { p.unit = "r1"; }},
      {"counting-unit", [](ProtocolSubmission& p) { p.unit = "nowhere"; }},
      {"counting-unit", [](ProtocolSubmission& p) { p.unit = "s3"; }, "seat"},  // s3 is outside district d1
      {"known-round", [](ProtocolSubmission& p) { p.round = 2; }},
      {"readable-lines", [](ProtocolSubmission& p) { p.unreadable.push_back("valid='5x'"); }},
      {"options-exact", [](ProtocolSubmission& p) { SetLine(p, "c", 1); }},
      {"options-exact", [](ProtocolSubmission& p) { RemoveLine(p, "b"); }},
      {"options-exact", [](ProtocolSubmission& p) { RemoveLine(p, "against_all"); }},
      {"options-exact", [](ProtocolSubmission& p) { SetLine(p, "both_marked", 0); }},
      {"options-exact",
       [](ProtocolSubmission& p) {
         p.lines.push_back({"a", 1});
       }},
      {"lines-present", [](ProtocolSubmission& p) { RemoveLine(p, "found"); }},
      {"lines-present", [](ProtocolSubmission& p) { RemoveLine(p, "both_marked"); }, "ref"},
      {"non-negative", [](ProtocolSubmission& p) { SetLine(p, "issued_absentee", -1); }},
      {"received-equals-issued-plus-cancelled", [](ProtocolSubmission& p) { SetLine(p, "received", 1011); }},
      {"found-within-issued",
       [](ProtocolSubmission& p) {
         SetLine(p, "found", 601);
         SetLine(p, "invalid", 11);
       }},
      {"found-equals-valid-plus-invalid", [](ProtocolSubmission& p) { SetLine(p, "invalid", 9); }},
      {"found-equals-valid-plus-invalid", [](ProtocolSubmission& p) { SetLine(p, "both_marked", 5); }, "ref"},
      {"valid-equals-options-plus-against-all", [](ProtocolSubmission& p) { SetLine(p, "a", 401); }},
      {"issued-within-voters", [](ProtocolSubmission& p) { SetLine(p, "voters", 599); }},
      {"absentee-within-issued", [](ProtocolSubmission& p) { SetLine(p, "issued_absentee", 601); }},
      {"outside-within-issued", [](ProtocolSubmission& p) { SetLine(p, "issued_outside", 601); }},
  };
  for (const Breakage& breakage : cases) {
    SCOPED_TRACE(breakage.relation);
    auto service = OpenNight();
    ASSERT_EQ(SubmitOne(*service, GoodProtocol("list", "s2")).verdict, core::Verdict::kAccepted);
    const std::int64_t before = ListTotal(*service, "c", "issued");

    ProtocolSubmission bad = GoodProtocol(breakage.contest, "s1");
    breakage.breakit(bad);
    const service::Acknowledgement ack = SubmitOne(*service, bad);

    EXPECT_EQ(ack.verdict, core::Verdict::kRejected);
    EXPECT_TRUE(HasRelation(ack, breakage.relation)) << ack.violations.size();
    EXPECT_GT(ack.seq, 0) << "a rejected protocol is stored";
    EXPECT_EQ(ListTotal(*service, "c", "issued"), before);
    for (const core::Violation& v : ack.violations) EXPECT_FALSE(v.detail.empty());
  }
}

TEST(ElectionNightTest, RejectionNamesTheLinesAndNumbers) {
  auto service = OpenNight();
  ProtocolSubmission bad = GoodProtocol("list", "s1");
  SetLine(bad, "invalid", 9);
  const service::Acknowledgement ack = SubmitOne(*service, bad);
  ASSERT_EQ(ack.violations.size(), 1u);
  EXPECT_EQ(ack.violations[0].detail, "found in the boxes (600) ≠ valid (590) + invalid (9)");
}

TEST(ElectionNightTest, TotalsRollUpTheHierarchyWithProgress) {
  auto service = OpenNight();
  for (const char* unit : {"s1", "s2", "s3"})
    ASSERT_EQ(SubmitOne(*service, GoodProtocol("list", unit)).verdict, core::Verdict::kAccepted);
  EXPECT_EQ(ListTotal(*service, "d1", "issued"), 1200);
  EXPECT_EQ(ListTotal(*service, "r1", "issued"), 1200);
  EXPECT_EQ(ListTotal(*service, "r2", "issued"), 600);
  EXPECT_EQ(ListTotal(*service, "c", "issued"), 1800);
  const core::ContestStatus status = service->night().StatusOf(service->night().plan().FindContest("list"));
  EXPECT_FALSE(status.partial);
  EXPECT_EQ(status.progress.reported, 3);
  EXPECT_EQ(status.progress.voters_reported, 3000);
  ASSERT_TRUE(status.outcome);
  EXPECT_EQ(status.outcome->decision, core::Decision::kDecided);
}

TEST(ElectionNightTest, OutcomeIsPartialUntilEveryStationReports) {
  auto service = OpenNight();
  ASSERT_EQ(SubmitOne(*service, GoodProtocol("list", "s1")).verdict, core::Verdict::kAccepted);
  const core::ContestStatus status = service->night().StatusOf(service->night().plan().FindContest("list"));
  EXPECT_TRUE(status.partial);
  EXPECT_EQ(status.progress.reported, 1);
  EXPECT_EQ(status.progress.expected, 3);
  EXPECT_EQ(status.progress.voters_expected, 3000);
}

TEST(ElectionNightTest, CorrectionsNeedAHigherCommissionAndAReasonAndKeepHistory) {
  auto service = OpenNight();
  ASSERT_EQ(SubmitOne(*service, GoodProtocol("list", "s1", 400)).verdict, core::Verdict::kAccepted);
  EXPECT_EQ(SubmitOne(*service, GoodProtocol("list", "s1", 400)).verdict, core::Verdict::kDuplicate);

  ProtocolSubmission by_station = GoodProtocol("list", "s1", 300);
  service::Acknowledgement ack = SubmitOne(*service, by_station);
  EXPECT_EQ(ack.verdict, core::Verdict::kRejected);
  EXPECT_TRUE(HasRelation(ack, "correction-by-higher-commission"));

  ProtocolSubmission without_reason = GoodProtocol("list", "s1", 300);
  without_reason.commission = "d1";
  EXPECT_TRUE(HasRelation(SubmitOne(*service, without_reason), "correction-reason"));

  ProtocolSubmission outsider = GoodProtocol("list", "s1", 300);
  outsider.commission = "r2";
  outsider.reason = "recount";
  EXPECT_TRUE(HasRelation(SubmitOne(*service, outsider), "commission-authority"));

  ProtocolSubmission correction = GoodProtocol("list", "s1", 300);
  correction.commission = "r1";
  correction.reason = "recount ordered by the regional commission";
  ack = SubmitOne(*service, correction);
  EXPECT_EQ(ack.verdict, core::Verdict::kAccepted);
  EXPECT_TRUE(ack.correction);
  EXPECT_EQ(ack.version, 5);
  const core::CountingPlan& plan = service->night().plan();
  const core::ContestIndex list = plan.FindContest("list");
  EXPECT_EQ(service->night().tabulation().Totals(list, 1, core::LocalUnit(0))[plan.contest(list).first_option], 300);
  int stored = 0;
  ASSERT_TRUE(service->store().Scan(0, [&](const store::StoredSubmission&) -> Status {
    ++stored;
    return {};
  }));
  EXPECT_EQ(stored, 5) << "every version is kept; the duplicate is not stored";
}

TEST(ElectionNightTest, StagesFollowOpenPreliminaryFinalAndFinalNeedsEveryStation) {
  auto service = OpenNight();
  for (const char* unit : {"s1", "s2"})
    ASSERT_EQ(SubmitOne(*service, GoodProtocol("list", unit)).verdict, core::Verdict::kAccepted);
  const core::StageChange final_change{"list", core::Stage::kFinal, "2023-03-27T12:00:00+06:00", "c", ""};
  Status early = service->Certify(final_change);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(early.error().message.find("2 of 3"), std::string::npos) << early.error().message;
  EXPECT_NE(early.error().message.find("s3"), std::string::npos);

  ASSERT_TRUE(service->Certify({"list", core::Stage::kPreliminary, "2023-03-20T10:00:00+06:00", "c", ""}));
  EXPECT_FALSE(service->Certify({"list", core::Stage::kPreliminary, "2023-03-20T11:00:00+06:00", "c", ""}));
  ASSERT_EQ(SubmitOne(*service, GoodProtocol("list", "s3")).verdict, core::Verdict::kAccepted);
  ASSERT_TRUE(service->Certify(final_change));
  const core::ContestIndex list = service->night().plan().FindContest("list");
  EXPECT_EQ(service->night().StageOf(list), core::Stage::kFinal);

  ProtocolSubmission correction = GoodProtocol("list", "s1", 350);
  correction.commission = "r1";
  correction.reason = "complaint upheld";
  EXPECT_TRUE(HasRelation(SubmitOne(*service, correction), "certified-final"));
  EXPECT_FALSE(service->OrderRecount({"list", "r1", "", "2023-03-28T10:00:00+06:00", "c"}));
  ASSERT_TRUE(service->OrderRecount({"list", "r1", "court ruling 7", "2023-03-28T10:00:00+06:00", "c"}));
  EXPECT_EQ(SubmitOne(*service, correction).verdict, core::Verdict::kAccepted);
}

TEST(ElectionNightTest, TurnoutReportsRiseThroughTheDayAndRollUp) {
  auto service = OpenNight();
  EXPECT_EQ(SubmitOne(*service, TurnoutReport("s1", "10:00", 150)).verdict, core::Verdict::kAccepted);
  EXPECT_EQ(SubmitOne(*service, TurnoutReport("s1", "12:00", 300)).verdict, core::Verdict::kAccepted);
  EXPECT_EQ(SubmitOne(*service, TurnoutReport("s3", "10:00", 50)).verdict, core::Verdict::kAccepted);
  EXPECT_TRUE(HasRelation(SubmitOne(*service, TurnoutReport("s1", "14:00", 299)), "non-decreasing-through-the-day"));
  EXPECT_TRUE(HasRelation(SubmitOne(*service, TurnoutReport("s1", "09:00", 10)), "known-time"));
  EXPECT_TRUE(HasRelation(SubmitOne(*service, TurnoutReport("r1", "10:00", 10)), "counting-unit"));
  EXPECT_TRUE(HasRelation(SubmitOne(*service, TurnoutReport("s2", "10:00", 1001)), "issued-within-voters"));
  const core::GlobalUnit country = service->night().plan().FindUnit("c");
  const core::TurnoutFigure at_ten = service->night().turnout().At(country, 0);
  EXPECT_EQ(at_ten.reported, 2);
  EXPECT_EQ(at_ten.expected, 3);
  EXPECT_EQ(at_ten.issued, 200);
  EXPECT_EQ(at_ten.voters, 2000);
}

TEST(ElectionNightTest, IncrementalTotalsEqualARebuildAfterRandomNights) {
  for (int seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 random(seed);
    auto service = OpenNight();
    const std::vector<std::string> contests = {"list", "seat", "ref"};
    const std::vector<std::string> units = {"s1", "s2", "s3"};
    for (int step = 0; step < 40; ++step) {
      const std::string contest = contests[random() % 3];
      const std::string unit = contest == "seat" ? units[random() % 2] : units[random() % 3];
      ProtocolSubmission p = GoodProtocol(contest, unit, 100 + random() % 300);
      if (random() % 3 == 0) {
        p.commission = random() % 2 ? "c" : unit;
        p.reason = random() % 2 ? "recount" : "";
      }
      if (random() % 5 == 0) SetLine(p, "invalid", 11);  // broken
      std::vector<formats::Submission> batch{p};
      ASSERT_TRUE(service->Submit(batch, "t"));
    }
    Result<service::RebuildReport> report = service->Rebuild(/*rewrite=*/false);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->differences.empty()) << report->differences.front();
    EXPECT_EQ(report->verdict_disagreements, 0);
  }
}

}  // namespace
}  // namespace saylau
