// The bundle's signed manifest: manifest.json lists every other file of the bundle (its path,
// size and SHA-256) with the last signed tree head; manifest.sig signs the manifest's exact
// bytes with the CEC's log key, over "saylau-manifest-v1\n" followed by those bytes. An
// edited, emptied, missing or added file is then found by name (docs/verify.md).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/crypto/signing.h"

namespace saylau::bundle {

inline constexpr const char* kManifest = "manifest.json";
inline constexpr const char* kManifestSignature = "manifest.sig";

std::string ManifestSigningInput(std::string_view manifest);

// Writes manifest.json listing every regular file under `dir` (sorted by path) after the
// fields of `header`, and manifest.sig when `key` holds a secret key. Errors:
// kInvalidArgument when a file cannot be read or written.
Status WriteManifest(const std::string& dir, nlohmann::ordered_json header, const crypto::KeyPair* key);

struct ManifestCheck {
  std::int64_t checked = 0;           // files listed and compared
  std::vector<std::string> failures;  // "place: what is wrong"
  nlohmann::json manifest;            // the manifest as read (null when unreadable)
};

// Checks manifest.sig against `log_key` (base64) and every file listed in manifest.json
// against the files under `dir`: missing, emptied, a different size or hash, or present but
// not listed. `checked_elsewhere` gives the sizes of files whose every byte was checked
// otherwise (log/entries.jsonl: each line is a leaf under the signed roots, read once by the
// verifier): they are only measured against the listing, not hashed again, since SHA-256 of a
// gigabyte costs seconds.
ManifestCheck CheckManifest(const std::string& dir, const std::string& log_key,
                            const std::map<std::string, std::uint64_t>& checked_elsewhere);

}  // namespace saylau::bundle
