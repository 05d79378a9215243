// IdIndex: the positions of a vector's items by their string id, in an open-addressing table
// of 4-byte slots that keeps no copy of the ids (an unordered_map<std::string, size_t> costs
// ~70 bytes an id: its node, its key and its bucket; this costs 8 to 16). Every call is given
// `id_of(position)`, which reads an item's id where the items are, so the index stays valid
// when the vector is moved or copied with it. Not synchronised: build once, then share const.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "saylau/base/check.h"

namespace saylau::core {

class IdIndex {
 public:
  // Indexes positions [0, count) by id_of(position); a repeated id keeps its first position.
  template <typename IdOf>
  void Build(std::size_t count, const IdOf& id_of) {
    slots_.clear();
    size_ = 0;
    Reserve(count, id_of);
    for (std::size_t position = 0; position < count; ++position) (void)Insert(position, id_of);
  }

  // Adds `position` under id_of(position); false (and nothing added) when that id is indexed.
  template <typename IdOf>
  bool Insert(std::size_t position, const IdOf& id_of) {
    SAYLAU_CHECK(position < kNone);
    Reserve(size_ + 1, id_of);
    const std::string_view id = id_of(position);
    std::size_t at = Hash(id) & (slots_.size() - 1);
    for (; slots_[at] != 0; at = (at + 1) & (slots_.size() - 1)) {
      if (id_of(slots_[at] - 1) == id) return false;
    }
    slots_[at] = static_cast<std::uint32_t>(position + 1);
    ++size_;
    return true;
  }

  // The position indexed under `id`; -1 when none is.
  template <typename IdOf>
  int Find(std::string_view id, const IdOf& id_of) const {
    if (slots_.empty()) return -1;
    for (std::size_t at = Hash(id) & (slots_.size() - 1); slots_[at] != 0; at = (at + 1) & (slots_.size() - 1)) {
      if (id_of(slots_[at] - 1) == id) return static_cast<int>(slots_[at] - 1);
    }
    return -1;
  }

  std::size_t size() const { return size_; }

  // Grows the table (at most half full) to hold `count` ids, placing the indexed ones again.
  template <typename IdOf>
  void Reserve(std::size_t count, const IdOf& id_of) {
    if (2 * count <= slots_.size()) return;
    std::size_t capacity = 16;
    while (capacity < 2 * count) capacity *= 2;
    if (capacity <= slots_.size()) return;
    std::vector<std::uint32_t> old(capacity, 0);
    old.swap(slots_);
    for (const std::uint32_t slot : old) {
      if (slot == 0) continue;
      std::size_t at = Hash(id_of(slot - 1)) & (slots_.size() - 1);
      while (slots_[at] != 0) at = (at + 1) & (slots_.size() - 1);
      slots_[at] = slot;
    }
  }

 private:
  static constexpr std::size_t kNone = 0xffffffffu;
  static std::size_t Hash(std::string_view id) { return std::hash<std::string_view>()(id); }

  std::vector<std::uint32_t> slots_;  // position + 1, 0 when free; a power of two long
  std::size_t size_ = 0;
};

}  // namespace saylau::core
