// A signed submission: the exact body bytes (a protocol, a turnout report or a certification
// as JSON), the commission that sends it, the public key it signs with, a per-key sequence
// number (1, 2, 3 ... each used once, in order), and the Ed25519 signature over the signing
// input, which binds all of them:
//   "saylau-submission-v1\n" commission "\n" key (base64) "\n" seq "\n" body
// Format: docs/api.md. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/crypto/signing.h"

namespace saylau::crypto {

struct Envelope {
  std::string commission;
  std::string key;  // public key, base64
  std::int64_t seq = 0;
  std::string body;       // exactly as signed
  std::string signature;  // base64
};

std::string SigningInput(const Envelope& envelope);
Envelope SignEnvelope(const KeyPair& key, std::int64_t seq, std::string body);
bool VerifyEnvelope(const Envelope& envelope);  // the signature matches the key named in it

// {"commission":..,"key":..,"seq":..,"body":"<the body as a JSON string>","signature":..}.
// Errors: kInvalidArgument naming the field.
std::string EncodeEnvelope(const Envelope& envelope);
Result<Envelope> DecodeEnvelope(std::string_view text);

}  // namespace saylau::crypto
