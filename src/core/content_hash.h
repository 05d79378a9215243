// ContentHash: FNV-1a, 64 bits, over a submission's fields, to tell a resend of the same content
// from a new version (duplicate detection; not a security hash: signatures and the log's SHA-256
// protect content). Private to core: election_night.cc and election_night_attendance.cc hash
// protocols and turnout or attendance reports with it, so equal content gives an equal hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace saylau::core::internal {

class ContentHash {
 public:
  // A text, then a separator byte (0xff never occurs in UTF-8), so "ab"+"c" differs from "a"+"bc".
  ContentHash& Add(std::string_view text) {
    for (unsigned char c : text) Mix(c);
    Mix(0xff);
    return *this;
  }
  // A number as its 8 bytes, little end first.
  ContentHash& Add(std::int64_t value) {
    for (int i = 0; i < 8; ++i) Mix(static_cast<unsigned char>(static_cast<std::uint64_t>(value) >> (8 * i)));
    return *this;
  }
  std::uint64_t value() const { return hash_; }

 private:
  void Mix(unsigned char c) { hash_ = (hash_ ^ c) * 1099511628211ull; }
  std::uint64_t hash_ = 1469598103934665603ull;
};

}  // namespace saylau::core::internal
