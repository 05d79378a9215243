// EncodeLogEntry: a log entry written straight as bytes, with no JSON tree (the ingest seals
// every protocol into the log, so this runs once per protocol). The bytes are exactly those
// nlohmann::ordered_json::dump() wrote for the same entry before (the leaf hashes of every
// stored log depend on them): fields in a fixed order, strings escaped as dump() escapes them.
// log_entry_writer_test compares the two on many entries, hostile strings included.
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "saylau/base/text.h"
#include "saylau/ledger/log_entry.h"

namespace saylau::ledger {
namespace {

// Bytes written escaped: below 0x20, the quote and the backslash (a table: one load a byte).
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int c = 0; c < 0x20; ++c) escaped[c] = true;
  escaped['"'] = escaped['\\'] = true;
  return escaped;
}();

// `text` as a JSON string, escaped as nlohmann's dump() escapes (ensure_ascii off): the quote
// and the backslash with a backslash; backspace, tab, line feed, form feed and carriage return
// by their letters; the other bytes below 0x20 as \u00xx in lowercase hex; every other byte as
// it is. Returns false when a byte of 0x80 or above was seen (the caller checks UTF-8 then).
bool AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char high = 0;  // the bytes OR-ed: bit 7 set when one was 0x80 or above
  out += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    high |= c;
    if (!kEscaped[c]) continue;
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

// The encoding through a JSON tree, as before: used only for an entry with text that is not
// UTF-8, where dump() throws (type_error 316), so that such an entry fails exactly as before.
std::string EncodeThroughJsonTree(const LogEntry& entry) {
  nlohmann::ordered_json json;
  json["kind"] = entry.kind;
  json["verdict"] = entry.accepted ? "accepted" : "rejected";
  json["received_at"] = entry.received_at;
  if (entry.signed_entry()) {
    json["commission"] = entry.commission;
    json["key"] = entry.key;
    json["key_seq"] = entry.key_seq;
    json["signature"] = entry.signature;
  }
  json["body"] = entry.body;
  return json.dump();
}

}  // namespace

std::string EncodeLogEntry(const LogEntry& entry) {
  std::string out;
  out.reserve(96 + entry.kind.size() + entry.received_at.size() + entry.commission.size() + entry.key.size() +
              entry.signature.size() + entry.body.size() + entry.body.size() / 8);
  bool ascii = true;
  out += "{\"kind\":";
  ascii &= AppendJsonString(out, entry.kind);
  out += entry.accepted ? ",\"verdict\":\"accepted\",\"received_at\":" : ",\"verdict\":\"rejected\",\"received_at\":";
  ascii &= AppendJsonString(out, entry.received_at);
  if (entry.signed_entry()) {
    out += ",\"commission\":";
    ascii &= AppendJsonString(out, entry.commission);
    out += ",\"key\":";
    ascii &= AppendJsonString(out, entry.key);
    out += ",\"key_seq\":";
    char number[24];
    const auto [end, error] = std::to_chars(number, number + sizeof number, entry.key_seq);
    out.append(number, end);
    out += ",\"signature\":";
    ascii &= AppendJsonString(out, entry.signature);
  }
  out += ",\"body\":";
  ascii &= AppendJsonString(out, entry.body);
  out += '}';
  if (!ascii) {
    for (const std::string* text : {&entry.kind, &entry.received_at, &entry.commission, &entry.key, &entry.signature,
                                    &entry.body}) {
      if (!IsValidUtf8(*text)) return EncodeThroughJsonTree(entry);
    }
  }
  return out;
}

}  // namespace saylau::ledger
