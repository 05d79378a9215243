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

// The page cache of a connection, in KiB. kCacheKib, ConfigureSqlite's: a store in use (the hot
// pages of reads and of an ingest in WAL). kCreationCacheKib: a new file's schema and definition,
// written once and not read back. kFillAloneCacheKib: a file filled alone (NewFileJournal), whose
// pages are appended once each: enough for one commit's dirty pages, which then spill to the file.
// Every MiB of cache is fresh memory first touched; on a virtual machine (~1-4 ms a MiB measured
// here, issue 22) a 64 MiB cache filled by a 90 MB file costs more than the cache saves.
inline constexpr int kCacheKib = 65536, kCreationCacheKib = 2048, kFillAloneCacheKib = 16384;
Status SetCacheKib(SqliteConnection& db, int kib);

// Applies the migrations the file has not had, each in its own transaction (a savepoint of the
// caller's, when one is open). Errors:
// kInvalidArgument when the file's schema is newer than this program.
Status MigrateSqlite(SqliteConnection& db);

// Errors: kInvalidArgument when the file is an SQLite database of another program;
// kUnavailable when it cannot be read now.
Status CheckSqliteApplication(SqliteConnection& db);

}  // namespace saylau::store::internal
