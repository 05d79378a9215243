// A signed tree head: the log's size, its root hash, the time (milliseconds since the Unix
// epoch) and the binding (binding.h: the hash of the election's definition and of the
// registered keys as of this head), signed with the CEC's log key (Ed25519). The signature
// covers the text
//   "saylau-tree-head-v2\n" size "\n" root "\n" timestamp "\n" definition "\n" keys "\n"
//   keys_count "\n" observers_count                      (hashes in lowercase hex)
// A head without a binding (written before version 2) is signed over
//   "saylau-tree-head-v1\n" size "\n" root "\n" timestamp
// and still verifies here; `saylau verify` refuses it (it binds no definition).
// Witnesses (accredited observers) countersign the same head. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/crypto/signing.h"
#include "saylau/ledger/binding.h"
#include "saylau/ledger/merkle.h"

namespace saylau::ledger {

struct TreeHead {
  std::uint64_t size = 0;
  Hash root{};
  std::int64_t timestamp = 0;  // ms since 1970-01-01T00:00:00Z
  std::string key;             // the log's public key, base64; empty when unsigned
  std::string signature;       // base64; empty when unsigned
  std::optional<HeadBinding> binding;  // nullopt only in heads of version 1
  bool operator==(const TreeHead&) const = default;
};

std::string TreeHeadSigningInput(const TreeHead& head);
TreeHead SignTreeHead(const crypto::KeyPair& log_key, std::uint64_t size, const Hash& root, std::int64_t timestamp,
                      const std::optional<HeadBinding>& binding = std::nullopt);
bool VerifyTreeHead(const TreeHead& head);  // signed, and the signature matches `key`

// {"size":..,"root":"hex","timestamp":..,"definition":"hex","keys":"hex","keys_count":..,
// "observers_count":..,"key":..,"signature":..} on one line (the four binding fields only
// when bound). Errors: kInvalidArgument naming the field; the binding is all four or none.
std::string EncodeTreeHead(const TreeHead& head);
Result<TreeHead> DecodeTreeHead(std::string_view text);

// A witness's countersignature body {"witness": <tree head>}: the head witnessed; nullopt when
// the body is not a witness's (no "witness" member). Errors: kInvalidArgument when "witness"
// is not a tree head.
Result<std::optional<TreeHead>> DecodeWitness(std::string_view body);

std::int64_t NowMillis();

}  // namespace saylau::ledger
