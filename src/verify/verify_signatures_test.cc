// saylau verify's two ways of checking signatures (verify.h's batch_signatures): up to 64 at
// once and one at a time give the same report, on the untouched signed fixture night and with
// an entry whose signed body was changed (named by its line either way), for 1 and 2 workers.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "saylau/publish/publish.h"
#include "saylau/store/store.h"
#include "saylau/verify/verify.h"
#include "signed_night_fixture.h"

namespace saylau::bundle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class VerifySignaturesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<service::ResultsService>> service =
        service::ResultsService::Open(store::CreateMemoryStore(saylau::testing::FixtureFiles()));
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_NO_FATAL_FAILURE(saylau::testing::RecordSignedNight(**service));
    const crypto::KeyPair log_key = saylau::testing::FixtureKey("log");
    Result<PublishSummary> summary = WriteBundle(**service, dir_.path(), "saylau test", &log_key);
    ASSERT_TRUE(summary) << summary.error().message;
  }

  VerifyReport Verify(bool batch, int threads) const {
    VerifyOptions options;
    options.dir = dir_.path();
    options.log_key = crypto::ToBase64(saylau::testing::FixtureKey("log").public_key);
    options.threads = threads;
    options.batch_signatures = batch;
    VerifyReport report;
    EXPECT_NO_THROW(report = VerifyBundle(options));
    EXPECT_EQ(report.batch_signatures, batch);
    return report;
  }

  // Both ways, 1 and 2 workers: the same failures and the same counts on every line.
  VerifyReport VerifyBothWays() const {
    const VerifyReport reference = Verify(true, 2);
    for (const bool batch : {true, false}) {
      for (const int threads : {1, 2}) {
        const VerifyReport report = Verify(batch, threads);
        EXPECT_EQ(report.failures, reference.failures) << "batch " << batch << ", threads " << threads;
        EXPECT_EQ(report.signatures, reference.signatures);
        EXPECT_EQ(report.checks.size(), reference.checks.size());
        for (std::size_t i = 0; i < report.checks.size() && i < reference.checks.size(); ++i) {
          EXPECT_EQ(report.checks[i].what, reference.checks[i].what);
          EXPECT_EQ(report.checks[i].checked, reference.checks[i].checked) << report.checks[i].what;
          EXPECT_EQ(report.checks[i].failed, reference.checks[i].failed) << report.checks[i].what;
        }
      }
    }
    return reference;
  }

  saylau::testing::TempDirectory dir_;
};

TEST_F(VerifySignaturesTest, TheUntouchedNightVerifiesBothWays) {
  const VerifyReport report = VerifyBothWays();
  EXPECT_TRUE(report.ok());
  EXPECT_GE(report.signatures, 4);  // enough for one combined equation
}

TEST_F(VerifySignaturesTest, AChangedSignedBodyIsNamedBothWays) {
  const fs::path entries = fs::path(dir_.path()) / "log/entries.jsonl";
  std::vector<std::string> lines;
  {
    std::ifstream in(entries, std::ios::binary);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  ASSERT_GE(lines.size(), 2u);
  json entry = json::parse(lines[1]);
  ASSERT_TRUE(entry.contains("signature")) << lines[1];
  std::string body = entry["body"].get<std::string>();
  const std::size_t at = body.find("300");
  ASSERT_NE(at, std::string::npos) << body;
  body.replace(at, 3, "301");
  entry["body"] = body;
  lines[1] = entry.dump();
  {
    std::ofstream out(entries, std::ios::binary | std::ios::trunc);
    for (const std::string& line : lines) out << line << "\n";
  }
  const VerifyReport report = VerifyBothWays();
  EXPECT_FALSE(report.ok());
  bool named = false;
  for (const std::string& failure : report.failures) {
    named |= failure.rfind("log/entries.jsonl:2", 0) == 0 && failure.find("the signature does not verify") != std::string::npos;
  }
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace saylau::bundle
