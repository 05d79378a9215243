// Log entries as one-line JSON with a fixed field order.
#include "saylau/ledger/log_entry.h"

#include <nlohmann/json.hpp>

namespace saylau::ledger {

std::string EncodeLogEntry(const LogEntry& entry) {
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

Result<LogEntry> DecodeLogEntry(std::string_view line) {
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
  if (entry.signed_entry()) {
    if (!json.contains("key_seq") || !json["key_seq"].is_number_integer()) {
      return InvalidArgument("field 'key_seq': the key's sequence number");
    }
    entry.key_seq = json["key_seq"].get<std::int64_t>();
  }
  return entry;
}

}  // namespace saylau::ledger
