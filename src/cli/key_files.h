// Key files on disk for `saylau keys` and `saylau submit`: where a commission's key file lives
// in a directory, and reading a key file or a directory of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/crypto/signing.h"

namespace saylau::cli {

// DIR/COMMISSION.key
std::filesystem::path KeyFilePath(const std::filesystem::path& directory, const std::string& commission);

// One key file, or every *.key file of a directory (sorted by name). Errors: kNotFound for a
// path that cannot be read, kInvalidArgument "file: ..." for a file that is not a key file.
Result<std::vector<crypto::KeyPair>> ReadKeyFiles(const std::string& path);

}  // namespace saylau::cli
