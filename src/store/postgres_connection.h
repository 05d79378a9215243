// One libpq connection of the PostgreSQL store: statements prepared once per connection (and
// again after a reconnect), values always passed as parameters, transactions, streamed scans,
// and errors that name the (redacted) URL and say whether a retry may work. Internal to the
// store component; used from one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::store::internal {

struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// Rows per multi-row INSERT (16 parameters each; PostgreSQL allows 65,535 per statement).
inline constexpr std::size_t kRowsPerInsert = 64;

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
  std::vector<const char*> Pointers() const;
  std::vector<int> Lengths() const;
  const std::vector<int>& Formats() const { return binary_; }

 private:
  std::vector<std::string> values_;
  std::vector<int> binary_;
};

// One row of a result, read as text: Text(column) and Int(column) (stored_rows.h's Row).
class PgRow {
 public:
  PgRow(const PGresult* result, int row) : result_(result), row_(row) {}
  std::string Text(int column) const {
    return std::string(PQgetvalue(result_, row_, column), static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }
  std::int64_t Int(int column) const;

 private:
  const PGresult* result_;
  int row_;
};

// "($1, $2), ($3, $4)" for `rows` rows of `columns` parameters.
std::string Placeholders(std::size_t rows, std::size_t columns);

// Calls `chunk(at, count)` for consecutive slices of `total` rows, kRowsPerInsert at most;
// stops at its first error.
Status ForEachChunk(std::size_t total, const std::function<Status(std::size_t at, std::size_t count)>& chunk);

class PostgresConnection {
 public:
  // Errors: kUnavailable when PostgreSQL cannot be reached (5 s unless the URL says otherwise).
  static Result<std::unique_ptr<PostgresConnection>> Connect(const std::string& url);
  PostgresConnection(PGconn* connection, std::string url) : connection_(connection), url_(std::move(url)) {}
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() { PQfinish(connection_); }

  std::string place() const;  // the URL without its password, for messages
  bool in_transaction() const { return in_transaction_; }

  // Runs a prepared statement. `binary`: results in binary format (bytea as raw bytes).
  Result<PgResult> Query(const std::string& sql, const Params& params, bool binary = false);
  Status Execute(const std::string& sql, const Params& params);
  // A fixed command without parameters (BEGIN, COMMIT, a migration's script).
  Status Command(const char* sql);
  // Runs `body` between BEGIN and COMMIT (ROLLBACK when it fails).
  Status InTransaction(const std::function<Status()>& body);
  // Streams the rows of `sql` one at a time (single-row mode), so a replay of millions never
  // sits in memory; stops calling `visit` at its first error. `doing` names a failure.
  Status Stream(const std::string& sql, const Params& params, const std::function<Status(const PgRow&)>& visit,
                const std::string& doing);

 private:
  // Reconnects a broken connection (after a server restart); prepared statements go with it.
  Status EnsureConnected();
  std::string ConnectionMessage() const;
  // Connection loss, shutdown, overload, serialisation failures and lock timeouts are worth a
  // retry; constraint violations and everything else are not.
  Error FailureOf(const PGresult* result, const std::string& doing) const;
  // The statement's name on this connection, preparing it the first time.
  Result<std::string> Prepared(const std::string& sql, const Params& params);

  PGconn* connection_;
  std::string url_;
  std::map<std::string, std::string> prepared_;  // SQL -> statement name on this connection
  bool in_transaction_ = false;                  // between BEGIN and COMMIT / ROLLBACK
};

}  // namespace saylau::store::internal
