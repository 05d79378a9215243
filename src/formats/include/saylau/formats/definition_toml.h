// Loading an election definition from TOML (toml++) into validated core values. Every
// problem is reported with file, line and field, all of them in one pass; nothing is
// half-loaded. The format is documented in docs/definition-format.md.
#pragma once

#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::formats {

// Parses `text` as the definition named `file_name` (used in messages only).
// Errors: kInvalidArgument listing every problem as "file:line: field: message".
Result<core::Election> ParseDefinition(std::string_view text, const std::string& file_name);

// The same for a definition whose contests are still to come (saylau import-contests adds
// them from CSV): no [[contests]] is not an error. Only for checking what is added to it.
Result<core::Election> ParseDefinitionWithoutContests(std::string_view text, const std::string& file_name);

// Reads and parses the file at `path`. Errors: kNotFound if it cannot be read, else as above.
Result<core::Election> LoadDefinition(const std::string& path);

}  // namespace saylau::formats
