// PostgresStore: the Store over libpq. Statements are prepared once per connection (and again
// after a reconnect); values always travel as parameters. Scans stream in single-row mode.
// The schema is in postgres_schema.cc, the connection in postgres_connection.cc, and how the
// structs map to columns in stored_rows.h (shared with the SQLite store).
#include "saylau/store/postgres_store.h"

#include <map>
#include <set>
#include <tuple>

#include "log_continuity.h"
#include "postgres_connection.h"
#include "postgres_schema.h"
#include "stored_rows.h"

namespace saylau::store {
namespace {

using internal::Params;
using internal::PgResult;
using internal::PgRow;

StoredPhoto PhotoFromRow(const PgRow& row) { return {row.Text(0), row.Text(1), row.Text(2)}; }

std::string Select(const char* columns, const std::string& rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

class PostgresStore : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<internal::PostgresConnection> db) : db_(std::move(db)) {}

  internal::PostgresConnection& connection() { return *db_; }

  Result<std::vector<DefinitionFile>> DefinitionFiles() override {
    return ReadAll<DefinitionFile>(Select(internal::kDefinitionColumns, "FROM definition_files ORDER BY ord"),
                                   &internal::DefinitionFileFromRow<PgRow>);
  }

  // The transaction stays open until Append or ReleaseAppendLock (a lost connection ends it).
  Status LockForAppend() override {
    if (locked_ && db_->in_transaction()) return {};
    locked_ = false;
    if (Status ok = db_->Command("BEGIN"); !ok) return ok;
    if (Status ok = db_->Command(internal::kAppendLock); !ok) {
      (void)db_->Command("ROLLBACK");
      return ok;
    }
    locked_ = true;
    return {};
  }

  void ReleaseAppendLock() override {
    if (!locked_) return;
    locked_ = false;
    (void)db_->Command("ROLLBACK");
  }

  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                const std::optional<StoredTreeHead>& head) override {
    if (Status ok = LockForAppend(); !ok) return ok;
    locked_ = false;
    Result<std::int64_t> first = StoreUnderLock(batch, totals, head);
    Status ok = first ? db_->Command("COMMIT") : Status(first.error());
    if (!ok) {
      (void)db_->Command("ROLLBACK");
      for (StoredSubmission& s : batch) s.seq = 0;
      return ok;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].seq = *first + static_cast<std::int64_t>(i);
    return {};
  }

  Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) override {
    return StreamSubmissions(std::string(internal::kSubmissionSelect) + " WHERE seq > $1 ORDER BY seq",
                             Params().Int(after), visit);
  }

  Status ScanMatching(const SubmissionFilter& filter,
                      const std::function<Status(const StoredSubmission&)>& visit) override {
    std::string where = filter.unit.empty() ? "TRUE" : "unit = $1";
    if (filter.rejected_only) where += " AND verdict = 'rejected'";
    Params params;
    if (!filter.unit.empty()) params.Text(filter.unit);
    return StreamSubmissions(std::string(internal::kSubmissionSelect) + " WHERE " + where + " ORDER BY seq", params,
                             visit);
  }

  Result<std::vector<StoredTotals>> Totals() override {
    return ReadAll<StoredTotals>(
        Select(internal::kTotalsColumns, "FROM totals ORDER BY contest COLLATE \"C\", round, unit COLLATE \"C\""),
        &internal::TotalsFromRow<PgRow>);
  }

  Status ReplaceTotals(std::span<const StoredTotals> totals) override {
    return db_->InTransaction([&]() -> Status {
      if (Status ok = db_->Command(internal::kAppendLock); !ok) return ok;
      if (Status ok = db_->Command("DELETE FROM totals"); !ok) return ok;
      return UpsertTotals(totals);
    });
  }

  Result<std::int64_t> LastSeq() override {
    Result<PgResult> rows = db_->Query("SELECT COALESCE(MAX(seq), 0) FROM submissions", {});
    if (!rows) return rows.error();
    return PgRow(rows->get(), 0).Int(0);
  }

  Status AddKeys(std::span<const RegisteredKey> keys) override {
    std::set<std::string> given;
    for (const RegisteredKey& key : keys) {
      if (!given.insert(key.public_key).second) {
        return AlreadyExists("the key " + key.public_key + " is already registered");
      }
    }
    return db_->InTransaction([&]() {
      return internal::ForEachChunk(keys.size(), [&](std::size_t at, std::size_t rows) -> Status {
        Params params;
        for (std::size_t i = 0; i < rows; ++i) internal::WriteKey(params, keys[at + i]);
        // ON CONFLICT DO NOTHING + RETURNING tells which key was there already.
        Result<PgResult> inserted = db_->Query(std::string("INSERT INTO keys (") + internal::kKeyColumns + ") VALUES " +
                                                   internal::Placeholders(rows, 3) +
                                                   " ON CONFLICT (public_key) DO NOTHING RETURNING public_key",
                                               params);
        if (!inserted) return inserted.error();
        std::set<std::string> stored;
        for (int i = 0; i < PQntuples(inserted->get()); ++i) stored.insert(PgRow(inserted->get(), i).Text(0));
        for (std::size_t i = 0; i < rows; ++i) {
          if (!stored.contains(keys[at + i].public_key)) {
            return AlreadyExists("the key " + keys[at + i].public_key + " is already registered");
          }
        }
        return {};
      });
    });
  }

  Result<std::vector<RegisteredKey>> Keys() override {
    return ReadAll<RegisteredKey>(Select(internal::kKeyColumns, "FROM keys ORDER BY ord"),
                                  &internal::KeyFromRow<PgRow>);
  }

  Result<std::vector<StoredTreeHead>> TreeHeads() override {
    return ReadAll<StoredTreeHead>(Select(internal::kTreeHeadColumns, "FROM tree_heads ORDER BY size"),
                                   &internal::TreeHeadFromRow<PgRow>);
  }

  Result<std::optional<StoredTreeHead>> LatestTreeHead() override {
    Result<std::vector<StoredTreeHead>> heads =
        ReadAll<StoredTreeHead>(Select(internal::kTreeHeadColumns, "FROM tree_heads ORDER BY size DESC LIMIT 1"),
                                &internal::TreeHeadFromRow<PgRow>);
    if (!heads) return heads.error();
    if (heads->empty()) return std::optional<StoredTreeHead>();
    return std::optional<StoredTreeHead>(std::move(heads->front()));
  }

  Status AddObservers(std::span<const RegisteredObserver> observers) override {
    return db_->InTransaction([&]() -> Status {
      for (const RegisteredObserver& observer : observers) {
        Params params;
        internal::WriteObserver(params, observer);
        Result<PgResult> inserted =
            db_->Query(std::string("INSERT INTO observers (") + internal::kObserverColumns + ") VALUES " +
                           internal::Placeholders(1, 5) + " ON CONFLICT DO NOTHING RETURNING id",
                       params);
        if (!inserted) return inserted.error();
        if (PQntuples(inserted->get()) != 1) {
          return AlreadyExists("observer '" + observer.id + "' or its key is already registered");
        }
      }
      return {};
    });
  }

  Result<std::vector<RegisteredObserver>> Observers() override {
    return ReadAll<RegisteredObserver>(Select(internal::kObserverColumns, "FROM observers ORDER BY ord"),
                                       &internal::ObserverFromRow<PgRow>);
  }

  Status AddPhoto(const StoredPhoto& photo) override {
    return db_->Execute(
        "INSERT INTO photos (sha256, media_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
        Params().Text(photo.sha256).Text(photo.media_type).Bytes(photo.bytes));
  }

  Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) override {
    Result<std::vector<StoredPhoto>> photos =
        ReadAll<StoredPhoto>("SELECT sha256, media_type, bytes FROM photos WHERE sha256 = $1", &PhotoFromRow,
                             Params().Text(sha256), /*binary=*/true);
    if (!photos) return photos.error();
    if (photos->empty()) return std::optional<StoredPhoto>();
    return std::optional<StoredPhoto>(std::move(photos->front()));
  }

  Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) override {
    Result<PgResult> hashes = db_->Query("SELECT sha256 FROM photos ORDER BY sha256 COLLATE \"C\"", {});
    if (!hashes) return hashes.error();
    for (int i = 0; i < PQntuples(hashes->get()); ++i) {
      Result<std::optional<StoredPhoto>> photo = Photo(PgRow(hashes->get(), i).Text(0));
      if (!photo) return photo.error();
      if (*photo) {
        if (Status ok = visit(**photo); !ok) return ok;
      }
    }
    return {};
  }

 private:
  // Every row of `sql`, decoded by `decode`.
  template <typename T>
  Result<std::vector<T>> ReadAll(const std::string& sql, T (*decode)(const PgRow&), const Params& params = {},
                                 bool binary = false) {
    Result<PgResult> rows = db_->Query(sql, params, binary);
    if (!rows) return rows.error();
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(PQntuples(rows->get())));
    for (int i = 0; i < PQntuples(rows->get()); ++i) out.push_back(decode(PgRow(rows->get(), i)));
    return out;
  }

  // Append's writes inside its transaction; returns the seq of the batch's first row.
  Result<std::int64_t> StoreUnderLock(std::span<const StoredSubmission> batch, std::span<const StoredTotals> totals,
                                      const std::optional<StoredTreeHead>& head) {
    Result<std::int64_t> last = LastSeq();
    if (!last) return last.error();
    const std::int64_t first = *last + 1;
    const std::string place = db_->place();
    if (Status ok = internal::CheckLogContinues(batch, first, {place, "another writer appended"}); !ok) {
      return ok.error();
    }
    Status ok = internal::ForEachChunk(batch.size(), [&](std::size_t at, std::size_t rows) {
      Params params;
      for (std::size_t i = 0; i < rows; ++i) {
        params.Int(first + static_cast<std::int64_t>(at + i));
        internal::WriteSubmission(params, batch[at + i]);
      }
      return db_->Execute(std::string("INSERT INTO submissions (seq, ") + internal::kSubmissionValueColumns +
                              ") VALUES " + internal::Placeholders(rows, internal::kSubmissionValueCount + 1),
                          params);
    });
    if (ok) ok = UpsertTotals(totals);
    if (ok && head) {
      Params params;
      internal::WriteTreeHead(params, *head);
      ok = db_->Execute(std::string("INSERT INTO tree_heads (") + internal::kTreeHeadColumns + ") VALUES " +
                            internal::Placeholders(1, 6),
                        params);
    }
    if (!ok) return ok.error();
    return first;
  }

  Status UpsertTotals(std::span<const StoredTotals> totals) {
    // One row per key (ON CONFLICT may not touch a row twice in one statement): the last wins.
    std::map<std::tuple<std::string, int, std::string>, const StoredTotals*> latest;
    for (const StoredTotals& row : totals) latest[{row.contest, row.round, row.unit}] = &row;
    std::vector<const StoredTotals*> rows;
    for (const auto& [key, row] : latest) rows.push_back(row);
    return internal::ForEachChunk(rows.size(), [&](std::size_t at, std::size_t count) {
      Params params;
      for (std::size_t i = 0; i < count; ++i) internal::WriteTotals(params, *rows[at + i]);
      return db_->Execute(std::string("INSERT INTO totals (") + internal::kTotalsColumns + ") VALUES " +
                              internal::Placeholders(count, 6) +
                              " ON CONFLICT (contest, round, unit) DO UPDATE SET reported = EXCLUDED.reported, "
                              "voters_reported = EXCLUDED.voters_reported, lines = EXCLUDED.lines",
                          params);
    });
  }

  Status StreamSubmissions(const std::string& sql, const Params& params,
                           const std::function<Status(const StoredSubmission&)>& visit) {
    StoredSubmission s;
    return db_->Stream(
        sql, params,
        [&](const PgRow& row) {
          internal::ReadSubmission(row, s);
          return visit(s);
        },
        "reading submissions");
  }

  std::unique_ptr<internal::PostgresConnection> db_;
  bool locked_ = false;  // LockForAppend's transaction is open
};

Result<std::unique_ptr<PostgresStore>> Connect(const std::string& url) {
  Result<std::unique_ptr<internal::PostgresConnection>> connection = internal::PostgresConnection::Connect(url);
  if (!connection) return connection.error();
  return std::make_unique<PostgresStore>(std::move(*connection));
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
  Result<bool> holds = internal::PostgresHoldsElection((*store)->connection());
  if (!holds) return holds.error();
  if (*holds) return AlreadyExists(RedactedUrl(url) + ": the database already holds an election; use a new database");
  if (Status ok = internal::MigratePostgres((*store)->connection()); !ok) return ok.error();
  if (Status ok = internal::WritePostgresDefinition((*store)->connection(), files); !ok) return ok.error();
  return std::unique_ptr<Store>(std::move(*store));
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  Result<std::unique_ptr<PostgresStore>> store = Connect(url);
  if (!store) return store.error();
  Result<bool> holds = internal::PostgresHoldsElection((*store)->connection());
  if (!holds) return holds.error();
  if (!*holds) {
    return NotFound(RedactedUrl(url) + ": the database holds no saylau election; create one with: saylau init " +
                    "DEFINITION --db " + RedactedUrl(url));
  }
  if (Status ok = internal::MigratePostgres((*store)->connection()); !ok) return ok.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace saylau::store
