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
// How a byte is written: 0 as it is; 1 as a backslash and kJsonEscapeLetter (the quote, the
// backslash, and \b \t \n \f \r); 2 as \u00xx (the other bytes below 0x20).
inline constexpr std::array<unsigned char, 256> kJsonEscapeKind = [] {
  std::array<unsigned char, 256> kind{};
  for (int c = 0; c < 0x20; ++c) kind[c] = 2;
  for (int c : {'"', '\\', '\b', '\t', '\n', '\f', '\r'}) kind[c] = 1;
  return kind;
}();
// The byte written for a byte of kind 0 (itself) or after the backslash for kind 1.
inline constexpr std::array<char, 256> kJsonEscapeLetter = [] {
  std::array<char, 256> letter{};
  for (int c = 0; c < 256; ++c) letter[c] = static_cast<char>(c);
  letter['\b'] = 'b';
  letter['\t'] = 't';
  letter['\n'] = 'n';
  letter['\f'] = 'f';
  letter['\r'] = 'r';
  return letter;
}();
}  // namespace internal

// `text` as a JSON string, escaped as nlohmann's dump() escapes (ensure_ascii off): the quote
// and the backslash with a backslash; backspace, tab, line feed, form feed and carriage return
// by their letters; the other bytes below 0x20 as \u00xx in lowercase hex; every other byte as
// it is. Returns false when a byte of 0x80 or above was seen (the caller checks UTF-8 then:
// dump() refuses or replaces text that is not UTF-8, which this does not).
inline bool AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // One pass through a pointer, without a branch for the quotes (the log entry escapes a
  // protocol's whole JSON body, a quote every few bytes): room for every byte doubled, and four
  // more made for each rare \u00xx; the string trimmed to what was written at the end.
  unsigned char high = 0;  // the bytes OR-ed: bit 7 set when one was 0x80 or above
  const std::size_t start = out.size();
  out.resize(start + 2 * text.size() + 2);
  char* to = out.data() + start;
  *to++ = '"';
  for (const char byte : text) {
    const unsigned char c = static_cast<unsigned char>(byte);
    high |= c;
    const unsigned kind = internal::kJsonEscapeKind[c];
    if (kind == 2) [[unlikely]] {
      const std::size_t at = static_cast<std::size_t>(to - out.data());
      out.resize(out.size() + 4);
      to = out.data() + at;
      const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      std::char_traits<char>::copy(to, escaped, sizeof escaped);
      to += sizeof escaped;
      continue;
    }
    to[0] = '\\';  // kept only when the byte is escaped: else the next store writes over it
    to[kind] = internal::kJsonEscapeLetter[c];
    to += 1 + kind;
  }
  *to++ = '"';
  out.resize(static_cast<std::size_t>(to - out.data()));
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
