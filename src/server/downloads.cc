// The published bundle's listing and files (downloads.h).
#include "downloads.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "json_text.h"
#include "saylau/base/text.h"
#include "saylau/ledger/merkle.h"

namespace saylau::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kManifest[] = "manifest.json";
constexpr char kSignature[] = "manifest.sig";

// A path inside the bundle: relative, '/'-separated, no empty, "." or ".." segment, no
// backslash or control character.
bool IsBundlePath(const std::string& path) {
  if (path.empty() || path.size() > 1024 || path.front() == '/' || !IsValidUtf8(path)) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  for (const unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  return true;
}

Result<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable(path.filename().string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return Unavailable(path.filename().string() + ": cannot be read");
  return text.str();
}

bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

Result<Downloads> Downloads::Load(const std::string& dir, std::uint64_t file_limit) {
  const std::string where = "--bundle " + EscapeText(dir) + ": ";
  const fs::path root(dir);
  Result<std::string> manifest_text = ReadWhole(root / kManifest);
  if (!manifest_text) {
    return InvalidArgument(where + "manifest.json cannot be read (a bundle written by saylau publish has one)");
  }
  const json manifest = json::parse(*manifest_text, nullptr, false);
  if (!manifest.is_object() || !manifest.contains("files") || !manifest["files"].is_array()) {
    return InvalidArgument(where + "manifest.json: not a manifest: {\"files\": [{\"path\", \"bytes\", \"sha256\"}, ...]}");
  }
  Downloads downloads;
  downloads.dir_ = dir;
  downloads.file_limit_ = file_limit;
  json files = json::array();
  const auto list = [&](const std::string& path, std::uint64_t bytes, const std::string& sha256) {
    files.push_back({{"path", path}, {"bytes", bytes}, {"sha256", sha256}, {"url", kBundlePrefix + path}});
    downloads.sizes_[path] = bytes;
  };
  list(kManifest, manifest_text->size(), ledger::ToHex(ledger::Sha256(*manifest_text)));
  std::error_code error;
  const bool signed_bundle = fs::is_regular_file(root / kSignature, error);
  if (signed_bundle) {
    Result<std::string> signature = ReadWhole(root / kSignature);
    if (!signature) return InvalidArgument(where + signature.error().message);
    list(kSignature, signature->size(), ledger::ToHex(ledger::Sha256(*signature)));
  }
  for (std::size_t i = 0; i < manifest["files"].size(); ++i) {
    const json& file = manifest["files"][i];
    const std::string at = where + "manifest.json files[" + std::to_string(i) + "]: ";
    if (!file.is_object() || !file.contains("path") || !file["path"].is_string() || !file.contains("bytes") ||
        !file["bytes"].is_number_unsigned() || !file.contains("sha256") || !file["sha256"].is_string()) {
      return InvalidArgument(at + "not {\"path\": text, \"bytes\": a count, \"sha256\": 64 hex digits}");
    }
    const std::string path = file["path"].get<std::string>();
    const std::uint64_t bytes = file["bytes"].get<std::uint64_t>();
    const std::string sha256 = file["sha256"].get<std::string>();
    if (!IsBundlePath(path) || path == kManifest || path == kSignature) {
      return InvalidArgument(at + "path '" + EscapeText(path) + "' is not a file's path inside the bundle");
    }
    if (!IsSha256Hex(sha256)) return InvalidArgument(at + path + ": sha256 is not 64 lowercase hex digits");
    if (downloads.sizes_.contains(path)) return InvalidArgument(at + path + ": listed twice");
    const std::uint64_t found = fs::is_regular_file(root / path, error) ? fs::file_size(root / path, error) : 0;
    if (!fs::is_regular_file(root / path, error) || error) {
      return InvalidArgument(at + EscapeText(path) + ": missing (the manifest lists it)");
    }
    if (found != bytes) {
      return InvalidArgument(at + EscapeText(path) + ": " + std::to_string(found) + " bytes, the manifest lists " +
                             std::to_string(bytes));
    }
    list(path, bytes, sha256);
  }
  const bool named = manifest.contains("election") && manifest["election"].is_string();
  json listing = {{"election", named ? manifest["election"] : json("")},
                  {"signed", signed_bundle},
                  {"log_key", ""},
                  {"files", std::move(files)}};
  if (manifest.contains("tree_head") && manifest["tree_head"].is_object()) {
    const json& head = manifest["tree_head"];
    if (head.contains("key") && head["key"].is_string()) listing["log_key"] = head["key"];
  }
  downloads.listing_ = DumpJson(listing);
  return downloads;
}

Result<std::string> Downloads::Read(const std::string& path) const {
  const auto listed = sizes_.find(path);
  if (listed == sizes_.end()) return NotFound("no such file in the published bundle: " + EscapeText(path));
  if (listed->second > file_limit_) {
    return FailedPrecondition(path + " (" + std::to_string(listed->second) +
                              " bytes) is too large to be served here; fetch it from the bundle's host");
  }
  Result<std::string> bytes = ReadWhole(fs::path(dir_) / path);
  if (!bytes) return bytes.error();
  if (bytes->size() != listed->second) {
    return Unavailable(path + " changed on disk since the server started (" + std::to_string(bytes->size()) +
                       " bytes, listed " + std::to_string(listed->second) + ")");
  }
  return bytes;
}

}  // namespace saylau::server
