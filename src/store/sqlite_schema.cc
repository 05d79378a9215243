// The SQLite store's schema (sqlite_schema.h): numbered migrations, pragmas, the saylau check.
#include "sqlite_schema.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>

#include "saylau/store/sqlite_store.h"

namespace saylau::store::internal {
namespace {

// The WAL is copied into the database when it passes this size (and at close): bounded for a
// server that runs all night, large enough that a bulk ingest checkpoints rarely.
constexpr std::int64_t kCheckpointEveryBytes = 64 << 20;

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
    // 6: the same kinds, checked by comparisons. SQLite (3.40) checks an IN list of more than
    // two values by building a temporary index of the list for every row inserted: at 800,000
    // rows ~0.4 s of a bulk ingest's storing thread (issue 22), compared one by one ~0.05 s.
    // The table is rebuilt as in 4.
    R"sql(
CREATE TABLE submissions_6 (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind = 'protocol' OR kind = 'turnout' OR kind = 'stage' OR kind = 'recount' OR
                            kind = 'observation' OR kind = 'witness'),
  contest TEXT NOT NULL,
  unit TEXT NOT NULL,
  round INTEGER NOT NULL,
  time TEXT NOT NULL,
  version INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict = 'accepted' OR verdict = 'rejected'),
  body TEXT NOT NULL,
  reasons TEXT NOT NULL,
  origin TEXT NOT NULL,
  received_at TEXT NOT NULL,
  signer_key TEXT NOT NULL DEFAULT '',
  key_seq INTEGER NOT NULL DEFAULT 0,
  signature TEXT NOT NULL DEFAULT '',
  signed_body TEXT NOT NULL DEFAULT ''
);
INSERT INTO submissions_6 SELECT seq, kind, contest, unit, round, time, version, verdict, body, reasons, origin,
  received_at, signer_key, key_seq, signature, signed_body FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_6 RENAME TO submissions;
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
  BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
CREATE INDEX submissions_by_key ON submissions (signer_key, key_seq) WHERE signer_key <> '';
CREATE INDEX submissions_by_unit ON submissions (unit, seq);
CREATE INDEX submissions_rejected ON submissions (seq) WHERE verdict = 'rejected';
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

Result<int> UserVersion(SqliteConnection& db) {
  SqliteStatement statement;
  if (Status ok = db.Prepare("PRAGMA user_version", statement); !ok) return ok.error();
  if (statement.Step() != SQLITE_ROW) return db.FailureError("reading the schema version");
  return static_cast<int>(statement.Int(0));
}

Error NotSaylau(const SqliteConnection& db, const std::string& why) {
  return InvalidArgument(db.path() + " is not a saylau database (" + why +
                         "); create one with: saylau init DEFINITION --db FILE");
}

}  // namespace

Status ConfigureSqlite(SqliteConnection& db) {
  // WAL + synchronous=FULL: a commit is durable when it returns. A larger cache and fewer
  // automatic checkpoints keep big ingests fast; durability is unchanged. A new file gets 16 KiB
  // pages (an existing one keeps its own): a quarter of the WAL frames, each two pwrites, and of
  // the checkpoint's page copies; the WAL is checkpointed every 64 MiB whatever the file's pages.
  for (const char* pragma :
       {"PRAGMA page_size=16384", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=10000", "PRAGMA temp_store=MEMORY"}) {
    if (Status ok = db.Exec(pragma); !ok) return ok;
  }
  if (Status ok = SetCacheKib(db, kCacheKib); !ok) return ok;
  SqliteStatement page_size;
  if (Status ok = db.Prepare("PRAGMA page_size", page_size); !ok) return ok;
  if (page_size.Step() != SQLITE_ROW) return db.Failure("reading the page size");
  const std::int64_t bytes = std::clamp<std::int64_t>(page_size.Int(0), 512, 65536);  // SQLite's own bounds
  return db.Exec("PRAGMA wal_autocheckpoint=" + std::to_string(kCheckpointEveryBytes / bytes));
}

Status SetCacheKib(SqliteConnection& db, int kib) {
  return db.Exec("PRAGMA cache_size=-" + std::to_string(kib));  // negative: KiB, not pages
}

int AutoCheckpointFrames(SqliteConnection& db) {
  SqliteStatement frames;
  if (!db.Prepare("PRAGMA wal_autocheckpoint", frames) || frames.Step() != SQLITE_ROW || frames.Int(0) <= 0) {
    return static_cast<int>(kCheckpointEveryBytes / 4096);  // SQLite's default page size
  }
  return static_cast<int>(std::min<std::int64_t>(frames.Int(0), kCheckpointEveryBytes / 512));
}

Status MigrateSqlite(SqliteConnection& db) {
  Result<int> version = UserVersion(db);
  if (!version) return version.error();
  if (*version > kSchemaVersion) {
    return InvalidArgument(db.path() + ": schema version " + std::to_string(*version) +
                           " is newer than this saylau (which knows up to " + std::to_string(kSchemaVersion) +
                           "); upgrade saylau");
  }
  for (int next = *version + 1; next <= kSchemaVersion; ++next) {
    Status ok = db.InTransaction([&]() -> Status {
      if (Status migrated = db.Exec(kMigrations[next - 1]); !migrated) return migrated;
      return db.Exec("PRAGMA user_version=" + std::to_string(next));
    });
    if (!ok) return ok;
  }
  return {};
}

Status CheckSqliteApplication(SqliteConnection& db) {
  SqliteStatement statement;
  if (Status ok = db.Prepare("SELECT value FROM meta WHERE key = 'application'", statement); !ok) {
    return ok.error().code == ErrorCode::kUnavailable ? ok : Status(NotSaylau(db, "it has no saylau tables"));
  }
  if (statement.Step() != SQLITE_ROW) return NotSaylau(db, "it has no saylau tables");
  return {};
}

}  // namespace saylau::store::internal
