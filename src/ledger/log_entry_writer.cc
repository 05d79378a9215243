// EncodeLogEntry: a log entry written straight as bytes, with no JSON tree (the ingest seals
// every protocol into the log, so this runs once per protocol). The bytes are exactly those
// nlohmann::ordered_json::dump() wrote for the same entry before (the leaf hashes of every
// stored log depend on them): fields in a fixed order, strings escaped as dump() escapes them.
// log_entry_writer_test compares the two on many entries, hostile strings included.
#include <nlohmann/json.hpp>

#include "saylau/base/json_string.h"
#include "saylau/base/text.h"
#include "saylau/ledger/log_entry.h"

namespace saylau::ledger {
namespace {

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
  EncodeLogEntryInto(entry, out);
  return out;
}

void EncodeLogEntryInto(const LogEntry& entry, std::string& out) {
  out.clear();
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
    AppendJsonNumber(out, entry.key_seq);
    out += ",\"signature\":";
    ascii &= AppendJsonString(out, entry.signature);
  }
  out += ",\"body\":";
  ascii &= AppendJsonString(out, entry.body);
  out += '}';
  if (!ascii) {
    for (const std::string* text : {&entry.kind, &entry.received_at, &entry.commission, &entry.key, &entry.signature,
                                    &entry.body}) {
      if (!IsValidUtf8(*text)) {
        out = EncodeThroughJsonTree(entry);
        return;
      }
    }
  }
}

}  // namespace saylau::ledger
