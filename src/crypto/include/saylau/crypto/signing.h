// Ed25519 key pairs and signatures (libsodium), base64 text for keys and signatures, and the
// key file a commission keeps. Every commission (station, district, region, CEC) has its own
// key pair; the public keys are registered in the election. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "saylau/base/result.h"

namespace saylau::crypto {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 64;
inline constexpr std::size_t kSignatureBytes = 64;

// Raw bytes; `secret_key` is empty for a public key alone.
struct KeyPair {
  std::string commission;  // the unit id of the commission that owns the key
  std::string public_key;
  std::string secret_key;
};

KeyPair GenerateKeyPair(std::string commission);
// The key pair of a 32-byte seed (RFC 8032's private key); empty keys when the seed is not 32 bytes.
KeyPair KeyPairFromSeed(std::string commission, std::string_view seed);
std::string Sign(std::string_view secret_key, std::string_view message);  // 64 bytes
bool Verify(std::string_view public_key, std::string_view message, std::string_view signature);

std::string ToBase64(std::string_view bytes);                  // standard alphabet, padded
std::optional<std::string> FromBase64(std::string_view text);  // nullopt when not base64

// A key file: {"commission": ID, "public_key": base64[, "secret_key": base64]}. Errors:
// kInvalidArgument naming the field when the text is not a key file or the keys do not match.
std::string EncodeKeyFile(const KeyPair& key, bool with_secret);
Result<KeyPair> DecodeKeyFile(std::string_view text);

}  // namespace saylau::crypto
