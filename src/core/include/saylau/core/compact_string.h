// CompactString: an immutable text in one pointer (8 bytes, against std::string's 32), for the
// fields of a unit that are usually empty (polls_close, time_zone, map): an empty one allocates
// nothing, a set one holds its length and bytes in one allocation. Reads like a string_view
// (it converts to one); compares and concatenates with strings. A value type: copies are deep.
// Not synchronised: like std::string, share a const one across threads, write from one.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>

namespace saylau::core {

class CompactString {
 public:
  CompactString() = default;
  CompactString(std::string_view text) { Assign(text); }          // NOLINT: implicit by design
  CompactString(const std::string& text) { Assign(text); }        // NOLINT
  CompactString(const char* text) { Assign(std::string_view(text)); }  // NOLINT
  CompactString(const CompactString& other) { Assign(other.view()); }
  CompactString(CompactString&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
  CompactString& operator=(const CompactString& other) {
    if (this != &other) {
      CompactString copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  CompactString& operator=(CompactString&& other) noexcept {
    if (this != &other) {
      Release();
      block_ = other.block_;
      other.block_ = nullptr;
    }
    return *this;
  }
  ~CompactString() { Release(); }

  std::string_view view() const {
    if (block_ == nullptr) return {};
    std::uint32_t size;
    std::memcpy(&size, block_, sizeof size);
    return {block_ + sizeof size, size};
  }
  operator std::string_view() const { return view(); }  // NOLINT: implicit by design
  std::string str() const { return std::string(view()); }
  bool empty() const { return block_ == nullptr; }
  std::size_t size() const { return view().size(); }
  const char* data() const { return view().data(); }
  char operator[](std::size_t at) const { return view()[at]; }

  friend bool operator==(const CompactString& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const CompactString& a, const char* b) { return a.view() == std::string_view(b); }
  friend bool operator==(const CompactString& a, const std::string& b) { return a.view() == std::string_view(b); }
  friend bool operator==(const CompactString& a, const CompactString& b) { return a.view() == b.view(); }
  friend auto operator<=>(const CompactString& a, std::string_view b) { return a.view() <=> b; }
  friend auto operator<=>(const CompactString& a, const char* b) { return a.view() <=> std::string_view(b); }
  friend auto operator<=>(const CompactString& a, const std::string& b) { return a.view() <=> std::string_view(b); }
  friend auto operator<=>(const CompactString& a, const CompactString& b) { return a.view() <=> b.view(); }
  friend std::string operator+(std::string a, const CompactString& b) { return a.append(b.view()); }
  friend std::string operator+(const char* a, const CompactString& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const CompactString& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(const CompactString& a, const char* b) { return a.str().append(b); }

 private:
  void Assign(std::string_view text);  // REQUIRES: block_ is null
  void Release();

  char* block_ = nullptr;  // [uint32 size][bytes], or null when empty
};

std::ostream& operator<<(std::ostream& out, const CompactString& text);  // for tests' messages

}  // namespace saylau::core
