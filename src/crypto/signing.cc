// Ed25519 through libsodium's crypto_sign_detached; base64 through sodium_bin2base64.
#include "saylau/crypto/signing.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

namespace saylau::crypto {
namespace {

// sodium_init is idempotent and thread-safe; it must run before any other call.
void EnsureInitialized() {
  static const int initialized = sodium_init();
  (void)initialized;
}

const unsigned char* Bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

}  // namespace

KeyPair GenerateKeyPair(std::string commission) {
  EnsureInitialized();
  KeyPair key{std::move(commission), std::string(kPublicKeyBytes, '\0'), std::string(kSecretKeyBytes, '\0')};
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(key.public_key.data()),
                      reinterpret_cast<unsigned char*>(key.secret_key.data()));
  return key;
}

KeyPair KeyPairFromSeed(std::string commission, std::string_view seed) {
  EnsureInitialized();
  KeyPair key{std::move(commission), "", ""};
  if (seed.size() != crypto_sign_SEEDBYTES) return key;
  key.public_key.assign(kPublicKeyBytes, '\0');
  key.secret_key.assign(kSecretKeyBytes, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(key.public_key.data()),
                           reinterpret_cast<unsigned char*>(key.secret_key.data()), Bytes(seed));
  return key;
}

std::string Sign(std::string_view secret_key, std::string_view message) {
  EnsureInitialized();
  std::string signature(kSignatureBytes, '\0');
  if (secret_key.size() != kSecretKeyBytes) return {};
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr, Bytes(message), message.size(),
                       Bytes(secret_key));
  return signature;
}

bool Verify(std::string_view public_key, std::string_view message, std::string_view signature) {
  EnsureInitialized();
  if (public_key.size() != kPublicKeyBytes || signature.size() != kSignatureBytes) return false;
  return crypto_sign_verify_detached(Bytes(signature), Bytes(message), message.size(), Bytes(public_key)) == 0;
}

std::string ToBase64(std::string_view bytes) {
  EnsureInitialized();
  std::string text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), Bytes(bytes), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::optional<std::string> FromBase64(std::string_view text) {
  EnsureInitialized();
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string EncodeKeyFile(const KeyPair& key, bool with_secret) {
  nlohmann::ordered_json json;
  json["commission"] = key.commission;
  json["algorithm"] = "ed25519";
  json["public_key"] = ToBase64(key.public_key);
  if (with_secret) json["secret_key"] = ToBase64(key.secret_key);
  return json.dump(2) + "\n";
}

Result<KeyPair> DecodeKeyFile(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return InvalidArgument("not a key file (a JSON object with commission and public_key)");
  const auto field = [&](const char* name) -> std::optional<std::string> {
    const auto at = json.find(name);
    if (at == json.end() || !at->is_string()) return std::nullopt;
    return at->get<std::string>();
  };
  KeyPair key;
  const std::optional<std::string> commission = field("commission"), public_key = field("public_key");
  if (!commission || commission->empty()) return InvalidArgument("field 'commission': missing or not a string");
  if (!public_key) return InvalidArgument("field 'public_key': missing or not a string");
  if (const std::optional<std::string> algorithm = field("algorithm"); algorithm && *algorithm != "ed25519") {
    return InvalidArgument("field 'algorithm': '" + *algorithm + "' is not supported (ed25519)");
  }
  key.commission = *commission;
  const std::optional<std::string> raw_public = FromBase64(*public_key);
  if (!raw_public || raw_public->size() != kPublicKeyBytes) {
    return InvalidArgument("field 'public_key': not a base64 Ed25519 public key (32 bytes)");
  }
  key.public_key = *raw_public;
  if (const std::optional<std::string> secret = field("secret_key")) {
    const std::optional<std::string> raw_secret = FromBase64(*secret);
    if (!raw_secret || raw_secret->size() != kSecretKeyBytes) {
      return InvalidArgument("field 'secret_key': not a base64 Ed25519 secret key (64 bytes)");
    }
    // libsodium's secret key holds the public key in its second half.
    if (raw_secret->compare(32, 32, key.public_key) != 0) {
      return InvalidArgument("field 'secret_key': does not belong to the public_key in the same file");
    }
    key.secret_key = *raw_secret;
  }
  return key;
}

}  // namespace saylau::crypto
