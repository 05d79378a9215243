// The PostgreSQL store's schema: its numbered migrations (applied under an advisory lock, so
// several processes may open one database at once) and the election's definition, written
// once. Internal to the store component.
#pragma once

#include <span>

#include "postgres_connection.h"
#include "saylau/base/result.h"
#include "saylau/store/store.h"

namespace saylau::store::internal {

// The advisory lock every append takes (transaction-scoped), so appends from several
// processes are serialised.
inline constexpr const char* kAppendLock = "SELECT pg_advisory_xact_lock(126875289462049)";

// Applies the migrations the database has not had, in one transaction. Errors:
// kInvalidArgument when its schema is newer than this program.
Status MigratePostgres(PostgresConnection& db);

// True when the database has a saylau schema and a definition in it.
Result<bool> PostgresHoldsElection(PostgresConnection& db);

// Stores the definition files. Errors: kAlreadyExists when the database holds one already.
Status WritePostgresDefinition(PostgresConnection& db, std::span<const DefinitionFile> files);

}  // namespace saylau::store::internal
