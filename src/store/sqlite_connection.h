// One SQLite connection of the SQLite store: prepared statements, binding and reading values,
// transactions, and errors that name the file and say whether a retry may work. Internal to
// the store component; used from one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::store::internal {

// A prepared statement, finalised when it goes; reads the current row's columns (0-based).
class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement() { sqlite3_finalize(statement_); }
  sqlite3_stmt** out() { return &statement_; }
  sqlite3_stmt* get() const { return statement_; }
  bool prepared() const { return statement_ != nullptr; }
  int Step() { return sqlite3_step(statement_); }

  std::string Text(int column) const;
  std::int64_t Int(int column) const { return sqlite3_column_int64(statement_, column); }
  std::string Blob(int column) const;

 private:
  sqlite3_stmt* statement_ = nullptr;
};

// Binds a statement's parameters in order (1, 2, 3 ...), after resetting it for another run.
// The values must outlive the statement's next Step (they are bound without a copy).
class SqliteBinder {
 public:
  explicit SqliteBinder(SqliteStatement& statement) : statement_(statement.get()) { sqlite3_reset(statement_); }
  void Text(std::string_view value) {
    sqlite3_bind_text(statement_, next_++, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void Int(std::int64_t value) { sqlite3_bind_int64(statement_, next_++, value); }
  void Blob(std::string_view value) {
    sqlite3_bind_blob(statement_, next_++, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }

 private:
  sqlite3_stmt* statement_;
  int next_ = 1;
};

class SqliteConnection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() { sqlite3_close_v2(db_); }  // closes once the statements are finalised

  const std::string& path() const { return path_; }
  sqlite3* get() const { return db_; }
  int ExtendedErrorCode() const { return sqlite3_extended_errcode(db_); }

  // The last error of the connection while `doing`: kUnavailable when busy, locked or failing
  // I/O; kFailedPrecondition when the file is not a database or corrupt; else kInternal.
  Error FailureError(const std::string& doing) const;
  Status Failure(const std::string& doing) const { return FailureError(doing); }

  Status Exec(const std::string& sql);
  Status Prepare(const std::string& sql, SqliteStatement& statement);
  // Runs `body` in a BEGIN IMMEDIATE transaction: commits when it succeeds, rolls back when not.
  // Inside a transaction already open, `body` runs in a savepoint of it instead (released or
  // rolled back to), and nothing is committed until the outer transaction is: inside
  // LockForAppend's transaction, what it wrote is lost if the lock is released without an
  // Append (nothing calls it there).
  Status InTransaction(const std::function<Status()>& body);
  // Steps `statement` to its end, calling `visit` at each row; stops at its first error.
  // Errors: `visit`'s, or the connection's while `doing`.
  Status EachRow(SqliteStatement& statement, const std::function<Status(const SqliteStatement&)>& visit,
                 const std::string& doing);
  // The text or blob of `table`.`column` in row `rowid` read straight into `out` with SQLite's
  // incremental blob I/O: the value's pages go into `out` once, where a statement's column
  // would first be copied whole into SQLite's own buffer (at 800,000 stations the stations'
  // text is 189 MB: one touch of that much fresh memory less). False, with `out` untouched,
  // when it cannot be read that way (a value of another type, a database not in UTF-8, any
  // failure to open it): the caller reads it with a statement, which says what is wrong.
  // Errors: the connection's, when reading fails once open.
  Result<bool> ReadValueInto(const char* table, const char* column, std::int64_t rowid, std::string& out);
  // Every row of `sql` (its parameters bound from `texts`, in order), decoded by `decode`.
  template <typename T>
  Result<std::vector<T>> ReadAll(const std::string& sql, T (*decode)(const SqliteStatement&), const std::string& doing,
                                 std::vector<std::string_view> texts = {}) {
    SqliteStatement statement;
    if (Status ok = Prepare(sql, statement); !ok) return ok.error();
    SqliteBinder bind(statement);
    for (std::string_view text : texts) bind.Text(text);
    std::vector<T> rows;
    Status ok = EachRow(
        statement,
        [&](const SqliteStatement& row) {
          rows.push_back(decode(row));
          return Status();
        },
        doing);
    if (!ok) return ok.error();
    return rows;
  }

 private:
  sqlite3* db_;
  std::string path_;
};

// "(?, ?, ?)" for `count` parameters.
std::string SqliteParameters(int count);

// Runs `statement` once for each of `rows`, bound by `write`; at the first row SQLite refuses,
// returns what `refused` makes of it (the connection's error still set).
template <typename T>
Status InsertEach(SqliteStatement& statement, std::span<const T> rows, void (*write)(SqliteBinder&, const T&),
                  const std::function<Status(const std::type_identity_t<T>&)>& refused) {
  for (const T& row : rows) {
    SqliteBinder bind(statement);
    write(bind, row);
    if (statement.Step() != SQLITE_DONE) return refused(row);
  }
  return {};
}

}  // namespace saylau::store::internal
