// Chooses between the SQLite file and the PostgreSQL database by the form of --db.
#include "saylau/store/open_store.h"

#include "saylau/store/postgres_store.h"
#include "saylau/store/sqlite_store.h"

namespace saylau::store {

Result<std::unique_ptr<Store>> CreateStore(const std::string& db, std::span<const DefinitionFile> files) {
  return IsPostgresUrl(db) ? CreatePostgresStore(db, files) : CreateSqliteStore(db, files);
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db) {
  return IsPostgresUrl(db) ? OpenPostgresStore(db) : OpenSqliteStore(db);
}

}  // namespace saylau::store
