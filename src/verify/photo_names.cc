// PhotoNames: photo names as 32-byte hashes (or text), sorted once before they are read.
#include "photo_names.h"

#include <algorithm>
#include <optional>

namespace saylau::bundle {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case too: ToHex writes lower case, so such a name is kept as text
}

std::optional<std::array<std::uint8_t, 32>> Decode(std::string_view name) {
  if (name.size() != 64) return std::nullopt;
  std::array<std::uint8_t, 32> hash{};
  for (std::size_t i = 0; i < 32; ++i) {
    const int high = HexDigit(name[2 * i]), low = HexDigit(name[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    hash[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return hash;
}

std::string Encode(const std::array<std::uint8_t, 32>& hash) {
  std::string text(64, '0');
  for (std::size_t i = 0; i < 32; ++i) {
    text[2 * i] = kHex[hash[i] >> 4];
    text[2 * i + 1] = kHex[hash[i] & 15];
  }
  return text;
}

}  // namespace

void PhotoNames::Add(std::string_view name, std::size_t entry) {
  if (const std::optional<Hash> hash = Decode(name)) {
    hashes_.emplace_back(*hash, entry);
    sorted_ = false;
    return;
  }
  other_.emplace(std::string(name), entry);  // an earlier entry stays
}

void PhotoNames::Sort() const {
  if (sorted_) return;
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                hashes_.end());
  hashes_.shrink_to_fit();
  sorted_ = true;
}

bool PhotoNames::Contains(std::string_view name) const {
  const std::optional<Hash> hash = Decode(name);
  if (!hash) return other_.find(name) != other_.end();
  Sort();
  const auto found = std::lower_bound(hashes_.begin(), hashes_.end(), std::pair<Hash, std::uint64_t>(*hash, 0));
  return found != hashes_.end() && found->first == *hash;
}

void PhotoNames::ForEach(const std::function<void(const std::string& name, std::size_t entry)>& visit) const {
  Sort();
  auto hash = hashes_.begin();
  auto other = other_.begin();
  while (hash != hashes_.end() || other != other_.end()) {
    std::string name = hash != hashes_.end() ? Encode(hash->first) : std::string();
    if (hash != hashes_.end() && (other == other_.end() || name < other->first)) {
      visit(name, hash->second);
      ++hash;
    } else {
      visit(other->first, other->second);
      ++other;
    }
  }
}

}  // namespace saylau::bundle
