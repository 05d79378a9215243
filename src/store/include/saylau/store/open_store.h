// Picks the store from what --db names: a postgresql:// URL is the PostgreSQL store, anything
// else is a SQLite file.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "saylau/base/result.h"
#include "saylau/store/store.h"

namespace saylau::store {

Result<std::unique_ptr<Store>> CreateStore(const std::string& db, std::span<const DefinitionFile> files);
Result<std::unique_ptr<Store>> OpenStore(const std::string& db);

}  // namespace saylau::store
