// One SQLite connection of the SQLite store (sqlite_connection.h).
#include "sqlite_connection.h"

namespace saylau::store::internal {

std::string SqliteStatement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string SqliteStatement::Blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  return std::string(bytes == nullptr ? "" : bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

Error SqliteConnection::FailureError(const std::string& doing) const {
  const int code = sqlite3_errcode(db_);
  const std::string message = path_ + ": " + doing + ": " + sqlite3_errmsg(db_);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR || code == SQLITE_FULL ||
      code == SQLITE_CANTOPEN || code == SQLITE_READONLY) {
    return Unavailable(message);
  }
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) return FailedPrecondition(message);
  return Error{ErrorCode::kInternal, message};
}

Status SqliteConnection::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);
    return Failure("running '" + sql.substr(0, sql.find('\n', 1)) + "'");
  }
  return {};
}

Status SqliteConnection::Prepare(const std::string& sql, SqliteStatement& statement) {
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, statement.out(), nullptr) != SQLITE_OK) {
    return Failure("preparing a statement");
  }
  return {};
}

Status SqliteConnection::InTransaction(const std::function<Status()>& body) {
  if (sqlite3_get_autocommit(db_) == 0) {
    if (Status ok = Exec("SAVEPOINT nested"); !ok) return ok;
    Status ok = body();
    if (ok) ok = Exec("RELEASE nested");
    if (!ok) (void)Exec("ROLLBACK TO nested; RELEASE nested");
    return ok;
  }
  if (Status ok = Exec("BEGIN IMMEDIATE"); !ok) return ok;
  Status ok = body();
  if (ok) ok = Exec("COMMIT");
  if (!ok) (void)Exec("ROLLBACK");
  return ok;
}

Result<bool> SqliteConnection::ReadValueInto(const char* table, const char* column, std::int64_t rowid,
                                             std::string& out) {
  // Blob I/O gives the stored bytes as they are; only in a UTF-8 database are they the text a
  // statement's column gives (in UTF-16 SQLite converts).
  SqliteStatement encoding;
  if (sqlite3_prepare_v2(db_, "PRAGMA encoding", -1, encoding.out(), nullptr) != SQLITE_OK) return false;
  if (encoding.Step() != SQLITE_ROW || encoding.Text(0) != "UTF-8") return false;
  sqlite3_blob* blob = nullptr;
  if (sqlite3_blob_open(db_, "main", table, column, rowid, /*flags=read only*/ 0, &blob) != SQLITE_OK) {
    sqlite3_blob_close(blob);  // a handle may be returned on failure; closing null is harmless
    return false;
  }
  // sqlite3_blob_bytes is an int: the whole value in one read.
  std::string value(static_cast<std::size_t>(sqlite3_blob_bytes(blob)), '\0');
  if (sqlite3_blob_read(blob, value.data(), static_cast<int>(value.size()), 0) != SQLITE_OK) {
    sqlite3_blob_close(blob);
    return Failure(std::string("reading ") + table + "." + column).error();
  }
  sqlite3_blob_close(blob);
  out = std::move(value);
  return true;
}

Status SqliteConnection::EachRow(SqliteStatement& statement, const std::function<Status(const SqliteStatement&)>& visit,
                                 const std::string& doing) {
  int step;
  while ((step = statement.Step()) == SQLITE_ROW) {
    if (Status ok = visit(statement); !ok) return ok;
  }
  if (step != SQLITE_DONE) return Failure(doing);
  return {};
}

std::string SqliteParameters(int count) {
  std::string out = "(";
  for (int i = 0; i < count; ++i) out += i == 0 ? "?" : ", ?";
  return out + ")";
}

}  // namespace saylau::store::internal
