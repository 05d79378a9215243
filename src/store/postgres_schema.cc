// The PostgreSQL store's schema (postgres_schema.h): numbered migrations and the definition.
#include "postgres_schema.h"

#include <iterator>
#include <string>

#include "saylau/store/postgres_store.h"
#include "stored_rows.h"

namespace saylau::store::internal {
namespace {

// Numbered migrations: migration i (1-based) takes the schema from version i - 1 to i. Never
// edit a published one; add the next. The first is the SQLite store's schema 4 in PostgreSQL.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE definition_files (
  ord BIGSERIAL,
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('definition', 'stations')),
  content TEXT NOT NULL
);
CREATE FUNCTION saylau_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% are append-only', TG_TABLE_NAME;
END $$;
CREATE TABLE submissions (
  seq BIGINT PRIMARY KEY,
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
  key_seq BIGINT NOT NULL DEFAULT 0,
  signature TEXT NOT NULL DEFAULT '',
  signed_body TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER submissions_append_only BEFORE UPDATE OR DELETE ON submissions
  FOR EACH ROW EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER submissions_no_truncate BEFORE TRUNCATE ON submissions
  FOR EACH STATEMENT EXECUTE FUNCTION saylau_append_only();
CREATE INDEX submissions_by_key ON submissions (signer_key, key_seq) WHERE signer_key <> '';
CREATE INDEX submissions_by_unit ON submissions (unit, seq);
CREATE INDEX submissions_rejected ON submissions (seq) WHERE verdict = 'rejected';
CREATE TABLE totals (
  contest TEXT NOT NULL,
  round INTEGER NOT NULL,
  unit TEXT NOT NULL,
  reported BIGINT NOT NULL,
  voters_reported BIGINT NOT NULL,
  lines TEXT NOT NULL,
  PRIMARY KEY (contest, round, unit)
);
CREATE TABLE keys (
  ord BIGSERIAL,
  public_key TEXT PRIMARY KEY,
  commission TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE TRIGGER keys_append_only BEFORE UPDATE OR DELETE ON keys
  FOR EACH ROW EXECUTE FUNCTION saylau_append_only();
CREATE TABLE tree_heads (
  size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  "timestamp" BIGINT NOT NULL,
  key TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE TRIGGER tree_heads_append_only BEFORE UPDATE OR DELETE ON tree_heads
  FOR EACH ROW EXECUTE FUNCTION saylau_append_only();
CREATE TABLE observers (
  ord BIGSERIAL,
  id TEXT PRIMARY KEY,
  organisation TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('citizen', 'party', 'international')),
  public_key TEXT NOT NULL UNIQUE,
  added_at TEXT NOT NULL
);
CREATE TRIGGER observers_append_only BEFORE UPDATE OR DELETE ON observers
  FOR EACH ROW EXECUTE FUNCTION saylau_append_only();
CREATE TABLE photos (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  bytes BYTEA NOT NULL
);
INSERT INTO meta (key, value) VALUES ('application', 'saylau');
)sql",
    // 2: each tree head's binding to the definition and the registered keys (signed with it);
    // the definition and photos become append-only like the submissions, and no append-only
    // table can be emptied with TRUNCATE.
    R"sql(
ALTER TABLE tree_heads ADD COLUMN binding TEXT NOT NULL DEFAULT '';
CREATE TRIGGER definition_files_append_only BEFORE UPDATE OR DELETE ON definition_files
  FOR EACH ROW EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER photos_append_only BEFORE UPDATE OR DELETE ON photos
  FOR EACH ROW EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER definition_files_no_truncate BEFORE TRUNCATE ON definition_files
  FOR EACH STATEMENT EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER keys_no_truncate BEFORE TRUNCATE ON keys
  FOR EACH STATEMENT EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER tree_heads_no_truncate BEFORE TRUNCATE ON tree_heads
  FOR EACH STATEMENT EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER observers_no_truncate BEFORE TRUNCATE ON observers
  FOR EACH STATEMENT EXECUTE FUNCTION saylau_append_only();
CREATE TRIGGER photos_no_truncate BEFORE TRUNCATE ON photos
  FOR EACH STATEMENT EXECUTE FUNCTION saylau_append_only();
)sql",
};
static_assert(std::size(kMigrations) == kPostgresSchemaVersion);

// The advisory lock of migrations and of writing the definition ("saylau" in ASCII, then 2;
// kAppendLock ends in 1).
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(126875289462050)";

// 0 when the database has no saylau schema yet.
Result<int> SchemaVersion(PostgresConnection& db) {
  Result<PgResult> meta = db.Query("SELECT to_regclass('meta') IS NOT NULL", {});
  if (!meta) return meta.error();
  if (PgRow(meta->get(), 0).Text(0) != "t") return 0;
  Result<PgResult> version = db.Query("SELECT value FROM meta WHERE key = 'schema_version'", {});
  if (!version) return version.error();
  return PQntuples(version->get()) == 0 ? 0 : static_cast<int>(PgRow(version->get(), 0).Int(0));
}

Result<std::int64_t> DefinitionFileCount(PostgresConnection& db) {
  Result<PgResult> count = db.Query("SELECT count(*) FROM definition_files", {});
  if (!count) return count.error();
  return PgRow(count->get(), 0).Int(0);
}

}  // namespace

Status MigratePostgres(PostgresConnection& db) {
  return db.InTransaction([&]() -> Status {
    if (Status ok = db.Command(kMigrationLock); !ok) return ok;
    Result<int> version = SchemaVersion(db);
    if (!version) return version.error();
    if (*version > kPostgresSchemaVersion) {
      return InvalidArgument(db.place() + ": schema version " + std::to_string(*version) +
                             " is newer than this saylau (which knows up to " + std::to_string(kPostgresSchemaVersion) +
                             "); upgrade saylau");
    }
    for (int next = *version + 1; next <= kPostgresSchemaVersion; ++next) {
      if (Status ok = db.Command(kMigrations[next - 1]); !ok) return ok;
      Status ok = db.Execute(
          "INSERT INTO meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET "
          "value = EXCLUDED.value",
          Params().Int(next));
      if (!ok) return ok;
    }
    return {};
  });
}

Result<bool> PostgresHoldsElection(PostgresConnection& db) {
  Result<int> version = SchemaVersion(db);
  if (!version) return version.error();
  if (*version == 0) return false;
  Result<std::int64_t> files = DefinitionFileCount(db);
  if (!files) return files.error();
  return *files > 0;
}

Status WritePostgresDefinition(PostgresConnection& db, std::span<const DefinitionFile> files) {
  return db.InTransaction([&]() -> Status {
    if (Status ok = db.Command(kMigrationLock); !ok) return ok;
    Result<std::int64_t> count = DefinitionFileCount(db);
    if (!count) return count.error();
    if (*count > 0) return AlreadyExists(db.place() + ": the database already holds an election; use a new database");
    for (const DefinitionFile& file : files) {
      Params params;
      WriteDefinitionFile(params, file);
      if (Status ok = db.Execute(
              std::string("INSERT INTO definition_files (") + kDefinitionColumns + ") VALUES ($1, $2, $3)", params);
          !ok) {
        return ok;
      }
    }
    return {};
  });
}

}  // namespace saylau::store::internal
