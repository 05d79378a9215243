// saylau verify in process (verify.h) on a bundle of the signed fixture night
// (publish/signed_night_fixture.h): each tamper is reported at its place (an edited total, a
// log entry's changed body, a key removed, a signed head deleted), and hostile shapes of every
// file (wrong JSON types, lines that are not JSON, an empty directory) give failures: VerifyBundle
// returns a report and never throws. The same cases through the binary are tests/bundle_test.sh.
#include "saylau/verify/verify.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "saylau/publish/publish.h"
#include "saylau/store/store.h"
#include "signed_night_fixture.h"

namespace saylau::bundle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using saylau::testing::FixtureKey;
using saylau::testing::TempDirectory;

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "  " + line + "\n";
  return text;
}

// A fresh bundle of the signed night in a temporary directory, published with the log key.
class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<service::ResultsService>> service =
        service::ResultsService::Open(store::CreateMemoryStore(saylau::testing::FixtureFiles()));
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_NO_FATAL_FAILURE(saylau::testing::RecordSignedNight(**service));
    const crypto::KeyPair log_key = FixtureKey("log");
    Result<PublishSummary> summary = WriteBundle(**service, dir_.path(), "saylau test", &log_key);
    ASSERT_TRUE(summary) << summary.error().message;
  }

  std::string Read(const std::string& name) const {
    std::ifstream in(fs::path(dir_.path()) / name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(fs::path(dir_.path()) / name, std::ios::binary | std::ios::trunc) << text;
  }
  std::vector<std::string> ReadLines(const std::string& name) const {
    std::vector<std::string> lines;
    std::istringstream in(Read(name));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  void WriteLines(const std::string& name, const std::vector<std::string>& lines) const {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    Write(name, text);
  }

  // Verifies the bundle against the log key; fails the test when VerifyBundle throws.
  VerifyReport Verify(const std::string& dir) const {
    VerifyOptions options;
    options.dir = dir;
    options.log_key = crypto::ToBase64(FixtureKey("log").public_key);
    options.threads = 2;
    VerifyReport report;
    EXPECT_NO_THROW(report = VerifyBundle(options));
    return report;
  }
  VerifyReport Verify() const { return Verify(dir_.path()); }

  // The report fails, and one of its failures starts with `place` and contains `what`.
  static void ExpectFailure(const VerifyReport& report, const std::string& place, const std::string& what = "") {
    EXPECT_FALSE(report.ok());
    for (const std::string& failure : report.failures) {
      if (failure.rfind(place, 0) == 0 && failure.find(what) != std::string::npos) return;
    }
    ADD_FAILURE() << "no failure at '" << place << "' saying '" << what << "'; the failures:\n"
                  << Joined(report.failures);
  }

  TempDirectory dir_;
};

TEST_F(VerifyTest, TheUntouchedBundleVerifies) {
  const VerifyReport report = Verify();
  EXPECT_TRUE(report.ok()) << Joined(report.failures);
}

TEST_F(VerifyTest, AnEditedTotalIsNamedByItsFileUnitAndLine) {
  json results = json::parse(Read("results/list.json"));
  bool edited = false;
  for (json& row : results["totals"]) {
    if (row["unit"] == "c") {
      row["lines"]["a"] = row["lines"]["a"].get<std::int64_t>() + 1;
      edited = true;
    }
  }
  ASSERT_TRUE(edited);
  Write("results/list.json", results.dump(1) + "\n");
  const VerifyReport report = Verify();
  ExpectFailure(report, "results/list.json totals at c (round 1)", "line 'a': published 901, recomputed 900");
  ExpectFailure(report, "results/list.json", "edited");  // the signed manifest's hash
}

// The open data's warnings column is recomputed from the counted values (the form's failed
// warn relations), so a warning the protocol does not give is a difference, named by its line.
TEST_F(VerifyTest, AForgedWarningInTheOpenDataIsNamedByItsLine) {
  std::vector<std::string> lines = ReadLines("open-data/protocols.csv");
  ASSERT_GE(lines.size(), 2u);
  ASSERT_EQ(lines[0].substr(lines[0].rfind(',') + 1), "warnings") << lines[0];
  ASSERT_EQ(lines[1].back(), ',') << "no warning on the fixture's protocols: " << lines[1];
  lines[1] += "found-within-issued";
  WriteLines("open-data/protocols.csv", lines);
  const VerifyReport report = Verify();
  ExpectFailure(report, "open-data/protocols.csv:2", "found-within-issued");
}

// Issue 21: the open data carries each unit's and option's names beside their ids, rebuilt
// from the signed definition, so a renamed station (a forged bundle) is named by its line.
TEST_F(VerifyTest, AWrongNameInTheOpenDataIsNamedByItsLine) {
  std::vector<std::string> lines = ReadLines("open-data/protocols.csv");
  ASSERT_GE(lines.size(), 2u);
  std::size_t renamed = 0;
  for (std::size_t i = 1; i < lines.size() && renamed == 0; ++i) {
    const std::size_t at = lines[i].find(",Station 2,");
    if (at == std::string::npos) continue;
    lines[i].replace(at, 11, ",Station 7,");
    renamed = i;
  }
  ASSERT_GT(renamed, 0u) << "no row of s2 with its English name: " << lines[1];
  WriteLines("open-data/protocols.csv", lines);
  const VerifyReport report = Verify();
  ExpectFailure(report, "open-data/protocols.csv:" + std::to_string(renamed + 1), "Station 7");
  ExpectFailure(report, "open-data/protocols.csv", "edited");  // the signed manifest's hash
}

// The fixture's three stations are too few for forensics (bundle/forensics_documents.h), so a
// report in forensics/ is one that no contest of the election gives.
TEST_F(VerifyTest, AForensicsReportTheProtocolsDoNotGiveIsNamed) {
  EXPECT_FALSE(fs::exists(fs::path(dir_.path()) / "forensics"));
  fs::create_directories(fs::path(dir_.path()) / "forensics" / "list");
  Write("forensics/list/forensics.json", "{}\n");
  const VerifyReport report = Verify();
  ExpectFailure(report, "forensics/list/forensics.json", "not a forensics file of this election");
  ExpectFailure(report, "forensics/list/forensics.json", "not in the signed manifest");
}

TEST_F(VerifyTest, AChangedLogEntryBodyFailsItsSignatureOnItsLine) {
  std::vector<std::string> lines = ReadLines("log/entries.jsonl");
  ASSERT_EQ(lines.size(), 6u);
  json entry = json::parse(lines[1]);
  ASSERT_TRUE(entry.contains("body") && entry["body"].is_string()) << lines[1];
  std::string body = entry["body"].get<std::string>();
  const std::size_t at = body.find("300");
  ASSERT_NE(at, std::string::npos) << body;
  body.replace(at, 3, "301");
  entry["body"] = body;
  lines[1] = entry.dump();
  WriteLines("log/entries.jsonl", lines);
  const VerifyReport report = Verify();
  ExpectFailure(report, "log/entries.jsonl:2", "the signature does not verify");
  ExpectFailure(report, "log/heads.jsonl:1", "does not match the entries");
}

TEST_F(VerifyTest, ARemovedKeyIsReported) {
  json keys = json::parse(Read("keys.json"));
  ASSERT_EQ(keys.size(), 4u);
  ASSERT_EQ(keys[1]["commission"], "s2");
  keys.erase(1);
  Write("keys.json", keys.dump() + "\n");
  const VerifyReport report = Verify();
  ExpectFailure(report, "log/entries.jsonl:2", "not registered");  // s2's protocol: its key is gone
  ExpectFailure(report, "log/heads.jsonl:1", "keys.json lists 3");
}

TEST_F(VerifyTest, ADeletedHeadLeavesEntriesUncovered) {
  std::vector<std::string> heads = ReadLines("log/heads.jsonl");
  ASSERT_EQ(heads.size(), 3u);
  heads.pop_back();
  WriteLines("log/heads.jsonl", heads);
  const VerifyReport report = Verify();
  ExpectFailure(report, "log/heads.jsonl", "the last signed head covers 5 entries");
  ExpectFailure(report, "manifest.json", "not the last signed head");
}

// Hostile shapes: each file replaced by JSON of the wrong type. Every one must give a report
// with a failure, never an exception.

TEST_F(VerifyTest, KeysThatAreNumbers) {
  Write("keys.json", "[1, 2, 3]\n");
  ExpectFailure(Verify(), "keys.json[0]", "not a unit of the election");
}

TEST_F(VerifyTest, ObserversAsAnObject) {
  Write("observers.json", R"({"id": "obs"})");
  ExpectFailure(Verify(), "observers.json", "not a list of observers");
}

TEST_F(VerifyTest, DefinitionFilesThatAreNotObjects) {
  Write("definition/files.json", R"([1, "night.toml", null])");
  ExpectFailure(Verify(), "definition/", "cannot be read");
}

// Found by this test: json::value("name", "") threw for a number while the entries' workers ran,
// and the process aborted (std::terminate). Fields are now read type-checked (json_fields.h).
TEST_F(VerifyTest, DefinitionFilesWithFieldsOfTheWrongType) {
  Write("definition/files.json", R"([{"name": 5, "role": "definition"}])");
  ExpectFailure(Verify(), "definition/");
  Write("definition/files.json", R"([{"name": "night.toml", "role": 5}])");
  ExpectFailure(Verify(), "definition/");
}

TEST_F(VerifyTest, ResultsWhoseTotalsAreAString) {
  json results = json::parse(Read("results/list.json"));
  results["totals"] = "all of them";
  Write("results/list.json", results.dump());
  ExpectFailure(Verify(), "results/list.json totals at c (round 1)", "missing from the published results");
}

TEST_F(VerifyTest, ResultsWhoseRowsAreNumbersOrHaveNumbersForLines) {
  json results = json::parse(Read("results/list.json"));
  results["totals"] = json::array({1, 2, json{{"round", 1}, {"unit", "c"}, {"lines", 7}}});
  Write("results/list.json", results.dump());
  const VerifyReport report = Verify();
  ExpectFailure(report, "results/list.json totals at c (round 1)", "line 'a'");
  ExpectFailure(report, "results/list.json totals at r1 (round 1)", "missing");
}

TEST_F(VerifyTest, ResultsThatAreNotAnObject) {
  Write("results/list.json", "[1, 2]\n");
  ExpectFailure(Verify(), "results/list.json");
  Write("results/list.json", "not json\n");
  ExpectFailure(Verify(), "results/list.json", "not JSON");
}

TEST_F(VerifyTest, ObserverFlagsAsAnArray) {
  Write("observer-flags.json", "[]\n");
  ExpectFailure(Verify(), "observer-flags.json /flags");
  Write("observer-flags.json", R"({"flags": 5})");
  ExpectFailure(Verify(), "observer-flags.json /flags");
}

TEST_F(VerifyTest, AnEntryLineThatIsNotJson) {
  std::vector<std::string> lines = ReadLines("log/entries.jsonl");
  lines[2] = "{not json";
  WriteLines("log/entries.jsonl", lines);
  ExpectFailure(Verify(), "log/entries.jsonl:3", "not a log entry");
}

TEST_F(VerifyTest, AnEntryLineOfTheWrongJsonTypes) {
  std::vector<std::string> lines = ReadLines("log/entries.jsonl");
  lines[2] = "[1, 2, 3]";
  lines[3] = R"({"kind": 5, "body": [], "commission": null})";
  WriteLines("log/entries.jsonl", lines);
  const VerifyReport report = Verify();
  ExpectFailure(report, "log/entries.jsonl:3");
  ExpectFailure(report, "log/entries.jsonl:4");
}

TEST_F(VerifyTest, AHeadLineThatIsNotJson) {
  std::vector<std::string> heads = ReadLines("log/heads.jsonl");
  heads[0] = "[\"size\"]";
  WriteLines("log/heads.jsonl", heads);
  ExpectFailure(Verify(), "log/heads.jsonl:1");
}

TEST_F(VerifyTest, AManifestWhoseFilesAreNotObjects) {
  Write("manifest.json", R"({"files": [1, "x", null]})");
  const VerifyReport report = Verify();
  ExpectFailure(report, "manifest.sig", "does not verify");
  ExpectFailure(report, "manifest.json", "lists a path that leaves the bundle: ''");
  ExpectFailure(report, "keys.json", "not in the signed manifest");
  Write("manifest.json", R"({"files": "all"})");
  ExpectFailure(Verify(), "manifest.json", "not a manifest");
}

// Found by this test: CheckManifest's json::value() threw for fields of another type and
// VerifyBundle threw instead of reporting. Fields are now read type-checked (json_fields.h).
TEST_F(VerifyTest, AManifestWhoseFieldsHaveTheWrongTypes) {
  Write("manifest.json", R"({"files": [{"path": 5, "bytes": 1, "sha256": "00"}]})");
  ExpectFailure(Verify(), "manifest.sig", "does not verify");
  Write("manifest.json", R"({"files": [{"path": "keys.json", "bytes": "many", "sha256": 1}]})");
  ExpectFailure(Verify(), "manifest.sig", "does not verify");
}

TEST(VerifyEmptyTest, AnEmptyDirectoryFailsNamingWhatIsMissing) {
  TempDirectory dir;
  fs::create_directories(dir.path());
  VerifyOptions options;
  options.dir = dir.path();
  VerifyReport report;
  EXPECT_NO_THROW(report = VerifyBundle(options));
  EXPECT_FALSE(report.ok());
  ASSERT_FALSE(report.failures.empty());
  EXPECT_EQ(report.failures[0].rfind("log/entries.jsonl: missing", 0), 0u) << Joined(report.failures);

  // With an empty log, the definition is what is missing.
  fs::create_directories(fs::path(dir.path()) / "log");
  std::ofstream(fs::path(dir.path()) / "log" / "entries.jsonl").close();
  EXPECT_NO_THROW(report = VerifyBundle(options));
  ASSERT_FALSE(report.failures.empty());
  EXPECT_EQ(report.failures[0].rfind("definition/files.json", 0), 0u) << Joined(report.failures);
}

}  // namespace
}  // namespace saylau::bundle
