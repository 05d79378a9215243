// Polling stations from a CSV file, added below the units of a definition: one row per
// station (id, parent, registered voters, urban or rural, names). A national election has
// about 10,000 of them, too many for the TOML definition. Format: docs/definition-format.md.
// Every problem is reported with its line, all at once; nothing is half-added.
#pragma once

#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::formats {

// `election` with the stations of `text` added. Errors: kInvalidArgument listing every
// problem as "file:line: field: message".
Result<core::Election> AddStations(const core::Election& election, std::string_view text,
                                   const std::string& file_name);

}  // namespace saylau::formats
