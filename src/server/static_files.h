// The dashboard's built files (web/dist), read into memory once at start: each with its
// content type, ETag and gzip. Only files that were there at start are served, so no request
// path can reach outside the directory. Paths without a file (client-side routes) get their
// own page when one is built (/desk and /desk/: desk.html), else index.html. Thread-safe after Load.
#pragma once

#include <map>
#include <string>

#include "saylau/base/result.h"

namespace saylau::server {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzipped;
  std::string etag;
  bool immutable = false;  // a content-hashed asset (assets/...): cache for a year
};

class StaticFiles {
 public:
  // Reads every file under `root`. A missing root is not an error: nothing is served.
  Status Load(const std::string& root);
  bool empty() const { return files_.empty(); }
  // The file for a request path ("/", "/assets/x.js", "/region/abai"); nullptr for none.
  const StaticFile* Find(const std::string& path) const;

 private:
  std::map<std::string, StaticFile> files_;  // by path from root, "/index.html"
};

}  // namespace saylau::server
