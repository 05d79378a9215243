// The definition and key hashes a tree head binds, and their store text.
#include "saylau/ledger/binding.h"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <vector>

namespace saylau::ledger {
namespace {

void Netstring(Sha256Stream& hash, std::string_view value) {
  hash.Update(std::to_string(value.size()));
  hash.Update(":");
  hash.Update(value);
  hash.Update(",");
}

std::optional<std::uint64_t> Number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Hash DefinitionHash(std::span<const BoundFile> files) {
  std::vector<BoundFile> sorted(files.begin(), files.end());
  std::sort(sorted.begin(), sorted.end(), [](const BoundFile& a, const BoundFile& b) {
    return std::tie(a.name, a.role, a.content) < std::tie(b.name, b.role, b.content);
  });
  Sha256Stream hash;
  hash.Update("saylau-definition-v1\n");
  for (const BoundFile& file : sorted) {
    Netstring(hash, file.name);
    Netstring(hash, file.role);
    Netstring(hash, file.content);
    hash.Update("\n");
  }
  return hash.Finish();
}

Hash KeysHash(std::span<const BoundKey> keys, std::span<const BoundObserver> observers) {
  Sha256Stream hash;
  hash.Update("saylau-keys-v1\nkeys " + std::to_string(keys.size()) + "\n");
  for (const BoundKey& key : keys) {
    Netstring(hash, key.commission);
    Netstring(hash, key.public_key);
    Netstring(hash, key.added_at);
    hash.Update("\n");
  }
  hash.Update("observers " + std::to_string(observers.size()) + "\n");
  for (const BoundObserver& observer : observers) {
    Netstring(hash, observer.id);
    Netstring(hash, observer.organisation);
    Netstring(hash, observer.kind);
    Netstring(hash, observer.public_key);
    Netstring(hash, observer.added_at);
    hash.Update("\n");
  }
  return hash.Finish();
}

std::string BindingText(const HeadBinding& binding) {
  return ToHex(binding.definition) + " " + ToHex(binding.keys) + " " + std::to_string(binding.keys_count) + " " +
         std::to_string(binding.observers_count);
}

std::optional<HeadBinding> BindingFromText(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    parts.push_back(text.substr(0, space));
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  }
  if (parts.size() != 4) return std::nullopt;
  const std::optional<Hash> definition = HashFromHex(parts[0]), keys = HashFromHex(parts[1]);
  const std::optional<std::uint64_t> keys_count = Number(parts[2]), observers_count = Number(parts[3]);
  if (!definition || !keys || !keys_count || !observers_count) return std::nullopt;
  return HeadBinding{*definition, *keys, *keys_count, *observers_count};
}

}  // namespace saylau::ledger
