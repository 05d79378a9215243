// One entry of the transparency log: a stored submission as anyone can check it. Its leaf
// data is the entry's JSON exactly as written (one line); the Merkle tree hashes those bytes.
//   {"kind":"protocol","verdict":"accepted","received_at":"2023-03-19T21:04:11Z",
//    "commission":"astana-0001","key":"<base64>","key_seq":3,"signature":"<base64>","body":"<the signed bytes>"}
// A signed entry carries the envelope (crypto/envelope.h), so its signature can be checked
// from the entry alone; an entry the operator entered from a file (`saylau ingest`) has no
// commission, key or signature and carries the stored canonical body. Kinds: protocol,
// turnout, stage (a certification), recount, observation (an observer's copy), witness (an
// observer's countersignature of a tree head). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/crypto/envelope.h"

namespace saylau::ledger {

struct LogEntry {
  std::string kind;
  bool accepted = true;  // "verdict": accepted or rejected (a rejected protocol is logged too)
  std::string received_at;
  std::string commission;  // empty when unsigned
  std::string key;
  std::int64_t key_seq = 0;
  std::string signature;
  std::string body;
  bool signed_entry() const { return !key.empty(); }
  crypto::Envelope envelope() const { return {commission, key, key_seq, body, signature}; }
  bool operator==(const LogEntry&) const = default;
};

std::string EncodeLogEntry(const LogEntry& entry);  // one line, no trailing newline
// The same bytes into `out` (replacing what it held): a caller encoding many entries reuses one
// buffer instead of allocating one an entry.
void EncodeLogEntryInto(const LogEntry& entry, std::string& out);
// Errors: kInvalidArgument naming the field.
Result<LogEntry> DecodeLogEntry(std::string_view line);

}  // namespace saylau::ledger
