// Why a signed submission was refused before it was judged. A refused submission is not
// stored and changes nothing (unlike a rejected protocol, which is stored with its reasons).
// The API answers each reason with its own HTTP status (docs/api.md).
#pragma once

#include <string>
#include <string_view>

namespace saylau::intake {

enum class Refusal {
  kMalformed,       // the body is not a protocol, turnout report or certification as JSON
  kBadSignature,    // the signature does not verify against the key named in the envelope
  kUnknownKey,      // the key is not registered, or not to the commission named
  kUnknownContest,  // the body names a contest that is not in the election
  kUnknownUnit,     // the body names a unit that is not in the election
  kNotAuthorised,   // the commission is neither the unit's nor above it (or not the CEC, to certify)
  kReplay,          // the key's sequence number was used already
  kOutOfOrder,      // the key's sequence number is below one used already
  kNotAllowed,      // a certification the state does not allow yet (stations missing, ...)
  kUnknownHead,     // a witness countersigned a tree head this log never issued
};
std::string_view RefusalName(Refusal refusal);  // "malformed", "bad-signature", "unknown-key", ...

struct Refused {
  Refusal reason = Refusal::kMalformed;
  std::string message;
};

}  // namespace saylau::intake
