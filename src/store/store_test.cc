// The Store contract, one suite run against every implementation (memory, SQLite and
// PostgreSQL in the throw-away cluster of the pg_cluster fixture), and several writers on one
// SQLite file or PostgreSQL database. What only one backend does is in sqlite_store_test.cc
// and postgres_store_test.cc.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "pg_test_database.h"
#include "saylau/store/open_store.h"
#include "saylau/store/postgres_store.h"
#include "saylau/store/sqlite_store.h"
#include "store_test_support.h"

namespace saylau::store {
namespace {

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  // A new store; `where_` remembers it for Reopen.
  std::unique_ptr<Store> Make() {
    if (GetParam() == "memory") return CreateMemoryStore(kFiles);
    where_ = GetParam() == "sqlite" ? TempPath("contract.db")
                                    : testing::FreshPgDatabase(testing::PgClusterUrl(), "contract");
    auto store = CreateStore(where_, kFiles);
    EXPECT_TRUE(store) << store.error().message;
    return std::move(*store);
  }
  // A second handle on the same stored data (another process would have one); none for memory.
  std::unique_ptr<Store> Reopen() {
    if (GetParam() == "memory") return nullptr;
    auto store = OpenStore(where_);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  std::string where_;
};

TEST_P(StoreContractTest, AppendAssignsSequenceNumbersAndScanReturnsThemInOrder) {
  auto store = Make();
  std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", false)};
  ASSERT_TRUE(store->Append(batch, {}));
  EXPECT_EQ(batch[0].seq, 1);
  EXPECT_EQ(batch[1].seq, 2);
  std::vector<StoredSubmission> more = {Protocol("s3", true)};
  ASSERT_TRUE(store->Append(more, {}));
  EXPECT_EQ(more[0].seq, 3);
  std::vector<StoredSubmission> seen;
  ASSERT_TRUE(store->Scan(1, [&](const StoredSubmission& s) -> Status {
    seen.push_back(s);
    return {};
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].unit, "s2");
  EXPECT_FALSE(seen[0].accepted);
  EXPECT_EQ(seen[0].reasons, batch[1].reasons);
  EXPECT_EQ(seen[1].seq, 3);
  EXPECT_EQ(*store->LastSeq(), 3);
}

TEST_P(StoreContractTest, SignedEnvelopesComeBackExactly) {
  auto store = Make();
  StoredSubmission signed_one = Protocol("s1", true);
  signed_one.envelope = {"a2V5", 7, "c2ln", "{\"contest\":\"list\",  \"unit\":\"s1\"}"};
  std::vector<StoredSubmission> batch = {signed_one, Protocol("s2", true)};
  ASSERT_TRUE(store->Append(batch, {}));
  std::vector<StoredSubmission> seen;
  ASSERT_TRUE(store->Scan(0, [&](const StoredSubmission& s) -> Status {
    seen.push_back(s);
    return {};
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].envelope, signed_one.envelope);
  EXPECT_EQ(seen[1].envelope, StoredEnvelope{});
}

TEST_P(StoreContractTest, KeysAreAddedOnceAndListedInOrder) {
  auto store = Make();
  const RegisteredKey station{"cHVibGlj", "s1", "2023-03-01T00:00:00Z"}, cec{"Y2Vj", "kz", "2023-03-01T00:00:01Z"};
  ASSERT_TRUE(store->AddKey(station));
  ASSERT_TRUE(store->AddKey(cec));
  const Status again = store->AddKey({"cHVibGlj", "s2", "2023-03-02T00:00:00Z"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  const Result<std::vector<RegisteredKey>> keys = store->Keys();
  ASSERT_TRUE(keys);
  EXPECT_EQ(*keys, (std::vector<RegisteredKey>{station, cec}));
}

TEST_P(StoreContractTest, TotalsAreReplacedByKeyAndReadSorted) {
  auto store = Make();
  std::vector<StoredSubmission> none;
  const std::vector<StoredTotals> first = {{"list", 1, "r2", 1, 10, "{\"a\":1}"}, {"list", 1, "c", 2, 20, "{\"a\":2}"}};
  ASSERT_TRUE(store->Append(none, first));
  const std::vector<StoredTotals> update = {{"list", 1, "c", 3, 30, "{\"a\":3}"}};
  ASSERT_TRUE(store->Append(none, update));
  Result<std::vector<StoredTotals>> totals = store->Totals();
  ASSERT_TRUE(totals);
  ASSERT_EQ(totals->size(), 2u);
  EXPECT_EQ((*totals)[0], update[0]);
  EXPECT_EQ((*totals)[1], first[0]);
  ASSERT_TRUE(store->ReplaceTotals(update));
  EXPECT_EQ(store->Totals()->size(), 1u);
}

TEST_P(StoreContractTest, DefinitionFilesComeBackVerbatim) {
  auto store = Make();
  Result<std::vector<DefinitionFile>> files = store->DefinitionFiles();
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].content, kFiles[0].content);
  EXPECT_EQ((*files)[1].role, "stations");
}

TEST_P(StoreContractTest, ScanStopsAtTheVisitorsError) {
  auto store = Make();
  std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", true)};
  ASSERT_TRUE(store->Append(batch, {}));
  int visits = 0;
  Status result = store->Scan(0, [&](const StoredSubmission&) -> Status {
    ++visits;
    return InvalidArgument("stop");
  });
  EXPECT_FALSE(result);
  EXPECT_EQ(visits, 1);
}

TEST_P(StoreContractTest, MatchingScansVisitOneUnitOrTheRejectedInOrder) {
  auto store = Make();
  std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", false), Protocol("s1", false),
                                         Protocol("s2", true)};
  ASSERT_TRUE(store->Append(batch, {}));
  const auto seqs = [&](const SubmissionFilter& filter) {
    std::vector<std::int64_t> out;
    EXPECT_TRUE(store->ScanMatching(filter, [&](const StoredSubmission& s) -> Status {
      out.push_back(s.seq);
      return {};
    }));
    return out;
  };
  EXPECT_EQ(seqs({"s1", false}), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(seqs({"", true}), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(seqs({"s2", true}), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(seqs({"nowhere", false}), (std::vector<std::int64_t>{}));
}

TEST_P(StoreContractTest, TreeHeadsAreStoredWithTheirBatch) {
  auto store = Make();
  EXPECT_EQ(*store->LatestTreeHead(), std::nullopt);
  std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", true)};
  const StoredTreeHead first{2, "ab01", 1679252400000, "a2V5", "c2ln", "cd03 ef04 170 2"};
  ASSERT_TRUE(store->Append(batch, {}, first));
  std::vector<StoredSubmission> more = {Protocol("s3", true)};
  const StoredTreeHead second{3, "cd02", 1679252400500, "", ""};
  ASSERT_TRUE(store->Append(more, {}, second));
  EXPECT_EQ(*store->TreeHeads(), (std::vector<StoredTreeHead>{first, second}));
  EXPECT_EQ(*store->LatestTreeHead(), second);
}

TEST_P(StoreContractTest, RowsWithASequenceNumberMustContinueTheLog) {
  auto store = Make();
  std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", true)};
  batch[0].seq = 1;
  batch[1].seq = 2;
  ASSERT_TRUE(store->Append(batch, {}));
  std::vector<StoredSubmission> late = {Protocol("s3", true)};
  late[0].seq = 2;  // what a writer that missed seq 2 would think comes next
  const std::vector<StoredTotals> totals = {{"list", 1, "kz", 3, 30, "{}"}};
  const Status refused = store->Append(late, totals, StoredTreeHead{3, "ff", 1, "", ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable) << refused.error().message;
  // Nothing of the refused batch is stored: rows, totals or head.
  EXPECT_EQ(*store->LastSeq(), 2);
  EXPECT_TRUE(store->Totals()->empty());
  EXPECT_TRUE(store->TreeHeads()->empty());
  late[0].seq = 3;
  EXPECT_TRUE(store->Append(late, totals));
  EXPECT_EQ(late[0].seq, 3);
}

TEST_P(StoreContractTest, PhotosComeBackByteForByteAndAreStoredOnce) {
  auto store = Make();
  const std::string bytes("\x89PNG\r\n\x1a\n\0\0\xff\xfe binary", 19);
  ASSERT_TRUE(store->AddPhoto({"bb", "image/png", bytes}));
  ASSERT_TRUE(store->AddPhoto({"aa", "application/pdf", "%PDF-1.4"}));
  ASSERT_TRUE(store->AddPhoto({"bb", "image/png", bytes}));  // again: a no-op
  Result<std::optional<StoredPhoto>> photo = store->Photo("bb");
  ASSERT_TRUE(photo);
  ASSERT_TRUE(photo->has_value());
  EXPECT_EQ((*photo)->bytes, bytes);
  EXPECT_EQ((*photo)->media_type, "image/png");
  EXPECT_EQ(*store->Photo("cc"), std::nullopt);
  std::vector<std::string> hashes;
  ASSERT_TRUE(store->ScanPhotos([&](const StoredPhoto& p) -> Status {
    hashes.push_back(p.sha256);
    return {};
  }));
  EXPECT_EQ(hashes, (std::vector<std::string>{"aa", "bb"}));
}

TEST_P(StoreContractTest, KeysAndObserversAreAddedAllOrNone) {
  auto store = Make();
  ASSERT_TRUE(store->AddKey({"a2V5MQ==", "s1", "t"}));
  const std::vector<RegisteredKey> keys = {{"a2V5Mg==", "s2", "t"}, {"a2V5MQ==", "s3", "t"}};
  const Status refused = store->AddKeys(keys);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().message.find("a2V5MQ=="), std::string::npos) << refused.error().message;
  EXPECT_EQ(store->Keys()->size(), 1u);

  const RegisteredObserver first{"obs-1", "Erkin Saylau", "citizen", "b2JzMQ==", "t"};
  ASSERT_TRUE(store->AddObservers(std::span(&first, 1)));
  const std::vector<RegisteredObserver> observers = {{"obs-2", "OSCE/ODIHR", "international", "b2JzMg==", "t"},
                                                     {"obs-3", "Amanat", "party", "b2JzMQ==", "t"}};
  const Status twice = store->AddObservers(observers);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(*store->Observers(), (std::vector<RegisteredObserver>{first}));
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest, ::testing::Values("memory", "sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// The stores several processes can share (the memory store has one writer by construction).
class SharedStoreTest : public StoreContractTest {};

// Two writers on one store (two saylau processes): the append lock makes the second wait until
// the first has stored, and then it sees the first's rows before choosing its own numbers.
TEST_P(SharedStoreTest, TheAppendLockSerialisesWriters) {
  auto first = Make();
  auto second = Reopen();
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(first->LockForAppend());
  std::atomic<bool> second_stored{false};
  std::int64_t second_saw = -1;
  std::vector<StoredSubmission> second_batch = {Protocol("s9", true)};
  std::thread other([&] {
    ASSERT_TRUE(second->LockForAppend());
    second_saw = *second->LastSeq();
    second_batch[0].seq = second_saw + 1;
    ASSERT_TRUE(second->Append(second_batch, {}));
    second_stored = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(second_stored) << "the second writer appended while the first held the lock";
  std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", true)};
  batch[0].seq = 1;
  batch[1].seq = 2;
  ASSERT_TRUE(first->Append(batch, {}));
  other.join();
  EXPECT_TRUE(second_stored);
  EXPECT_EQ(second_saw, 2);
  EXPECT_EQ(second_batch[0].seq, 3);
  const std::vector<StoredSubmission> seen = Scanned(*first);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2].unit, "s9");
  // Releasing without appending lets the other writer go, and stores nothing.
  ASSERT_TRUE(first->LockForAppend());
  first->ReleaseAppendLock();
  std::vector<StoredSubmission> last = {Protocol("s10", true)};
  ASSERT_TRUE(second->Append(last, {}));
  EXPECT_EQ(last[0].seq, 4);
}

INSTANTIATE_TEST_SUITE_P(Stores, SharedStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });
}  // namespace
}  // namespace saylau::store
