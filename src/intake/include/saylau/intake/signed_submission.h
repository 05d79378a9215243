// A signed submission as received (an envelope: holder, key, sequence number, body, signature)
// with what is known of it before admission, and the outcome of admitting it: the admitted
// value or the refusal.
#pragma once

#include <optional>
#include <variant>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/intake/refusal.h"

namespace saylau::intake {

// `signature_valid` is computed by the caller (crypto::VerifyEnvelope is pure and slow), so
// signatures are checked in parallel, off the thread that admits and judges in order.
struct SignedSubmission {
  crypto::Envelope envelope;
  bool signature_valid = false;
  // The body as a protocol or turnout report, when the caller parsed it already (the API does,
  // to route it): a body is parsed once. Empty: parsed when admitted.
  std::optional<formats::Submission> parsed;
};

// What admission gives: the admitted value, or why it was refused.
template <typename T>
using Admission = std::variant<T, Refused>;

template <typename T>
const Refused* RefusalOf(const Admission<T>& admission) {
  return std::get_if<Refused>(&admission);
}

// "api:<commission>#<seq>": where a signed submission came from, in acknowledgements and rows.
std::string OriginOf(const crypto::Envelope& envelope);

}  // namespace saylau::intake
