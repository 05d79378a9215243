// ReadDataFile: plain files through formats::ReadFile, .gz through zlib's gzread.
#include "saylau/importer/data_file.h"

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "saylau/formats/csv.h"

namespace saylau::importer {
namespace {

// The gzip trailer's last four bytes: the uncompressed size modulo 2^32 (of the last member
// only). A hint for reserving the text once instead of growing it, never trusted beyond that:
// 0 when the file is too short or the hint is below its compressed size or above 64 times it.
std::size_t UncompressedSizeHint(const std::string& path) {
  std::error_code error;
  const std::uintmax_t compressed = std::filesystem::file_size(path, error);
  if (error || compressed < 18) return 0;
  std::ifstream file(path, std::ios::binary);
  file.seekg(-4, std::ios::end);
  unsigned char trailer[4] = {};
  if (!file.read(reinterpret_cast<char*>(trailer), 4)) return 0;
  const std::uint32_t size = static_cast<std::uint32_t>(trailer[0]) | static_cast<std::uint32_t>(trailer[1]) << 8 |
                             static_cast<std::uint32_t>(trailer[2]) << 16 |
                             static_cast<std::uint32_t>(trailer[3]) << 24;
  if (size < compressed || size > compressed * 64) return 0;
  return size;
}

}  // namespace

Result<std::string> ReadDataFile(const std::string& path) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".gz") != 0) return formats::ReadFile(path);
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return NotFound(path + ": cannot be read");
  gzbuffer(file, 1 << 17);
  std::string text;
  if (const std::size_t hint = UncompressedSizeHint(path); hint > 0) text.reserve(hint);
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
  const bool cut_short = !gzeof(file);
  gzclose(file);
  if (cut_short) return InvalidArgument(path + ": the gzip stream ends early");
  return text;
}

}  // namespace saylau::importer
