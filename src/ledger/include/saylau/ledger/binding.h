// What a signed tree head binds besides the log's entries: the election's definition (its
// stored files) and the registered keys (commissions' keys and accredited observers) as of
// that head. Both are SHA-256 over a canonical text (docs/verify.md), so the verifier
// recomputes them from the bundle's files and a changed seat count, threshold, unit or key
// fails against every signed head. Also a streaming SHA-256 for large files. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "saylau/ledger/merkle.h"

namespace saylau::ledger {

// The binding carried (and signed) in every tree head since version 2 of the head.
struct HeadBinding {
  Hash definition{};  // DefinitionHash of the definition files
  Hash keys{};        // KeysHash of the first keys_count keys and observers_count observers
  std::uint64_t keys_count = 0;
  std::uint64_t observers_count = 0;
  bool operator==(const HeadBinding&) const = default;
};

// A definition file as the bundle holds it: the file's name without directories, its role
// ("definition" or "stations") and its exact bytes.
struct BoundFile {
  std::string_view name;
  std::string_view role;
  std::string_view content;
};
struct BoundKey {
  std::string_view commission;
  std::string_view public_key;  // base64
  std::string_view added_at;
};
struct BoundObserver {
  std::string_view id;
  std::string_view organisation;
  std::string_view kind;
  std::string_view public_key;  // base64
  std::string_view added_at;
};

// SHA-256 of "saylau-definition-v1\n" and, for each file in order of name, its name, role
// and content as netstrings (length ":" bytes ","). The order the files are given in does
// not matter.
Hash DefinitionHash(std::span<const BoundFile> files);
// SHA-256 of "saylau-keys-v1\n" "keys " count "\n", each key's commission, public key and
// time of registration as netstrings and "\n"; then "observers " count "\n" and each
// observer's id, organisation, kind, public key and time likewise. Registration order.
Hash KeysHash(std::span<const BoundKey> keys, std::span<const BoundObserver> observers);

// The binding as one line of text for a store column: "definition keys keys_count
// observers_count" (hex, hex, decimal, decimal); nullopt when the text is not one.
std::string BindingText(const HeadBinding& binding);
std::optional<HeadBinding> BindingFromText(std::string_view text);

// SHA-256 of a stream of bytes given in parts.
class Sha256Stream {
 public:
  Sha256Stream();
  void Update(std::string_view bytes);
  Hash Finish();

 private:
  alignas(16) unsigned char state_[128];
};

}  // namespace saylau::ledger
