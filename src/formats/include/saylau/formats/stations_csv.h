// Polling stations from a CSV file, added below the units of a definition: one row per
// station (id, parent, registered voters, urban or rural, names). A national election has
// about 10,000 of them, too many for the TOML definition. Format: docs/definition-format.md.
// Every problem is reported with its line, all at once; nothing is half-added.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::formats {

// How a large file is read: its rows on `threads` threads (1 or 2) when they are at least
// `parallel_bytes` long. The result and every message are the same either way; the peak
// memory too (each thread reads its rows straight into their places among the units).
// `names` false: each station's names (name_kk, name_ru, name_en) are left empty and their text
// is not checked; their cells are still read (field count, quoting), so every other message is
// the same. For saylau ingest, which judges and stores protocols and never shows a unit's name:
// at 800,000 stations ~180 MB of names, one allocation and one UTF-8 check each.
struct StationsReading {
  int threads = 2;
  std::size_t parallel_bytes = std::size_t{4} << 20;  // ~18,000 stations
  bool names = true;
};

// `election` with the stations of `text` added. Errors: kInvalidArgument listing every
// problem as "file:line: field: message".
Result<core::Election> AddStations(const core::Election& election, std::string_view text,
                                   const std::string& file_name, const StationsReading& reading = {});

}  // namespace saylau::formats
