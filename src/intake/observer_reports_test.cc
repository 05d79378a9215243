// Tests of observers' reports without figures ("counting not observed", ...): the format (JSON
// body, CSV and JSON Lines files, canonical text), admission on the fixture election with every
// hostile case refused by name, and the kept list (latest per reason, regions).
#include "saylau/intake/observer_reports.h"

#include <gtest/gtest.h>

#include "saylau/formats/observer_report_json.h"
#include "saylau/intake/admission.h"
#include "saylau/intake/key_registry.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau::intake {
namespace {

using testing::FixtureElection;
using testing::FixtureKey;

constexpr const char* kNotObserved =
    R"({"contest":"list","unit":"s1","observation":"counting-not-observed","observed_at":"2023-03-19T20:40:00+06:00","note":"Asked to wait in the corridor"})";

class ObserverReportsTest : public ::testing::Test {
 protected:
  ObserverReportsTest() : night_(FixtureElection()) {
    keys_.Add(crypto::ToBase64(FixtureKey("s1").public_key), "s1", false);
    keys_.Add(crypto::ToBase64(FixtureKey("watcher").public_key), "watcher", true);
  }

  Admission<Observation> Admit(const std::string& signer, std::string body) {
    crypto::Envelope envelope = signers_.Sign(signer, std::move(body));
    const bool valid = crypto::VerifyEnvelope(envelope);
    return AdmitObservation({std::move(envelope), valid, std::nullopt}, keys_, night_, {tree_, 0, ""});
  }

  // The refusal's reason and message; fails the test when admitted.
  Refused RefusalFor(const std::string& body) {
    const Admission<Observation> admitted = Admit("watcher", body);
    const Refused* refused = RefusalOf(admitted);
    EXPECT_NE(refused, nullptr) << "admitted: " << body;
    return refused == nullptr ? Refused{} : *refused;
  }

  core::ElectionNight night_;
  KeyRegistry keys_;
  testing::FixtureSigners signers_;
  ledger::MerkleTree tree_;
};

TEST_F(ObserverReportsTest, ACountingNotObservedReportIsAdmittedWithTheSignerAsObserver) {
  const Admission<Observation> admitted = Admit("watcher", kNotObserved);
  ASSERT_EQ(RefusalOf(admitted), nullptr) << RefusalOf(admitted)->message;
  const auto& report = std::get<core::ObserverReport>(std::get<Observation>(admitted));
  EXPECT_EQ(report.observer, "watcher");
  EXPECT_EQ(report.contest, "list");
  EXPECT_EQ(report.unit, "s1");
  EXPECT_EQ(report.round, 1);
  EXPECT_EQ(report.reason, core::ObservationReason::kCountingNotObserved);
  EXPECT_EQ(report.observed_at, "2023-03-19T20:40:00+06:00");
  EXPECT_EQ(report.note, "Asked to wait in the corridor");
}

TEST_F(ObserverReportsTest, HostileReportsAreRefusedNamingTheField) {
  const std::string where = R"("contest":"list","unit":"s1","observed_at":"2023-03-19T20:40Z")";
  Refused refused = RefusalFor("{" + where + R"(,"observation":"bribed-the-cat"})");
  EXPECT_EQ(refused.reason, Refusal::kMalformed);
  EXPECT_NE(refused.message.find("unknown reason 'bribed-the-cat'"), std::string::npos) << refused.message;
  EXPECT_NE(refused.message.find("counting-not-observed"), std::string::npos) << refused.message;

  refused = RefusalFor("{" + where + R"(,"observation":"other","note":")" + std::string(1001, 'x') + "\"}");
  EXPECT_EQ(refused.reason, Refusal::kMalformed);
  EXPECT_NE(refused.message.find("field 'note': 1001 bytes, more than the 1000"), std::string::npos) << refused.message;

  refused = RefusalFor("{" + where + ",\"observation\":\"other\",\"note\":\"bad \xC3\x28 byte\"}");
  EXPECT_EQ(refused.reason, Refusal::kMalformed);
  EXPECT_NE(refused.message.find("not UTF-8"), std::string::npos) << refused.message;

  refused = RefusalFor("{" + where + R"(,"observation":"other"})");
  EXPECT_NE(refused.message.find("'other' needs a note"), std::string::npos) << refused.message;

  refused = RefusalFor("{" + where + R"(,"observation":"counting-not-observed","lines":{"a":400}})");
  EXPECT_EQ(refused.reason, Refusal::kMalformed);
  EXPECT_NE(refused.message.find("field 'lines'"), std::string::npos) << refused.message;
  EXPECT_NE(refused.message.find("without figures"), std::string::npos) << refused.message;

  refused =
      RefusalFor(R"({"contest":"list","unit":"s1","observed_at":"19.03.2023 20:40","observation":"denied-access"})");
  EXPECT_NE(refused.message.find("field 'observed_at'"), std::string::npos) << refused.message;

  refused = RefusalFor(R"({"contest":"list","unit":"s1","observation":"denied-access"})");
  EXPECT_NE(refused.message.find("field 'observed_at'"), std::string::npos) << refused.message;

  refused = RefusalFor("{" + where + R"(,"observation":7})");
  EXPECT_NE(refused.message.find("field 'observation' must be a string"), std::string::npos) << refused.message;

  refused =
      RefusalFor(R"({"contest":"list","unit":"s9","observed_at":"2023-03-19T20:40Z","observation":"denied-access"})");
  EXPECT_EQ(refused.reason, Refusal::kUnknownUnit);
  refused =
      RefusalFor(R"({"contest":"list","unit":"r1","observed_at":"2023-03-19T20:40Z","observation":"denied-access"})");
  EXPECT_EQ(refused.reason, Refusal::kUnknownUnit);
  EXPECT_NE(refused.message.find("not a polling station"), std::string::npos) << refused.message;
  refused =
      RefusalFor(R"({"contest":"nope","unit":"s1","observed_at":"2023-03-19T20:40Z","observation":"denied-access"})");
  EXPECT_EQ(refused.reason, Refusal::kUnknownContest);
  refused = RefusalFor("{" + where + R"(,"round":7,"observation":"denied-access"})");
  EXPECT_EQ(refused.reason, Refusal::kMalformed);
  EXPECT_NE(refused.message.find("round 7"), std::string::npos) << refused.message;
  refused = RefusalFor("{" + where + R"(,"round":0,"observation":"denied-access"})");
  EXPECT_NE(refused.message.find("field 'round'"), std::string::npos) << refused.message;
}

TEST_F(ObserverReportsTest, OnlyAnObserversKeyReports) {
  const Admission<Observation> admitted = Admit("s1", kNotObserved);
  ASSERT_NE(RefusalOf(admitted), nullptr);
  EXPECT_EQ(RefusalOf(admitted)->reason, Refusal::kNotAuthorised);
}

TEST_F(ObserverReportsTest, TheCanonicalTextReadsBackTheSame) {
  Result<std::optional<core::ObserverReport>> parsed = formats::ParseObserverReportJson(kNotObserved, "t");
  ASSERT_TRUE(parsed && *parsed);
  (*parsed)->observer = "watcher";
  const std::string text = formats::EncodeObserverReport(**parsed);
  EXPECT_EQ(
      text,
      R"({"commission":"watcher","contest":"list","note":"Asked to wait in the corridor","observation":"counting-not-observed","observed_at":"2023-03-19T20:40:00+06:00","round":1,"unit":"s1"})");
  Result<std::optional<core::ObserverReport>> again = formats::ParseObserverReportJson(text, "t");
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->observer, "watcher");
  EXPECT_EQ(formats::EncodeObserverReport(**again), text);
  // A copy of figures is not a report.
  Result<std::optional<core::ObserverReport>> copy =
      formats::ParseObserverReportJson(R"({"contest":"list","unit":"s1","lines":{"a":1}})", "t");
  ASSERT_TRUE(copy);
  EXPECT_FALSE(copy->has_value());
}

TEST_F(ObserverReportsTest, FilesOfReportsAreReadWholeOrRefusedAtTheirLine) {
  const std::string csv =
      "contest,unit,observation,observed_at,note\n"
      "list,s1,counting-not-observed,2023-03-19T20:40+06:00,\"Kept behind a rope, 6 m away\"\n"
      "seat,s3,copy-of-protocol-refused,2023-03-19T22:05+06:00,\n";
  ASSERT_TRUE(formats::IsObserverReportsFile(csv, "reports.csv"));
  Result<std::vector<core::ObserverReport>> read = formats::ReadObserverReports(csv, "reports.csv");
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].note, "Kept behind a rope, 6 m away");
  EXPECT_EQ((*read)[0].origin, "reports.csv:2");
  EXPECT_EQ((*read)[1].reason, core::ObservationReason::kCopyOfProtocolRefused);

  const auto error_of = [](const std::string& text, const std::string& name) {
    Result<std::vector<core::ObserverReport>> got = formats::ReadObserverReports(text, name);
    EXPECT_FALSE(got) << text;
    return got ? std::string() : got.error().message;
  };
  EXPECT_NE(error_of(csv + "list,s2,asleep,2023-03-19T20:40Z,\n", "r.csv").find("r.csv:4: field 'observation'"),
            std::string::npos);
  EXPECT_NE(error_of("contest,unit,observation,observed_at,a\nlist,s1,denied-access,2023-03-19T20:40Z,400\n", "r.csv")
                .find("r.csv:1: column 'a'"),
            std::string::npos);
  EXPECT_NE(error_of(csv + "list,s2,other,2023-03-19T20:40Z,\xFF\n", "r.csv").find("r.csv:4: not UTF-8"),
            std::string::npos);
  EXPECT_NE(error_of(csv + "list,s2\n", "r.csv").find("r.csv:4: 2 fields"), std::string::npos);

  const std::string jsonl = std::string(kNotObserved) + "\n\n" + R"({"contest":"list","unit":"s1","lines":{"a":1}})";
  ASSERT_TRUE(formats::IsObserverReportsFile(jsonl, "r.jsonl"));
  EXPECT_NE(error_of(jsonl, "r.jsonl").find("r.jsonl:3: not an observer's report"), std::string::npos);
  EXPECT_FALSE(formats::IsObserverReportsFile("contest,unit,a,b\nlist,s1,1,2\n", "p.csv"));
  EXPECT_FALSE(formats::IsObserverReportsFile(R"({"contest":"list","unit":"s1","lines":{"a":1}})", "p.jsonl"));
}

TEST_F(ObserverReportsTest, TheLatestReportPerReasonIsKeptWithItsRegion) {
  ObserverReports reports;
  core::ObserverReport report;
  report.contest = "list";
  report.unit = "s1";
  report.observer = "watcher";
  report.observed_at = "2023-03-19T20:40Z";
  reports.Record(3, report, night_);
  report.reason = core::ObservationReason::kCopyOfProtocolRefused;
  reports.Record(4, report, night_);
  report.reason = core::ObservationReason::kCountingNotObserved;
  report.note = "resent with a note";
  reports.Record(9, report, night_);  // replaces seq 3, keeps its place
  report.unit = "s3";
  reports.Record(10, report, night_);
  const std::vector<ObserverReportEntry> list =
      reports.List([](const std::string& observer) { return observer == "watcher" ? "Watchers' union" : ""; });
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].seq, 9);
  EXPECT_EQ(list[0].note, "resent with a note");
  EXPECT_EQ(list[0].region, "r1");
  EXPECT_EQ(list[0].organisation, "Watchers' union");
  EXPECT_EQ(list[1].reason, core::ObservationReason::kCopyOfProtocolRefused);
  EXPECT_EQ(list[2].unit, "s3");
  EXPECT_EQ(list[2].region, "r2");
}

}  // namespace
}  // namespace saylau::intake
