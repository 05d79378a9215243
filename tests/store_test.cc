// The Store contract, one suite run against every implementation (memory and SQLite; the
// PostgreSQL store joins later), plus what only the SQLite file does: reopening, schema
// version and migrations, append-only protection, refusing other files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

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

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<Store> Make() {
    if (GetParam() == "memory") return CreateMemoryStore(kFiles);
    auto store = CreateSqliteStore(TempPath("contract.db"), kFiles);
    EXPECT_TRUE(store) << store.error().message;
    return std::move(*store);
  }
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

INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest, ::testing::Values("memory", "sqlite"));

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
  EXPECT_EQ(not_db.error().code, ErrorCode::kFailedPrecondition);

  const std::string other = TempPath("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(other.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto foreign = OpenSqliteStore(other);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kFailedPrecondition);
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
  EXPECT_EQ(store.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.error().message.find("newer"), std::string::npos);
}

}  // namespace
}  // namespace saylau::store
