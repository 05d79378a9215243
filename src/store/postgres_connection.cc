// One libpq connection of the PostgreSQL store (postgres_connection.h).
#include "postgres_connection.h"

#include <algorithm>
#include <charconv>

#include "saylau/store/postgres_store.h"

namespace saylau::store::internal {
namespace {

std::int64_t ToInt(const char* text) {
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

std::string WithoutTrailingSpace(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  for (const std::string& value : values_) out.push_back(value.data());
  return out;
}

std::vector<int> Params::Lengths() const {
  std::vector<int> out;
  for (const std::string& value : values_) out.push_back(static_cast<int>(value.size()));
  return out;
}

std::int64_t PgRow::Int(int column) const { return ToInt(PQgetvalue(result_, row_, column)); }

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

Status ForEachChunk(std::size_t total, const std::function<Status(std::size_t at, std::size_t count)>& chunk) {
  for (std::size_t at = 0; at < total; at += kRowsPerInsert) {
    if (Status ok = chunk(at, std::min(kRowsPerInsert, total - at)); !ok) return ok;
  }
  return {};
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Connect(const std::string& url) {
  // A database host that is gone must not hold a process for the operating system's TCP timeout
  // (minutes): 5 s unless the URL says otherwise (its own connect_timeout, listed later, wins).
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (connection == nullptr) return Unavailable(RedactedUrl(url) + ": cannot connect: out of memory");
  if (PQstatus(connection) != CONNECTION_OK) {
    const std::string message = WithoutTrailingSpace(PQerrorMessage(connection));
    PQfinish(connection);
    return Unavailable(RedactedUrl(url) + ": cannot connect to PostgreSQL: " + message);
  }
  // Notices (e.g. "relation already exists, skipping") are not for our users' terminals.
  PQsetNoticeProcessor(
      connection, [](void*, const char*) {}, nullptr);
  return std::make_unique<PostgresConnection>(connection, url);
}

std::string PostgresConnection::place() const { return RedactedUrl(url_); }

Status PostgresConnection::EnsureConnected() {
  if (PQstatus(connection_) == CONNECTION_OK) return {};
  const bool lost_transaction = in_transaction_;
  in_transaction_ = false;
  prepared_.clear();
  PQreset(connection_);
  if (lost_transaction) {
    // Never go on with the rest of a transaction on a new connection: it would commit half.
    return Unavailable(place() +
                       ": the connection to PostgreSQL was lost during a transaction; nothing "
                       "of it was stored (retry)");
  }
  if (PQstatus(connection_) != CONNECTION_OK) {
    return Unavailable(place() + ": PostgreSQL cannot be reached: " + ConnectionMessage() + " (retry)");
  }
  return {};
}

std::string PostgresConnection::ConnectionMessage() const { return WithoutTrailingSpace(PQerrorMessage(connection_)); }

Error PostgresConnection::FailureOf(const PGresult* result, const std::string& doing) const {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string code = state == nullptr ? "" : state;
  std::string message = result == nullptr ? ConnectionMessage() : WithoutTrailingSpace(PQresultErrorMessage(result));
  message = place() + ": " + doing + ": " + message;
  const bool retryable = code.empty() || PQstatus(connection_) != CONNECTION_OK || code.starts_with("08") ||
                         code.starts_with("53") || code.starts_with("57") || code == "40001" || code == "40P01" ||
                         code == "55P03" || code == "25P02";
  if (retryable) return Unavailable(message + " (retry)");
  if (code == "23505") return AlreadyExists(message);
  return Error{ErrorCode::kInternal, message};
}

Result<std::string> PostgresConnection::Prepared(const std::string& sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found != prepared_.end()) return found->second;
  const std::string name = "s" + std::to_string(prepared_.size() + 1);
  PgResult result(PQprepare(connection_, name.c_str(), sql.c_str(), params.size(), nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return FailureOf(result.get(), "preparing a statement");
  prepared_.emplace(sql, name);
  return name;
}

Result<PgResult> PostgresConnection::Query(const std::string& sql, const Params& params, bool binary) {
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

Status PostgresConnection::Execute(const std::string& sql, const Params& params) {
  Result<PgResult> result = Query(sql, params);
  if (!result) return result.error();
  return {};
}

Status PostgresConnection::Command(const char* sql) {
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

Status PostgresConnection::InTransaction(const std::function<Status()>& body) {
  if (Status ok = Command("BEGIN"); !ok) return ok;
  Status ok = body();
  if (ok) ok = Command("COMMIT");
  if (!ok) (void)Command("ROLLBACK");
  return ok;
}

Status PostgresConnection::Stream(const std::string& sql, const Params& params,
                                  const std::function<Status(const PgRow&)>& visit, const std::string& doing) {
  if (Status ok = EnsureConnected(); !ok) return ok;
  Result<std::string> name = Prepared(sql, params);
  if (!name) return name.error();
  const std::vector<const char*> values = params.Pointers();
  const std::vector<int> lengths = params.Lengths();
  if (PQsendQueryPrepared(connection_, name->c_str(), params.size(), values.data(), lengths.data(),
                          params.Formats().data(), 0) == 0) {
    return FailureOf(nullptr, doing);
  }
  PQsetSingleRowMode(connection_);
  Status outcome;
  bool stopped = false;
  while (PGresult* raw = PQgetResult(connection_)) {
    PgResult result(raw);
    const ExecStatusType status = PQresultStatus(raw);
    if (stopped) continue;  // drain what is left after the visitor stopped or an error
    if (status == PGRES_SINGLE_TUPLE) {
      if (Status ok = visit(PgRow(raw, 0)); !ok) {
        // The rest is read and dropped: cancelling could race with the next statement.
        outcome = ok;
        stopped = true;
      }
    } else if (status != PGRES_TUPLES_OK) {
      outcome = FailureOf(raw, doing);
      stopped = true;
    }
  }
  return outcome;
}

}  // namespace saylau::store::internal
