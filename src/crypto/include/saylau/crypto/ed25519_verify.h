// Ed25519 verification by one pinned rule, one signature at a time or many at once (batch
// verification), so that both give the same verdict on every input. The rule (docs/security.md):
//   - the public key A and the signature's R are canonical encodings (y < p) of curve points
//     that are not of small order;
//   - the signature's scalar s is reduced (s < L);
//   - the cofactored equation holds: [8]([s]B - R - [k]A) = 0, k = SHA-512(R || A || M) mod L.
// Everything libsodium's crypto_sign_verify_detached accepts, this rule accepts; it also accepts
// a signature whose R or A carries a torsion component that only the cofactorless equation
// refuses (the "Taming the many EdDSAs" vectors 4 and 5): a random linear combination of
// cofactorless equations could not tell those apart, the cofactored one can. Signing stays
// with libsodium (signing.h). Arithmetic: ed25519-donna (third_party/ed25519-donna), SHA-512:
// OpenSSL. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace saylau::crypto {

// The first rule a signature breaks, in the order they are checked; kValid when none.
enum class SignatureCheck {
  kValid,
  kBadLength,          // the key is not 32 bytes or the signature not 64
  kScalarNotReduced,   // s >= L
  kKeyNotCanonical,    // A's y >= p
  kKeyNotAPoint,       // A's y has no x on the curve
  kKeySmallOrder,      // [8]A = 0
  kRNotCanonical,      // R's y >= p
  kRNotAPoint,         // R's y has no x on the curve
  kRSmallOrder,        // [8]R = 0
  kEquationFails,      // [8]([s]B - R - [k]A) != 0
};
std::string_view SignatureCheckName(SignatureCheck check);

SignatureCheck CheckSignature(std::string_view public_key, std::string_view message, std::string_view signature);

struct SignatureToCheck {
  std::string_view public_key, message, signature;
};

// How a call of CheckSignatures went: combined equations evaluated, and how many of them
// failed (each failure checked its signatures one by one to name the bad ones).
struct BatchCounts {
  std::size_t batches = 0;
  std::size_t batches_failed = 0;
};

// The verdict of each signature (CheckSignature(...) == kValid), found with one random linear
// combination of up to 64 signatures' equations at a time (the random scalars from libsodium's
// randombytes). A combination that fails is followed by single checks of its signatures; a
// signature that breaks one of the encoding rules is refused before any combination.
std::vector<bool> CheckSignatures(std::span<const SignatureToCheck> items, BatchCounts* counts = nullptr);

}  // namespace saylau::crypto
