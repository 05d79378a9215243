// BatchPipeline (batch_pipeline.h) on the fixture election: each batch acknowledged in order and
// only once its rows are in the store; the log, heads, rows and totals it leaves are those
// Submit leaves (leaves hashed on the judging thread, sealed on the storing thread), and a
// reopened store checks its heads against a replay; a failed commit applies nothing of its
// batch, voids the batch judged after it and stops the pipeline with the store's error.
#include "saylau/service/batch_pipeline.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "saylau/ledger/log_entry.h"
#include "saylau/ledger/merkle.h"
#include "saylau/store/failing_store.h"
#include "saylau/store/sqlite_store.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/temp_database.h"
#include "service_test_support.h"

namespace saylau::service {
namespace {

using saylau::testing::FixtureFiles;
using saylau::testing::GoodProtocol;
using saylau::testing::SetLine;
using saylau::testing::TempDatabase;
using saylau::testing::TurnoutReport;
using store::FailingStore;

constexpr char kReceivedAt[] = "2023-03-19T21:00:00+06:00";

// Three batches: accepted, a turnout report, a duplicate; 600 rejected protocols that differ in
// one line (a batch large enough for Submit's seal to hash in two halves); a correction-free mix.
std::vector<std::vector<formats::Submission>> Batches() {
  std::vector<std::vector<formats::Submission>> batches(3);
  batches[0] = {GoodProtocol("list", "s1"), TurnoutReport("s1", "10:00", 150)};
  for (int i = 0; i < 600; ++i) {
    core::ProtocolSubmission broken = GoodProtocol("list", "s2");
    SetLine(broken, "invalid", 11 + i);
    batches[1].push_back(broken);
  }
  batches[1].push_back(GoodProtocol("list", "s1"));  // a duplicate: not stored
  batches[2] = {GoodProtocol("list", "s2"), GoodProtocol("seat", "s3"), TurnoutReport("s3", "10:00", 120)};
  return batches;
}

TEST(BatchPipelineTest, AcknowledgesEachBatchAfterItsCommitAndLogsWhatSubmitDoes) {
  const std::vector<std::vector<formats::Submission>> batches = Batches();
  auto submitted = OpenService(store::CreateMemoryStore(FixtureFiles()));
  for (const auto& batch : batches) ASSERT_TRUE(submitted->Submit(batch, kReceivedAt));

  TempDatabase database("batch-pipeline");
  Result<std::unique_ptr<store::Store>> created = store::CreateSqliteStore(database.path(), FixtureFiles());
  ASSERT_TRUE(created) << created.error().message;
  auto bulk = OpenService(std::move(*created));
  std::vector<std::size_t> sizes;
  std::int64_t next_seq = 1;
  {
    BatchPipeline pipeline(*bulk, [&](std::vector<Acknowledgement>& acks) {
      sizes.push_back(acks.size());
      std::int64_t last = 0;
      for (const Acknowledgement& ack : acks) {
        if (ack.verdict == core::Verdict::kDuplicate) {
          EXPECT_EQ(ack.seq, 0);
          continue;
        }
        EXPECT_EQ(ack.seq, next_seq++) << "in log order";
        EXPECT_EQ(ack.leaf_index, ack.seq - 1);
        EXPECT_TRUE(ack.inclusion.empty());
        last = ack.seq;
      }
      EXPECT_EQ(StoredCount(*bulk), last) << "acknowledged only once its rows are stored";
    });
    for (const auto& batch : batches) ASSERT_TRUE(pipeline.Submit(batch, kReceivedAt));
    EXPECT_EQ(sizes.size(), 2u) << "the last batch is still in flight";
    ASSERT_TRUE(pipeline.Finish());
  }
  ASSERT_EQ(sizes, (std::vector<std::size_t>{2, 601, 3}));
  EXPECT_EQ(next_seq, 606);

  EXPECT_EQ(bulk->tree().size(), submitted->tree().size());
  EXPECT_EQ(bulk->tree().Root(), submitted->tree().Root());
  ASSERT_TRUE(bulk->head());
  EXPECT_EQ(bulk->head()->size, submitted->head()->size);
  EXPECT_EQ(bulk->head()->root, submitted->head()->root);
  EXPECT_EQ(StoredCount(*bulk), StoredCount(*submitted));
  EXPECT_EQ(bulk->CurrentTotals(), submitted->CurrentTotals());
  // The leaves as the log's readers hash them (each stored row's entry, encoded), not as the seal does.
  ledger::MerkleTree replayed;
  ASSERT_TRUE(bulk->VisitLog(0, [&](const store::StoredSubmission& row) -> Status {
    replayed.Append(ledger::LeafHash(ledger::EncodeLogEntry(bulk->LogEntryOf(row))));
    return {};
  }));
  EXPECT_EQ(replayed.Root(), bulk->head()->root);

  // Reopening replays the stored rows and checks every stored head against them.
  bulk.reset();
  Result<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(database.path());
  ASSERT_TRUE(opened) << opened.error().message;
  auto reopened = OpenService(std::move(*opened));
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->tree().Root(), submitted->tree().Root());
  EXPECT_EQ(reopened->CurrentTotals(), submitted->CurrentTotals());
}

TEST(BatchPipelineTest, AFailedCommitAppliesNothingOfItsBatchAndStopsThePipeline) {
  const std::vector<std::vector<formats::Submission>> batches = Batches();
  auto first_only = OpenService(store::CreateMemoryStore(FixtureFiles()));
  ASSERT_TRUE(first_only->Submit(batches[0], kReceivedAt));

  auto failing_owned = std::make_unique<FailingStore>(store::CreateMemoryStore(FixtureFiles()));
  FailingStore& failing = *failing_owned;
  auto bulk = OpenService(std::move(failing_owned));
  failing.Arm(FailingStore::Fault::kWriteFails, 2);  // the second batch's commit
  int acknowledged = 0;
  BatchPipeline pipeline(*bulk, [&](std::vector<Acknowledgement>&) { ++acknowledged; });
  ASSERT_TRUE(pipeline.Submit(batches[0], kReceivedAt));
  ASSERT_TRUE(pipeline.Submit(batches[1], kReceivedAt));
  const Status third = pipeline.Submit(batches[2], kReceivedAt);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(pipeline.failed_batch_size(), batches[1].size());
  EXPECT_EQ(acknowledged, 1);
  EXPECT_EQ(failing.appends(), 2) << "the batch judged after the failed one never reached the store";
  EXPECT_EQ(StoredCount(*bulk), StoredCount(*first_only));
  EXPECT_EQ(bulk->tree().Root(), first_only->tree().Root());
  EXPECT_EQ(bulk->CurrentTotals(), first_only->CurrentTotals()) << "the failed and the void batch are not applied";
  EXPECT_TRUE(pipeline.Finish()) << "nothing left in flight";
}

// The stored rows of `service`, in log order.
std::vector<store::StoredSubmission> StoredRows(ResultsService& service) {
  std::vector<store::StoredSubmission> rows;
  EXPECT_TRUE(service.store().Scan(0, [&](const store::StoredSubmission& row) -> Status {
    rows.push_back(row);
    return {};
  }));
  return rows;
}

// saylau ingest opens its service without the stations' names (intake::LoadOptions): what it
// acknowledges, stores and logs is what a service with names would, to the byte, and a service
// opened with names (the server's) opens its database, replays it and has the names.
TEST(BatchPipelineTest, AServiceWithoutTheStationsNamesStoresAndLogsTheSame) {
  const std::vector<std::vector<formats::Submission>> batches = Batches();
  TempDatabase named_database("batch-pipeline-named"), nameless_database("batch-pipeline-nameless");
  const auto open = [](const TempDatabase& database, const intake::LoadOptions& load) {
    Result<std::unique_ptr<store::Store>> created = store::CreateSqliteStore(database.path(), FixtureFiles());
    EXPECT_TRUE(created) << created.error().message;
    Result<std::unique_ptr<ResultsService>> service = ResultsService::Open(std::move(*created), {}, load);
    EXPECT_TRUE(service) << service.error().message;
    return std::move(*service);
  };
  auto named = open(named_database, {});
  auto nameless = open(nameless_database, {.names = false});
  ASSERT_EQ(named->election().FindUnit("s1")->name.en, "Station 1");
  ASSERT_TRUE(nameless->election().FindUnit("s1")->name.en.empty()) << "the names are not loaded";
  ASSERT_EQ(nameless->election().FindUnit("d1")->name.en, named->election().FindUnit("d1")->name.en)
      << "the definition's own units keep theirs";
  std::vector<std::vector<Acknowledgement>> named_acks, nameless_acks;
  for (auto* run : {&named, &nameless}) {
    auto& acks = run == &named ? named_acks : nameless_acks;
    BatchPipeline pipeline(**run, [&](std::vector<Acknowledgement>& batch) { acks.push_back(batch); });
    for (const auto& batch : batches) ASSERT_TRUE(pipeline.Submit(batch, kReceivedAt));
    ASSERT_TRUE(pipeline.Finish());
  }
  ASSERT_EQ(named_acks.size(), nameless_acks.size());
  int rejected = 0;
  for (std::size_t b = 0; b < named_acks.size(); ++b) {
    ASSERT_EQ(named_acks[b].size(), nameless_acks[b].size());
    for (std::size_t i = 0; i < named_acks[b].size(); ++i) {
      const Acknowledgement& one = named_acks[b][i];
      const Acknowledgement& two = nameless_acks[b][i];
      EXPECT_EQ(one.seq, two.seq);
      EXPECT_EQ(one.verdict, two.verdict);
      EXPECT_EQ(one.what, two.what);
      EXPECT_EQ(one.origin, two.origin);
      ASSERT_EQ(one.violations.size(), two.violations.size());
      for (std::size_t v = 0; v < one.violations.size(); ++v) {
        EXPECT_EQ(one.violations[v].relation, two.violations[v].relation);
        EXPECT_EQ(one.violations[v].detail, two.violations[v].detail);
      }
      EXPECT_EQ(one.warnings.size(), two.warnings.size());
      rejected += one.verdict == core::Verdict::kRejected ? 1 : 0;
    }
  }
  EXPECT_GE(rejected, 600);  // the 600 broken protocols at least: their details compared
  const std::vector<store::StoredSubmission> rows = StoredRows(*named);
  const std::vector<store::StoredSubmission> nameless_rows = StoredRows(*nameless);
  ASSERT_EQ(rows.size(), nameless_rows.size());
  ASSERT_EQ(rows.size(), 605u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const store::StoredSubmission& one = rows[i];
    const store::StoredSubmission& two = nameless_rows[i];
    EXPECT_EQ(std::tie(one.seq, one.kind, one.contest, one.unit, one.round, one.time, one.version, one.accepted,
                       one.body, one.reasons, one.origin, one.received_at),
              std::tie(two.seq, two.kind, two.contest, two.unit, two.round, two.time, two.version, two.accepted,
                       two.body, two.reasons, two.origin, two.received_at))
        << i;
    EXPECT_EQ(one.envelope, two.envelope) << i;
  }
  EXPECT_EQ(named->tree().Root(), nameless->tree().Root());
  ASSERT_TRUE(named->head() && nameless->head());
  EXPECT_EQ(named->head()->size, nameless->head()->size);
  EXPECT_EQ(named->head()->root, nameless->head()->root);
  EXPECT_EQ(named->head()->binding, nameless->head()->binding);  // signed when committed, each with its own key
  EXPECT_EQ(named->binding().definition, nameless->binding().definition);
  EXPECT_EQ(named->CurrentTotals(), nameless->CurrentTotals());

  // The server opens the nameless service's database with names.
  nameless.reset();
  Result<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(nameless_database.path());
  ASSERT_TRUE(opened) << opened.error().message;
  auto server = OpenService(std::move(*opened));
  ASSERT_TRUE(server);
  EXPECT_EQ(server->election().FindUnit("s2")->name.en, "Station 2");
  EXPECT_EQ(server->tree().Root(), named->tree().Root());
  EXPECT_EQ(StoredRows(*server).size(), rows.size());
}

}  // namespace
}  // namespace saylau::service
