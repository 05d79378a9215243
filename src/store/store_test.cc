// The Store contract, one suite run against every implementation (memory, SQLite and
// PostgreSQL in the throw-away cluster of the pg_cluster fixture), plus what only one backend
// does: reopening, schema version and migrations, append-only protection, refusing other
// databases, reconnecting.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pg_test_database.h"
#include "saylau/store/open_store.h"
#include "saylau/store/postgres_store.h"
#include "saylau/store/sqlite_store.h"

namespace saylau::store {
namespace {

std::string TempPath(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("saylau-store-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

const std::vector<DefinitionFile> kFiles = {{"e.toml", "definition", "[election]\nid = \"x\"\n"},
                                            {"s.csv", "stations", "id,parent,registered_voters\n"}};

StoredSubmission Protocol(const std::string& unit, bool accepted) {
  StoredSubmission s;
  s.kind = SubmissionKind::kProtocol;
  s.contest = "list";
  s.unit = unit;
  s.version = 1;
  s.accepted = accepted;
  s.body = "{\"unit\":\"" + unit + "\"}";
  s.reasons = accepted ? "[]" : "[{\"relation\":\"non-negative\",\"detail\":\"x\"}]";
  s.origin = "p.csv:2";
  s.received_at = "2023-03-19T21:00:00Z";
  return s;
}

std::vector<StoredSubmission> Scanned(Store& store) {
  std::vector<StoredSubmission> seen;
  EXPECT_TRUE(store.Scan(0, [&](const StoredSubmission& s) -> Status {
    seen.push_back(s);
    return {};
  }));
  return seen;
}

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

TEST(SqliteStoreTest, SubmissionsSurviveReopeningAndSchemaVersionIsSet) {
  const std::string path = TempPath("reopen.db");
  {
    auto store = CreateSqliteStore(path, kFiles);
    ASSERT_TRUE(store);
    std::vector<StoredSubmission> batch = {Protocol("s1", true)};
    ASSERT_TRUE((*store)->Append(batch, {}));
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(*(*store)->LastSeq(), 1);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), kSchemaVersion);
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))), "wal");
  sqlite3_finalize(statement);
  // Submissions are append-only, even for someone with the file and sqlite3.
  EXPECT_NE(sqlite3_exec(db, "UPDATE submissions SET verdict = 'rejected'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM submissions", nullptr, nullptr, nullptr), SQLITE_OK);
  // So is everything a signed tree head binds or a bundle publishes (schema 5).
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO keys VALUES ('a2V5', 's1', 't');"
                         "INSERT INTO tree_heads (size, root, timestamp, key, signature) VALUES (1, 'ab', 1, '', '');"
                         "INSERT INTO observers VALUES ('osce', 'OSCE', 'international', 'b2Jz', 't');"
                         "INSERT INTO photos VALUES ('cd', 'image/png', x'00');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  for (const char* sql : {"UPDATE definition_files SET content = ''", "DELETE FROM definition_files",
                          "UPDATE keys SET commission = ''", "DELETE FROM keys", "UPDATE tree_heads SET root = ''",
                          "DELETE FROM tree_heads", "UPDATE observers SET kind = 'party'", "DELETE FROM observers",
                          "UPDATE photos SET bytes = ''", "DELETE FROM photos"}) {
    char* error = nullptr;
    EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << sql;
    EXPECT_NE(std::string(error ? error : "").find("append-only"), std::string::npos) << sql;
    sqlite3_free(error);
  }
  sqlite3_close(db);
}

TEST(SqliteStoreTest, RefusesToOverwriteAndToOpenWhatIsNotOurs) {
  const std::string path = TempPath("twice.db");
  ASSERT_TRUE(CreateSqliteStore(path, kFiles));
  auto again = CreateSqliteStore(path, kFiles);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  auto missing = OpenSqliteStore(TempPath("missing.db"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  const std::string text = TempPath("text.db");
  std::ofstream(text) << "not a database at all, just some text that is long enough to be a header..........";
  auto not_db = OpenSqliteStore(text);
  ASSERT_FALSE(not_db);
  EXPECT_EQ(not_db.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(not_db.error().message.find("is not a saylau database"), std::string::npos) << not_db.error().message;

  const std::string other = TempPath("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(other.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto foreign = OpenSqliteStore(other);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(foreign.error().message.find("is not a saylau database"), std::string::npos) << foreign.error().message;
}

// A database written by schema 1 (issue 3) opens with today's saylau: migration 2 adds the
// envelope columns and the keys table, and every stored submission is kept.
TEST(SqliteStoreTest, MigratesASchemaOneDatabase) {
  const std::string path = TempPath("v1.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* schema_one = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE definition_files (name TEXT PRIMARY KEY, role TEXT NOT NULL, content TEXT NOT NULL);
CREATE TABLE submissions (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, contest TEXT NOT NULL, unit TEXT NOT NULL,
  round INTEGER NOT NULL, time TEXT NOT NULL, version INTEGER NOT NULL, verdict TEXT NOT NULL, body TEXT NOT NULL,
  reasons TEXT NOT NULL, origin TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE totals (contest TEXT NOT NULL, round INTEGER NOT NULL, unit TEXT NOT NULL, reported INTEGER NOT NULL,
  voters_reported INTEGER NOT NULL, lines TEXT NOT NULL, PRIMARY KEY (contest, round, unit)) WITHOUT ROWID;
INSERT INTO meta VALUES ('application', 'saylau');
INSERT INTO definition_files VALUES ('e.toml', 'definition', 'x');
INSERT INTO submissions VALUES (1, 'protocol', 'list', 's1', 1, '', 1, 'accepted', '{}', '[]', 'p.csv:2', 't');
PRAGMA user_version = 1;
)sql";
  ASSERT_EQ(sqlite3_exec(db, schema_one, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store) << store.error().message;
  std::vector<StoredSubmission> seen;
  ASSERT_TRUE((*store)->Scan(0, [&](const StoredSubmission& s) -> Status {
    seen.push_back(s);
    return {};
  }));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].unit, "s1");
  EXPECT_EQ(seen[0].envelope, StoredEnvelope{});
  EXPECT_TRUE((*store)->AddKey({"a2V5", "s1", "t"}));
  EXPECT_EQ((*store)->Keys()->size(), 1u);
}

TEST(SqliteStoreTest, RefusesADatabaseFromANewerSaylau) {
  const std::string path = TempPath("newer.db");
  ASSERT_TRUE(CreateSqliteStore(path, kFiles));
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, ("PRAGMA user_version=" + std::to_string(kSchemaVersion + 1)).c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(store.error().message.find("schema version " + std::to_string(kSchemaVersion + 1) + " is newer"),
            std::string::npos)
      << store.error().message;
}

// --- PostgreSQL only ---

std::string PgQuery(const std::string& url, const std::string& sql, std::string* error = nullptr) {
  PGconn* connection = PQconnectdb(url.c_str());
  PGresult* result = PQexec(connection, sql.c_str());
  std::string value;
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
  if (error != nullptr) *error = PQresultStatus(result) == PGRES_FATAL_ERROR ? PQresultErrorMessage(result) : "";
  PQclear(result);
  PQfinish(connection);
  return value;
}

TEST(PostgresStoreTest, SubmissionsSurviveReopeningAndAreAppendOnly) {
  const std::string url = testing::FreshPgDatabase(testing::PgClusterUrl(), "reopen");
  {
    auto store = CreatePostgresStore(url, kFiles);
    ASSERT_TRUE(store) << store.error().message;
    std::vector<StoredSubmission> batch = {Protocol("s1", true), Protocol("s2", false)};
    ASSERT_TRUE((*store)->Append(batch, {}, StoredTreeHead{2, "ab", 1, "", ""}));
    ASSERT_TRUE((*store)->AddKey({"a2V5", "s1", "t"}));
  }
  auto store = OpenPostgresStore(url);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(*(*store)->LastSeq(), 2);
  EXPECT_EQ(PgQuery(url, "SELECT value FROM meta WHERE key = 'schema_version'"),
            std::to_string(kPostgresSchemaVersion));
  // Append-only even for someone with psql and the password.
  PgQuery(url,
          "INSERT INTO observers (id, organisation, kind, public_key, added_at) "
          "VALUES ('osce', 'OSCE', 'international', 'b2Jz', 't')");
  PgQuery(url, "INSERT INTO photos (sha256, media_type, bytes) VALUES ('cd', 'image/png', '\\x00')");
  for (const char* sql : {"UPDATE submissions SET verdict = 'accepted'", "DELETE FROM submissions",
                          "TRUNCATE submissions", "DELETE FROM keys", "UPDATE tree_heads SET root = ''",
                          "DELETE FROM definition_files", "TRUNCATE definition_files", "UPDATE photos SET bytes = ''",
                          "DELETE FROM photos", "DELETE FROM observers", "TRUNCATE tree_heads", "TRUNCATE keys"}) {
    std::string error;
    PgQuery(url, sql, &error);
    EXPECT_NE(error.find("append-only"), std::string::npos) << sql << ": " << error;
  }
  EXPECT_EQ(Scanned(**store).size(), 2u);
}

TEST(PostgresStoreTest, RefusesToOverwriteAndToOpenWhatIsNotOurs) {
  const std::string cluster = testing::PgClusterUrl();
  const std::string url = testing::FreshPgDatabase(cluster, "twice");
  ASSERT_TRUE(CreatePostgresStore(url, kFiles));
  auto again = CreatePostgresStore(url, kFiles);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  auto empty = OpenPostgresStore(testing::FreshPgDatabase(cluster, "empty"));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kNotFound);
  EXPECT_NE(empty.error().message.find("saylau init"), std::string::npos);

  auto missing = OpenPostgresStore(cluster.substr(0, cluster.rfind('/') + 1) + "no_such_database");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);

  PgQuery(url, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  auto newer = OpenPostgresStore(url);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
}

// The server drops the connection (a restart, a failover): the call that finds out fails with a
// retryable error, and the next one reconnects; a transaction cut off stores nothing.
TEST(PostgresStoreTest, ReconnectsAfterTheConnectionIsDropped) {
  const std::string url = testing::FreshPgDatabase(testing::PgClusterUrl(), "drop");
  auto store = CreatePostgresStore(url, kFiles);
  ASSERT_TRUE(store) << store.error().message;
  std::vector<StoredSubmission> batch = {Protocol("s1", true)};
  ASSERT_TRUE((*store)->Append(batch, {}));
  const std::string database = url.substr(url.rfind('/') + 1);
  const auto drop = [&] {
    PgQuery(url, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + database +
                     "' AND pid <> pg_backend_pid()");
  };
  drop();
  Result<std::int64_t> first = (*store)->LastSeq();
  if (!first) {
    EXPECT_EQ(first.error().code, ErrorCode::kUnavailable) << first.error().message;
    EXPECT_NE(first.error().message.find("retry"), std::string::npos) << first.error().message;
  }
  Result<std::int64_t> second = (*store)->LastSeq();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, 1);

  // Cut off between taking the lock and appending: the append fails, nothing is stored.
  ASSERT_TRUE((*store)->LockForAppend());
  drop();
  std::vector<StoredSubmission> cut = {Protocol("s2", true)};
  const Status appended = (*store)->Append(cut, {});
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, ErrorCode::kUnavailable) << appended.error().message;
  std::vector<StoredSubmission> retried = {Protocol("s2", true)};
  ASSERT_TRUE((*store)->Append(retried, {}));
  EXPECT_EQ(retried[0].seq, 2);
  EXPECT_EQ(Scanned(**store).size(), 2u);
}

TEST(PostgresStoreTest, UrlsAreRecognisedAndPasswordsKeptOutOfMessages) {
  EXPECT_TRUE(IsPostgresUrl("postgresql://saylau@db:5432/night"));
  EXPECT_TRUE(IsPostgresUrl("postgres://db/night"));
  EXPECT_FALSE(IsPostgresUrl("night.db"));
  EXPECT_EQ(RedactedUrl("postgresql://saylau:secret@db:5432/night"), "postgresql://saylau@db:5432/night");
  EXPECT_EQ(RedactedUrl("postgresql://saylau@db:5432/night"), "postgresql://saylau@db:5432/night");
  EXPECT_EQ(RedactedUrl("postgresql://db:5432/night"), "postgresql://db:5432/night");
}

}  // namespace
}  // namespace saylau::store
