// The SQLite store's schema: its numbered migrations, the connection's pragmas, and the check
// that a file is a saylau database. Internal to the store component.
#pragma once

#include "saylau/base/result.h"
#include "sqlite_connection.h"

namespace saylau::store::internal {

// WAL, synchronous=FULL (a commit is durable when it returns), foreign keys, a busy timeout.
Status ConfigureSqlite(SqliteConnection& db);

// The frames in the WAL at which it is checkpointed (64 MiB whatever the page size), as
// ConfigureSqlite set them; a commit that finds this many times as many checkpoints itself
// (SqliteCheckpointer: the WAL stays under ~512 MiB should the checkpoints fall behind).
int AutoCheckpointFrames(SqliteConnection& db);
inline constexpr int kCheckpointLimitFactor = 8;

// Applies the migrations the file has not had, each in its own transaction. Errors:
// kInvalidArgument when the file's schema is newer than this program.
Status MigrateSqlite(SqliteConnection& db);

// Errors: kInvalidArgument when the file is an SQLite database of another program;
// kUnavailable when it cannot be read now.
Status CheckSqliteApplication(SqliteConnection& db);

}  // namespace saylau::store::internal
