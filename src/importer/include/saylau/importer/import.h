// BuildImport: the rows of a stations-and-results CSV, read under a mapping (mapping.h), as the
// three files saylau already reads: an election definition (the country, the form, the
// contest with its options), a stations CSV (the commissions named by the unit columns as rows
// of their own, then the polling stations, with the attribute columns) and a protocols CSV
// (one protocol per station). Pure: text in, text out; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/importer/mapping.h"

namespace saylau::importer {

// A field longer than this is refused (real ids, names and links are far shorter).
inline constexpr std::size_t kMaxFieldBytes = 4096;

struct ImportFiles {
  std::string definition;  // definition.toml
  std::string stations;    // stations.csv
  std::string protocols;   // protocols.csv
  std::int64_t rows = 0;         // data rows read
  std::int64_t skipped = 0;      // of which left out by [[skip]]
  std::int64_t commissions = 0;  // units above the stations
  std::int64_t stations_count = 0;
  std::vector<std::string> option_ids;  // in ballot order (the data's column order)
};

// Called now and then with the bytes read so far and in all.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

// The files for `data` (the CSV text, UTF-8) read under `mapping`. Errors: kInvalidArgument
// listing every problem (at most 50) as "file:line: column: message": text that is not UTF-8
// (with its line and byte, and the iconv hint), a mapped column missing from the header, a
// row with the wrong number of fields, an empty unit column, a station given twice, a value
// that is not a whole number, a field longer than kMaxFieldBytes, ids that cannot be made.
Result<ImportFiles> BuildImport(const ImportMapping& mapping, std::string_view data, const std::string& data_name,
                                const ImportProgress& progress = {});

// BuildImport of the file `path` as ReadDataFile reads it (messages name `path`), with the same
// files and the same errors (a gzip stream's failure first, then the text's encoding, then the
// rows'). A .gz file is uncompressed on a second thread in pieces of about `piece_bytes`, cut
// after whole records, while the rows of the pieces before are read: the two overlap.
Result<ImportFiles> ImportDataFile(const ImportMapping& mapping, const std::string& path,
                                   const ImportProgress& progress = {}, std::size_t piece_bytes = 1 << 20);

}  // namespace saylau::importer
