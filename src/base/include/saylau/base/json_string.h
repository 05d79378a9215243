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
// Bytes written escaped: below 0x20, the quote and the backslash (a table: one load a byte).
inline constexpr std::array<bool, 256> kJsonEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int c = 0; c < 0x20; ++c) escaped[c] = true;
  escaped['"'] = escaped['\\'] = true;
  return escaped;
}();
}  // namespace internal

// `text` as a JSON string, escaped as nlohmann's dump() escapes (ensure_ascii off): the quote
// and the backslash with a backslash; backspace, tab, line feed, form feed and carriage return
// by their letters; the other bytes below 0x20 as \u00xx in lowercase hex; every other byte as
// it is. Returns false when a byte of 0x80 or above was seen (the caller checks UTF-8 then:
// dump() refuses or replaces text that is not UTF-8, which this does not).
inline bool AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char high = 0;  // the bytes OR-ed: bit 7 set when one was 0x80 or above
  out += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    high |= c;
    if (!internal::kJsonEscaped[c]) continue;
    out.append(text.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(escaped, sizeof escaped);
      }
    }
  }
  out.append(text.data() + start, text.size() - start);
  out += '"';
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
