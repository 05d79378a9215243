// The bundle's documents (documents.h) and its signed manifest (manifest.h) on their own:
// ResultsFileName makes any contest id a safe file name; FlagsDocument's shape;
// ResultsDocuments of the fixture night (saylau/testing) has one document per contest with the
// totals at the aggregate units and an outcome; a manifest written and signed for a directory
// checks clean, and an edited, emptied, missing or unlisted file, an edited manifest and
// another signer are each named. Publishing and verifying whole bundles is
// publish/publish_test.cc and verify/verify_test.cc.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "saylau/bundle/documents.h"
#include "saylau/bundle/manifest.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::bundle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(ResultsFileNameTest, AnyIdBecomesASafeFileName) {
  EXPECT_EQ(ResultsFileName("list"), "results/list.json");
  EXPECT_EQ(ResultsFileName("mazhilis-list_2023"), "results/mazhilis-list_2023.json");
  EXPECT_EQ(ResultsFileName("a/b"), "results/a_b.json");
  EXPECT_EQ(ResultsFileName("../../etc/passwd"), "results/______etc_passwd.json");
  EXPECT_EQ(ResultsFileName("a b.c"), "results/a_b_c.json");
  EXPECT_EQ(ResultsFileName("\xd2\x9b"), "results/__.json");  // "қ": two bytes of UTF-8, each '_'
  EXPECT_EQ(ResultsFileName(std::string("x\0y", 3)), "results/x_y.json");
}

TEST(FlagsDocumentTest, EachFlagWithItsLines) {
  EXPECT_EQ(FlagsDocument({}), json({{"flags", json::array()}}));
  const std::vector<intake::ObserverFlag> flags = {
      {"obs", "Citizens' Watch", "list", 1, "s1", 7, true, {{"a", 400, 390}, {"b", 170, 180}}},
      {"obs2", "", "ref", 2, "s3", 9, false, {}}};
  const json document = FlagsDocument(flags);
  ASSERT_EQ(document.size(), 1u);
  ASSERT_EQ(document["flags"].size(), 2u);
  EXPECT_EQ(document["flags"][0], json({{"observer", "obs"},
                                        {"organisation", "Citizens' Watch"},
                                        {"contest", "list"},
                                        {"round", 1},
                                        {"unit", "s1"},
                                        {"seq", 7},
                                        {"counted", true},
                                        {"lines",
                                         {{{"line", "a"}, {"counted", 400}, {"observed", 390}},
                                          {{"line", "b"}, {"counted", 170}, {"observed", 180}}}}}));
  EXPECT_EQ(document["flags"][1]["counted"], false);
  EXPECT_EQ(document["flags"][1]["round"], 2);
  EXPECT_EQ(document["flags"][1]["lines"], json::array());
}

TEST(ResultsDocumentsTest, OneDocumentPerContestWithTotalsAtTheAggregatesAndAnOutcome) {
  core::ElectionNight night(saylau::testing::FixtureElection());
  std::int64_t first = 400;
  for (std::string_view station : saylau::testing::kFixtureStations) {
    core::Judgement judgement = night.JudgeProtocol(saylau::testing::GoodProtocol("list", std::string(station), first));
    ASSERT_EQ(judgement.verdict, core::Verdict::kAccepted) << station;
    night.RecordProtocol(judgement);
    first -= 100;
  }
  const std::map<std::string, json> documents = ResultsDocuments(night);
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_TRUE(documents.contains("list") && documents.contains("seat") && documents.contains("ref"));

  const json& list = documents.at("list");
  EXPECT_EQ(list["contest"], "list");
  EXPECT_EQ(list["stage"], "open");
  EXPECT_EQ(list["round"], 1);
  EXPECT_EQ(list["partial"], false) << "every station of the list has reported";
  EXPECT_TRUE(list.contains("outcome")) << list.dump(1);
  EXPECT_FALSE(list.contains("outcome_error")) << list.dump(1);
  std::set<std::string> units;
  for (const json& row : list["totals"]) {
    units.insert(row["unit"].get<std::string>());
    EXPECT_EQ(row["round"], 1);
    if (row["unit"] == "c") {
      EXPECT_EQ(row["reported"], 3);
      EXPECT_EQ(row["lines"]["a"], 400 + 300 + 200);
      EXPECT_EQ(row["lines"]["valid"], 3 * 590);
    }
    if (row["unit"] == "r2") {
      EXPECT_EQ(row["reported"], 1);
      EXPECT_EQ(row["lines"]["a"], 200);
    }
  }
  EXPECT_EQ(units, (std::set<std::string>{"c", "r1", "d1", "r2"})) << "the aggregates, not the stations";

  for (const char* contest : {"seat", "ref"}) {
    const json& document = documents.at(contest);
    EXPECT_EQ(document["contest"], contest);
    EXPECT_EQ(document["totals"], json::array()) << contest << ": nothing counted";
    EXPECT_TRUE(document.contains("outcome") != document.contains("outcome_error")) << document.dump(1);
  }
}

// A directory of a few files under the system's temporary directory, removed at the end.
class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    root_ = fs::temp_directory_path() /
            ("saylau-manifest-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    fs::create_directories(root_ / "sub");
    Write("a.txt", "first file\n");
    Write("sub/b.json", "{\"b\": 2}\n");
    Write("empty.txt", "");
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  void Write(const std::string& path, const std::string& text) const {
    std::ofstream(root_ / path, std::ios::binary | std::ios::trunc) << text;
  }
  ManifestCheck Check(const std::string& log_key) const { return CheckManifest(root_.string(), log_key, {}); }
  static void ExpectFailure(const ManifestCheck& check, const std::string& start) {
    for (const std::string& failure : check.failures) {
      if (failure.rfind(start, 0) == 0) return;
    }
    std::string all;
    for (const std::string& failure : check.failures) all += "  " + failure + "\n";
    ADD_FAILURE() << "no failure starting '" << start << "'; the failures:\n" << all;
  }
  void WriteSigned() const {
    ASSERT_TRUE(WriteManifest(root_.string(), {{"format", "test-manifest"}, {"election", "fixture"}}, &key_));
  }

  fs::path root_;
  crypto::KeyPair key_ = crypto::GenerateKeyPair("c");
  std::string key_base64_ = crypto::ToBase64(key_.public_key);
};

TEST_F(ManifestTest, ASignedManifestChecksClean) {
  ASSERT_NO_FATAL_FAILURE(WriteSigned());
  const ManifestCheck check = Check(key_base64_);
  EXPECT_TRUE(check.failures.empty()) << check.failures.front();
  EXPECT_EQ(check.checked, 3);
  ASSERT_TRUE(check.manifest.is_object());
  EXPECT_EQ(check.manifest["format"], "test-manifest");
  ASSERT_EQ(check.manifest["files"].size(), 3u);
  EXPECT_EQ(check.manifest["files"][0]["path"], "a.txt");  // sorted by path
  EXPECT_EQ(check.manifest["files"][0]["bytes"], 11);
  EXPECT_EQ(check.manifest["files"][2]["path"], "sub/b.json");
  // Without a pinned key, the signature is checked against its own key.
  EXPECT_TRUE(Check("").failures.empty());
}

TEST_F(ManifestTest, AnEditedEmptiedMissingOrUnlistedFileIsNamed) {
  ASSERT_NO_FATAL_FAILURE(WriteSigned());
  Write("a.txt", "first file!\n");
  Write("sub/b.json", "");
  fs::remove(root_ / "empty.txt");
  Write("sub/added.txt", "not listed\n");
  const ManifestCheck check = Check(key_base64_);
  ExpectFailure(check, "a.txt: edited");
  ExpectFailure(check, "sub/b.json: emptied");
  ExpectFailure(check, "empty.txt: missing");
  ExpectFailure(check, "sub/added.txt: not in the signed manifest");
  EXPECT_EQ(check.failures.size(), 4u);
}

TEST_F(ManifestTest, AnEditedManifestOrAnotherSignerIsNamed) {
  ASSERT_NO_FATAL_FAILURE(WriteSigned());
  EXPECT_FALSE(Check(crypto::ToBase64(crypto::GenerateKeyPair("c").public_key)).failures.empty());
  ExpectFailure(Check(crypto::ToBase64(crypto::GenerateKeyPair("c").public_key)),
                "manifest.sig: the manifest is signed by");
  std::ifstream in(root_ / kManifest, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  text.replace(text.find("test-manifest"), 4, "TEST");
  Write(kManifest, text);
  ExpectFailure(Check(key_base64_), "manifest.sig: the signature does not verify");
}

TEST_F(ManifestTest, AnUnsignedOrAbsentManifestIsNamed) {
  ASSERT_TRUE(WriteManifest(root_.string(), {{"format", "test-manifest"}}, nullptr));
  EXPECT_FALSE(fs::exists(root_ / kManifestSignature));
  ExpectFailure(Check(key_base64_), "manifest.sig: missing");
  fs::remove(root_ / kManifest);
  const ManifestCheck check = Check(key_base64_);
  ExpectFailure(check, "manifest.json: missing");
  EXPECT_TRUE(check.manifest.is_null());
}

}  // namespace
}  // namespace saylau::bundle
