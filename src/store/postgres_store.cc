// PostgresStore: the Store over libpq. Statements are prepared once per connection (and again
// after a reconnect); values always travel as parameters. Scans stream in single-row mode.
#include "saylau/store/postgres_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

namespace saylau::store {
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

// The advisory lock keys: one for appends, one for migrations ("saylau" in ASCII, then 1 / 2).
constexpr const char* kAppendLock = "SELECT pg_advisory_xact_lock(126875289462049)";
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(126875289462050)";

// Rows per multi-row INSERT (16 parameters each; PostgreSQL allows 65,535 per statement).
constexpr std::size_t kRowsPerInsert = 64;

constexpr const char* kSubmissionColumns =
    "SELECT seq, kind, contest, unit, round, time, version, verdict, body, reasons, origin, received_at, "
    "signer_key, key_seq, signature, signed_body FROM submissions";

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// Parameters of one statement, kept as strings so their pointers stay valid.
class Params {
 public:
  Params& Text(std::string_view value) {
    values_.emplace_back(value);
    binary_.push_back(0);
    return *this;
  }
  Params& Int(std::int64_t value) { return Text(std::to_string(value)); }
  Params& Bytes(std::string_view value) {
    values_.emplace_back(value);
    binary_.push_back(1);
    return *this;
  }
  int size() const { return static_cast<int>(values_.size()); }
  std::vector<const char*> Pointers() const {
    std::vector<const char*> out;
    for (const std::string& value : values_) out.push_back(value.data());
    return out;
  }
  std::vector<int> Lengths() const {
    std::vector<int> out;
    for (const std::string& value : values_) out.push_back(static_cast<int>(value.size()));
    return out;
  }
  const std::vector<int>& Formats() const { return binary_; }

 private:
  std::vector<std::string> values_;
  std::vector<int> binary_;
};

std::int64_t ToInt(const char* text) {
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

std::string Placeholders(std::size_t rows, std::size_t columns) {
  std::string out;
  int n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < columns; ++c) out += (c == 0 ? "$" : ", $") + std::to_string(++n);
    out += ")";
  }
  return out;
}

class PostgresStore : public Store {
 public:
  PostgresStore(PGconn* connection, std::string url) : connection_(connection), url_(std::move(url)) {}
  ~PostgresStore() override { PQfinish(connection_); }

  // --- setting up ---

  Status Migrate() {
    if (Status ok = Command("BEGIN"); !ok) return ok;
    Status ok = Command(kMigrationLock);
    int version = 0;
    if (ok) {
      Result<int> read = SchemaVersion();
      if (read) {
        version = *read;
      } else {
        ok = read.error();
      }
    }
    if (ok && version > kPostgresSchemaVersion) {
      ok = InvalidArgument(RedactedUrl(url_) + ": schema version " + std::to_string(version) +
                           " is newer than this saylau (which knows up to " + std::to_string(kPostgresSchemaVersion) +
                           "); upgrade saylau");
    }
    for (int next = version + 1; ok && next <= kPostgresSchemaVersion; ++next) {
      ok = Command(kMigrations[next - 1]);
      if (ok) {
        ok = Execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET "
            "value = EXCLUDED.value",
            Params().Int(next));
      }
    }
    if (ok) ok = Command("COMMIT");
    if (!ok) (void)Command("ROLLBACK");
    return ok;
  }

  // 0 when the database has no saylau schema yet.
  Result<int> SchemaVersion() {
    Result<PgResult> meta = Query("SELECT to_regclass('meta') IS NOT NULL", {});
    if (!meta) return meta.error();
    if (std::string_view(PQgetvalue(meta->get(), 0, 0)) != "t") return 0;
    Result<PgResult> version = Query("SELECT value FROM meta WHERE key = 'schema_version'", {});
    if (!version) return version.error();
    return PQntuples(version->get()) == 0 ? 0 : static_cast<int>(ToInt(PQgetvalue(version->get(), 0, 0)));
  }

  Result<bool> HoldsElection() {
    Result<int> version = SchemaVersion();
    if (!version) return version.error();
    if (*version == 0) return false;
    Result<PgResult> files = Query("SELECT count(*) FROM definition_files", {});
    if (!files) return files.error();
    return ToInt(PQgetvalue(files->get(), 0, 0)) > 0;
  }

  Status WriteDefinition(std::span<const DefinitionFile> files) {
    if (Status ok = Command("BEGIN"); !ok) return ok;
    Status ok = Command(kMigrationLock);
    if (ok) {
      Result<PgResult> count = Query("SELECT count(*) FROM definition_files", {});
      if (!count) {
        ok = count.error();
      } else if (ToInt(PQgetvalue(count->get(), 0, 0)) > 0) {
        ok = AlreadyExists(RedactedUrl(url_) + ": the database already holds an election; use a new database");
      }
    }
    for (const DefinitionFile& file : files) {
      if (!ok) break;
      ok = Execute("INSERT INTO definition_files (name, role, content) VALUES ($1, $2, $3)",
                   Params().Text(file.name).Text(file.role).Text(file.content));
    }
    if (ok) ok = Command("COMMIT");
    if (!ok) (void)Command("ROLLBACK");
    return ok;
  }

  // --- the Store ---

  Result<std::vector<DefinitionFile>> DefinitionFiles() override {
    Result<PgResult> rows = Query("SELECT name, role, content FROM definition_files ORDER BY ord", {});
    if (!rows) return rows.error();
    std::vector<DefinitionFile> files;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      files.push_back({Value(*rows, i, 0), Value(*rows, i, 1), Value(*rows, i, 2)});
    }
    return files;
  }

  Status LockForAppend() override {
    if (locked_) return {};
    if (Status ok = Command("BEGIN"); !ok) return ok;
    if (Status ok = Command(kAppendLock); !ok) {
      (void)Command("ROLLBACK");
      return ok;
    }
    locked_ = true;
    return {};
  }

  void ReleaseAppendLock() override {
    if (!locked_) return;
    locked_ = false;
    (void)Command("ROLLBACK");
  }

  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                const std::optional<StoredTreeHead>& head) override {
    if (Status ok = LockForAppend(); !ok) return ok;
    locked_ = false;
    Result<std::int64_t> last = LastSeq();
    Status ok = last ? Status() : Status(last.error());
    const std::int64_t first = last ? *last + 1 : 0;
    if (ok && !batch.empty() && batch[0].seq != 0 && batch[0].seq != first) {
      ok = Unavailable(RedactedUrl(url_) + ": the log moved on (another writer appended): submission " +
                       std::to_string(batch[0].seq) + " would be " + std::to_string(first) + "; nothing was stored");
    }
    for (std::size_t at = 0; ok && at < batch.size(); at += kRowsPerInsert) {
      const std::size_t rows = std::min(kRowsPerInsert, batch.size() - at);
      Params params;
      for (std::size_t i = 0; i < rows; ++i) {
        const StoredSubmission& s = batch[at + i];
        params.Int(first + static_cast<std::int64_t>(at + i))
            .Text(SubmissionKindName(s.kind))
            .Text(s.contest)
            .Text(s.unit)
            .Int(s.round)
            .Text(s.time)
            .Int(s.version)
            .Text(s.accepted ? "accepted" : "rejected")
            .Text(s.body)
            .Text(s.reasons)
            .Text(s.origin)
            .Text(s.received_at)
            .Text(s.envelope.key)
            .Int(s.envelope.seq)
            .Text(s.envelope.signature)
            .Text(s.envelope.body);
      }
      ok = Execute(
          "INSERT INTO submissions (seq, kind, contest, unit, round, time, version, verdict, body, reasons, "
          "origin, received_at, signer_key, key_seq, signature, signed_body) VALUES " +
              Placeholders(rows, 16),
          params);
    }
    if (ok) ok = UpsertTotals(totals);
    if (ok && head) {
      ok =
          Execute("INSERT INTO tree_heads (size, root, \"timestamp\", key, signature, binding) VALUES ($1, $2, $3, $4, "
                  "$5, $6)",
                  Params()
                      .Int(head->size)
                      .Text(head->root)
                      .Int(head->timestamp)
                      .Text(head->key)
                      .Text(head->signature)
                      .Text(head->binding));
    }
    if (ok) ok = Command("COMMIT");
    if (!ok) {
      (void)Command("ROLLBACK");
      for (StoredSubmission& s : batch) s.seq = 0;
      return ok;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].seq = first + static_cast<std::int64_t>(i);
    return {};
  }

  Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) override {
    return StreamSubmissions(std::string(kSubmissionColumns) + " WHERE seq > $1 ORDER BY seq", Params().Int(after),
                             visit);
  }

  Status ScanMatching(const SubmissionFilter& filter,
                      const std::function<Status(const StoredSubmission&)>& visit) override {
    std::string where = filter.unit.empty() ? "TRUE" : "unit = $1";
    if (filter.rejected_only) where += " AND verdict = 'rejected'";
    Params params;
    if (!filter.unit.empty()) params.Text(filter.unit);
    return StreamSubmissions(std::string(kSubmissionColumns) + " WHERE " + where + " ORDER BY seq", params, visit);
  }

  Result<std::vector<StoredTotals>> Totals() override {
    Result<PgResult> rows = Query(
        "SELECT contest, round, unit, reported, voters_reported, lines FROM totals ORDER BY contest COLLATE \"C\", "
        "round, unit COLLATE \"C\"",
        {});
    if (!rows) return rows.error();
    std::vector<StoredTotals> totals;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      totals.push_back({Value(*rows, i, 0), static_cast<int>(Int(*rows, i, 1)), Value(*rows, i, 2), Int(*rows, i, 3),
                        Int(*rows, i, 4), Value(*rows, i, 5)});
    }
    return totals;
  }

  Status ReplaceTotals(std::span<const StoredTotals> totals) override {
    if (Status ok = Command("BEGIN"); !ok) return ok;
    Status ok = Command(kAppendLock);
    if (ok) ok = Command("DELETE FROM totals");
    if (ok) ok = UpsertTotals(totals);
    if (ok) ok = Command("COMMIT");
    if (!ok) (void)Command("ROLLBACK");
    return ok;
  }

  Result<std::int64_t> LastSeq() override {
    Result<PgResult> rows = Query("SELECT COALESCE(MAX(seq), 0) FROM submissions", {});
    if (!rows) return rows.error();
    return Int(*rows, 0, 0);
  }

  Status AddKeys(std::span<const RegisteredKey> keys) override {
    std::set<std::string> given;
    for (const RegisteredKey& key : keys) {
      if (!given.insert(key.public_key).second) {
        return AlreadyExists("the key " + key.public_key + " is already registered");
      }
    }
    if (Status ok = Command("BEGIN"); !ok) return ok;
    Status ok;
    for (std::size_t at = 0; ok && at < keys.size(); at += kRowsPerInsert) {
      const std::size_t rows = std::min(kRowsPerInsert, keys.size() - at);
      Params params;
      for (std::size_t i = 0; i < rows; ++i) {
        params.Text(keys[at + i].public_key).Text(keys[at + i].commission).Text(keys[at + i].added_at);
      }
      // ON CONFLICT DO NOTHING + RETURNING tells which key was there already.
      Result<PgResult> inserted =
          Query("INSERT INTO keys (public_key, commission, added_at) VALUES " + Placeholders(rows, 3) +
                    " ON CONFLICT (public_key) DO NOTHING RETURNING public_key",
                params);
      if (!inserted) {
        ok = inserted.error();
      } else if (PQntuples(inserted->get()) != static_cast<int>(rows)) {
        std::set<std::string> stored;
        for (int i = 0; i < PQntuples(inserted->get()); ++i) stored.insert(Value(*inserted, i, 0));
        for (std::size_t i = 0; i < rows; ++i) {
          if (!stored.contains(keys[at + i].public_key)) {
            ok = AlreadyExists("the key " + keys[at + i].public_key + " is already registered");
            break;
          }
        }
      }
    }
    if (ok) ok = Command("COMMIT");
    if (!ok) (void)Command("ROLLBACK");
    return ok;
  }

  Result<std::vector<RegisteredKey>> Keys() override {
    Result<PgResult> rows = Query("SELECT public_key, commission, added_at FROM keys ORDER BY ord", {});
    if (!rows) return rows.error();
    std::vector<RegisteredKey> keys;
    keys.reserve(static_cast<std::size_t>(PQntuples(rows->get())));
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      keys.push_back({Value(*rows, i, 0), Value(*rows, i, 1), Value(*rows, i, 2)});
    }
    return keys;
  }

  Result<std::vector<StoredTreeHead>> TreeHeads() override {
    Result<PgResult> rows =
        Query("SELECT size, root, \"timestamp\", key, signature, binding FROM tree_heads ORDER BY size", {});
    if (!rows) return rows.error();
    std::vector<StoredTreeHead> heads;
    for (int i = 0; i < PQntuples(rows->get()); ++i) heads.push_back(HeadRow(*rows, i));
    return heads;
  }

  Result<std::optional<StoredTreeHead>> LatestTreeHead() override {
    Result<PgResult> rows =
        Query("SELECT size, root, \"timestamp\", key, signature, binding FROM tree_heads ORDER BY size DESC LIMIT 1",
              {});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) == 0) return std::optional<StoredTreeHead>();
    return std::optional<StoredTreeHead>(HeadRow(*rows, 0));
  }

  Status AddObservers(std::span<const RegisteredObserver> observers) override {
    if (Status ok = Command("BEGIN"); !ok) return ok;
    Status ok;
    for (const RegisteredObserver& observer : observers) {
      if (!ok) break;
      Result<PgResult> inserted = Query(
          "INSERT INTO observers (id, organisation, kind, public_key, added_at) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT DO NOTHING RETURNING id",
          Params()
              .Text(observer.id)
              .Text(observer.organisation)
              .Text(observer.kind)
              .Text(observer.public_key)
              .Text(observer.added_at));
      if (!inserted) {
        ok = inserted.error();
      } else if (PQntuples(inserted->get()) != 1) {
        ok = AlreadyExists("observer '" + observer.id + "' or its key is already registered");
      }
    }
    if (ok) ok = Command("COMMIT");
    if (!ok) (void)Command("ROLLBACK");
    return ok;
  }

  Result<std::vector<RegisteredObserver>> Observers() override {
    Result<PgResult> rows =
        Query("SELECT id, organisation, kind, public_key, added_at FROM observers ORDER BY ord", {});
    if (!rows) return rows.error();
    std::vector<RegisteredObserver> observers;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      observers.push_back(
          {Value(*rows, i, 0), Value(*rows, i, 1), Value(*rows, i, 2), Value(*rows, i, 3), Value(*rows, i, 4)});
    }
    return observers;
  }

  Status AddPhoto(const StoredPhoto& photo) override {
    return Execute("INSERT INTO photos (sha256, media_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
                   Params().Text(photo.sha256).Text(photo.media_type).Bytes(photo.bytes));
  }

  Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) override {
    Result<PgResult> rows =
        Query("SELECT sha256, media_type, bytes FROM photos WHERE sha256 = $1", Params().Text(sha256), /*binary=*/true);
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) == 0) return std::optional<StoredPhoto>();
    return std::optional<StoredPhoto>(PhotoRow(rows->get(), 0));
  }

  Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) override {
    Result<PgResult> hashes = Query("SELECT sha256 FROM photos ORDER BY sha256 COLLATE \"C\"", {});
    if (!hashes) return hashes.error();
    for (int i = 0; i < PQntuples(hashes->get()); ++i) {
      Result<std::optional<StoredPhoto>> photo = Photo(Value(*hashes, i, 0));
      if (!photo) return photo.error();
      if (*photo) {
        if (Status ok = visit(**photo); !ok) return ok;
      }
    }
    return {};
  }

 private:
  // --- the connection ---

  // Reconnects a broken connection (after a server restart); prepared statements go with it.
  Status EnsureConnected() {
    if (PQstatus(connection_) == CONNECTION_OK) return {};
    const bool lost_transaction = in_transaction_;
    locked_ = false;
    in_transaction_ = false;
    prepared_.clear();
    PQreset(connection_);
    if (lost_transaction) {
      // Never go on with the rest of a transaction on a new connection: it would commit half.
      return Unavailable(RedactedUrl(url_) +
                         ": the connection to PostgreSQL was lost during a transaction; nothing "
                         "of it was stored (retry)");
    }
    if (PQstatus(connection_) != CONNECTION_OK) {
      return Unavailable(RedactedUrl(url_) + ": PostgreSQL cannot be reached: " + ConnectionMessage() + " (retry)");
    }
    return {};
  }

  std::string ConnectionMessage() const {
    std::string message = PQerrorMessage(connection_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
  }

  // Connection loss, shutdown, overload, serialisation failures and lock timeouts are worth a
  // retry; constraint violations and everything else are not.
  Error FailureOf(const PGresult* result, const std::string& doing) const {
    const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string code = state == nullptr ? "" : state;
    std::string message = result == nullptr ? ConnectionMessage() : PQresultErrorMessage(result);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    message = RedactedUrl(url_) + ": " + doing + ": " + message;
    const bool retryable = code.empty() || PQstatus(connection_) != CONNECTION_OK || code.starts_with("08") ||
                           code.starts_with("53") || code.starts_with("57") || code == "40001" || code == "40P01" ||
                           code == "55P03" || code == "25P02";
    if (retryable) return Unavailable(message + " (retry)");
    if (code == "23505") return AlreadyExists(message);
    return Error{ErrorCode::kInternal, message};
  }

  // The statement's name on this connection, preparing it the first time.
  Result<std::string> Prepared(const std::string& sql, const Params& params) {
    auto found = prepared_.find(sql);
    if (found != prepared_.end()) return found->second;
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    PgResult result(PQprepare(connection_, name.c_str(), sql.c_str(), params.size(), nullptr));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return FailureOf(result.get(), "preparing a statement");
    prepared_.emplace(sql, name);
    return name;
  }

  Result<PgResult> Query(const std::string& sql, const Params& params, bool binary = false) {
    if (Status ok = EnsureConnected(); !ok) return ok.error();
    Result<std::string> name = Prepared(sql, params);
    if (!name) return name.error();
    const std::vector<const char*> values = params.Pointers();
    const std::vector<int> lengths = params.Lengths();
    PgResult result(PQexecPrepared(connection_, name->c_str(), params.size(), values.data(), lengths.data(),
                                   params.Formats().data(), binary ? 1 : 0));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return FailureOf(result.get(), "running '" + sql.substr(0, 60) + "'");
    }
    return result;
  }

  Status Execute(const std::string& sql, const Params& params) {
    Result<PgResult> result = Query(sql, params);
    if (!result) return result.error();
    return {};
  }

  // A fixed command without parameters (BEGIN, COMMIT, a migration's script).
  Status Command(const char* sql) {
    const std::string_view command(sql);
    const bool ends = command == "COMMIT" || command == "ROLLBACK";
    if (ends && !in_transaction_) return {};  // the transaction went with a lost connection
    if (Status ok = EnsureConnected(); !ok) return ok;
    PgResult result(PQexec(connection_, sql));
    const ExecStatusType status = PQresultStatus(result.get());
    if (command == "BEGIN") in_transaction_ = status == PGRES_COMMAND_OK;
    if (ends) in_transaction_ = false;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string what = sql;
      return FailureOf(result.get(), "running '" + what.substr(0, what.find('\n', 1)).substr(0, 60) + "'");
    }
    return {};
  }

  Status UpsertTotals(std::span<const StoredTotals> totals) {
    // One row per key (ON CONFLICT may not touch a row twice in one statement): the last wins.
    std::map<std::tuple<std::string, int, std::string>, const StoredTotals*> latest;
    for (const StoredTotals& row : totals) latest[{row.contest, row.round, row.unit}] = &row;
    std::vector<const StoredTotals*> rows;
    for (const auto& [key, row] : latest) rows.push_back(row);
    for (std::size_t at = 0; at < rows.size(); at += kRowsPerInsert) {
      const std::size_t count = std::min(kRowsPerInsert, rows.size() - at);
      Params params;
      for (std::size_t i = 0; i < count; ++i) {
        const StoredTotals& row = *rows[at + i];
        params.Text(row.contest)
            .Int(row.round)
            .Text(row.unit)
            .Int(row.reported)
            .Int(row.voters_reported)
            .Text(row.lines);
      }
      if (Status ok = Execute("INSERT INTO totals (contest, round, unit, reported, voters_reported, lines) VALUES " +
                                  Placeholders(count, 6) +
                                  " ON CONFLICT (contest, round, unit) DO UPDATE SET reported = EXCLUDED.reported, "
                                  "voters_reported = EXCLUDED.voters_reported, lines = EXCLUDED.lines",
                              params);
          !ok) {
        return ok;
      }
    }
    return {};
  }

  // Streams rows one at a time (single-row mode), so a replay of millions never sits in memory.
  Status StreamSubmissions(const std::string& sql, const Params& params,
                           const std::function<Status(const StoredSubmission&)>& visit) {
    if (Status ok = EnsureConnected(); !ok) return ok;
    Result<std::string> name = Prepared(sql, params);
    if (!name) return name.error();
    const std::vector<const char*> values = params.Pointers();
    const std::vector<int> lengths = params.Lengths();
    if (PQsendQueryPrepared(connection_, name->c_str(), params.size(), values.data(), lengths.data(),
                            params.Formats().data(), 0) == 0) {
      return FailureOf(nullptr, "reading submissions");
    }
    PQsetSingleRowMode(connection_);
    Status outcome;
    bool stopped = false;
    StoredSubmission s;
    while (PGresult* raw = PQgetResult(connection_)) {
      PgResult result(raw);
      const ExecStatusType status = PQresultStatus(raw);
      if (stopped) continue;  // drain what is left after the visitor stopped or an error
      if (status == PGRES_SINGLE_TUPLE) {
        s.seq = Int(result, 0, 0);
        s.kind = SubmissionKindFromName(PQgetvalue(raw, 0, 1)).value_or(SubmissionKind::kProtocol);
        s.contest = Value(result, 0, 2);
        s.unit = Value(result, 0, 3);
        s.round = static_cast<int>(Int(result, 0, 4));
        s.time = Value(result, 0, 5);
        s.version = static_cast<int>(Int(result, 0, 6));
        s.accepted = std::string_view(PQgetvalue(raw, 0, 7)) == "accepted";
        s.body = Value(result, 0, 8);
        s.reasons = Value(result, 0, 9);
        s.origin = Value(result, 0, 10);
        s.received_at = Value(result, 0, 11);
        s.envelope.key = Value(result, 0, 12);
        s.envelope.seq = Int(result, 0, 13);
        s.envelope.signature = Value(result, 0, 14);
        s.envelope.body = Value(result, 0, 15);
        if (Status ok = visit(s); !ok) {
          // The rest is read and dropped: cancelling could race with the next statement.
          outcome = ok;
          stopped = true;
        }
      } else if (status != PGRES_TUPLES_OK) {
        outcome = FailureOf(raw, "reading submissions");
        stopped = true;
      }
    }
    return outcome;
  }

  static std::string Value(const PgResult& result, int row, int column) {
    return std::string(PQgetvalue(result.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(result.get(), row, column)));
  }
  static std::int64_t Int(const PgResult& result, int row, int column) {
    return ToInt(PQgetvalue(result.get(), row, column));
  }
  static StoredTreeHead HeadRow(const PgResult& rows, int i) {
    return {Int(rows, i, 0), Value(rows, i, 1), Int(rows, i, 2), Value(rows, i, 3), Value(rows, i, 4),
            Value(rows, i, 5)};
  }
  static StoredPhoto PhotoRow(const PGresult* rows, int i) {
    const auto text = [&](int column) {
      return std::string(PQgetvalue(rows, i, column), static_cast<std::size_t>(PQgetlength(rows, i, column)));
    };
    return {text(0), text(1), text(2)};
  }

  PGconn* connection_;
  std::string url_;
  std::map<std::string, std::string> prepared_;  // SQL -> statement name on this connection
  bool locked_ = false;                          // LockForAppend's transaction is open
  bool in_transaction_ = false;                  // between BEGIN and COMMIT / ROLLBACK
};

Result<std::unique_ptr<PostgresStore>> Connect(const std::string& url) {
  // A database host that is gone must not hold a process for the operating system's TCP timeout
  // (minutes): 5 s unless the URL says otherwise (its own connect_timeout, listed later, wins).
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (connection == nullptr) return Unavailable(RedactedUrl(url) + ": cannot connect: out of memory");
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = PQerrorMessage(connection);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    PQfinish(connection);
    return Unavailable(RedactedUrl(url) + ": cannot connect to PostgreSQL: " + message);
  }
  // Notices (e.g. "relation already exists, skipping") are not for our users' terminals.
  PQsetNoticeProcessor(
      connection, [](void*, const char*) {}, nullptr);
  return std::make_unique<PostgresStore>(connection, url);
}

}  // namespace

bool IsPostgresUrl(std::string_view spec) {
  return spec.starts_with("postgresql://") || spec.starts_with("postgres://");
}

std::string RedactedUrl(std::string_view url) {
  // scheme://user:password@host... -> scheme://user@host...
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t at = url.find('@', scheme + 3);
  const std::size_t slash = url.find('/', scheme + 3);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return std::string(url);
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon)) + std::string(url.substr(at));
}

Result<std::unique_ptr<Store>> CreatePostgresStore(const std::string& url, std::span<const DefinitionFile> files) {
  Result<std::unique_ptr<PostgresStore>> store = Connect(url);
  if (!store) return store.error();
  Result<bool> holds = (*store)->HoldsElection();
  if (!holds) return holds.error();
  if (*holds) return AlreadyExists(RedactedUrl(url) + ": the database already holds an election; use a new database");
  if (Status ok = (*store)->Migrate(); !ok) return ok.error();
  if (Status ok = (*store)->WriteDefinition(files); !ok) return ok.error();
  return std::unique_ptr<Store>(std::move(*store));
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  Result<std::unique_ptr<PostgresStore>> store = Connect(url);
  if (!store) return store.error();
  Result<bool> holds = (*store)->HoldsElection();
  if (!holds) return holds.error();
  if (!*holds) {
    return NotFound(RedactedUrl(url) + ": the database holds no saylau election; create one with: saylau init " +
                    "DEFINITION --db " + RedactedUrl(url));
  }
  if (Status ok = (*store)->Migrate(); !ok) return ok.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace saylau::store
