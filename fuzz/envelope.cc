// Fuzz target: the signed envelope (crypto::DecodeEnvelope, VerifyEnvelope) and the stored
// submission decoders (formats::DecodeProtocol, DecodeTurnout, DecodeRecount,
// DecodeViolations). Whatever decodes must encode and decode again to the same thing: an
// envelope keeps every field, a stored body gives the same canonical text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/submission_json.h"

namespace {

using namespace saylau;

void Require(bool condition) {
  if (!condition) std::abort();
}

void CheckEnvelope(std::string_view text) {
  Result<crypto::Envelope> envelope = crypto::DecodeEnvelope(text);
  if (!envelope) return;
  (void)crypto::VerifyEnvelope(*envelope);
  Result<crypto::Envelope> back = crypto::DecodeEnvelope(crypto::EncodeEnvelope(*envelope));
  Require(back && back->commission == envelope->commission && back->key == envelope->key &&
          back->seq == envelope->seq && back->body == envelope->body && back->signature == envelope->signature);
}

void CheckBodies(std::string_view text) {
  if (Result<core::ProtocolSubmission> protocol = formats::DecodeProtocol(text)) {
    const std::string stored = formats::EncodeProtocol(*protocol);
    Result<core::ProtocolSubmission> back = formats::DecodeProtocol(stored);
    Require(back && formats::EncodeProtocol(*back) == stored);
  }
  if (Result<core::TurnoutSubmission> report = formats::DecodeTurnout(text)) {
    const std::string stored = formats::EncodeTurnout(*report);
    Result<core::TurnoutSubmission> back = formats::DecodeTurnout(stored);
    Require(back && formats::EncodeTurnout(*back) == stored);
  }
  if (Result<core::RecountOrder> order = formats::DecodeRecount(text)) {
    const std::string stored = formats::EncodeRecount(*order);
    Result<core::RecountOrder> back = formats::DecodeRecount(stored);
    Require(back && formats::EncodeRecount(*back) == stored);
  }
  if (Result<std::vector<core::Violation>> violations = formats::DecodeViolations(text)) {
    const std::string stored = formats::EncodeViolations(*violations);
    Result<std::vector<core::Violation>> back = formats::DecodeViolations(stored);
    Require(back && formats::EncodeViolations(*back) == stored);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckEnvelope(text);
  CheckBodies(text);
  return 0;
}
