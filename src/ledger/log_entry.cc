// Log entries read back from their one-line JSON (EncodeLogEntry, which writes them, is in
// log_entry_writer.cc).
#include "saylau/ledger/log_entry.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "saylau/base/text.h"

namespace saylau::ledger {

namespace {

// A JSON string at text[at] (the opening quote), unescaped, with `at` moved past it.
std::optional<std::string> ReadString(std::string_view text, std::size_t& at) {
  if (at >= text.size() || text[at] != '"') return std::nullopt;
  std::string out;
  for (++at; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      ++at;
      // Bytes that are not UTF-8: the full parser refuses them, so the fast path must too.
      if (!IsValidUtf8(out)) return std::nullopt;
      return out;
    }
    if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++at >= text.size()) return std::nullopt;
    switch (text[at]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default:
        return std::nullopt;  // \u escapes and the rest: the full parser decides
    }
  }
  return std::nullopt;
}

// The entry as this module writes it (a flat object of strings and one integer), without a
// general JSON parser: the verifier reads millions. nullopt sends the line to the full parser.
std::optional<LogEntry> FastDecode(std::string_view text) {
  LogEntry entry;
  std::string verdict;
  bool has_kind = false, has_verdict = false, has_received = false, has_body = false, has_seq = false;
  std::size_t at = 0;
  if (text.empty() || text[at++] != '{') return std::nullopt;
  while (at < text.size()) {
    std::optional<std::string> key = ReadString(text, at);
    if (!key || at >= text.size() || text[at++] != ':') return std::nullopt;
    if (*key == "key_seq") {
      std::size_t end = at;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      if (end == at || end - at > 18) return std::nullopt;
      entry.key_seq = std::stoll(std::string(text.substr(at, end - at)));
      has_seq = true;
      at = end;
    } else {
      std::optional<std::string> value = ReadString(text, at);
      if (!value) return std::nullopt;
      if (*key == "kind")
        entry.kind = std::move(*value), has_kind = true;
      else if (*key == "verdict")
        verdict = std::move(*value), has_verdict = true;
      else if (*key == "received_at")
        entry.received_at = std::move(*value), has_received = true;
      else if (*key == "body")
        entry.body = std::move(*value), has_body = true;
      else if (*key == "commission")
        entry.commission = std::move(*value);
      else if (*key == "key")
        entry.key = std::move(*value);
      else if (*key == "signature")
        entry.signature = std::move(*value);
      else
        return std::nullopt;
    }
    if (at < text.size() && text[at] == ',') {
      ++at;
      continue;
    }
    if (at + 1 == text.size() && text[at] == '}') break;
    return std::nullopt;
  }
  if (!has_kind || !has_verdict || !has_received || !has_body || (verdict != "accepted" && verdict != "rejected")) {
    return std::nullopt;
  }
  if (entry.signed_entry() != has_seq) return std::nullopt;
  if (!entry.signed_entry() && (!entry.commission.empty() || !entry.signature.empty())) return std::nullopt;
  entry.accepted = verdict == "accepted";
  return entry;
}

}  // namespace

Result<LogEntry> DecodeLogEntry(std::string_view line) {
  if (std::optional<LogEntry> fast = FastDecode(line)) return std::move(*fast);
  const nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
  if (!json.is_object()) return InvalidArgument("a log entry is a JSON object on one line");
  LogEntry entry;
  const auto text = [&](const char* name, std::string& out, bool required) -> Status {
    if (!json.contains(name)) {
      return required ? Status(InvalidArgument(std::string("field '") + name + "' is missing")) : Status();
    }
    if (!json[name].is_string()) return InvalidArgument(std::string("field '") + name + "': text");
    out = json[name].get<std::string>();
    return {};
  };
  std::string verdict;
  for (Status ok :
       {text("kind", entry.kind, true), text("verdict", verdict, true), text("received_at", entry.received_at, true),
        text("body", entry.body, true), text("commission", entry.commission, false), text("key", entry.key, false),
        text("signature", entry.signature, false)}) {
    if (!ok) return ok.error();
  }
  if (verdict != "accepted" && verdict != "rejected") return InvalidArgument("field 'verdict': accepted or rejected");
  entry.accepted = verdict == "accepted";
  // The signer's fields come together: an entry without a key names no commission and carries
  // no sequence number or signature (EncodeLogEntry would drop them: found by fuzz/signed_bodies).
  if (!entry.signed_entry() && (!entry.commission.empty() || !entry.signature.empty() || json.contains("key_seq"))) {
    return InvalidArgument("an entry without a 'key' has no signer: 'commission', 'key_seq' and 'signature' come "
                           "only with a key");
  }
  if (entry.signed_entry()) {
    if (!json.contains("key_seq") || !json["key_seq"].is_number_integer()) {
      return InvalidArgument("field 'key_seq': the key's sequence number");
    }
    entry.key_seq = json["key_seq"].get<std::int64_t>();
  }
  return entry;
}

}  // namespace saylau::ledger
