// SqliteStore: the Store over one SQLite file (WAL, synchronous=FULL; a new file first under a
// rollback journal, NewFileJournal), prepared statements only.
// The schema and its migrations are in sqlite_schema.cc, the connection in sqlite_connection.cc,
// and how the structs map to columns in stored_rows.h (shared with the PostgreSQL store).
#include "saylau/store/sqlite_store.h"

#include <filesystem>

#include "log_continuity.h"
#include "sqlite_checkpointer.h"
#include "sqlite_connection.h"
#include "sqlite_schema.h"
#include "stored_rows.h"

namespace saylau::store {
namespace {

using internal::SqliteBinder;
using internal::SqliteStatement;

StoredPhoto PhotoFromRow(const SqliteStatement& row) { return {row.Text(0), row.Text(1), row.Blob(2)}; }

// The statement that stores `rows` of `table`'s `columns`; "INSERT OR REPLACE" as `verb` upserts.
std::string InsertSql(const std::string& verb, const std::string& table, const std::string& columns, int count,
                      int rows = 1) {
  std::string sql = verb + " INTO " + table + " (" + columns + ") VALUES ";
  const std::string values = internal::SqliteParameters(count);
  for (int row = 0; row < rows; ++row) sql += row == 0 ? values : ", " + values;
  return sql;
}

// Rows stored per INSERT by Append (submissions and totals): one statement's run per 32 rows,
// not per row (SQLite inserts them in order, so the rows' seq follow the batch's order).
constexpr std::size_t kRowsPerInsert = 32;

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db, std::move(path)) {}

  internal::SqliteConnection& connection() { return db_; }

  // The WAL checkpointed on a thread of its own from the threshold ConfigureSqlite set
  // (sqlite_checkpointer.h); called once the connection is configured.
  void CheckpointInBackground() {
    const int every = internal::AutoCheckpointFrames(db_);
    checkpointer_ = std::make_unique<internal::SqliteCheckpointer>(db_.get(), db_.path(), every,
                                                                   every * internal::kCheckpointLimitFactor);
  }

  Status WriteDefinition(std::span<const DefinitionFile> files) {
    return db_.InTransaction([&]() -> Status {
      SqliteStatement statement;
      if (Status ok = db_.Prepare(InsertSql("INSERT", "definition_files", internal::kDefinitionColumns, 3), statement);
          !ok) {
        return ok;
      }
      return internal::InsertEach<DefinitionFile>(
          statement, files, &internal::WriteDefinitionFile<SqliteBinder>,
          [&](const DefinitionFile&) { return db_.Failure("storing the definition"); });
    });
  }

  // The files' names and roles by a statement, each content straight into its string
  // (ReadValueInto: at 800,000 stations, 189 MB not first copied into SQLite's buffer), all in
  // one read transaction (a savepoint, so that it also nests in LockForAppend's).
  Result<std::vector<DefinitionFile>> DefinitionFiles() override {
    if (Status ok = db_.Exec("SAVEPOINT definition_files"); !ok) return ok.error();
    Result<std::vector<DefinitionFile>> files = ReadDefinitionFiles();
    (void)db_.Exec("RELEASE definition_files");  // a read-only savepoint: nothing to keep or lose
    return files;
  }

  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                const std::optional<StoredTreeHead>& head) override {
    if (Status ok = PrepareAppend(); !ok) return ok;
    if (!locked_) {
      if (Status ok = db_.Exec("BEGIN IMMEDIATE"); !ok) return ok;
    }
    locked_ = false;
    Result<std::int64_t> first = StoreUnderLock(batch, totals, head);
    Status ok = first ? db_.Exec("COMMIT") : Status(first.error());
    if (!ok) {
      (void)db_.Exec("ROLLBACK");
      for (StoredSubmission& s : batch) s.seq = 0;
      return ok;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].seq = *first + static_cast<std::int64_t>(i);
    return {};
  }

  // BEGIN IMMEDIATE takes SQLite's write lock for the file (other processes wait up to the busy
  // timeout); Append commits under it.
  Status LockForAppend() override {
    if (locked_) return {};
    if (Status ok = db_.Exec("BEGIN IMMEDIATE"); !ok) return ok;
    locked_ = true;
    return {};
  }
  void ReleaseAppendLock() override {
    if (!locked_) return;
    locked_ = false;
    (void)db_.Exec("ROLLBACK");
  }

  Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) override {
    SqliteStatement statement;
    if (Status ok = db_.Prepare(std::string(internal::kSubmissionSelect) + " WHERE seq > ? ORDER BY seq", statement);
        !ok) {
      return ok;
    }
    SqliteBinder(statement).Int(after);
    return VisitSubmissions(statement, visit);
  }

  Status ScanMatching(const SubmissionFilter& filter,
                      const std::function<Status(const StoredSubmission&)>& visit) override {
    std::string where = filter.unit.empty() ? "1" : "unit = ?1";
    if (filter.rejected_only) where += " AND verdict = 'rejected'";
    SqliteStatement statement;
    if (Status ok =
            db_.Prepare(std::string(internal::kSubmissionSelect) + " WHERE " + where + " ORDER BY seq", statement);
        !ok) {
      return ok;
    }
    if (!filter.unit.empty()) SqliteBinder(statement).Text(filter.unit);
    return VisitSubmissions(statement, visit);
  }

  Result<std::vector<StoredTotals>> Totals() override {
    return db_.ReadAll<StoredTotals>(
        std::string("SELECT ") + internal::kTotalsColumns + " FROM totals ORDER BY contest, round, unit",
        &internal::TotalsFromRow<SqliteStatement>, "reading totals");
  }

  Status ReplaceTotals(std::span<const StoredTotals> totals) override {
    return db_.InTransaction([&]() -> Status {
      if (Status ok = db_.Exec("DELETE FROM totals"); !ok) return ok;
      SqliteStatement statement;
      if (Status ok = db_.Prepare(InsertSql("INSERT", "totals", internal::kTotalsColumns, 6), statement); !ok) {
        return ok;
      }
      return StoreTotals(statement, totals);
    });
  }

  Status AddKeys(std::span<const RegisteredKey> keys) override {
    return db_.InTransaction([&]() -> Status {
      SqliteStatement statement;
      if (Status ok = db_.Prepare(InsertSql("INSERT", "keys", internal::kKeyColumns, 3), statement); !ok) return ok;
      return internal::InsertEach<RegisteredKey>(
          statement, keys, &internal::WriteKey<SqliteBinder>, [&](const RegisteredKey& key) -> Status {
            if (db_.ExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY) {
              return AlreadyExists("the key " + key.public_key + " is already registered");
            }
            return db_.Failure("storing a key");
          });
    });
  }

  Result<std::vector<RegisteredKey>> Keys() override {
    return db_.ReadAll<RegisteredKey>(std::string("SELECT ") + internal::kKeyColumns + " FROM keys ORDER BY rowid",
                                      &internal::KeyFromRow<SqliteStatement>, "reading keys");
  }

  Result<std::vector<StoredTreeHead>> TreeHeads() override {
    return db_.ReadAll<StoredTreeHead>(
        std::string("SELECT ") + internal::kTreeHeadColumns + " FROM tree_heads ORDER BY size",
        &internal::TreeHeadFromRow<SqliteStatement>, "reading tree heads");
  }

  Result<std::optional<StoredTreeHead>> LatestTreeHead() override {
    Result<std::vector<StoredTreeHead>> heads = db_.ReadAll<StoredTreeHead>(
        std::string("SELECT ") + internal::kTreeHeadColumns + " FROM tree_heads ORDER BY size DESC LIMIT 1",
        &internal::TreeHeadFromRow<SqliteStatement>, "reading the latest tree head");
    if (!heads) return heads.error();
    if (heads->empty()) return std::optional<StoredTreeHead>();
    return std::optional<StoredTreeHead>(std::move(heads->front()));
  }

  Status AddObservers(std::span<const RegisteredObserver> observers) override {
    return db_.InTransaction([&]() -> Status {
      SqliteStatement statement;
      if (Status ok = db_.Prepare(InsertSql("INSERT", "observers", internal::kObserverColumns, 5), statement); !ok) {
        return ok;
      }
      return internal::InsertEach<RegisteredObserver>(
          statement, observers, &internal::WriteObserver<SqliteBinder>, [&](const RegisteredObserver& observer) {
            const int code = db_.ExtendedErrorCode();
            return code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE
                       ? Status(AlreadyExists("observer '" + observer.id + "' or its key is already registered"))
                       : db_.Failure("storing an observer");
          });
    });
  }

  Result<std::vector<RegisteredObserver>> Observers() override {
    return db_.ReadAll<RegisteredObserver>(
        std::string("SELECT ") + internal::kObserverColumns + " FROM observers ORDER BY rowid",
        &internal::ObserverFromRow<SqliteStatement>, "reading observers");
  }

  Status AddPhoto(const StoredPhoto& photo) override {
    SqliteStatement statement;
    if (Status ok = db_.Prepare("INSERT OR IGNORE INTO photos (sha256, media_type, bytes) VALUES (?, ?, ?)", statement);
        !ok) {
      return ok;
    }
    SqliteBinder bind(statement);
    bind.Text(photo.sha256);
    bind.Text(photo.media_type);
    bind.Blob(photo.bytes);
    if (statement.Step() != SQLITE_DONE) return db_.Failure("storing a photo");
    return {};
  }

  Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) override {
    Result<std::vector<StoredPhoto>> photos = db_.ReadAll<StoredPhoto>(
        "SELECT sha256, media_type, bytes FROM photos WHERE sha256 = ?", &PhotoFromRow, "reading a photo", {sha256});
    if (!photos) return photos.error();
    if (photos->empty()) return std::optional<StoredPhoto>();
    return std::optional<StoredPhoto>(std::move(photos->front()));
  }

  Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) override {
    SqliteStatement statement;
    if (Status ok = db_.Prepare("SELECT sha256, media_type, bytes FROM photos ORDER BY sha256", statement); !ok) {
      return ok;
    }
    return db_.EachRow(
        statement, [&](const SqliteStatement& row) { return visit(PhotoFromRow(row)); }, "reading photos");
  }

  Result<std::int64_t> LastSeq() override {
    SqliteStatement statement;
    if (Status ok = db_.Prepare("SELECT COALESCE(MAX(seq), 0) FROM submissions", statement); !ok) return ok.error();
    if (statement.Step() != SQLITE_ROW) return db_.FailureError("reading the last sequence number");
    return statement.Int(0);
  }

 private:
  struct FileRow {
    std::int64_t rowid = 0;
    DefinitionFile file;
  };

  Result<std::vector<DefinitionFile>> ReadDefinitionFiles() {
    Result<std::vector<FileRow>> rows = db_.ReadAll<FileRow>(
        "SELECT rowid, name, role FROM definition_files ORDER BY rowid",
        +[](const SqliteStatement& row) { return FileRow{row.Int(0), {row.Text(1), row.Text(2), {}}}; },
        "reading the definition");
    if (!rows) return rows.error();
    std::vector<DefinitionFile> files;
    files.reserve(rows->size());
    for (FileRow& row : *rows) {
      Result<bool> read = db_.ReadValueInto("definition_files", "content", row.rowid, row.file.content);
      if (!read) return read.error();
      if (!*read) {  // not readable as a blob: the statement reads it as any other value (or fails)
        Result<std::vector<std::string>> content = db_.ReadAll<std::string>(
            "SELECT content FROM definition_files WHERE rowid = " + std::to_string(row.rowid),
            +[](const SqliteStatement& value) { return value.Text(0); }, "reading the definition");
        if (!content) return content.error();
        if (content->size() != 1) return FailedPrecondition(db_.path() + ": a definition file went while it was read");
        row.file.content = std::move(content->front());
      }
      files.push_back(std::move(row.file));
    }
    return files;
  }

  // The statements every Append uses, prepared on the first.
  Status PrepareAppend() {
    const std::pair<internal::SqliteStatement*, std::string> statements[] = {
        {&insert_,
         InsertSql("INSERT", "submissions", internal::kSubmissionValueColumns, internal::kSubmissionValueCount)},
        {&insert_many_, InsertSql("INSERT", "submissions", internal::kSubmissionValueColumns,
                                  internal::kSubmissionValueCount, kRowsPerInsert)},
        {&upsert_totals_, InsertSql("INSERT OR REPLACE", "totals", internal::kTotalsColumns, 6)},
        {&upsert_many_totals_, InsertSql("INSERT OR REPLACE", "totals", internal::kTotalsColumns, 6, kRowsPerInsert)},
        {&insert_head_, InsertSql("INSERT", "tree_heads", internal::kTreeHeadColumns, 6)},
    };
    for (const auto& [statement, sql] : statements) {
      if (statement->prepared()) continue;
      if (Status ok = db_.Prepare(sql, *statement); !ok) return ok;
    }
    return {};
  }

  // Append's writes inside its transaction; returns the seq of the batch's first row.
  Result<std::int64_t> StoreUnderLock(std::span<const StoredSubmission> batch, std::span<const StoredTotals> totals,
                                      const std::optional<StoredTreeHead>& head) {
    Result<std::int64_t> last = LastSeq();
    if (!last) return last.error();
    const std::int64_t first = *last + 1;
    if (Status ok = internal::CheckLogContinues(batch, first, {db_.path(), "another writer appended"}); !ok) {
      return ok.error();
    }
    Status ok = InsertInChunks<StoredSubmission>(insert_many_, insert_, batch, &internal::WriteSubmission<SqliteBinder>,
                                                 "storing a submission");
    if (ok) {
      ok = InsertInChunks<StoredTotals>(upsert_many_totals_, upsert_totals_, totals,
                                        &internal::WriteTotals<SqliteBinder>, "storing totals");
    }
    if (ok && head) {
      ok = internal::InsertEach<StoredTreeHead>(
          insert_head_, std::span(&*head, 1), &internal::WriteTreeHead<SqliteBinder>,
          [&](const StoredTreeHead&) { return db_.Failure("storing a tree head"); });
    }
    if (!ok) return ok.error();
    return first;
  }

  // Stores `rows` kRowsPerInsert at a time with `many`, the rest one by one with `one`.
  template <typename T>
  Status InsertInChunks(SqliteStatement& many, SqliteStatement& one, std::span<const T> rows,
                        void (*write)(SqliteBinder&, const T&), const std::string& doing) {
    std::size_t at = 0;
    for (; at + kRowsPerInsert <= rows.size(); at += kRowsPerInsert) {
      SqliteBinder bind(many);
      for (std::size_t i = at; i < at + kRowsPerInsert; ++i) write(bind, rows[i]);
      if (many.Step() != SQLITE_DONE) return db_.Failure(doing);
    }
    return internal::InsertEach<T>(one, rows.subspan(at), write, [&](const T&) { return db_.Failure(doing); });
  }

  Status StoreTotals(SqliteStatement& statement, std::span<const StoredTotals> totals) {
    return internal::InsertEach<StoredTotals>(statement, totals, &internal::WriteTotals<SqliteBinder>,
                                              [&](const StoredTotals&) { return db_.Failure("storing totals"); });
  }

  Status VisitSubmissions(SqliteStatement& statement, const std::function<Status(const StoredSubmission&)>& visit) {
    StoredSubmission s;
    return db_.EachRow(
        statement,
        [&](const SqliteStatement& row) {
          internal::ReadSubmission(row, s);
          return visit(s);
        },
        "reading submissions");
  }

  internal::SqliteConnection db_;
  SqliteStatement insert_, insert_many_, upsert_totals_, upsert_many_totals_, insert_head_;
  bool locked_ = false;  // LockForAppend's transaction is open
  // Declared after db_, so gone before it closes (the close's own checkpoint copies the rest).
  std::unique_ptr<internal::SqliteCheckpointer> checkpointer_;
};

// SQLite keeps allocation statistics by default, under a global mutex taken on every malloc and
// free; builds without lookaside memory (Debian's among them) pay it for each of a row's small
// allocations. saylau reads none of the statistics, so they are turned off, once, before SQLite
// initialises (after that SQLite refuses the change, harmlessly: the statistics stay on).
void TurnOffSqliteMemoryStatistics() {
  [[maybe_unused]] static const int refused = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

Result<std::unique_ptr<SqliteStore>> Connect(const std::string& path, int flags) {
  TurnOffSqliteMemoryStatistics();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Unavailable(path + ": cannot open the database: " + message);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  if (Status ok = internal::ConfigureSqlite(store->connection()); !ok) return ok.error();
  store->CheckpointInBackground();
  return store;
}

}  // namespace

Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path, std::span<const DefinitionFile> files,
                                                 NewFileJournal journal) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return AlreadyExists(path + ": the database already exists; choose a new file or remove it first");
  }
  Result<std::unique_ptr<SqliteStore>> store =
      Connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!store) return store.error();
  // The schema and the definition go straight into the new file, in rollback-journal mode (a
  // new file's pages need no journal), then the file is in WAL (NewFileJournal): in WAL they
  // would be written to the log and copied into the file again by a checkpoint (at 800,000
  // stations 189 MB twice; the Russian 2018 import's 23 MB, ~0.1 s of its critical path). One
  // commit for the migrations and the files (each migration is a savepoint of it): one round
  // of syncs, not seven.
  internal::SqliteConnection& db = (*store)->connection();
  Status ok = db.Exec("PRAGMA journal_mode=DELETE");
  // A rollback journal's commit is its deletion: synchronous=EXTRA also syncs the directory
  // after it, so a commit that has returned is not rolled back by a power loss (FULL leaves the
  // unlink unsynced). Back to FULL once in WAL, where a commit is the synced log.
  if (ok) ok = db.Exec("PRAGMA synchronous=EXTRA");
  // Through a small page cache: the pages are written once and not read again here.
  if (ok) ok = internal::SetCacheKib(db, internal::kCreationCacheKib);
  if (ok) {
    ok = db.InTransaction([&]() -> Status {
      if (Status migrated = internal::MigrateSqlite(db); !migrated) return migrated;
      return (*store)->WriteDefinition(files);
    });
  }
  if (ok && journal == NewFileJournal::kWal) ok = db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL");
  if (ok) {
    ok = internal::SetCacheKib(db, journal == NewFileJournal::kWal ? internal::kCacheKib : internal::kFillAloneCacheKib);
  }
  if (!ok) {
    store->reset();
    RemoveSqliteDatabase(path);
    return ok.error();
  }
  return std::unique_ptr<Store>(std::move(*store));
}

void RemoveSqliteDatabase(const std::string& path) {
  std::error_code error;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, error);
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return NotFound(path + ": no such database; create one with: saylau init DEFINITION --db " + path);
  }
  Result<std::unique_ptr<SqliteStore>> store = Connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (!store && store.error().message.ends_with("file is not a database")) {
    return InvalidArgument(path + " is not a saylau database (it is not an SQLite file at all)");
  }
  if (!store) return store.error();
  if (Status ok = internal::CheckSqliteApplication((*store)->connection()); !ok) return ok.error();
  if (Status ok = internal::MigrateSqlite((*store)->connection()); !ok) return ok.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace saylau::store
