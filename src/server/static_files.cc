#include "static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gzip.h"

namespace saylau::server {
namespace {

namespace fs = std::filesystem;

std::string ContentTypeOf(const fs::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

bool Compressible(const std::string& content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type == "application/json" || content_type == "image/svg+xml";
}

}  // namespace

Status StaticFiles::Load(const std::string& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) return {};
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root, error)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Unavailable(entry.path().string() + ": cannot read");
    StaticFile file;
    file.content_type = ContentTypeOf(entry.path());
    file.body = bytes.str();
    file.etag = EntityTag(file.body);
    if (Compressible(file.content_type) && file.body.size() > 512) file.gzipped = Gzip(file.body);
    const std::string relative = "/" + fs::relative(entry.path(), root).generic_string();
    file.immutable = relative.rfind("/assets/", 0) == 0;
    files_[relative] = std::move(file);
  }
  if (error) return Unavailable(root + ": cannot list the directory: " + error.message());
  return {};
}

const StaticFile* StaticFiles::Find(const std::string& path) const {
  const auto found = files_.find(path == "/" ? "/index.html" : path);
  if (found != files_.end()) return &found->second;
  // A client-side route (no extension in its last segment) gets its own page when there is
  // one ("/desk" and "/desk/": desk.html), else the dashboard's.
  const std::string last = path.substr(path.rfind('/') + 1);
  if (last.find('.') == std::string::npos) {
    const std::string route = path.size() > 1 && path.back() == '/' ? path.substr(0, path.size() - 1) : path;
    if (route.size() > 1 && route.substr(route.rfind('/') + 1).find('.') == std::string::npos) {
      const auto page = files_.find(route + ".html");
      if (page != files_.end()) return &page->second;
    }
    const auto index = files_.find("/index.html");
    if (index != files_.end()) return &index->second;
  }
  return nullptr;
}

}  // namespace saylau::server
