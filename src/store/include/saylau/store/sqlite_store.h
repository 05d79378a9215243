// The embedded store: one SQLite file in WAL mode (but see NewFileJournal) with synchronous=FULL,
// so an acknowledged append survives a crash or power loss; a schema version with numbered migrations, applied
// on open; submissions protected by triggers against update and delete.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "saylau/base/result.h"
#include "saylau/store/store.h"

namespace saylau::store {

inline constexpr int kSchemaVersion = 6;

// How a new file is written until its store is closed.
//   kWal: in WAL mode from the first append, as every opened file is (readers in other
//     processes never wait for the writer).
//   kRollbackUntilClosed: for a file one process fills before anyone reads it (`saylau import
//     --db`). Each commit goes straight into the file under a rollback journal (synchronous=
//     EXTRA: as durable and atomic as in WAL), instead of into the WAL and then again into the
//     file by a checkpoint: the pages are written once, and no checkpoint is left to copy after
//     the last commit (the Russian 2018 import: ~64 MiB, ~0.2 s). Readers and the writer lock
//     each other out meanwhile: a reader in another process waits while a commit is written,
//     and a commit waits for readers (up to the busy timeout, then kUnavailable). The next
//     open puts the file in WAL.
enum class NewFileJournal { kWal, kRollbackUntilClosed };

// Creates a new database at `path` holding `files` (the schema and the files in one commit).
// Errors: kAlreadyExists when the file exists; kUnavailable when it cannot be written.
Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path, std::span<const DefinitionFile> files,
                                                 NewFileJournal journal = NewFileJournal::kWal);

// Removes the database at `path` with the files SQLite keeps beside it (-wal, -shm, -journal):
// a database just created that is not wanted after all. Its store must be closed first.
void RemoveSqliteDatabase(const std::string& path);

// Opens an existing database, migrating its schema forward. Errors: kNotFound when there is
// no such file; kInvalidArgument (bad input, exit 2) when it is not a saylau database ("FILE is
// not a saylau database") or its schema is newer than this program; kUnavailable when it is
// locked or unreadable.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace saylau::store
