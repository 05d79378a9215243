// The registered keys' positions in keys.json and observers.json, and the first log entry each
// key signed (internal to saylau::verify), in a few bytes a key: an open-addressing index of
// row numbers over the lists' own text (4 bytes a slot, at most half full) and one integer a
// row for its first entry. Maps of views to positions and uses took about 110 bytes a key
// (800,000 keys: ~90 MB); these take about 24 (~19 MB). Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace saylau::bundle {

// Rows found by their text; when two rows hold the same text, the first is found. Each row's
// text is read through `text`, which must stay valid and unchanged while the index is used.
class RowIndex {
 public:
  using TextOf = std::function<std::string_view(std::size_t row)>;
  RowIndex() = default;
  RowIndex(std::size_t rows, TextOf text);
  std::optional<std::size_t> Find(std::string_view text) const;

 private:
  TextOf text_;
  std::vector<std::uint32_t> slots_;  // row + 1; 0: empty. A power of two, at least twice the rows
};

class KeyUses {
 public:
  // A key that signed: its first entry, the kind of key its use named (an observer's or a
  // commission's), its row in that list (nullopt: not listed there) and its text.
  struct Use {
    std::size_t first_entry = 0;
    bool observer = false;
    std::optional<std::size_t> position;
    std::string_view key;
  };

  // Indexes keys.json's `keys` rows and observers.json's `observers` rows, each row's public
  // key read through `key_of` and `observer_key_of` (valid while this is used).
  void Index(std::size_t keys, RowIndex::TextOf key_of, std::size_t observers, RowIndex::TextOf observer_key_of);
  // The key's row in observers.json (`observer`) or keys.json.
  std::optional<std::size_t> Position(std::string_view key, bool observer) const;
  // `key` signed entry `entry`, used as an observer's key or a commission's: remembered when it
  // is the first entry the key signed (whatever the kind of use).
  void Record(std::string_view key, bool observer, std::size_t entry);
  // Calls `visit` with every key that signed, by its first entry (16 bytes a key meanwhile).
  void ForEachInOrder(const std::function<void(const Use&)>& visit) const;

 private:
  RowIndex keys_, observers_;
  RowIndex::TextOf key_of_, observer_key_of_;
  std::vector<std::uint64_t> key_first_, observer_first_;  // entry + 1; 0: signed nothing
  // Keys that signed but are not in the list their use names (a refused tamper): few.
  std::map<std::string, std::pair<std::size_t, bool>, std::less<>> unlisted_;
};

}  // namespace saylau::bundle
