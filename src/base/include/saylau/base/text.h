// Text at the boundary: whatever comes from a file or the network is checked to be valid UTF-8
// without control characters where they make no sense, before it is stored, compared or
// written as JSON. CheckText says what is wrong and where; EscapeText makes any bytes into
// valid UTF-8 (the offending bytes written \xHH) so that a rejected row can still be stored
// and named. Pure functions, header-only, safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace saylau {

enum class TextRule {
  kLine,       // one line of text (a name, a number): no control characters at all
  kMultiline,  // free text (notes, a reason): tab and line breaks allowed, other controls not
  kId,         // an identifier: ASCII letters, digits and - _ . : only, at most kMaxIdBytes
};

inline constexpr std::size_t kMaxIdBytes = 128;

// What to do about text that is not UTF-8: most often a CP1251 export of office software.
inline constexpr std::string_view kUtf8Hint = "convert with iconv -f cp1251 -t utf-8";

struct TextProblem {
  std::size_t offset = 0;  // 0-based byte offset of the first offending byte
  bool encoding = false;   // true: not UTF-8 at all (the file's encoding is wrong)
  std::string message;     // "not UTF-8 at byte 3 (0xCF 0xF2)", "control character U+0000 at byte 2"
};

namespace internal {
inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
inline std::string Hex(unsigned char c) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string{kDigits[c >> 4], kDigits[c & 15]};
}
}  // namespace internal

// The length of the well-formed UTF-8 sequence starting at `text[at]`, or 0 when there is
// none there (a stray continuation byte, an overlong form, a surrogate, above U+10FFFF, or a
// sequence cut short). RFC 3629, table 3-7 of the Unicode standard.
inline std::size_t Utf8SequenceLength(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const std::size_t left = text.size() - at;
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  if (c < 0xC2 || c > 0xF4) return 0;
  if (c < 0xE0) return left >= 2 && internal::IsContinuation(byte(1)) ? 2 : 0;
  if (c < 0xF0) {
    if (left < 3 || !internal::IsContinuation(byte(1)) || !internal::IsContinuation(byte(2))) return 0;
    if (c == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && byte(1) > 0x9F) return 0;  // surrogates U+D800..U+DFFF
    return 3;
  }
  if (left < 4 || !internal::IsContinuation(byte(1)) || !internal::IsContinuation(byte(2)) ||
      !internal::IsContinuation(byte(3))) {
    return 0;
  }
  if (c == 0xF0 && byte(1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
  return 4;
}

// The offset of the first byte that is not part of well-formed UTF-8, if any.
inline std::optional<std::size_t> FindInvalidUtf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    // Runs of ASCII go fast.
    while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) ++at;
    if (at == text.size()) break;
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::nullopt;
}

inline bool IsValidUtf8(std::string_view text) { return !FindInvalidUtf8(text).has_value(); }

// Whether the code point starting at `text[at]` (a sequence of `length` bytes) is a control
// character that `rule` does not allow: C0, DEL and C1 (U+0080..U+009F); kMultiline allows
// tab, line feed and carriage return.
inline bool IsForbiddenControl(std::string_view text, std::size_t at, std::size_t length, TextRule rule) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  if (length == 1) {
    if (c == 0x7F) return true;
    if (c >= 0x20) return false;
    return !(rule == TextRule::kMultiline && (c == '\t' || c == '\n' || c == '\r'));
  }
  return length == 2 && c == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0;
}

// nullopt when `text` is clean under `rule`; else the first problem, with its place.
inline std::optional<TextProblem> CheckText(std::string_view text, TextRule rule = TextRule::kLine) {
  if (rule == TextRule::kId && text.size() > kMaxIdBytes) {
    return TextProblem{
        kMaxIdBytes, false,
        "is " + std::to_string(text.size()) + " bytes long; an id has at most " + std::to_string(kMaxIdBytes)};
  }
  std::size_t at = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x7F && rule != TextRule::kId) {
      ++at;
      continue;
    }
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length == 0) {
      std::string bytes;
      for (std::size_t i = at; i < text.size() && i < at + 4; ++i) {
        bytes += (bytes.empty() ? "0x" : " 0x") + internal::Hex(static_cast<unsigned char>(text[i]));
      }
      return TextProblem{at, true, "not UTF-8 at byte " + std::to_string(at + 1) + " (" + bytes + ")"};
    }
    if (IsForbiddenControl(text, at, length, rule)) {
      const unsigned code = length == 1 ? c : static_cast<unsigned char>(text[at + 1]);
      return TextProblem{at, false,
                         "control character U+00" + internal::Hex(static_cast<unsigned char>(code)) + " at byte " +
                             std::to_string(at + 1)};
    }
    if (rule == TextRule::kId) {
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_' || c == '.' || c == ':';
      if (!allowed) {
        return TextProblem{at, false,
                           "character '" + std::string(text.substr(at, length)) + "' at byte " +
                               std::to_string(at + 1) +
                               " is not allowed in an id (ASCII letters, digits and - _ . : only)"};
      }
    }
    at += length;
  }
  return std::nullopt;
}

// The message for a problem of the text `field` ("name_ru: not UTF-8 at byte 1 (0xD1 0xF2):
// '\xD1\xF2. 12'; convert with iconv -f cp1251 -t utf-8"). `shown` is the escaped value.
inline std::string DescribeTextProblem(const TextProblem& problem, std::string_view shown) {
  std::string text = problem.message + ": '" + std::string(shown) + "'";
  if (problem.encoding) text += "; " + std::string(kUtf8Hint);
  return text;
}

// `text` as valid UTF-8: each byte that is not part of well-formed UTF-8, and each control
// character `rule` does not allow, is written \xHH (C1 controls as \u00HH). Clean text comes
// back unchanged.
inline std::string EscapeText(std::string_view text, TextRule rule = TextRule::kLine) {
  if (rule == TextRule::kId) rule = TextRule::kLine;
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++at;
      continue;
    }
    const std::size_t length = Utf8SequenceLength(text, at);
    if (length == 0 || (length == 1 && IsForbiddenControl(text, at, 1, rule))) {
      out += "\\x" + internal::Hex(c);
      ++at;
      continue;
    }
    if (IsForbiddenControl(text, at, length, rule)) {
      out += "\\u00" + internal::Hex(static_cast<unsigned char>(text[at + 1]));
    } else {
      out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

// The longest prefix of `text` of at most `max_bytes` bytes that does not cut a UTF-8
// sequence in two (for quoting a value in a message).
inline std::string_view Utf8Prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back over at most three continuation bytes: a longer run is not UTF-8 anyway.
  while (end > 0 && max_bytes - end < 3 && internal::IsContinuation(static_cast<unsigned char>(text[end]))) --end;
  return text.substr(0, end);
}

}  // namespace saylau
