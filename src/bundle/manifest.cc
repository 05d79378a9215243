// Writing and checking the bundle's signed manifest.
#include "saylau/bundle/manifest.h"

#include "saylau/bundle/json_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "saylau/ledger/binding.h"

namespace saylau::bundle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct FileDigest {
  std::uint64_t bytes = 0;
  ledger::Hash sha256{};
};

std::optional<FileDigest> DigestOf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  ledger::Sha256Stream hash;
  FileDigest digest;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    hash.Update(std::string_view(buffer.data(), got));
    digest.bytes += got;
  }
  if (in.bad()) return std::nullopt;
  digest.sha256 = hash.Finish();
  return digest;
}

// Every regular file under `dir` but the manifest and its signature, by relative path.
std::vector<std::string> BundleFiles(const fs::path& dir) {
  std::vector<std::string> paths;
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    const std::string path = it->path().lexically_relative(dir).generic_string();
    if (path != kManifest && path != kManifestSignature) paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// A listed path that stays inside the bundle: relative, no "..", no empty parts.
bool SafePath(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == "." || part.empty()) return false;
  }
  return true;
}

std::optional<std::string> ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::string ManifestSigningInput(std::string_view manifest) {
  return "saylau-manifest-v1\n" + std::string(manifest);
}

Status WriteManifest(const std::string& dir, nlohmann::ordered_json header, const crypto::KeyPair* key) {
  const fs::path root(dir);
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const std::string& path : BundleFiles(root)) {
    const std::optional<FileDigest> digest = DigestOf(root / path);
    if (!digest) return InvalidArgument((root / path).string() + ": cannot read the file");
    files.push_back({{"path", path}, {"bytes", digest->bytes}, {"sha256", ledger::ToHex(digest->sha256)}});
  }
  header["files"] = std::move(files);
  const std::string text = header.dump(1) + "\n";
  std::ofstream out(root / kManifest, std::ios::binary);
  out << text;
  out.close();
  if (!out) return InvalidArgument((root / kManifest).string() + ": cannot write the file");
  if (key == nullptr || key->secret_key.empty()) return {};
  const nlohmann::ordered_json signature = {
      {"key", crypto::ToBase64(key->public_key)},
      {"signature", crypto::ToBase64(crypto::Sign(key->secret_key, ManifestSigningInput(text)))}};
  std::ofstream sig(root / kManifestSignature, std::ios::binary);
  sig << signature.dump() << "\n";
  sig.close();
  if (!sig) return InvalidArgument((root / kManifestSignature).string() + ": cannot write the file");
  return {};
}

ManifestCheck CheckManifest(const std::string& dir, const std::string& log_key,
                            const std::map<std::string, std::uint64_t>& checked_elsewhere) {
  const fs::path root(dir);
  ManifestCheck check;
  const auto fail = [&](const std::string& place, const std::string& what) {
    check.failures.push_back(place + ": " + what);
  };
  const std::optional<std::string> text = ReadAll(root / kManifest);
  if (!text) {
    fail(kManifest, "missing: the bundle's files are not listed and signed (saylau publish --log-key)");
    return check;
  }
  const std::optional<std::string> sig_text = ReadAll(root / kManifestSignature);
  const json sig = sig_text ? json::parse(*sig_text, nullptr, false) : json();
  if (!sig_text) {
    fail(kManifestSignature, "missing: the manifest is not signed (saylau publish --log-key)");
  } else if (!sig.is_object() || !sig.contains("key") || !sig["key"].is_string() || !sig.contains("signature") ||
             !sig["signature"].is_string()) {
    fail(kManifestSignature, "not {\"key\", \"signature\"}");
  } else {
    const std::string signer = sig["key"].get<std::string>();
    const std::optional<std::string> public_key = crypto::FromBase64(signer);
    const std::optional<std::string> signature = crypto::FromBase64(sig["signature"].get<std::string>());
    if (!log_key.empty() && signer != log_key) {
      fail(kManifestSignature, "the manifest is signed by " + signer + ", not the log key " + log_key);
    } else if (!public_key || !signature || !crypto::Verify(*public_key, ManifestSigningInput(*text), *signature)) {
      fail(kManifestSignature, "the signature does not verify: manifest.json was changed after it was signed");
    }
  }
  check.manifest = json::parse(*text, nullptr, false);
  if (!check.manifest.is_object() || !check.manifest.contains("files") || !check.manifest["files"].is_array()) {
    fail(kManifest, "not a manifest: {\"files\": [{\"path\", \"bytes\", \"sha256\"}, ...]}");
    check.manifest = json();
    return check;
  }
  std::set<std::string> listed;
  for (const json& file : check.manifest["files"]) {
    const std::string path = TextField(file, "path");
    const std::uint64_t bytes = CountField(file, "bytes");
    const std::string sha256 = TextField(file, "sha256");
    if (!SafePath(path)) {
      fail(kManifest, "lists a path that leaves the bundle: '" + path + "'");
      continue;
    }
    listed.insert(path);
    ++check.checked;
    std::optional<FileDigest> digest;
    if (const auto found = checked_elsewhere.find(path); found != checked_elsewhere.end()) {
      digest = FileDigest{found->second, ledger::Sha256(std::string_view())};
      if (found->second == bytes) {
        const std::optional<ledger::Hash> listed = ledger::HashFromHex(sha256);
        if (listed) digest->sha256 = *listed;
      }
    } else {
      std::error_code error;
      if (fs::is_regular_file(root / path, error)) digest = DigestOf(root / path);
    }
    if (!digest) {
      fail(path, fmt::format("missing: the signed manifest lists it ({} bytes)", bytes));
    } else if (digest->bytes == 0 && bytes != 0) {
      fail(path, fmt::format("emptied: the signed manifest lists {} bytes", bytes));
    } else if (digest->bytes != bytes || ledger::ToHex(digest->sha256) != sha256) {
      fail(path, fmt::format("edited: {} bytes with SHA-256 {}, the signed manifest lists {} bytes with SHA-256 {}",
                             digest->bytes, ledger::ToHex(digest->sha256), bytes, sha256));
    }
  }
  for (const std::string& path : BundleFiles(root)) {
    if (!listed.contains(path)) fail(path, "not in the signed manifest: a file added to the bundle");
  }
  return check;
}

}  // namespace saylau::bundle
