// SqliteStore: the Store over one SQLite file (WAL, synchronous=FULL), prepared statements only.
#include "saylau/store/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>

namespace saylau::store {
namespace {

// Numbered migrations: migration i (1-based) takes the schema from version i - 1 to i. Never
// edit a published one; add the next.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE definition_files (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('definition', 'stations')),
  content TEXT NOT NULL
);
CREATE TABLE submissions (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('protocol', 'turnout', 'stage', 'recount')),
  contest TEXT NOT NULL,
  unit TEXT NOT NULL,
  round INTEGER NOT NULL,
  time TEXT NOT NULL,
  version INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
  body TEXT NOT NULL,
  reasons TEXT NOT NULL,
  origin TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
CREATE TABLE totals (
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  unit TEXT NOT NULL,
  reported INTEGER NOT NULL,
  voters_reported INTEGER NOT NULL,
  lines TEXT NOT NULL,
  PRIMARY KEY (contest, round, unit)
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('application', 'saylau');
)sql",
    // 2: signed submissions (the envelope: key, per-key sequence number, signature, the exact
    // signed bytes) and the registered public keys of the commissions.
    R"sql(
ALTER TABLE submissions ADD COLUMN signer_key TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN key_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN signed_body TEXT NOT NULL DEFAULT '';
CREATE INDEX submissions_by_key ON submissions (signer_key, key_seq) WHERE signer_key <> '';
CREATE TABLE keys (
  public_key TEXT PRIMARY KEY,
  commission TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE TRIGGER keys_no_update BEFORE UPDATE ON keys
  BEGIN SELECT RAISE(ABORT, 'keys are append-only'); END;
CREATE TRIGGER keys_no_delete BEFORE DELETE ON keys
  BEGIN SELECT RAISE(ABORT, 'keys are append-only'); END;
)sql",
    // 3: a unit's history and the rejected list read through indexes, not a scan of the store.
    R"sql(
CREATE INDEX submissions_by_unit ON submissions (unit, seq);
CREATE INDEX submissions_rejected ON submissions (seq) WHERE verdict = 'rejected';
)sql",
    // 4: the transparency log's signed tree heads, accredited observers (their copies and
    // countersignatures are submissions of two new kinds), and photos of paper protocols.
    // SQLite cannot widen a CHECK in place, so the submissions table is rebuilt (the
    // append-only triggers do not fire on DROP TABLE).
    R"sql(
CREATE TABLE submissions_4 (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('protocol', 'turnout', 'stage', 'recount', 'observation', 'witness')),
  contest TEXT NOT NULL,
  unit TEXT NOT NULL,
  round INTEGER NOT NULL,
  time TEXT NOT NULL,
  version INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
  body TEXT NOT NULL,
  reasons TEXT NOT NULL,
  origin TEXT NOT NULL,
  received_at TEXT NOT NULL,
  signer_key TEXT NOT NULL DEFAULT '',
  key_seq INTEGER NOT NULL DEFAULT 0,
  signature TEXT NOT NULL DEFAULT '',
  signed_body TEXT NOT NULL DEFAULT ''
);
INSERT INTO submissions_4 SELECT seq, kind, contest, unit, round, time, version, verdict, body, reasons, origin,
  received_at, signer_key, key_seq, signature, signed_body FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_4 RENAME TO submissions;
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
CREATE INDEX submissions_by_key ON submissions (signer_key, key_seq) WHERE signer_key <> '';
CREATE INDEX submissions_by_unit ON submissions (unit, seq);
CREATE INDEX submissions_rejected ON submissions (seq) WHERE verdict = 'rejected';
CREATE TABLE tree_heads (
  size INTEGER PRIMARY KEY,
  root TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  key TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE TRIGGER tree_heads_no_update BEFORE UPDATE ON tree_heads
  BEGIN SELECT RAISE(ABORT, 'tree heads are append-only'); END;
CREATE TRIGGER tree_heads_no_delete BEFORE DELETE ON tree_heads
  BEGIN SELECT RAISE(ABORT, 'tree heads are append-only'); END;
CREATE TABLE observers (
  id TEXT PRIMARY KEY,
  organisation TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('citizen', 'party', 'international')),
  public_key TEXT NOT NULL UNIQUE,
  added_at TEXT NOT NULL
);
CREATE TRIGGER observers_no_update BEFORE UPDATE ON observers
  BEGIN SELECT RAISE(ABORT, 'observers are append-only'); END;
CREATE TABLE photos (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  bytes BLOB NOT NULL
);
)sql",
    // 5: each tree head's binding to the definition and the registered keys (signed with it);
    // the definition, observers and photos become append-only like the submissions.
    R"sql(
ALTER TABLE tree_heads ADD COLUMN binding TEXT NOT NULL DEFAULT '';
CREATE TRIGGER definition_files_no_update BEFORE UPDATE ON definition_files
  BEGIN SELECT RAISE(ABORT, 'definition files are append-only'); END;
CREATE TRIGGER definition_files_no_delete BEFORE DELETE ON definition_files
  BEGIN SELECT RAISE(ABORT, 'definition files are append-only'); END;
CREATE TRIGGER observers_no_delete BEFORE DELETE ON observers
  BEGIN SELECT RAISE(ABORT, 'observers are append-only'); END;
CREATE TRIGGER photos_no_update BEFORE UPDATE ON photos
  BEGIN SELECT RAISE(ABORT, 'photos are append-only'); END;
CREATE TRIGGER photos_no_delete BEFORE DELETE ON photos
  BEGIN SELECT RAISE(ABORT, 'photos are append-only'); END;
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(statement_); }
  sqlite3_stmt** out() { return &statement_; }
  sqlite3_stmt* get() const { return statement_; }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }  // closes once the statements are finalised

  Status Configure() {
    // WAL + synchronous=FULL: a commit is durable when it returns. A larger cache and fewer
    // automatic checkpoints keep big ingests fast; durability is unchanged.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000",
          "PRAGMA cache_size=-65536", "PRAGMA wal_autocheckpoint=16384", "PRAGMA temp_store=MEMORY"}) {
      if (Status ok = Exec(pragma); !ok) return ok;
    }
    return {};
  }

  Status Migrate() {
    Result<int> version = UserVersion();
    if (!version) return version.error();
    if (*version > kSchemaVersion) {
      return InvalidArgument(path_ + ": schema version " + std::to_string(*version) +
                             " is newer than this saylau (which knows up to " + std::to_string(kSchemaVersion) +
                             "); upgrade saylau");
    }
    for (int next = *version + 1; next <= kSchemaVersion; ++next) {
      if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
      Status ok = Exec(kMigrations[next - 1]);
      if (ok) ok = Exec("PRAGMA user_version=" + std::to_string(next));
      if (ok) ok = Exec("COMMIT");
      if (!ok) {
        (void)Exec("ROLLBACK");
        return ok;
      }
    }
    return {};
  }

  // Errors: kInvalidArgument when the file is an SQLite database of another program;
  // kUnavailable when it cannot be read now.
  Status CheckApplication() {
    Statement statement;
    if (Status ok = Prepare("SELECT value FROM meta WHERE key = 'application'", statement); !ok) {
      return ok.error().code == ErrorCode::kUnavailable ? ok : Status(NotSaylau("it has no saylau tables"));
    }
    if (sqlite3_step(statement.get()) != SQLITE_ROW) return NotSaylau("it has no saylau tables");
    return {};
  }

  Error NotSaylau(const std::string& why) const {
    return InvalidArgument(path_ + " is not a saylau database (" + why +
                           "); create one with: saylau init DEFINITION --db FILE");
  }

  Status WriteDefinition(std::span<const DefinitionFile> files) {
    if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
    Statement statement;
    Status ok = Prepare("INSERT INTO definition_files (name, role, content) VALUES (?, ?, ?)", statement);
    for (const DefinitionFile& file : files) {
      if (!ok) break;
      sqlite3_reset(statement.get());
      BindText(statement, 1, file.name);
      BindText(statement, 2, file.role);
      BindText(statement, 3, file.content);
      if (sqlite3_step(statement.get()) != SQLITE_DONE) ok = Failure("storing the definition");
    }
    if (ok) ok = Exec("COMMIT");
    if (!ok) (void)Exec("ROLLBACK");
    return ok;
  }

  Result<std::vector<DefinitionFile>> DefinitionFiles() override {
    Statement statement;
    if (Status ok = Prepare("SELECT name, role, content FROM definition_files ORDER BY rowid", statement); !ok) {
      return ok.error();
    }
    std::vector<DefinitionFile> files;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      files.push_back({Column(statement, 0), Column(statement, 1), Column(statement, 2)});
    }
    if (step != SQLITE_DONE) return Failure("reading the definition").error();
    return files;
  }

  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                const std::optional<StoredTreeHead>& head) override {
    if (insert_.get() == nullptr) {
      Status ok = Prepare(
          "INSERT INTO submissions (kind, contest, unit, round, time, version, verdict, body, reasons, origin, "
          "received_at, signer_key, key_seq, signature, signed_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?)",
          insert_);
      if (ok) {
        ok = Prepare(
            "INSERT OR REPLACE INTO totals (contest, round, unit, reported, voters_reported, lines) VALUES (?, ?, ?, "
            "?, ?, ?)",
            upsert_totals_);
      }
      if (!ok) return ok;
    }
    if (!locked_) {
      if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
    }
    locked_ = false;
    Result<std::int64_t> last = LastSeq();
    Status ok = last ? Status() : Status(last.error());
    std::int64_t seq = last ? *last : 0;
    if (ok && !batch.empty() && batch[0].seq != 0 && batch[0].seq != seq + 1) {
      ok = Unavailable(path_ + ": the log moved on (another writer appended): submission " +
                       std::to_string(batch[0].seq) + " would be " + std::to_string(seq + 1) + "; nothing was stored");
    }
    for (StoredSubmission& s : batch) {
      if (!ok) break;
      sqlite3_stmt* insert = insert_.get();
      sqlite3_reset(insert);
      BindText(insert_, 1, SubmissionKindName(s.kind));
      BindText(insert_, 2, s.contest);
      BindText(insert_, 3, s.unit);
      sqlite3_bind_int(insert, 4, s.round);
      BindText(insert_, 5, s.time);
      sqlite3_bind_int(insert, 6, s.version);
      BindText(insert_, 7, s.accepted ? "accepted" : "rejected");
      BindText(insert_, 8, s.body);
      BindText(insert_, 9, s.reasons);
      BindText(insert_, 10, s.origin);
      BindText(insert_, 11, s.received_at);
      BindText(insert_, 12, s.envelope.key);
      sqlite3_bind_int64(insert, 13, s.envelope.seq);
      BindText(insert_, 14, s.envelope.signature);
      BindText(insert_, 15, s.envelope.body);
      if (sqlite3_step(insert) != SQLITE_DONE) {
        ok = Failure("storing a submission");
        break;
      }
      s.seq = ++seq;
    }
    for (const StoredTotals& row : totals) {
      if (!ok) break;
      sqlite3_stmt* upsert = upsert_totals_.get();
      sqlite3_reset(upsert);
      BindText(upsert_totals_, 1, row.contest);
      sqlite3_bind_int(upsert, 2, row.round);
      BindText(upsert_totals_, 3, row.unit);
      sqlite3_bind_int64(upsert, 4, row.reported);
      sqlite3_bind_int64(upsert, 5, row.voters_reported);
      BindText(upsert_totals_, 6, row.lines);
      if (sqlite3_step(upsert) != SQLITE_DONE) ok = Failure("storing totals");
    }
    if (ok && head) ok = InsertTreeHead(*head);
    if (ok) ok = Exec("COMMIT");
    if (!ok) {
      (void)Exec("ROLLBACK");
      for (StoredSubmission& s : batch) s.seq = 0;
    }
    return ok;
  }

  // BEGIN IMMEDIATE takes SQLite's write lock for the file (other processes wait up to the busy
  // timeout); Append commits under it.
  Status LockForAppend() override {
    if (locked_) return {};
    if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
    locked_ = true;
    return {};
  }
  void ReleaseAppendLock() override {
    if (!locked_) return;
    locked_ = false;
    (void)Exec("ROLLBACK");
  }

  Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) override {
    Statement statement;
    if (Status ok = Prepare(std::string(kSubmissionColumns) + " WHERE seq > ? ORDER BY seq", statement); !ok) {
      return ok;
    }
    sqlite3_bind_int64(statement.get(), 1, after);
    return VisitRows(statement, visit);
  }

  Status ScanMatching(const SubmissionFilter& filter,
                      const std::function<Status(const StoredSubmission&)>& visit) override {
    std::string where = filter.unit.empty() ? "1" : "unit = ?1";
    if (filter.rejected_only) where += " AND verdict = 'rejected'";
    Statement statement;
    if (Status ok = Prepare(std::string(kSubmissionColumns) + " WHERE " + where + " ORDER BY seq", statement); !ok) {
      return ok;
    }
    if (!filter.unit.empty()) BindText(statement, 1, filter.unit);
    return VisitRows(statement, visit);
  }

  Result<std::vector<StoredTotals>> Totals() override {
    Statement statement;
    if (Status ok = Prepare(
            "SELECT contest, round, unit, reported, voters_reported, lines FROM totals ORDER BY contest, round, unit",
            statement);
        !ok) {
      return ok.error();
    }
    std::vector<StoredTotals> rows;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      rows.push_back({Column(statement, 0), sqlite3_column_int(statement.get(), 1), Column(statement, 2),
                      sqlite3_column_int64(statement.get(), 3), sqlite3_column_int64(statement.get(), 4),
                      Column(statement, 5)});
    }
    if (step != SQLITE_DONE) return Failure("reading totals").error();
    return rows;
  }

  Status ReplaceTotals(std::span<const StoredTotals> totals) override {
    if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
    Status ok = Exec("DELETE FROM totals");
    Statement statement;
    if (ok) {
      ok = Prepare(
          "INSERT INTO totals (contest, round, unit, reported, voters_reported, lines) VALUES (?, ?, ?, ?, ?, ?)",
          statement);
    }
    for (const StoredTotals& row : totals) {
      if (!ok) break;
      sqlite3_reset(statement.get());
      BindText(statement, 1, row.contest);
      sqlite3_bind_int(statement.get(), 2, row.round);
      BindText(statement, 3, row.unit);
      sqlite3_bind_int64(statement.get(), 4, row.reported);
      sqlite3_bind_int64(statement.get(), 5, row.voters_reported);
      BindText(statement, 6, row.lines);
      if (sqlite3_step(statement.get()) != SQLITE_DONE) ok = Failure("storing totals");
    }
    if (ok) ok = Exec("COMMIT");
    if (!ok) (void)Exec("ROLLBACK");
    return ok;
  }

  Status AddKeys(std::span<const RegisteredKey> keys) override {
    if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
    Status ok = InsertKeys(keys);
    if (ok) ok = Exec("COMMIT");
    if (!ok) (void)Exec("ROLLBACK");
    return ok;
  }

  static constexpr const char* kSubmissionColumns =
      "SELECT seq, kind, contest, unit, round, time, version, verdict, body, reasons, origin, received_at, "
      "signer_key, key_seq, signature, signed_body FROM submissions";

  Status VisitRows(Statement& statement, const std::function<Status(const StoredSubmission&)>& visit) {
    StoredSubmission s;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      s.seq = sqlite3_column_int64(statement.get(), 0);
      const std::string kind = Column(statement, 1);
      s.kind = SubmissionKindFromName(kind).value_or(SubmissionKind::kProtocol);
      s.contest = Column(statement, 2);
      s.unit = Column(statement, 3);
      s.round = sqlite3_column_int(statement.get(), 4);
      s.time = Column(statement, 5);
      s.version = sqlite3_column_int(statement.get(), 6);
      s.accepted = Column(statement, 7) == "accepted";
      s.body = Column(statement, 8);
      s.reasons = Column(statement, 9);
      s.origin = Column(statement, 10);
      s.received_at = Column(statement, 11);
      s.envelope.key = Column(statement, 12);
      s.envelope.seq = sqlite3_column_int64(statement.get(), 13);
      s.envelope.signature = Column(statement, 14);
      s.envelope.body = Column(statement, 15);
      if (Status ok = visit(s); !ok) return ok;
    }
    if (step != SQLITE_DONE) return Failure("reading submissions");
    return {};
  }

  Status InsertKeys(std::span<const RegisteredKey> keys) {
    Statement statement;
    if (Status ok = Prepare("INSERT INTO keys (public_key, commission, added_at) VALUES (?, ?, ?)", statement); !ok) {
      return ok;
    }
    for (const RegisteredKey& key : keys) {
      sqlite3_reset(statement.get());
      BindText(statement, 1, key.public_key);
      BindText(statement, 2, key.commission);
      BindText(statement, 3, key.added_at);
      if (sqlite3_step(statement.get()) != SQLITE_DONE) {
        if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_PRIMARYKEY) {
          return AlreadyExists("the key " + key.public_key + " is already registered");
        }
        return Failure("storing a key");
      }
    }
    return {};
  }

  Result<std::vector<RegisteredKey>> Keys() override {
    Statement statement;
    if (Status ok = Prepare("SELECT public_key, commission, added_at FROM keys ORDER BY rowid", statement); !ok) {
      return ok.error();
    }
    std::vector<RegisteredKey> keys;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      keys.push_back({Column(statement, 0), Column(statement, 1), Column(statement, 2)});
    }
    if (step != SQLITE_DONE) return Failure("reading keys").error();
    return keys;
  }

  Status InsertTreeHead(const StoredTreeHead& head) {
    if (insert_head_.get() == nullptr) {
      if (Status ok = Prepare(
              "INSERT INTO tree_heads (size, root, timestamp, key, signature, binding) VALUES (?, ?, ?, ?, ?, ?)",
              insert_head_);
          !ok) {
        return ok;
      }
    }
    sqlite3_stmt* insert = insert_head_.get();
    sqlite3_reset(insert);
    sqlite3_bind_int64(insert, 1, head.size);
    BindText(insert_head_, 2, head.root);
    sqlite3_bind_int64(insert, 3, head.timestamp);
    BindText(insert_head_, 4, head.key);
    BindText(insert_head_, 5, head.signature);
    BindText(insert_head_, 6, head.binding);
    if (sqlite3_step(insert) != SQLITE_DONE) return Failure("storing a tree head");
    return {};
  }

  Result<std::vector<StoredTreeHead>> TreeHeads() override {
    Statement statement;
    if (Status ok = Prepare("SELECT size, root, timestamp, key, signature, binding FROM tree_heads ORDER BY size",
                            statement);
        !ok) {
      return ok.error();
    }
    std::vector<StoredTreeHead> heads;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      heads.push_back({sqlite3_column_int64(statement.get(), 0), Column(statement, 1),
                       sqlite3_column_int64(statement.get(), 2), Column(statement, 3), Column(statement, 4),
                       Column(statement, 5)});
    }
    if (step != SQLITE_DONE) return Failure("reading tree heads").error();
    return heads;
  }

  Result<std::optional<StoredTreeHead>> LatestTreeHead() override {
    Statement statement;
    if (Status ok = Prepare(
            "SELECT size, root, timestamp, key, signature, binding FROM tree_heads ORDER BY size DESC LIMIT 1",
            statement);
        !ok) {
      return ok.error();
    }
    const int step = sqlite3_step(statement.get());
    if (step == SQLITE_DONE) return std::optional<StoredTreeHead>();
    if (step != SQLITE_ROW) return Failure("reading the latest tree head").error();
    return std::optional<StoredTreeHead>(StoredTreeHead{sqlite3_column_int64(statement.get(), 0),
                                                        Column(statement, 1), sqlite3_column_int64(statement.get(), 2),
                                                        Column(statement, 3), Column(statement, 4),
                                                        Column(statement, 5)});
  }

  Status AddObservers(std::span<const RegisteredObserver> observers) override {
    if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
    Statement statement;
    Status ok = Prepare(
        "INSERT INTO observers (id, organisation, kind, public_key, added_at) VALUES (?, ?, ?, ?, ?)", statement);
    for (const RegisteredObserver& observer : observers) {
      if (!ok) break;
      sqlite3_reset(statement.get());
      BindText(statement, 1, observer.id);
      BindText(statement, 2, observer.organisation);
      BindText(statement, 3, observer.kind);
      BindText(statement, 4, observer.public_key);
      BindText(statement, 5, observer.added_at);
      if (sqlite3_step(statement.get()) != SQLITE_DONE) {
        const int code = sqlite3_extended_errcode(db_);
        ok = code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE
                 ? Status(AlreadyExists("observer '" + observer.id + "' or its key is already registered"))
                 : Failure("storing an observer");
      }
    }
    if (ok) ok = Exec("COMMIT");
    if (!ok) (void)Exec("ROLLBACK");
    return ok;
  }

  Result<std::vector<RegisteredObserver>> Observers() override {
    Statement statement;
    if (Status ok = Prepare("SELECT id, organisation, kind, public_key, added_at FROM observers ORDER BY rowid",
                            statement);
        !ok) {
      return ok.error();
    }
    std::vector<RegisteredObserver> observers;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      observers.push_back({Column(statement, 0), Column(statement, 1), Column(statement, 2), Column(statement, 3),
                           Column(statement, 4)});
    }
    if (step != SQLITE_DONE) return Failure("reading observers").error();
    return observers;
  }

  Status AddPhoto(const StoredPhoto& photo) override {
    Statement statement;
    if (Status ok = Prepare("INSERT OR IGNORE INTO photos (sha256, media_type, bytes) VALUES (?, ?, ?)", statement);
        !ok) {
      return ok;
    }
    BindText(statement, 1, photo.sha256);
    BindText(statement, 2, photo.media_type);
    sqlite3_bind_blob(statement.get(), 3, photo.bytes.data(), static_cast<int>(photo.bytes.size()), SQLITE_STATIC);
    if (sqlite3_step(statement.get()) != SQLITE_DONE) return Failure("storing a photo");
    return {};
  }

  Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) override {
    Statement statement;
    if (Status ok = Prepare("SELECT sha256, media_type, bytes FROM photos WHERE sha256 = ?", statement); !ok) {
      return ok.error();
    }
    BindText(statement, 1, sha256);
    const int step = sqlite3_step(statement.get());
    if (step == SQLITE_DONE) return std::optional<StoredPhoto>();
    if (step != SQLITE_ROW) return Failure("reading a photo").error();
    return std::optional<StoredPhoto>(PhotoRow(statement));
  }

  Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) override {
    Statement statement;
    if (Status ok = Prepare("SELECT sha256, media_type, bytes FROM photos ORDER BY sha256", statement); !ok) return ok;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
      if (Status ok = visit(PhotoRow(statement)); !ok) return ok;
    }
    if (step != SQLITE_DONE) return Failure("reading photos");
    return {};
  }

  static StoredPhoto PhotoRow(Statement& statement) {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement.get(), 2));
    return {Column(statement, 0), Column(statement, 1),
            std::string(bytes == nullptr ? "" : bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), 2)))};
  }

  Result<std::int64_t> LastSeq() override {
    Statement statement;
    if (Status ok = Prepare("SELECT COALESCE(MAX(seq), 0) FROM submissions", statement); !ok) return ok.error();
    if (sqlite3_step(statement.get()) != SQLITE_ROW) return Failure("reading the last sequence number").error();
    return static_cast<std::int64_t>(sqlite3_column_int64(statement.get(), 0));
  }

 private:
  Error FailureError(const std::string& doing) const {
    const int code = sqlite3_errcode(db_);
    const std::string message = path_ + ": " + doing + ": " + sqlite3_errmsg(db_);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR || code == SQLITE_FULL ||
        code == SQLITE_CANTOPEN || code == SQLITE_READONLY) {
      return Unavailable(message);
    }
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) return FailedPrecondition(message);
    return Error{ErrorCode::kInternal, message};
  }
  Status Failure(const std::string& doing) const { return FailureError(doing); }

  Status Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      sqlite3_free(message);
      return Failure("running '" + sql.substr(0, sql.find('\n', 1)) + "'");
    }
    return {};
  }

  Status Prepare(const std::string& sql, Statement& statement) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, statement.out(), nullptr) != SQLITE_OK) {
      return Failure("preparing a statement");
    }
    return {};
  }

  Result<int> UserVersion() {
    Statement statement;
    if (Status ok = Prepare("PRAGMA user_version", statement); !ok) return ok.error();
    if (sqlite3_step(statement.get()) != SQLITE_ROW) return Failure("reading the schema version").error();
    return sqlite3_column_int(statement.get(), 0);
  }

  static void BindText(Statement& statement, int index, std::string_view text) {
    sqlite3_bind_text(statement.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  static std::string Column(Statement& statement, int index) {
    const unsigned char* text = sqlite3_column_text(statement.get(), index);
    return text == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(text),
                                         static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), index)));
  }

  sqlite3* db_;
  std::string path_;
  Statement insert_, upsert_totals_, insert_head_;
  bool locked_ = false;  // LockForAppend's transaction is open
};

Result<std::unique_ptr<SqliteStore>> Connect(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Unavailable(path + ": cannot open the database: " + message);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  if (Status ok = store->Configure(); !ok) return ok.error();
  return store;
}

}  // namespace

Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path, std::span<const DefinitionFile> files) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return AlreadyExists(path + ": the database already exists; choose a new file or remove it first");
  }
  Result<std::unique_ptr<SqliteStore>> store =
      Connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!store) return store.error();
  Status ok = (*store)->Migrate();
  if (ok) ok = (*store)->WriteDefinition(files);
  if (!ok) {
    store->reset();
    std::filesystem::remove(path, error);
    std::filesystem::remove(path + "-wal", error);
    std::filesystem::remove(path + "-shm", error);
    return ok.error();
  }
  return std::unique_ptr<Store>(std::move(*store));
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
  if (Status ok = (*store)->CheckApplication(); !ok) return ok.error();
  if (Status ok = (*store)->Migrate(); !ok) return ok.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace saylau::store
