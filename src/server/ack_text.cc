// AckText and AcknowledgementsText (ack_text.h): an acknowledgement's JSON written as bytes in
// the key order of nlohmann's std::map, with the tree (views.cc) as the fall-back for text that
// is not UTF-8.
#include "ack_text.h"

#include "json_text.h"
#include "saylau/base/json_string.h"
#include "saylau/base/text.h"
#include "saylau/core/protocol.h"
#include "saylau/ledger/tree_head.h"
#include "views.h"

namespace saylau::server {
namespace {

using service::Acknowledgement;

// Each writer returns false when a string had a byte of 0x80 or above (AppendJsonString).
bool AppendViolations(std::string& out, const std::vector<core::Violation>& violations) {
  bool ascii = true;
  out += '[';
  for (std::size_t i = 0; i < violations.size(); ++i) {
    const core::Violation& v = violations[i];
    if (i > 0) out += ',';
    out += '{';
    if (!v.code.empty()) {
      out += "\"code\":";
      ascii &= AppendJsonString(out, v.code);
      out += ',';
    }
    out += "\"detail\":";
    ascii &= AppendJsonString(out, v.detail);
    if (!v.code.empty()) {
      out += ",\"params\":[";
      for (std::size_t p = 0; p < v.params.size(); ++p) {
        if (p > 0) out += ',';
        out += "{\"name\":";
        ascii &= AppendJsonString(out, v.params[p].name);
        out += ",\"value\":";
        ascii &= AppendJsonString(out, v.params[p].value);
        out += '}';
      }
      out += ']';
    }
    out += ",\"relation\":";
    ascii &= AppendJsonString(out, v.relation);
    out += '}';
  }
  out += ']';
  return ascii;
}

// HeadJson's keys in their sorted order.
bool AppendHead(std::string& out, const ledger::TreeHead& head) {
  bool ascii = true;
  out += '{';
  if (head.binding) {
    out += "\"definition\":\"" + ledger::ToHex(head.binding->definition) + "\",";
  }
  out += "\"key\":";
  ascii &= AppendJsonString(out, head.key);
  if (head.binding) {
    out += ",\"keys\":\"" + ledger::ToHex(head.binding->keys) + "\",\"keys_count\":";
    AppendJsonNumber(out, head.binding->keys_count);
    out += ",\"observers_count\":";
    AppendJsonNumber(out, head.binding->observers_count);
  }
  out += ",\"root\":\"" + ledger::ToHex(head.root) + "\",\"signature\":";
  ascii &= AppendJsonString(out, head.signature);
  out += ",\"size\":";
  AppendJsonNumber(out, head.size);
  out += ",\"timestamp\":";
  AppendJsonNumber(out, head.timestamp);
  out += '}';
  return ascii;
}

bool AppendAck(std::string& out, const Acknowledgement& ack, bool log) {
  bool ascii = true;
  if (ack.refused) {
    out += "{\"message\":";
    ascii &= AppendJsonString(out, ack.refused->message);
    out += ",\"origin\":";
    ascii &= AppendJsonString(out, ack.origin);
    out += ",\"refusal\":";
    ascii &= AppendJsonString(out, service::RefusalName(ack.refused->reason));
    out += ",\"status\":\"refused\",\"what\":";
    ascii &= AppendJsonString(out, ack.what);
    out += '}';
    return ascii;
  }
  const bool logged = log && ack.leaf_index >= 0;
  out += ack.correction ? "{\"correction\":true" : "{\"correction\":false";
  if (logged && ack.head) {
    out += ",\"inclusion\":[";
    for (std::size_t i = 0; i < ack.inclusion.size(); ++i) {
      if (i > 0) out += ',';
      out += '"';
      out += ledger::ToHex(ack.inclusion[i]);
      out += '"';
    }
    out += ']';
  }
  if (logged) {
    out += ",\"leaf_index\":";
    AppendJsonNumber(out, ack.leaf_index);
  }
  out += ",\"origin\":";
  ascii &= AppendJsonString(out, ack.origin);
  out += ",\"reasons\":";
  ascii &= AppendViolations(out, ack.violations);
  out += ",\"seq\":";
  AppendJsonNumber(out, ack.seq);
  out += ",\"status\":";
  ascii &= AppendJsonString(out, core::VerdictName(ack.verdict));
  if (logged && ack.head) {
    out += ",\"tree_head\":";
    ascii &= AppendHead(out, *ack.head);
  }
  out += ",\"version\":";
  AppendJsonNumber(out, ack.version);
  out += ",\"warnings\":";
  ascii &= AppendViolations(out, ack.warnings);
  out += ",\"what\":";
  ascii &= AppendJsonString(out, ack.what);
  out += '}';
  return ascii;
}

}  // namespace

std::string AckText(const Acknowledgement& ack, bool log) {
  std::string out;
  out.reserve(log && ack.head ? 1024 : 256);
  if (!AppendAck(out, ack, log) && !IsValidUtf8(out)) return DumpJson(AckJson(ack, log));
  return out;
}

std::string AcknowledgementsText(const std::vector<Acknowledgement>& acks, bool many) {
  if (!many) return acks.empty() ? std::string("null") : AckText(acks.front());
  std::string out = "{\"acknowledgements\":[";
  bool ascii = true;
  for (std::size_t i = 0; i < acks.size(); ++i) {
    if (i > 0) out += ',';
    ascii &= AppendAck(out, acks[i], true);
  }
  out += "]}";
  if (!ascii && !IsValidUtf8(out)) {
    nlohmann::json all = nlohmann::json::array();
    for (const Acknowledgement& ack : acks) all.push_back(AckJson(ack));
    return DumpJson({{"acknowledgements", all}});
  }
  return out;
}

}  // namespace saylau::server
