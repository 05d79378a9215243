// A signed tree head: the log's size, its root hash and the time (milliseconds since the Unix
// epoch), signed with the CEC's log key (Ed25519). The signature covers the text
//   "saylau-tree-head-v1\n" size "\n" root (hex) "\n" timestamp
// Witnesses (accredited observers) countersign the same head. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/crypto/signing.h"
#include "saylau/ledger/merkle.h"

namespace saylau::ledger {

struct TreeHead {
  std::uint64_t size = 0;
  Hash root{};
  std::int64_t timestamp = 0;  // ms since 1970-01-01T00:00:00Z
  std::string key;             // the log's public key, base64; empty when unsigned
  std::string signature;       // base64; empty when unsigned
  bool operator==(const TreeHead&) const = default;
};

std::string TreeHeadSigningInput(const TreeHead& head);
TreeHead SignTreeHead(const crypto::KeyPair& log_key, std::uint64_t size, const Hash& root, std::int64_t timestamp);
bool VerifyTreeHead(const TreeHead& head);  // signed, and the signature matches `key`

// {"size":..,"root":"hex","timestamp":..,"key":..,"signature":..} on one line.
// Errors: kInvalidArgument naming the field.
std::string EncodeTreeHead(const TreeHead& head);
Result<TreeHead> DecodeTreeHead(std::string_view text);

std::int64_t NowMillis();

}  // namespace saylau::ledger
