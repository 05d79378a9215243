// The one home of SHA-256 in saylau: the log's leaf and node hashes, the bindings, photos and
// published files all hash here. OpenSSL's libcrypto picks the CPU's SHA instructions (SHA-NI,
// else AVX2/SSSE3 code) at run time; on 600-byte log entries it is ~3.4x libsodium's portable
// C (bench/ingest_benchmark prints both). The low-level SHA256_* calls are used on purpose:
// they hash on the caller's stack, where EVP needs a context allocated from the heap and a
// provider lookup; OpenSSL 3 marks them deprecated but keeps them.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <algorithm>

#include "saylau/ledger/binding.h"
#include "saylau/ledger/merkle.h"

namespace saylau::ledger {
namespace {

SHA256_CTX& State(unsigned char* bytes) { return *reinterpret_cast<SHA256_CTX*>(bytes); }

}  // namespace

Hash Sha256(std::string_view bytes) {
  Hash out;
  SHA256_CTX state;
  SHA256_Init(&state);
  SHA256_Update(&state, bytes.data(), bytes.size());
  SHA256_Final(out.data(), &state);
  return out;
}

Hash LeafHash(std::string_view leaf) {
  Hash out;
  SHA256_CTX state;
  SHA256_Init(&state);
  const unsigned char prefix = 0x00;
  SHA256_Update(&state, &prefix, 1);
  SHA256_Update(&state, leaf.data(), leaf.size());
  SHA256_Final(out.data(), &state);
  return out;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  unsigned char input[65];
  input[0] = 0x01;
  std::copy(left.begin(), left.end(), input + 1);
  std::copy(right.begin(), right.end(), input + 33);
  Hash out;
  SHA256_CTX state;
  SHA256_Init(&state);
  SHA256_Update(&state, input, sizeof input);
  SHA256_Final(out.data(), &state);
  return out;
}

Sha256Stream::Sha256Stream() {
  static_assert(sizeof(SHA256_CTX) <= sizeof(state_) && alignof(SHA256_CTX) <= 16);
  SHA256_Init(&State(state_));
}

void Sha256Stream::Update(std::string_view bytes) { SHA256_Update(&State(state_), bytes.data(), bytes.size()); }

Hash Sha256Stream::Finish() {
  Hash out;
  SHA256_Final(out.data(), &State(state_));
  return out;
}

}  // namespace saylau::ledger
