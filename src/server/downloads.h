// The published bundle's files for the dashboard's download page (saylau serve --bundle DIR):
// DIR/manifest.json (bundle/manifest.h: every file's path, size and SHA-256, written by saylau
// publish) is read once at start, and each file it lists must be there with its listed size.
// The listing is then served as GET /api/v1/downloads and each listed file (and the manifest
// and its signature) as GET /bundle/<path>, read from disk when asked. Only listed paths are
// served, so no request reaches outside DIR. Immutable after Load: safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "saylau/base/result.h"

namespace saylau::server {

inline constexpr char kBundlePrefix[] = "/bundle/";

class Downloads {
 public:
  // Reads DIR/manifest.json. Files larger than `file_limit` bytes are listed but not served
  // (the page still gives their size and SHA-256). Errors: kInvalidArgument naming the file
  // (and the manifest's entry) when the manifest is missing or malformed, a listed path is
  // not a plain relative path, or a listed file is missing or has another size.
  static Result<Downloads> Load(const std::string& dir, std::uint64_t file_limit);

  // The listing: {"election", "signed", "log_key", "files": [{"path", "bytes", "sha256",
  // "url"}]} (manifest.json and manifest.sig first), as JSON text.
  const std::string& listing() const { return listing_; }
  // A listed file's bytes. Errors: kNotFound when `path` is not listed; kFailedPrecondition
  // when it is larger than the limit; kUnavailable when it cannot be read (or changed size).
  Result<std::string> Read(const std::string& path) const;

 private:
  std::string dir_;
  std::uint64_t file_limit_ = 0;
  std::string listing_;
  std::map<std::string, std::uint64_t, std::less<>> sizes_;  // by path in the bundle
};

}  // namespace saylau::server
