// ReadDataFile: plain files through formats::ReadFile, .gz through zlib's gzread.
#include "saylau/importer/data_file.h"

#include <zlib.h>

#include "import_internal.h"
#include "saylau/formats/csv.h"

namespace saylau::importer {

Result<std::string> ReadDataFile(const std::string& path) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".gz") != 0) return formats::ReadFile(path);
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return NotFound(path + ": cannot be read");
  gzbuffer(file, 1 << 17);
  std::string text;
  if (const std::size_t hint = internal::GzipSizeHint(path); hint > 0) text.reserve(hint);
  char buffer[1 << 16];
  while (true) {
    const int read = gzread(file, buffer, sizeof buffer);
    if (read < 0) {
      int code = 0;
      const std::string message = gzerror(file, &code);
      gzclose(file);
      return InvalidArgument(path + ": not a readable gzip file (" + message + ")");
    }
    if (read == 0) break;
    text.append(buffer, static_cast<std::size_t>(read));
  }
  // zlib reports a stream that stops before its end (a truncated download) as a soft error,
  // Z_BUF_ERROR, after giving every byte it could.
  int code = Z_OK;
  gzerror(file, &code);
  const bool cut_short = code == Z_BUF_ERROR || !gzeof(file);
  gzclose(file);
  if (cut_short) return InvalidArgument(path + ": the gzip stream ends early");
  return text;
}

}  // namespace saylau::importer
