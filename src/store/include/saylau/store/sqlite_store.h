// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged
// append survives a crash or power loss; a schema version with numbered migrations, applied
// on open; submissions protected by triggers against update and delete.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "saylau/base/result.h"
#include "saylau/store/store.h"

namespace saylau::store {

inline constexpr int kSchemaVersion = 6;

// Creates a new database at `path` holding `files`. Errors: kAlreadyExists when the file
// exists; kUnavailable when it cannot be written.
Result<std::unique_ptr<Store>> CreateSqliteStore(const std::string& path, std::span<const DefinitionFile> files);

// Removes the database at `path` with the files SQLite keeps beside it (-wal, -shm, -journal):
// a database just created that is not wanted after all. Its store must be closed first.
void RemoveSqliteDatabase(const std::string& path);

// Opens an existing database, migrating its schema forward. Errors: kNotFound when there is
// no such file; kInvalidArgument (bad input, exit 2) when it is not a saylau database ("FILE is
// not a saylau database") or its schema is newer than this program; kUnavailable when it is
// locked or unreadable.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace saylau::store
