// An observer's "counting not observed" report end to end (issue 19, item 7): accepted on the
// signed fixture night, kept through a reopened SQLite store, a resend refused, published in
// observer-reports.json and in the API's shape, verified clean by saylau verify (recomputed from
// the log, listed in the findings); a dropped report or an edited note fails verify at its place.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "saylau/bundle/documents.h"
#include "saylau/publish/publish.h"
#include "saylau/store/sqlite_store.h"
#include "saylau/verify/verify.h"
#include "signed_night_fixture.h"

namespace saylau::bundle {
namespace {

using nlohmann::json;
using saylau::testing::FixtureFiles;
using saylau::testing::FixtureKey;
using saylau::testing::ReceivedSigned;
using saylau::testing::TempDirectory;

constexpr char kReport[] =
    R"({"contest":"list","unit":"s2","observation":"counting-not-observed","observed_at":"2023-03-19T20:40:00+06:00","note":"Asked to wait in the corridor during the count"})";

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

VerifyReport Verify(const std::string& dir) {
  VerifyOptions options;
  options.dir = dir;
  options.log_key = crypto::ToBase64(FixtureKey("log").public_key);
  options.threads = 2;
  return VerifyBundle(options);
}

const CheckLine* FindCheck(const VerifyReport& report, const std::string& prefix) {
  for (const CheckLine& line : report.checks) {
    if (line.what.rfind(prefix, 0) == 0) return &line;
  }
  return nullptr;
}

class ObserverReportsBundleTest : public ::testing::Test {
 protected:
  // The signed night with the report, on SQLite, then reopened (so the report is replayed).
  void SetUp() override {
    database_ = (std::filesystem::path(work_.path()) / "night.db").string();
    std::filesystem::create_directories(work_.path());
    {
      auto created = store::CreateSqliteStore(database_, FixtureFiles());
      ASSERT_TRUE(created) << created.error().message;
      auto service = service::ResultsService::Open(std::move(*created));
      ASSERT_TRUE(service) << service.error().message;
      ASSERT_NO_FATAL_FAILURE(saylau::testing::RecordSignedNight(**service));
      report_ = signers_.SignAt("obs", 2, kReport);  // the night's copy was obs's first
      Result<std::vector<service::Acknowledgement>> acks =
          (*service)->ObserveSigned(std::vector{ReceivedSigned(report_)}, saylau::testing::kNightReceivedAt);
      ASSERT_TRUE(acks) << acks.error().message;
      ASSERT_FALSE(acks->front().refused) << acks->front().refused->message;
      EXPECT_EQ(acks->front().what, "observer report counting-not-observed list at s2");
      EXPECT_EQ(acks->front().seq, 7);
    }
    auto opened = store::OpenSqliteStore(database_);
    ASSERT_TRUE(opened) << opened.error().message;
    auto service = service::ResultsService::Open(std::move(*opened));
    ASSERT_TRUE(service) << service.error().message;
    service_ = std::move(*service);
  }

  TempDirectory work_;
  std::string database_;
  saylau::testing::FixtureSigners signers_;
  crypto::Envelope report_;
  std::unique_ptr<service::ResultsService> service_;
};

TEST_F(ObserverReportsBundleTest, AReportIsKeptThroughAReplayAndAResendIsRefused) {
  const std::vector<intake::ObserverReportEntry> reports = service_->ObserverReports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].seq, 7);
  EXPECT_EQ(reports[0].observer, "obs");
  EXPECT_EQ(reports[0].organisation, "Citizens' Watch");
  EXPECT_EQ(reports[0].unit, "s2");
  EXPECT_EQ(reports[0].region, "r1");
  EXPECT_EQ(reports[0].reason, core::ObservationReason::kCountingNotObserved);
  EXPECT_EQ(reports[0].note, "Asked to wait in the corridor during the count");
  EXPECT_TRUE(service_->ObserverFlags().size() == 1) << "the copy's flag is unchanged";

  Result<std::vector<service::Acknowledgement>> resent =
      service_->ObserveSigned(std::vector{ReceivedSigned(report_)}, saylau::testing::kNightReceivedAt);
  ASSERT_TRUE(resent) << resent.error().message;
  ASSERT_TRUE(resent->front().refused);
  EXPECT_EQ(resent->front().refused->reason, intake::Refusal::kReplay);
  EXPECT_EQ(service_->ObserverReports().size(), 1u);

  const json document = ReportsDocument(service_->ObserverReports());
  EXPECT_EQ(document["by_reason"]["counting-not-observed"], 1);
  EXPECT_EQ(document["by_reason"]["denied-access"], 0);
  EXPECT_EQ(document["by_region"]["r1"]["counting-not-observed"], 1);
}

TEST_F(ObserverReportsBundleTest, TheReportIsPublishedAndVerified) {
  const std::string dir = (std::filesystem::path(work_.path()) / "bundle").string();
  const crypto::KeyPair log_key = FixtureKey("log");
  Result<PublishSummary> summary = WriteBundle(*service_, dir, "saylau test", &log_key);
  ASSERT_TRUE(summary) << summary.error().message;
  const json published = json::parse(ReadText(std::filesystem::path(dir) / "observer-reports.json"));
  ASSERT_EQ(published["reports"].size(), 1u);
  EXPECT_EQ(published["reports"][0]["observation"], "counting-not-observed");
  EXPECT_EQ(published["reports"][0]["unit"], "s2");
  EXPECT_EQ(published["reports"][0]["observed_at"], "2023-03-19T20:40:00+06:00");

  const VerifyReport clean = Verify(dir);
  EXPECT_TRUE(clean.ok()) << Joined(clean.failures);
  const CheckLine* line = FindCheck(clean, "observers' reports");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->checked, 1);
  EXPECT_EQ(line->failed, 0);
  EXPECT_EQ(line->detail, "1 report without figures");
  EXPECT_NE(Joined(clean.findings)
                .find("station s2 (list): observer 'obs' (Citizens' Watch) reports "
                      "counting-not-observed at 2023-03-19T20:40:00+06:00: Asked to wait"),
            std::string::npos)
      << Joined(clean.findings);

  // Dropped from the published list: the recomputation still has it, at its place.
  json dropped = published;
  dropped["reports"] = json::array();
  WriteText(std::filesystem::path(dir) / "observer-reports.json", dropped.dump(1) + "\n");
  const VerifyReport without = Verify(dir);
  EXPECT_FALSE(without.ok());
  EXPECT_EQ(FindCheck(without, "observers' reports")->failed, 1);
  EXPECT_NE(Joined(without.failures).find("observer-reports.json"), std::string::npos) << Joined(without.failures);
  EXPECT_NE(Joined(without.failures).find("/reports/0"), std::string::npos) << Joined(without.failures);
  WriteText(std::filesystem::path(dir) / "observer-reports.json", published.dump(1) + "\n");

  // The note edited in the log: its signature no longer holds, at that entry.
  const std::filesystem::path entries = std::filesystem::path(dir) / "log" / "entries.jsonl";
  const std::string log = ReadText(entries);
  std::string tampered = log;
  const std::size_t at = tampered.find("during the count");
  ASSERT_NE(at, std::string::npos);
  tampered.replace(at, 6, "before");
  WriteText(entries, tampered);
  const VerifyReport edited = Verify(dir);
  EXPECT_FALSE(edited.ok());
  EXPECT_NE(Joined(edited.failures).find("entries.jsonl:7"), std::string::npos) << Joined(edited.failures);
}

}  // namespace
}  // namespace saylau::bundle
