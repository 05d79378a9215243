// ResultsService::OpenCreated (saylau import --db): a service on a store just created from
// definition files, given the election already loaded from them, is the one Open would give
// (the same definition hash bound, the same log and totals, and the store reopens with Open);
// and when the files it is given are not the bytes stored, the heads it writes bind their hash,
// so the next Open refuses the database.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "saylau/intake/definition.h"
#include "saylau/service/results_service.h"
#include "saylau/store/sqlite_store.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/temp_database.h"

namespace saylau::service {
namespace {

using saylau::testing::TempDatabase;
using saylau::testing::FixtureFiles;
using saylau::testing::GoodProtocol;
using saylau::testing::SetLine;

constexpr char kReceivedAt[] = "2023-03-19T21:00:00+06:00";


std::vector<formats::Submission> Batch() {
  core::ProtocolSubmission broken = GoodProtocol("list", "s2");
  SetLine(broken, "invalid", 11);
  return {GoodProtocol("list", "s1"), broken, GoodProtocol("seat", "s3")};
}

// Creates the database from `stored`, opens it with OpenCreated given `given`, submits Batch().
std::unique_ptr<ResultsService> CreateAndSubmit(const std::string& path, const std::vector<store::DefinitionFile>& stored,
                                                const std::vector<store::DefinitionFile>& given) {
  Result<std::unique_ptr<store::Store>> created = store::CreateSqliteStore(path, stored);
  EXPECT_TRUE(created) << created.error().message;
  if (!created) return nullptr;
  const std::vector<intake::DefinitionFile> files = DefinitionFilesOf(given);
  Result<core::Election> election = intake::LoadElection(files);
  EXPECT_TRUE(election) << election.error().message;
  if (!election) return nullptr;
  Result<std::unique_ptr<ResultsService>> service =
      ResultsService::OpenCreated(std::move(*created), std::move(*election), files);
  EXPECT_TRUE(service) << service.error().message;
  if (!service) return nullptr;
  EXPECT_TRUE((*service)->Submit(Batch(), kReceivedAt));
  return std::move(*service);
}

TEST(OpenCreatedTest, GivesTheServiceOpenGivesAndTheStoreReopens) {
  TempDatabase database("open-created");
  ledger::Hash root{};
  ledger::Hash bound{};
  std::vector<store::StoredTotals> totals;
  {
    std::unique_ptr<ResultsService> service = CreateAndSubmit(database.path(), FixtureFiles(), FixtureFiles());
    ASSERT_NE(service, nullptr);
    EXPECT_EQ(service->binding().definition, intake::DefinitionHashOf(DefinitionFilesOf(FixtureFiles())));
    EXPECT_EQ(service->election().id(), LoadElection(FixtureFiles())->id());
    root = service->tree().Root();
    bound = service->binding().definition;
    totals = service->CurrentTotals();
    EXPECT_EQ(service->tree().size(), 3u);
    EXPECT_FALSE(totals.empty());
  }
  // The same as Open on a store created the same way (the memory store).
  {
    Result<std::unique_ptr<ResultsService>> opened = ResultsService::Open(store::CreateMemoryStore(FixtureFiles()));
    ASSERT_TRUE(opened) << opened.error().message;
    ASSERT_TRUE((*opened)->Submit(Batch(), kReceivedAt));
    EXPECT_EQ((*opened)->binding().definition, bound);
    EXPECT_EQ((*opened)->tree().Root(), root);
    EXPECT_EQ((*opened)->CurrentTotals(), totals);
  }
  Result<std::unique_ptr<store::Store>> reopened_store = store::OpenSqliteStore(database.path());
  ASSERT_TRUE(reopened_store) << reopened_store.error().message;
  Result<std::unique_ptr<ResultsService>> reopened = ResultsService::Open(std::move(*reopened_store));
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ((*reopened)->tree().Root(), root);
  EXPECT_EQ((*reopened)->binding().definition, bound);
  EXPECT_EQ((*reopened)->CurrentTotals(), totals);
}

TEST(OpenCreatedTest, FilesThatAreNotTheStoredBytesAreCaughtByTheNextOpen) {
  TempDatabase database("open-created");
  std::vector<store::DefinitionFile> given = FixtureFiles();
  for (store::DefinitionFile& file : given) {
    if (file.role == "definition") file.content += "\n# not the stored bytes\n";  // loads the same
  }
  ASSERT_NE(intake::DefinitionHashOf(DefinitionFilesOf(given)),
            intake::DefinitionHashOf(DefinitionFilesOf(FixtureFiles())));
  ASSERT_NE(CreateAndSubmit(database.path(), FixtureFiles(), given), nullptr);

  Result<std::unique_ptr<store::Store>> reopened_store = store::OpenSqliteStore(database.path());
  ASSERT_TRUE(reopened_store) << reopened_store.error().message;
  Result<std::unique_ptr<ResultsService>> reopened = ResultsService::Open(std::move(*reopened_store));
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(reopened.error().message.find("the stored definition is not the one bound"), std::string::npos)
      << reopened.error().message;
}

}  // namespace
}  // namespace saylau::service
