// The photos the replayed protocols name, by SHA-256, and the files photos/ holds (internal to
// saylau::verify), compact: a name of 64 lower-case hex digits is kept as its 32 bytes (with
// the first entry naming it: 40 bytes a protocol with a photo, where a map of strings took
// about 130); any other name as text. Visited in the order of their names, as text.
// Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace saylau::bundle {

class PhotoNames {
 public:
  // Entry `entry` names the photo `name`; the first entry naming it is kept.
  void Add(std::string_view name, std::size_t entry);
  bool Contains(std::string_view name) const;
  // Calls `visit` with each name once and the first entry naming it, in the order of the names.
  void ForEach(const std::function<void(const std::string& name, std::size_t entry)>& visit) const;

 private:
  using Hash = std::array<std::uint8_t, 32>;
  void Sort() const;  // sorts hashes_ by hash then entry, and keeps the first of each hash
  mutable std::vector<std::pair<Hash, std::uint64_t>> hashes_;
  mutable bool sorted_ = true;
  std::map<std::string, std::size_t, std::less<>> other_;  // names that are not 64 lower-case hex digits
};

}  // namespace saylau::bundle
