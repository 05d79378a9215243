// saylau publish in process (publish.h): a signed night on the fixture election, written with
// WriteBundle and the log key, verifies clean with VerifyBundle and its summary counts what
// was stored; a directory that already has a file is refused; WriteOpenData writes a header
// and one row per counted station and option. Every tamper of a bundle is verify_test.cc's;
// the same night through the binary and nginx is tests/bundle_test.sh.
#include "saylau/publish/publish.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "saylau/ledger/merkle.h"
#include "saylau/store/store.h"
#include "saylau/verify/verify.h"
#include "signed_night_fixture.h"

namespace saylau::bundle {
namespace {

using saylau::testing::FixtureFiles;
using saylau::testing::FixtureKey;
using saylau::testing::TempDirectory;

std::unique_ptr<service::ResultsService> SignedNight() {
  Result<std::unique_ptr<service::ResultsService>> service =
      service::ResultsService::Open(store::CreateMemoryStore(FixtureFiles()));
  EXPECT_TRUE(service) << service.error().message;
  if (!service) return nullptr;
  saylau::testing::RecordSignedNight(**service);
  return std::move(*service);
}

const CheckLine* FindCheck(const VerifyReport& report, const std::string& prefix) {
  for (const CheckLine& line : report.checks) {
    if (line.what.rfind(prefix, 0) == 0) return &line;
  }
  return nullptr;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST(PublishTest, ASignedNightPublishedWithTheLogKeyVerifiesClean) {
  std::unique_ptr<service::ResultsService> service = SignedNight();
  ASSERT_NE(service, nullptr);
  if (HasFatalFailure()) return;
  TempDirectory dir;
  const crypto::KeyPair log_key = FixtureKey("log");
  Result<PublishSummary> summary = WriteBundle(*service, dir.path(), "saylau test", &log_key);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->entries, 6);  // 3 accepted + 1 rejected protocol, a certification, a copy
  EXPECT_EQ(summary->heads, 3);    // one per commit: the batch, the certification, the copy
  EXPECT_EQ(summary->contests, 3);
  EXPECT_EQ(summary->flags, 1);
  EXPECT_EQ(summary->open_data_rows, 6);  // three stations, options a and b
  EXPECT_EQ(summary->photos, 0);
  EXPECT_TRUE(summary->manifest_signed);
  for (const char* file : {"README.md", "definition/files.json", "keys.json", "observers.json", "log/entries.jsonl",
                           "log/heads.jsonl", "results/list.json", "results/seat.json", "results/ref.json",
                           "observer-flags.json", "open-data/protocols.csv", "open-data/nist-1500-100.json",
                           "manifest.json", "manifest.sig"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::path(dir.path()) / file)) << file;
  }

  VerifyOptions options;
  options.dir = dir.path();
  options.log_key = crypto::ToBase64(log_key.public_key);
  options.threads = 2;
  const VerifyReport report = VerifyBundle(options);
  EXPECT_TRUE(report.ok()) << Joined(report.failures);
  EXPECT_EQ(report.signatures, 6);
  for (const char* name : {"signatures", "results and seats", "observers' flags", "signed manifest",
                           "signed tree heads", "certifications", "protocols re-judged"}) {
    const CheckLine* line = FindCheck(report, name);
    ASSERT_NE(line, nullptr) << name;
    EXPECT_GT(line->checked, 0) << name;
    EXPECT_EQ(line->failed, 0) << name;
  }
  EXPECT_EQ(FindCheck(report, "observers' flags")->detail, "1 station flagged");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].find("station s1 (list): observer 'obs'"), std::string::npos) << report.findings[0];
  EXPECT_NE(report.findings[0].find("a: counted 400, observer's copy 390"), std::string::npos) << report.findings[0];
}

TEST(PublishTest, ADirectoryThatAlreadyHasAFileIsRefused) {
  std::unique_ptr<service::ResultsService> service = SignedNight();
  ASSERT_NE(service, nullptr);
  if (HasFatalFailure()) return;
  TempDirectory dir;
  std::filesystem::create_directories(dir.path());
  std::ofstream(std::filesystem::path(dir.path()) / "notes.txt") << "mine\n";
  Result<PublishSummary> summary = WriteBundle(*service, dir.path(), "saylau test");
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kAlreadyExists) << summary.error().message;
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir.path()) / "log")) << "nothing is written";
}

TEST(PublishTest, AnotherLogKeyThanTheHeadsIsRefused) {
  std::unique_ptr<service::ResultsService> service = SignedNight();
  ASSERT_NE(service, nullptr);
  if (HasFatalFailure()) return;
  TempDirectory dir;
  const crypto::KeyPair other = FixtureKey("other-log");
  Result<PublishSummary> summary = WriteBundle(*service, dir.path(), "saylau test", &other);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kFailedPrecondition) << summary.error().message;
}

TEST(PublishTest, OpenDataHasAHeaderAndOneRowPerCountedStationAndOption) {
  std::unique_ptr<service::ResultsService> service = SignedNight();
  ASSERT_NE(service, nullptr);
  if (HasFatalFailure()) return;
  std::ostringstream csv;
  Result<std::int64_t> rows = WriteOpenData(*service, OpenDataFormat::kCsv, csv);
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(*rows, 6);
  std::istringstream in(csv.str());
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 7u) << csv.str();
  // Issue 21: each unit and option id has its names (kk, ru, en) beside it.
  EXPECT_EQ(lines[0].rfind("election,contest,round,unit,unit_name_kk,unit_name_ru,unit_name_en,parent,version,seq,"
                           "stage,option,option_name_kk,option_name_ru,option_name_en,votes",
                           0),
            0u)
      << lines[0];
  std::set<std::string> seen;  // unit/option
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> fields;
    std::stringstream row(lines[i]);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    ASSERT_GE(fields.size(), 16u) << lines[i];
    EXPECT_EQ(fields[1], "list") << "only the list was counted (the ref protocol was rejected): " << lines[i];
    EXPECT_EQ(fields[8], "1") << "version: " << lines[i];
    EXPECT_EQ(fields[10], "preliminary") << "stage: " << lines[i];
    seen.insert(fields[3] + "/" + fields[11]);
    if (fields[3] == "s1" && fields[11] == "a") {
      EXPECT_EQ(fields[6], "Station 1") << "the station's English name: " << lines[i];
      EXPECT_EQ(fields[7], "d1") << "parent: " << lines[i];
      EXPECT_EQ(fields[14], "Party A") << "the option's English name: " << lines[i];
      EXPECT_EQ(fields[15], "400") << lines[i];
    }
    if (fields[3] == "s3" && fields[11] == "b") {
      EXPECT_EQ(fields[15], "370") << lines[i];  // 590 valid - 20 against all - 200 for a
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"s1/a", "s1/b", "s2/a", "s2/b", "s3/a", "s3/b"}));

  std::ostringstream jsonl;
  Result<std::int64_t> json_rows = WriteOpenData(*service, OpenDataFormat::kJsonLines, jsonl);
  ASSERT_TRUE(json_rows) << json_rows.error().message;
  EXPECT_EQ(*json_rows, 6);
  const std::string json_text = jsonl.str();
  EXPECT_EQ(std::count(json_text.begin(), json_text.end(), '\n'), 6) << "JSON Lines have no header";
  bool named = false;  // s1's row of a has the station's and the party's names
  std::istringstream json_lines(json_text);
  for (std::string text; std::getline(json_lines, text);) {
    const nlohmann::json row = nlohmann::json::parse(text);
    EXPECT_TRUE(row.contains("unit_name_kk") && row.contains("unit_name_ru") && row.contains("option_name_kk") &&
                row.contains("option_name_ru"))
        << text;
    if (row["unit"] != "s1" || row["option"] != "a") continue;
    EXPECT_EQ(row["unit_name_en"], "Station 1") << text;
    EXPECT_EQ(row["option_name_en"], "Party A") << text;
    named = true;
  }
  EXPECT_TRUE(named) << json_text;
}

TEST(PublishTest, TheStaticSnapshotNamesEachDocumentByItsHash) {
  std::unique_ptr<service::ResultsService> service = SignedNight();
  ASSERT_NE(service, nullptr);
  if (HasFatalFailure()) return;
  TempDirectory dir;
  Result<std::int64_t> documents = WriteStaticSnapshot(*service, dir.path(), "saylau test");
  ASSERT_TRUE(documents) << documents.error().message;
  EXPECT_EQ(*documents, 6);  // three contests, the flags, the observers' reports, the NIST export
  std::ifstream in(std::filesystem::path(dir.path()) / "index.json");
  const nlohmann::json snapshot_index = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(snapshot_index.is_object());
  ASSERT_EQ(snapshot_index["documents"].size(), 6u);
  EXPECT_TRUE(snapshot_index["documents"].contains("observer-reports.json"));
  const std::string object = snapshot_index["documents"]["results/list.json"].get<std::string>();
  std::ifstream document(std::filesystem::path(dir.path()) / object, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(document)), {});
  EXPECT_EQ(object, "objects/" + ledger::ToHex(ledger::Sha256(text)) + ".json");
  EXPECT_EQ(nlohmann::json::parse(text)["contest"], "list");
}

}  // namespace
}  // namespace saylau::bundle
