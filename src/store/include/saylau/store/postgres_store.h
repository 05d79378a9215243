// The national store: PostgreSQL over libpq, for several saylau processes on one database that
// replicates. Same ideas as the SQLite store (append-only submissions guarded by triggers,
// derived totals, numbered migrations), prepared statements only. Appends from several
// processes are serialised by a transaction-scoped advisory lock, so sequence numbers and the
// transparency log stay single. A lost connection is re-established on the next call; until
// then calls fail with kUnavailable (retryable).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "saylau/base/result.h"
#include "saylau/store/store.h"

namespace saylau::store {

inline constexpr int kPostgresSchemaVersion = 2;

// True for "postgresql://…" and "postgres://…" (libpq connection URIs).
bool IsPostgresUrl(std::string_view spec);

// Creates the schema in an existing, empty database and stores `files`. Errors: kAlreadyExists
// when the database holds a saylau election already; kUnavailable when it cannot be reached.
Result<std::unique_ptr<Store>> CreatePostgresStore(const std::string& url, std::span<const DefinitionFile> files);

// Opens a database created by CreatePostgresStore, migrating its schema forward. Errors:
// kNotFound when it holds no saylau election; kInvalidArgument (bad input, exit 2) when its
// schema is newer than this program; kUnavailable when it cannot be reached.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

// The URL with any password removed, for messages.
std::string RedactedUrl(std::string_view url);

}  // namespace saylau::store
