// Rounds as events and the commission that certifies (issue 19, items 2 and 3), through the
// results service on a memory store: a presidential night where nobody passes 50 % (round one's
// turnout, protocols and final certification; the runoff's own turnout and protocols with the
// two candidates only; its certification), what round one's final stage refuses, and each
// contest certified by its own commission (a city commission its council, a territorial
// commission its akim), by the service and by a signed certification.
#include <gtest/gtest.h>

#include "saylau/formats/definition_toml.h"
#include "saylau/formats/outcome_text.h"
#include "saylau/formats/submission_json.h"
#include "saylau/service/results_service.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau {
namespace {

using core::Stage;
using core::StageChange;
using core::Verdict;
using service::Acknowledgement;
using service::ResultsService;

constexpr char kReceivedAt[] = "2022-11-20T21:00:00+06:00";

// c ── r1 (a city) ── t1 (a district: its akim) ── s1, s2
//   └─ r2 ── s3
// president over c (the CEC certifies); council over r1 certified by r1; akim over t1 by t1.
constexpr char kDefinition[] = R"(
[election]
id = "runoff-night"
date = 2022-11-20
name = { en = "Runoff night" }

[[units]]
id = "c"
kind = "country"
name = { en = "Country" }
registered_voters = 3000

[[units]]
id = "r1"
parent = "c"
kind = "city"
name = { en = "City 1" }

[[units]]
id = "r2"
parent = "c"
kind = "region"
name = { en = "Region 2" }

[[units]]
id = "t1"
parent = "r1"
kind = "district"
name = { en = "District 1" }

[[contests]]
id = "president"
kind = "majority_runoff"
name = "President"
unit = "c"
majority_percent = 50
result_deadline = "P10D"

[[contests.candidates]]
id = "x"
name = "Candidate X"

[[contests.candidates]]
id = "y"
name = "Candidate Y"

[[contests.candidates]]
id = "z"
name = "Candidate Z"

[[contests]]
id = "council"
kind = "single_member"
name = "City council seat"
unit = "r1"
certified_by = "r1"

[[contests.candidates]]
id = "p"
name = "Candidate P"

[[contests.candidates]]
id = "q"
name = "Candidate Q"

[[contests]]
id = "akim"
kind = "plurality"
name = "Akim"
unit = "t1"
certified_by = "t1"

[[contests.candidates]]
id = "m"
name = "Candidate M"

[[contests.candidates]]
id = "n"
name = "Candidate N"
)";

constexpr char kStations[] = "id,parent,registered_voters\ns1,t1,1000\ns2,t1,1000\ns3,r2,1000\n";

std::unique_ptr<ResultsService> OpenNight() {
  auto service = ResultsService::Open(store::CreateMemoryStore(
      {{"runoff.toml", "definition", kDefinition}, {"runoff-stations.csv", "stations", kStations}}));
  EXPECT_TRUE(service) << service.error().message;
  return std::move(*service);
}

// A protocol whose lines hold: the votes given, 10 invalid, 1000 voters and 1010 ballots received.
core::ProtocolSubmission Protocol(const std::string& contest, const std::string& unit, int round,
                                  const std::vector<std::pair<std::string, std::int64_t>>& votes) {
  std::int64_t valid = 0;
  for (const auto& [option, count] : votes) valid += count;
  core::ProtocolSubmission protocol;
  protocol.contest = contest;
  protocol.unit = unit;
  protocol.round = round;
  protocol.origin = "test";
  protocol.lines = {{"voters", 1000},      {"received", 1010}, {"issued", valid + 10}, {"cancelled", 1000 - valid},
                    {"found", valid + 10}, {"valid", valid},   {"invalid", 10}};
  protocol.lines.insert(protocol.lines.end(), votes.begin(), votes.end());
  return protocol;
}

core::TurnoutSubmission Turnout(const std::string& unit, const std::string& time, std::int64_t issued, int round) {
  core::TurnoutSubmission report;
  report.unit = unit;
  report.time = time;
  report.round = round;
  report.voters = 1000;
  report.issued = issued;
  report.origin = "test";
  return report;
}

Acknowledgement SubmitOne(ResultsService& service, formats::Submission submission) {
  std::vector<formats::Submission> batch{std::move(submission)};
  auto acks = service.Submit(batch, kReceivedAt);
  EXPECT_TRUE(acks) << acks.error().message;
  return acks->front();
}

// The detail of the violation `relation`, or "" when the acknowledgement has none.
std::string Violated(const Acknowledgement& ack, const std::string& relation) {
  for (const core::Violation& violation : ack.violations) {
    if (violation.relation == relation) return violation.detail;
  }
  return "";
}

StageChange Certification(const std::string& contest, Stage stage, const std::string& by, int round = 0) {
  return StageChange{contest, stage, "2022-11-25T12:00:00+06:00", by, "", round};
}

core::ContestIndex President(const ResultsService& service) { return service.night().plan().FindContest("president"); }

// Round one: x 600, y 500, z 400 of 1 500 valid; nobody has more than 50 %.
void CountRoundOne(ResultsService& service) {
  for (const std::string unit : {"s1", "s2", "s3"}) {
    EXPECT_EQ(SubmitOne(service, Turnout(unit, "10:00", 100, 1)).verdict, Verdict::kAccepted);
    EXPECT_EQ(SubmitOne(service, Turnout(unit, "close", 510, 1)).verdict, Verdict::kAccepted);
  }
  EXPECT_EQ(SubmitOne(service, Protocol("president", "s1", 1, {{"x", 200}, {"y", 150}, {"z", 150}})).verdict,
            Verdict::kAccepted);
  EXPECT_EQ(SubmitOne(service, Protocol("president", "s2", 1, {{"x", 200}, {"y", 150}, {"z", 150}})).verdict,
            Verdict::kAccepted);
}

TEST(RoundsTest, PresidentialNightWithARunoffHasRoundTwosOwnTurnoutBallotAndCertification) {
  auto service = OpenNight();
  const core::ElectionNight& night = service->night();
  CountRoundOne(*service);

  // Round one not counted in full: round two is not open yet.
  const Acknowledgement early = SubmitOne(*service, Protocol("president", "s1", 2, {{"x", 300}, {"y", 200}}));
  EXPECT_EQ(early.verdict, Verdict::kRejected);
  EXPECT_NE(Violated(early, "round-open").find("round 1 is neither counted in full nor certified final"),
            std::string::npos)
      << Violated(early, "round-open");
  EXPECT_EQ(SubmitOne(*service, Protocol("president", "s3", 1, {{"x", 200}, {"y", 200}, {"z", 100}})).verdict,
            Verdict::kAccepted);
  core::ContestStatus status = night.StatusOf(President(*service));
  ASSERT_TRUE(status.outcome);
  EXPECT_EQ(status.outcome->decision, core::Decision::kRunoffNeeded);
  EXPECT_EQ(status.round, 1);
  const core::RoundOpening opening = night.OpeningOf(President(*service), 2);
  ASSERT_TRUE(opening.open) << opening.why_not;
  EXPECT_EQ(opening.ballot, (std::vector<int>{0, 1})) << "x and y go to the runoff";

  // Round two cannot be certified before round one is final; round one is, by the CEC.
  const Status too_soon = night.CheckStageChange(Certification("president", Stage::kPreliminary, "c", 2));
  ASSERT_FALSE(too_soon);
  EXPECT_NE(too_soon.error().message.find("before round 1 is certified final"), std::string::npos)
      << too_soon.error().message;
  ASSERT_TRUE(service->Certify(Certification("president", Stage::kFinal, "c", 1)));
  EXPECT_EQ(night.StageOf(President(*service), 1), Stage::kFinal);
  EXPECT_EQ(night.CurrentRound(President(*service)), 2) << "round one's final stage opens the runoff";
  EXPECT_EQ(night.StageOf(President(*service)), Stage::kOpen) << "never final for round two by round one's certificate";

  // Round one is closed: a late correction and a late turnout report are refused, naming it.
  core::ProtocolSubmission late = Protocol("president", "s3", 1, {{"x", 201}, {"y", 199}, {"z", 100}});
  late.commission = "r2";
  late.reason = "recounted";
  const Acknowledgement late_ack = SubmitOne(*service, late);
  EXPECT_EQ(late_ack.verdict, Verdict::kRejected);
  EXPECT_NE(Violated(late_ack, "certified-final")
                .find("round 1 of contest 'president' is certified final by 'c' at "
                      "2022-11-25T12:00:00+06:00"),
            std::string::npos)
      << Violated(late_ack, "certified-final");
  const Acknowledgement late_turnout = SubmitOne(*service, Turnout("s3", "20:00", 400, 1));
  EXPECT_EQ(late_turnout.verdict, Verdict::kRejected);
  EXPECT_NE(Violated(late_turnout, "certified-final").find("round 1 of contest 'president'"), std::string::npos);

  // The runoff day's turnout: its own reports at the same hours, not corrections of round one's.
  for (const std::string unit : {"s1", "s2", "s3"}) {
    const Acknowledgement ten = SubmitOne(*service, Turnout(unit, "10:00", 80, 2));
    EXPECT_EQ(ten.verdict, Verdict::kAccepted) << (ten.violations.empty() ? "" : ten.violations[0].detail);
    EXPECT_EQ(ten.version, 1);
    EXPECT_FALSE(ten.correction);
    EXPECT_EQ(ten.what, "turnout " + unit + " at 10:00 (round 2)");
  }
  const core::GlobalUnit country = night.plan().FindUnit("c");
  EXPECT_EQ(night.turnout().At(country, 0, 2).issued, 240);
  EXPECT_EQ(night.turnout().At(country, 0, 1).issued, 300) << "round one's figures stay";

  // Round two's ballot: the two candidates only. A line for z is refused; no line for z is needed.
  const Acknowledgement eliminated =
      SubmitOne(*service, Protocol("president", "s1", 2, {{"x", 300}, {"y", 195}, {"z", 5}}));
  EXPECT_EQ(eliminated.verdict, Verdict::kRejected);
  EXPECT_NE(Violated(eliminated, "on-ballot").find("between x, y"), std::string::npos);
  EXPECT_NE(Violated(eliminated, "on-ballot").find("not on its ballot: z"), std::string::npos);
  EXPECT_EQ(Violated(eliminated, "options-exact"), "");
  EXPECT_EQ(SubmitOne(*service, Protocol("president", "s1", 2, {{"x", 300}, {"y", 200}})).verdict, Verdict::kAccepted);
  EXPECT_EQ(SubmitOne(*service, Protocol("president", "s2", 2, {{"x", 260}, {"y", 240}})).verdict, Verdict::kAccepted);
  EXPECT_EQ(SubmitOne(*service, Protocol("president", "s3", 2, {{"x", 200}, {"y", 300}})).verdict, Verdict::kAccepted);

  status = night.StatusOf(President(*service));
  ASSERT_TRUE(status.outcome) << status.outcome.error().message;
  EXPECT_EQ(status.round, 2);
  EXPECT_EQ(status.stage, Stage::kOpen);
  EXPECT_EQ(status.outcome->decision, core::Decision::kDecided);
  EXPECT_EQ(status.outcome->winners, std::vector<std::string>{"x"});
  const std::string text =
      formats::OutcomeToText(service->election(), *status.contest, *status.outcome, core::Language::kEnglish);
  const std::string round_two = text.substr(text.find("round 2:"));
  EXPECT_EQ(round_two.find("Candidate Z"), std::string::npos) << text;
  EXPECT_NE(round_two.find("Candidate Y"), std::string::npos) << text;
  EXPECT_NE(text.find("majority needed: more than 50 % of 1 500 = 751 votes; the leader has 600 (40.00 %) -> not "
                      "reached"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("repeat vote: the most votes win; the leader has 760 of 1 500 (50.67 %)"), std::string::npos)
      << text;

  // Certification of round two, by default the current round.
  ASSERT_TRUE(service->Certify(Certification("president", Stage::kPreliminary, "c")));
  EXPECT_EQ(night.StageOf(President(*service)), Stage::kPreliminary);
  ASSERT_TRUE(service->Certify(Certification("president", Stage::kFinal, "c")));
  EXPECT_EQ(night.StageOf(President(*service), 2), Stage::kFinal);
  const Acknowledgement closed = SubmitOne(*service, Turnout("s1", "12:00", 90, 2));
  EXPECT_NE(Violated(closed, "certified-final").find("round 2 of contest 'president'"), std::string::npos);
  ASSERT_EQ(night.StageHistory(President(*service)).size(), 3u);
  EXPECT_EQ(night.StageHistory(President(*service))[1].round, 2) << "stored with the round it closes";

  // Replaying the store judges everything alike.
  const Result<service::RebuildReport> rebuilt = service->Rebuild(false);
  ASSERT_TRUE(rebuilt) << rebuilt.error().message;
  EXPECT_EQ(rebuilt->verdict_disagreements, 0);
  EXPECT_TRUE(rebuilt->differences.empty());
}

TEST(RoundsTest, RoundTwoIsNotOpenWhenRoundOneIsDecided) {
  auto service = OpenNight();
  for (const std::string unit : {"s1", "s2", "s3"}) {
    ASSERT_EQ(SubmitOne(*service, Protocol("president", unit, 1, {{"x", 400}, {"y", 50}, {"z", 50}})).verdict,
              Verdict::kAccepted);
  }
  const Acknowledgement ack = SubmitOne(*service, Protocol("president", "s1", 2, {{"x", 300}, {"y", 200}}));
  EXPECT_EQ(ack.verdict, Verdict::kRejected);
  EXPECT_NE(Violated(ack, "round-open").find("round 1's outcome is 'decided', not a runoff"), std::string::npos)
      << Violated(ack, "round-open");
  const Acknowledgement turnout = SubmitOne(*service, Turnout("s3", "10:00", 80, 2));
  EXPECT_EQ(turnout.verdict, Verdict::kRejected);
  EXPECT_NE(Violated(turnout, "round-open").find("round 2 of contest 'president' is not open"), std::string::npos);
  const Acknowledgement no_day = SubmitOne(*service, Turnout("s3", "10:00", 80, 3));
  EXPECT_NE(Violated(no_day, "known-round"), "");
  const Status round_two = service->night().CheckStageChange(Certification("president", Stage::kPreliminary, "c", 2));
  EXPECT_FALSE(round_two);
}

TEST(RoundsTest, EachContestIsCertifiedByItsOwnCommissionOnly) {
  auto service = OpenNight();
  for (const std::string unit : {"s1", "s2"}) {
    ASSERT_EQ(SubmitOne(*service, Protocol("council", unit, 1, {{"p", 300}, {"q", 200}})).verdict, Verdict::kAccepted);
    ASSERT_EQ(SubmitOne(*service, Protocol("akim", unit, 1, {{"m", 300}, {"n", 200}})).verdict, Verdict::kAccepted);
  }
  const core::ElectionNight& night = service->night();
  EXPECT_EQ(service->election().CertifierOf(*service->election().FindContest("president")), "c");
  EXPECT_EQ(service->election().CertifierOf(*service->election().FindContest("council")), "r1");

  // Another commission (the CEC above it, a lower one) may not; the error names who may.
  for (const std::string by : {"c", "t1", "r2"}) {
    const Status refused = service->Certify(Certification("council", Stage::kFinal, by));
    ASSERT_FALSE(refused) << by;
    EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(refused.error().message.find("certified by the commission of 'r1' only"), std::string::npos);
  }
  const Status akim_by_city = service->Certify(Certification("akim", Stage::kFinal, "r1"));
  ASSERT_FALSE(akim_by_city);
  EXPECT_NE(akim_by_city.error().message.find("'t1' only"), std::string::npos);
  EXPECT_EQ(night.StageOf(night.plan().FindContest("council")), Stage::kOpen) << "nothing applied";

  // Unknown contest, a round that does not exist.
  EXPECT_EQ(service->Certify(Certification("mayor", Stage::kFinal, "c")).error().code, ErrorCode::kNotFound);
  const Status no_round = service->Certify(Certification("council", Stage::kFinal, "r1", 2));
  ASSERT_FALSE(no_round);
  EXPECT_EQ(no_round.error().code, ErrorCode::kNotFound);
  EXPECT_NE(no_round.error().message.find("has no round 2 (rounds 1..1)"), std::string::npos);

  // The city commission certifies its council, the territorial commission its akim.
  ASSERT_TRUE(service->Certify(Certification("council", Stage::kFinal, "r1")));
  ASSERT_TRUE(service->Certify(Certification("akim", Stage::kFinal, "t1")));
  EXPECT_EQ(night.StageOf(night.plan().FindContest("council")), Stage::kFinal);
  EXPECT_EQ(night.StageOf(night.plan().FindContest("akim")), Stage::kFinal);
}

TEST(RoundsTest, SignedCertificationNeedsTheKeyOfTheCertifyingCommission) {
  auto service = OpenNight();
  for (const std::string commission : {"c", "r1", "t1"}) {
    const crypto::KeyPair key = testing::FixtureKey(commission);
    ASSERT_TRUE(service->AddKey(commission, key.public_key, kReceivedAt));
  }
  for (const std::string unit : {"s1", "s2"}) {
    ASSERT_EQ(SubmitOne(*service, Protocol("council", unit, 1, {{"p", 300}, {"q", 200}})).verdict, Verdict::kAccepted);
  }
  testing::FixtureSigners signers;
  const auto certify = [&](const std::string& commission, const std::string& body) {
    intake::SignedSubmission submission;
    submission.envelope = signers.Sign(commission, body);
    submission.signature_valid = crypto::VerifyEnvelope(submission.envelope);
    return service->CertifySigned(submission, kReceivedAt);
  };
  const std::string final_council = R"({"contest":"council","stage":"final"})";

  for (const std::string commission : {"c", "t1"}) {
    Result<Acknowledgement> refused = certify(commission, final_council);
    ASSERT_TRUE(refused) << refused.error().message;
    ASSERT_TRUE(refused->refused) << commission;
    EXPECT_EQ(refused->refused->reason, intake::Refusal::kNotAuthorised);
    EXPECT_NE(refused->refused->message.find("certified by the commission of 'r1' only; this is signed by '" +
                                             commission + "'"),
              std::string::npos)
        << refused->refused->message;
  }
  Result<Acknowledgement> unknown = certify("r1", R"({"contest":"mayor","stage":"final"})");
  ASSERT_TRUE(unknown && unknown->refused);
  EXPECT_EQ(unknown->refused->reason, intake::Refusal::kUnknownContest);
  Result<Acknowledgement> no_round = certify("r1", R"({"contest":"council","stage":"final","round":3})");
  ASSERT_TRUE(no_round && no_round->refused);
  EXPECT_EQ(no_round->refused->reason, intake::Refusal::kNotAllowed);
  Result<Acknowledgement> bad_round = certify("r1", R"({"contest":"council","stage":"final","round":"one"})");
  ASSERT_TRUE(bad_round && bad_round->refused);
  EXPECT_EQ(bad_round->refused->reason, intake::Refusal::kMalformed);

  Result<Acknowledgement> accepted = certify("r1", final_council);
  ASSERT_TRUE(accepted) << accepted.error().message;
  EXPECT_FALSE(accepted->refused) << accepted->refused->message;
  EXPECT_EQ(service->night().StageOf(service->night().plan().FindContest("council")), Stage::kFinal);
}

TEST(RoundsTest, TheDefinitionNamesACertifierAtOrAboveTheContest) {
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string changed = kDefinition;
    changed.replace(changed.find(from), from.size(), to);
    return formats::ParseDefinition(changed, "runoff.toml");
  };
  const Result<core::Election> unknown = with("certified_by = \"r1\"", "certified_by = \"r9\"");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("runoff.toml:"), std::string::npos) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("certified by unit 'r9', which does not exist"), std::string::npos)
      << unknown.error().message;
  const Result<core::Election> below = with("certified_by = \"r1\"", "certified_by = \"t1\"");
  ASSERT_FALSE(below);
  EXPECT_NE(below.error().message.find("the commission of 't1' is not at or above it"), std::string::npos)
      << below.error().message;
  const Result<core::Election> aside = with("certified_by = \"t1\"", "certified_by = \"r2\"");
  ASSERT_FALSE(aside);
  EXPECT_NE(aside.error().message.find("'r2' is not at or above it"), std::string::npos);
  const Result<core::Election> not_text = with("certified_by = \"r1\"", "certified_by = 7");
  EXPECT_FALSE(not_text);
}

TEST(RoundsTest, TurnoutAndCertificationsCarryTheirRoundThroughTheirJson) {
  core::TurnoutSubmission report = Turnout("s1", "10:00", 80, 2);
  const std::string body = formats::EncodeTurnout(report);
  EXPECT_NE(body.find("\"round\":2"), std::string::npos) << body;
  Result<core::TurnoutSubmission> decoded = formats::DecodeTurnout(body);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->round, 2);
  EXPECT_EQ(formats::EncodeTurnout(Turnout("s1", "10:00", 80, 1)).find("round"), std::string::npos)
      << "round one's bodies as before rounds";
  Result<core::TurnoutSubmission> negative = formats::DecodeTurnout(R"({"unit":"s1","time":"10:00","round":-1})");
  EXPECT_FALSE(negative);
  const std::string change = formats::EncodeStageChange(Certification("president", Stage::kFinal, "c", 1));
  Result<core::StageChange> read = formats::DecodeStageChange(change);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->round, 1);
  Result<core::StageChange> current = formats::DecodeStageChange(R"({"contest":"president","stage":"final"})");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->round, 0) << "no round: the contest's current round";
}

}  // namespace
}  // namespace saylau
