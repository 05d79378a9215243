#include "key_files.h"

#include <algorithm>

#include "saylau/formats/csv.h"

namespace saylau::cli {

namespace fs = std::filesystem;

fs::path KeyFilePath(const fs::path& directory, const std::string& commission) {
  return directory / (commission + ".key");
}

Result<std::vector<crypto::KeyPair>> ReadKeyFiles(const std::string& path) {
  std::vector<std::string> files;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
      if (entry.path().extension() == ".key") files.push_back(entry.path().string());
    }
    if (error) return NotFound(path + ": cannot list the directory: " + error.message());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::vector<crypto::KeyPair> keys;
  keys.reserve(files.size());
  for (const std::string& file : files) {
    Result<std::string> text = formats::ReadFile(file);
    if (!text) return text.error();
    Result<crypto::KeyPair> key = crypto::DecodeKeyFile(*text);
    if (!key) return InvalidArgument(file + ": " + key.error().message);
    keys.push_back(std::move(*key));
  }
  return keys;
}

}  // namespace saylau::cli
