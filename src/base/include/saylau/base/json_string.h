// JSON written straight as bytes, with no tree: a string escaped exactly as nlohmann's dump()
// escapes it (ensure_ascii off), and a whole number. The one home of that escaping rule for every
// writer that must give the same bytes as dump() (the log entries, the acknowledgements).
#pragma once

#include <array>
#include <charconv>
#include <string>
#include <string_view>

namespace saylau {
namespace internal {
// The bytes a byte adds when written escaped: none for most; one for the quote, the backslash
// and the five with a letter (\b \t \n \f \r); five for the other bytes below 0x20 (\u00xx).
inline constexpr std::array<unsigned char, 256> kJsonEscapeExtra = [] {
  std::array<unsigned char, 256> extra{};
  for (int c = 0; c < 0x20; ++c) extra[c] = 5;
  for (int c : {'"', '\\', '\b', '\t', '\n', '\f', '\r'}) extra[c] = 1;
  return extra;
}();
}  // namespace internal

// `text` as a JSON string, escaped as nlohmann's dump() escapes (ensure_ascii off): the quote
// and the backslash with a backslash; backspace, tab, line feed, form feed and carriage return
// by their letters; the other bytes below 0x20 as \u00xx in lowercase hex; every other byte as
// it is. Returns false when a byte of 0x80 or above was seen (the caller checks UTF-8 then:
// dump() refuses or replaces text that is not UTF-8, which this does not).
inline bool AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Two passes: the escaped length first, then every byte written through a pointer into room
  // made once (the log entry escapes a protocol's whole JSON body, with a quote every few bytes:
  // one append per quote cost more than the rest of the entry).
  unsigned char high = 0;  // the bytes OR-ed: bit 7 set when one was 0x80 or above
  std::size_t extra = 0;
  for (const char byte : text) {
    const unsigned char c = static_cast<unsigned char>(byte);
    high |= c;
    extra += internal::kJsonEscapeExtra[c];
  }
  const std::size_t start = out.size();
  out.resize(start + text.size() + extra + 2);
  char* to = out.data() + start;
  *to++ = '"';
  if (extra == 0) {
    std::char_traits<char>::copy(to, text.data(), text.size());
    to += text.size();
  } else {
    for (const char byte : text) {
      const unsigned char c = static_cast<unsigned char>(byte);
      if (internal::kJsonEscapeExtra[c] == 0) {
        *to++ = byte;
        continue;
      }
      *to++ = '\\';
      switch (c) {
        case '"': *to++ = '"'; break;
        case '\\': *to++ = '\\'; break;
        case '\b': *to++ = 'b'; break;
        case '\t': *to++ = 't'; break;
        case '\n': *to++ = 'n'; break;
        case '\f': *to++ = 'f'; break;
        case '\r': *to++ = 'r'; break;
        default:
          *to++ = 'u';
          *to++ = '0';
          *to++ = '0';
          *to++ = kHex[c >> 4];
          *to++ = kHex[c & 15];
      }
    }
  }
  *to = '"';
  return (high & 0x80) == 0;
}

// A whole number as dump() writes it.
template <typename Integer>
void AppendJsonNumber(std::string& out, Integer value) {
  char number[24];
  const auto [end, error] = std::to_chars(number, number + sizeof number, value);
  out.append(number, end);
}

}  // namespace saylau
