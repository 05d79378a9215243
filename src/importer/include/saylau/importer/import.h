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
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/protocol.h"
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
  // protocols.csv's rows kept as numbers, so that `saylau import --db` hands them to the ingest
  // without parsing that text back (ProtocolOf): its contest, the columns after contest and unit
  // (the lines, then the options), each protocol's unit and values, protocol after protocol.
  std::string contest;
  std::vector<std::string> protocol_columns;
  std::vector<std::string> protocol_units;
  std::vector<std::int64_t> protocol_values;
};

// Whether ProtocolOf gives what formats::OpenSubmissions reads from `files.protocols`: every
// column is a line or an option to the reader (none it takes for something else, as round,
// commission, reason, photo_sha256, time), clean text, named once; the contest and the units
// clean text that needs no quoting. False for a mapping that names a line so: read the text.
bool ProtocolsReadAsWritten(const ImportFiles& files);

// The `index`th protocol of protocols.csv as its reader gives it (formats::OpenSubmissions of
// `files.protocols` named `file_name`: the same contest, unit, lines in the file's order, and
// origin "file_name:LINE"), when ProtocolsReadAsWritten(files).
core::ProtocolSubmission ProtocolOf(const ImportFiles& files, std::size_t index, const std::string& file_name);

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
