// What only the SQLite store does: reopening, the schema version and its migrations, refusing
// files that are not saylau databases or come from a newer saylau.
#include "saylau/store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string_view>
#include <thread>
#include <utility>

#include "saylau/store/open_store.h"
#include "sqlite_checkpointer.h"
#include "sqlite_connection.h"
#include "sqlite_schema.h"
#include "store_test_support.h"
#include "stored_rows.h"

namespace saylau::store {
namespace {

// The journal mode another connection finds the file in ("" when it cannot be read).
std::string JournalModeOf(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_stmt* statement = nullptr;
  std::string mode;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    mode = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return mode;
}

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
  // A new file has 16 KiB pages (a quarter of the WAL frames a bulk ingest writes at 4 KiB).
  sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), 16384);
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

// The kinds and verdicts are still refused when unknown, by comparisons: no row inserted builds
// a temporary index of an IN list (schema 6; at 800,000 rows ~0.4 s of a bulk ingest).
TEST(SqliteStoreTest, SubmissionChecksRefuseUnknownValuesWithoutATemporaryIndexPerRow) {
  const std::string path = TempPath("checks.db");
  std::filesystem::remove(path);
  ASSERT_TRUE(CreateSqliteStore(path, kFiles));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string insert = std::string("INSERT INTO submissions (") + internal::kSubmissionValueColumns + ") VALUES ";
  const std::string row = "('protocol', 'c', 'u', 1, '', 1, 'accepted', '{}', '[]', 'o', 't', '', 0, '', '')";
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN " + insert + row + ", " + row).c_str(), -1, &statement, nullptr),
            SQLITE_OK);
  int opcodes = 0;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    ++opcodes;
    EXPECT_STRNE(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)), "OpenEphemeral");
  }
  sqlite3_finalize(statement);
  EXPECT_GT(opcodes, 20);
  for (const char* kind : {"protocol", "turnout", "stage", "recount", "observation", "witness"}) {
    std::string good = row;
    good.replace(good.find("protocol"), 8, kind);
    EXPECT_EQ(sqlite3_exec(db, (insert + good).c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << kind;
  }
  for (const auto& [from, to] : {std::pair{"'protocol'", "'Protocol'"}, std::pair{"'protocol'", "'protocol '"},
                                 std::pair{"'protocol'", "NULL"}, std::pair{"'accepted'", "'maybe'"},
                                 std::pair{"'accepted'", "'ACCEPTED'"}}) {
    std::string bad = row;
    bad.replace(bad.find(from), std::string_view(from).size(), to);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, (insert + bad).c_str(), nullptr, nullptr, &error), SQLITE_CONSTRAINT) << to;
    EXPECT_NE(std::string(error ? error : "").find("constraint failed"), std::string::npos) << to;
    sqlite3_free(error);
  }
  sqlite3_close(db);
}

// A new file's schema and definition are written into the file once, not into the WAL first
// (to be copied again by a checkpoint); the file is in WAL mode from then on.
TEST(SqliteStoreTest, ANewFilesDefinitionIsWrittenOnceStraightIntoTheFile) {
  const std::string path = TempPath("created-once.db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::vector<DefinitionFile> files = kFiles;
  files.push_back({"stations.csv", "stations", std::string(4 << 20, 's')});
  auto store = CreateSqliteStore(path, files);
  ASSERT_TRUE(store) << store.error().message;
  std::error_code error;
  EXPECT_GE(std::filesystem::file_size(path), std::uintmax_t{4} << 20);
  const std::uintmax_t wal = std::filesystem::file_size(path + "-wal", error);
  EXPECT_LT(error ? 0 : wal, std::uintmax_t{256} << 10);
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  EXPECT_EQ(JournalModeOf(path), "wal");
  std::vector<StoredSubmission> batch = {Protocol("s1", true)};
  ASSERT_TRUE((*store)->Append(batch, {}));
  store->reset();
  auto reopened = OpenSqliteStore(path);
  ASSERT_TRUE(reopened) << reopened.error().message;
  Result<std::vector<DefinitionFile>> stored = (*reopened)->DefinitionFiles();
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), files.size());
  EXPECT_EQ(stored->back().content, files.back().content);
  EXPECT_EQ(*(*reopened)->LastSeq(), 1);
}

// A file one process fills alone (saylau import --db) is written under a rollback journal: every
// commit straight into the file, durable with no WAL beside it, nothing to checkpoint when the
// store closes; opened again, the file is in WAL like any other.
TEST(SqliteStoreTest, AFileFilledAloneIsWrittenWithoutAWalAndIsInWalWhenOpenedAgain) {
  const std::string path = TempPath("filled-alone.db");
  RemoveSqliteDatabase(path);
  auto store = CreateSqliteStore(path, kFiles, NewFileJournal::kRollbackUntilClosed);
  ASSERT_TRUE(store) << store.error().message;
  constexpr int kBatches = 4, kPerBatch = 500;
  for (int b = 0; b < kBatches; ++b) {
    std::vector<StoredSubmission> batch;
    for (int i = 0; i < kPerBatch; ++i) batch.push_back(Protocol("s" + std::to_string(b * kPerBatch + i), true));
    ASSERT_TRUE((*store)->Append(batch, {}));
  }
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  // Another connection finds every commit in the file itself, and the file not in WAL.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM submissions", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), kBatches * kPerBatch);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  EXPECT_EQ(JournalModeOf(path), "delete");
  store->reset();
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  auto reopened = OpenSqliteStore(path);
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ(*(*reopened)->LastSeq(), kBatches * kPerBatch);
  std::vector<StoredSubmission> one_more = {Protocol("late", true)};
  ASSERT_TRUE((*reopened)->Append(one_more, {}));
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  EXPECT_EQ(JournalModeOf(path), "wal");
}

// A transaction run inside another is a savepoint of it: its failure undoes only its own
// changes, and nothing is committed before the outer transaction is.
TEST(SqliteStoreTest, ATransactionInsideAnotherIsASavepointOfIt) {
  const std::string path = TempPath("nested.db");
  RemoveSqliteDatabase(path);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  internal::SqliteConnection db(raw, path);
  ASSERT_TRUE(db.Exec("CREATE TABLE t (x INTEGER)"));
  const auto count = [&] {
    internal::SqliteStatement statement;
    EXPECT_TRUE(db.Prepare("SELECT COUNT(*) FROM t", statement));
    EXPECT_EQ(statement.Step(), SQLITE_ROW);
    return statement.Int(0);
  };
  Status outer = db.InTransaction([&]() -> Status {
    if (Status ok = db.Exec("INSERT INTO t VALUES (1)"); !ok) return ok;
    const Status failed = db.InTransaction([&]() -> Status {
      if (Status ok = db.Exec("INSERT INTO t VALUES (2)"); !ok) return ok;
      return Unavailable("the inner body fails");
    });
    EXPECT_FALSE(failed);
    EXPECT_EQ(count(), 1);  // the inner insert undone, the outer one kept
    EXPECT_TRUE(db.InTransaction([&] { return db.Exec("INSERT INTO t VALUES (3)"); }));
    EXPECT_EQ(sqlite3_get_autocommit(db.get()), 0);  // still inside the outer transaction
    return Unavailable("the outer body fails");
  });
  EXPECT_FALSE(outer);
  EXPECT_EQ(count(), 0);  // nothing was committed: the released savepoint went with the outer rollback
  EXPECT_TRUE(db.InTransaction([&]() -> Status {
    if (Status ok = db.Exec("INSERT INTO t VALUES (4)"); !ok) return ok;
    return db.InTransaction([&] { return db.Exec("INSERT INTO t VALUES (5)"); });
  }));
  EXPECT_EQ(count(), 2);
}

// The definition's contents are read with blob I/O (ReadValueInto); whatever someone with the
// file and sqlite3 stored instead of text, they read exactly as a statement's column gives them.
TEST(SqliteStoreTest, DefinitionFilesReadAsTheStatementWouldWhateverWasStored) {
  const std::string path = TempPath("definition-values.db");
  std::string large(300000, 'x');  // many overflow pages, every byte value in it
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>((i * 7919) % 256);
  std::vector<DefinitionFile> files = kFiles;
  files.push_back({"big.csv", "stations", large});
  files.push_back({"empty.csv", "stations", ""});
  ASSERT_TRUE(CreateSqliteStore(path, files));
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store) << store.error().message;
    Result<std::vector<DefinitionFile>> read = (*store)->DefinitionFiles();
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      EXPECT_EQ((*read)[i].name, files[i].name);
      EXPECT_EQ((*read)[i].role, files[i].role);
      EXPECT_TRUE((*read)[i].content == files[i].content) << files[i].name;
    }
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER definition_files_no_update;"
                         "UPDATE definition_files SET content = 42 WHERE name = 'e.toml';"
                         "UPDATE definition_files SET content = x'00ff41' WHERE name = 's.csv';"
                         "UPDATE definition_files SET content = 2.5 WHERE name = 'empty.csv';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store) << store.error().message;
  Result<std::vector<DefinitionFile>> read = (*store)->DefinitionFiles();
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), 4u);
  EXPECT_EQ((*read)[0].content, "42");
  EXPECT_EQ((*read)[1].content, std::string("\0\xff" "A", 3));
  EXPECT_TRUE((*read)[2].content == large);
  EXPECT_EQ((*read)[3].content, "2.5");
}

// A new plain SQLite file made by `sql` (what anyone with sqlite3 can make), as the store's
// connection to it.
std::unique_ptr<internal::SqliteConnection> RawDatabase(const std::string& name, const char* sql) {
  const std::string path = TempPath(name);
  std::filesystem::remove(path);
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  return std::make_unique<internal::SqliteConnection>(raw, path);
}

// Blob I/O gives stored bytes; in a UTF-16 database those are not the text, so it declines.
TEST(SqliteStoreTest, ReadValueIntoDeclinesWhatIsNotUtf8Text) {
  std::unique_ptr<internal::SqliteConnection> connection =
      RawDatabase("utf16.db",
                  "PRAGMA encoding = 'UTF-16le'; CREATE TABLE t (v TEXT);"
                  "INSERT INTO t VALUES ('abc'); INSERT INTO t VALUES (NULL);");
  std::string out = "kept";
  Result<bool> read = connection->ReadValueInto("t", "v", 1, out);
  ASSERT_TRUE(read);
  EXPECT_FALSE(*read);
  EXPECT_EQ(out, "kept");
}

// In a UTF-8 database it reads text and blobs, and declines a null, a number and a missing row.
TEST(SqliteStoreTest, ReadValueIntoReadsTextAndBlobsOnly) {
  std::unique_ptr<internal::SqliteConnection> connection =
      RawDatabase("values.db",
                  "CREATE TABLE t (v); INSERT INTO t VALUES ('abc'); INSERT INTO t VALUES (x'0001');"
                  "INSERT INTO t VALUES (NULL); INSERT INTO t VALUES (7);");
  std::string out;
  ASSERT_TRUE(*connection->ReadValueInto("t", "v", 1, out));
  EXPECT_EQ(out, "abc");
  ASSERT_TRUE(*connection->ReadValueInto("t", "v", 2, out));
  EXPECT_EQ(out, std::string("\0\1", 2));
  for (std::int64_t rowid : {3, 4, 5}) {
    out = "kept";
    Result<bool> read = connection->ReadValueInto("t", "v", rowid, out);
    ASSERT_TRUE(read);
    EXPECT_FALSE(*read) << rowid;
    EXPECT_EQ(out, "kept");
  }
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

// The WAL is checkpointed every 64 MiB whatever the file's page size: 4,096 pages of a new
// file's 16 KiB, 16,384 of an older file's 4 KiB (its pages are kept).
TEST(SqliteStoreTest, CheckpointsEvery64MiBWhateverThePageSize) {
  for (const auto& [existing_page_size, pages] : {std::pair{0, 4096}, std::pair{4096, 16384}, std::pair{65536, 1024}}) {
    const std::string path = TempPath("pages-" + std::to_string(existing_page_size) + ".db");
    std::filesystem::remove(path);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    if (existing_page_size > 0) {
      const std::string made = "PRAGMA page_size=" + std::to_string(existing_page_size) + "; CREATE TABLE t (x);";
      ASSERT_EQ(sqlite3_exec(raw, made.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    }
    internal::SqliteConnection db(raw, path);
    ASSERT_TRUE(internal::ConfigureSqlite(db));
    internal::SqliteStatement statement;
    ASSERT_TRUE(db.Prepare("PRAGMA page_size", statement));
    ASSERT_EQ(statement.Step(), SQLITE_ROW);
    EXPECT_EQ(statement.Int(0), existing_page_size > 0 ? existing_page_size : 16384);
    internal::SqliteStatement checkpoint;
    ASSERT_TRUE(db.Prepare("PRAGMA wal_autocheckpoint", checkpoint));
    ASSERT_EQ(checkpoint.Step(), SQLITE_ROW);
    EXPECT_EQ(checkpoint.Int(0), pages) << existing_page_size;
  }
}

// The WAL is copied into the database on the checkpointer's thread, not inside the commits, and
// stays bounded: the commits checkpoint themselves when the thread falls behind or cannot run.
TEST(SqliteStoreTest, TheLogIsCheckpointedOnAThreadAndStaysBounded) {
  for (const bool thread_can_open : {true, false}) {
    const std::string path = TempPath(thread_can_open ? "checkpointer.db" : "checkpointer-alone.db");
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                           "CREATE TABLE t (x BLOB)", nullptr, nullptr, nullptr),
              SQLITE_OK);
    constexpr int kEvery = 16, kLimit = 128, kRows = 400;
    const auto wal_frames = [&] {
      std::error_code error;
      const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path + "-wal", error));
      return error ? 0 : (bytes - 32) / (4096 + 24);
    };
    std::int64_t most_frames = 0;
    int background = 0, foreground = 0;
    {
      // A path the thread cannot open leaves every checkpoint to the commits.
      internal::SqliteCheckpointer checkpointer(db, thread_can_open ? path : path + ".missing/x.db", kEvery, kLimit);
      for (int row = 0; row < kRows; ++row) {  // each commit writes 3-4 frames (an 8 KB blob)
        ASSERT_EQ(sqlite3_exec(db, "INSERT INTO t VALUES (randomblob(8000))", nullptr, nullptr, nullptr), SQLITE_OK);
        most_frames = std::max(most_frames, wal_frames());
      }
      for (int wait = 0; thread_can_open && checkpointer.background_passes() == 0 && wait < 1000; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      background = checkpointer.background_passes();
      foreground = checkpointer.foreground_passes();
    }
    // Without any checkpoint the log would hold ~1,400 frames (a commit's 3-4 frames over).
    EXPECT_LE(most_frames, kLimit + 8) << thread_can_open;
    if (thread_can_open) {
      EXPECT_GT(background, 0);
    } else {
      EXPECT_EQ(background, 0);
      EXPECT_GT(foreground, kRows / 8);
    }
    // SQLite's own automatic checkpoint is back, at the same threshold.
    internal::SqliteConnection connection(db, path);
    EXPECT_EQ(internal::AutoCheckpointFrames(connection), kEvery);
    sqlite3* reader = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &reader), SQLITE_OK);
    sqlite3_stmt* count = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(reader, "SELECT count(*), sum(length(x)) FROM t", -1, &count, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(count, 0), kRows);
    EXPECT_EQ(sqlite3_column_int64(count, 1), std::int64_t{kRows} * 8000);
    sqlite3_finalize(count);
    sqlite3_close(reader);
  }
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

// The first store a process opens turns SQLite's allocation statistics off (a global mutex on
// every allocation). Run in a fresh process: another test may have initialised SQLite first.
TEST(SqliteStoreTest, TheFirstStoreTurnsSqliteAllocationStatisticsOff) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const std::string path = TempPath("statistics.db");
        bool counted = true;
        {
          auto store = CreateSqliteStore(path, kFiles);
          std::vector<StoredSubmission> batch = {Protocol("s1", true)};
          counted = !store || !(*store)->Append(batch, {}) || sqlite3_memory_used() != 0;
        }
        std::filesystem::remove_all(std::filesystem::path(path).parent_path());
        std::exit(counted ? 1 : 0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace saylau::store
