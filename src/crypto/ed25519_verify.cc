// The pinned Ed25519 rule of ed25519_verify.h on ed25519-donna's field and group arithmetic
// (third_party/ed25519-donna, included here only): the encoding checks, the cofactored
// equation for one signature, and the batch equation of up to 64 signatures with random
// 128-bit weights, evaluated by donna's Bos-Coster multi-scalar multiplication.
#include "saylau/crypto/ed25519_verify.h"

// The low-level SHA512_* hash on the stack (as sha256.cc); OpenSSL 3 marks them deprecated.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <sodium.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

// donna's headers: static functions only, but for the batch function of
// ed25519-donna-batchverify.h, which is given a name of its own here and never called (it
// checks the cofactorless equation).
#define ED25519_FN(fn) saylau_donna_unused_##fn
#include "ed25519-donna.h"

namespace {

void ed25519_hram(unsigned char* hram, const unsigned char* rs, const unsigned char* pk, const unsigned char* m,
                  std::size_t mlen) {
  SHA512_CTX context;
  SHA512_Init(&context);
  SHA512_Update(&context, rs, 32);
  SHA512_Update(&context, pk, 32);
  SHA512_Update(&context, m, mlen);
  SHA512_Final(hram, &context);
}

}  // namespace

// Needed by the unused donna batch function only.
static void ED25519_FN(ed25519_randombytes_unsafe)(void* out, std::size_t count) { randombytes_buf(out, count); }
static int ED25519_FN(ed25519_sign_open)(const unsigned char*, std::size_t, const unsigned char*,
                                         const unsigned char*) {
  return -1;
}

#include "ed25519-donna-batchverify.h"

namespace saylau::crypto {
namespace {

// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
constexpr unsigned char kOrder[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                      0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                      0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

bool ScalarReduced(const unsigned char* s) {
  for (int i = 31; i >= 0; --i) {
    if (s[i] != kOrder[i]) return s[i] < kOrder[i];
  }
  return false;  // s == L
}

// y < p = 2^255 - 19 (the sign bit of x aside).
bool CanonicalY(const unsigned char* point) {
  if ((point[31] & 0x7f) != 0x7f) return true;
  for (int i = 30; i > 0; --i) {
    if (point[i] != 0xff) return true;
  }
  return point[0] < 0xed;
}

bool IsNeutral(const ge25519& p) {
  static const unsigned char zero[32] = {0};
  unsigned char x[32], y[32], z[32];
  curve25519_contract(x, p.x);
  curve25519_contract(y, p.y);
  curve25519_contract(z, p.z);
  return std::memcmp(x, zero, 32) == 0 && std::memcmp(y, z, 32) == 0;
}

bool TimesEightIsNeutral(const ge25519& p) {
  ge25519 ALIGN(16) eight;
  ge25519_double(&eight, &p);
  ge25519_double(&eight, &eight);
  ge25519_double(&eight, &eight);
  return IsNeutral(eight);
}

// Decodes a point as donna does, negated (-P), after the encoding checks.
SignatureCheck DecodeNegated(const unsigned char* bytes, ge25519* negated, bool key) {
  if (!CanonicalY(bytes)) return key ? SignatureCheck::kKeyNotCanonical : SignatureCheck::kRNotCanonical;
  if (!ge25519_unpack_negative_vartime(negated, bytes)) {
    return key ? SignatureCheck::kKeyNotAPoint : SignatureCheck::kRNotAPoint;
  }
  if (TimesEightIsNeutral(*negated)) return key ? SignatureCheck::kKeySmallOrder : SignatureCheck::kRSmallOrder;
  return SignatureCheck::kValid;
}

// One signature with its points decoded and scalars expanded: what the single equation and
// the batch equation both start from.
struct Prepared {
  ge25519 ALIGN(16) neg_a, neg_r;
  bignum256modm s, k;
};

const unsigned char* Bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

// The keys that passed the encoding rules, decoded, on this thread: keys are few and sign many
// entries, and a key's decoding (a square root and [8]A) is a tenth of a verification. Bounded
// (emptied when full): 65,536 keys, ~15 MB a thread.
class KeyCache {
 public:
  const ge25519* Find(std::string_view key) const {
    const auto found = keys_.find(key);
    return found == keys_.end() ? nullptr : &found->second.neg_a;
  }
  void Add(std::string_view key, const ge25519& neg_a) {
    if (keys_.size() >= kCapacity) keys_.clear();
    keys_.emplace(std::string(key), Decoded{neg_a});
  }

 private:
  static constexpr std::size_t kCapacity = 65536;
  struct Decoded {
    ge25519 ALIGN(16) neg_a;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  std::unordered_map<std::string, Decoded, Hash, std::equal_to<>> keys_;
};

SignatureCheck DecodeKey(std::string_view key, ge25519* neg_a) {
  thread_local KeyCache cache;
  if (const ge25519* known = cache.Find(key)) {
    *neg_a = *known;
    return SignatureCheck::kValid;
  }
  const SignatureCheck check = DecodeNegated(Bytes(key), neg_a, true);
  if (check == SignatureCheck::kValid) cache.Add(key, *neg_a);
  return check;
}

SignatureCheck Prepare(const SignatureToCheck& item, Prepared& out) {
  if (item.public_key.size() != 32 || item.signature.size() != 64) return SignatureCheck::kBadLength;
  const unsigned char* key = Bytes(item.public_key);
  const unsigned char* signature = Bytes(item.signature);
  if (!ScalarReduced(signature + 32)) return SignatureCheck::kScalarNotReduced;
  if (SignatureCheck check = DecodeKey(item.public_key, &out.neg_a); check != SignatureCheck::kValid) return check;
  if (SignatureCheck check = DecodeNegated(signature, &out.neg_r, false); check != SignatureCheck::kValid) {
    return check;
  }
  unsigned char hash[64];
  ed25519_hram(hash, signature, key, Bytes(item.message), item.message.size());
  expand256_modm(out.k, hash, 64);
  expand256_modm(out.s, signature + 32, 32);
  return SignatureCheck::kValid;
}

// [8]([s]B - [k]A - R) = 0.
bool EquationHolds(const Prepared& p) {
  ge25519 ALIGN(16) sum;
  ge25519_double_scalarmult_vartime(&sum, &p.neg_a, p.k, p.s);  // [k](-A) + [s]B, without t
  // The extended coordinates for the addition: (XZ : YZ : Z^2 : XY), the same point.
  ge25519 ALIGN(16) full;
  curve25519_mul(full.x, sum.x, sum.z);
  curve25519_mul(full.y, sum.y, sum.z);
  curve25519_square(full.z, sum.z);
  curve25519_mul(full.t, sum.x, sum.y);
  ge25519_add(&sum, &full, &p.neg_r);
  return TimesEightIsNeutral(sum);
}

constexpr std::size_t kMaxBatch = max_batch_size;  // 64, donna's heap

// [8] sum_i z_i ([s_i]B - [k_i]A_i - R_i) = 0 for random 128-bit z_i; count >= 2.
bool BatchEquationHolds(const Prepared* items, std::size_t count, batch_heap& heap) {
  randombytes_buf(heap.r, count * 16);
  bignum256modm* weights = &heap.scalars[count + 1];
  for (std::size_t i = 0; i < count; ++i) expand256_modm(weights[i], heap.r[i], 16);
  // scalars[0] = sum z_i s_i for B; scalars[1..count] = z_i k_i for -A_i; weights z_i for -R_i.
  std::memset(heap.scalars[0], 0, sizeof(bignum256modm));
  for (std::size_t i = 0; i < count; ++i) {
    bignum256modm term;
    mul256_modm(term, items[i].s, weights[i]);
    add256_modm(heap.scalars[0], heap.scalars[0], term);
    mul256_modm(heap.scalars[i + 1], items[i].k, weights[i]);
  }
  heap.points[0] = ge25519_basepoint;
  for (std::size_t i = 0; i < count; ++i) {
    heap.points[i + 1] = items[i].neg_a;
    heap.points[count + i + 1] = items[i].neg_r;
  }
  ge25519 ALIGN(16) sum;
  ge25519_multi_scalarmult_vartime(&sum, &heap, count * 2 + 1);
  return TimesEightIsNeutral(sum);
}

void EnsureSodium() {
  static const int initialized = sodium_init();
  (void)initialized;
}

}  // namespace

std::string_view SignatureCheckName(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::kValid: return "valid";
    case SignatureCheck::kBadLength: return "a key of 32 bytes and a signature of 64 expected";
    case SignatureCheck::kScalarNotReduced: return "the signature's s is not reduced (s >= L)";
    case SignatureCheck::kKeyNotCanonical: return "the public key is not a canonical encoding";
    case SignatureCheck::kKeyNotAPoint: return "the public key is not a point of the curve";
    case SignatureCheck::kKeySmallOrder: return "the public key is of small order";
    case SignatureCheck::kRNotCanonical: return "the signature's R is not a canonical encoding";
    case SignatureCheck::kRNotAPoint: return "the signature's R is not a point of the curve";
    case SignatureCheck::kRSmallOrder: return "the signature's R is of small order";
    case SignatureCheck::kEquationFails: return "the signature does not match the key and message";
  }
  return "?";
}

SignatureCheck CheckSignature(std::string_view public_key, std::string_view message, std::string_view signature) {
  Prepared prepared;
  if (SignatureCheck check = Prepare({public_key, message, signature}, prepared); check != SignatureCheck::kValid) {
    return check;
  }
  return EquationHolds(prepared) ? SignatureCheck::kValid : SignatureCheck::kEquationFails;
}

std::vector<bool> CheckSignatures(std::span<const SignatureToCheck> items, BatchCounts* counts) {
  EnsureSodium();
  std::vector<bool> valid(items.size(), false);
  auto prepared = std::make_unique<Prepared[]>(kMaxBatch);
  auto heap = std::make_unique<batch_heap>();
  std::size_t index[kMaxBatch];
  for (std::size_t start = 0; start < items.size(); start += kMaxBatch) {
    const std::size_t end = std::min(items.size(), start + kMaxBatch);
    std::size_t count = 0;
    for (std::size_t i = start; i < end; ++i) {
      if (Prepare(items[i], prepared[count]) == SignatureCheck::kValid) index[count++] = i;
    }
    // Fewer than 4 cost about as much one by one (donna batches from 4 on, too).
    if (count >= 4) {
      if (counts) ++counts->batches;
      if (BatchEquationHolds(prepared.get(), count, *heap)) {
        for (std::size_t j = 0; j < count; ++j) valid[index[j]] = true;
        continue;
      }
      if (counts) ++counts->batches_failed;
    }
    for (std::size_t j = 0; j < count; ++j) valid[index[j]] = EquationHolds(prepared[j]);
  }
  return valid;
}

}  // namespace saylau::crypto
