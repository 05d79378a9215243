// The pinned Ed25519 rule (ed25519_verify.h): RFC 8032's vectors, the 12 edge cases of "Taming
// the many EdDSAs" (Chalkias, Garillot, Nikolaenko 2020; github.com/novifinancial/ed25519-speccheck,
// cases.json) each with the rule it breaks, a torsion-carrying R made here with libsodium's group
// operations, and batches: the same verdict as one at a time for every input, and a forged
// signature among valid ones named exactly.
#include "saylau/crypto/ed25519_verify.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <random>
#include <string>

#include "saylau/crypto/signing.h"

namespace saylau::crypto {
namespace {

std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

struct Vector {
  std::string message, key, signature;
};

Vector FromHexVector(std::string_view message, std::string_view key, std::string_view signature) {
  return {FromHex(message), FromHex(key), FromHex(signature)};
}

bool Libsodium(const Vector& v) {
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(v.signature.data()),
                                     reinterpret_cast<const unsigned char*>(v.message.data()), v.message.size(),
                                     reinterpret_cast<const unsigned char*>(v.key.data())) == 0;
}

SignatureCheck Single(const Vector& v) { return CheckSignature(v.key, v.message, v.signature); }

// The verdicts of `vectors` checked together in one call.
std::vector<bool> Together(const std::vector<Vector>& vectors, BatchCounts* counts = nullptr) {
  std::vector<SignatureToCheck> items;
  for (const Vector& v : vectors) items.push_back({v.key, v.message, v.signature});
  return CheckSignatures(items, counts);
}

Vector Signed(const KeyPair& key, std::string message) {
  std::string signature = Sign(key.secret_key, message);
  return {std::move(message), key.public_key, std::move(signature)};
}

std::vector<Vector> ValidSignatures(std::size_t count, std::mt19937& random) {
  std::vector<KeyPair> keys;
  for (int k = 0; k < 5; ++k) keys.push_back(GenerateKeyPair("k"));
  std::vector<Vector> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(Signed(keys[random() % keys.size()], "protocol " + std::to_string(random())));
  }
  return out;
}

TEST(Ed25519Pinned, AcceptsRfc8032Vectors) {
  const std::vector<Vector> rfc = {
      FromHexVector("", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25b"
                    "f5f0595bbe24655141438e7a100b"),
      FromHexVector("72", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b"
                    "2eaeb4302aeeb00d291612bb0c00"),
      FromHexVector("af82", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c"
                    "15e9716ed28dc027beceea1ec40a"),
  };
  for (const Vector& v : rfc) {
    EXPECT_EQ(Single(v), SignatureCheck::kValid);
    Vector changed = v;
    changed.message += "x";
    EXPECT_EQ(Single(changed), SignatureCheck::kEquationFails);
  }
  EXPECT_EQ(Together(rfc), std::vector<bool>({true, true, true}));
}

// cases.json of ed25519-speccheck (commit 65519336), in its order 0-11.
std::vector<Vector> SpeccheckCases() {
  return {
      FromHexVector("8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6",
                    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000"
                    "000000000000000000000000000000"),
      FromHexVector("9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
                    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                    "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b0398"
                    "4d8068dcf1bb7dfc6637b45450ac04"),
      FromHexVector("aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab",
                    "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
                    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac875"
                    "1a7dfe1baff8b953ec9f5833ca260e"),
      FromHexVector("9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
                    "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                    "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802d"
                    "b02eb2e688b6c52fcd6648a98bd009"),
      FromHexVector("e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
                    "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                    "160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a"
                    "58921d6925e434ab10aa7940551a09"),
      FromHexVector("e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
                    "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                    "21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1"
                    "ceeeddb658d0030494ace586687405"),
      FromHexVector("85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
                    "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
                    "e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3"
                    "b3052f7ff0538cb68afb369ba3a514"),
      FromHexVector("85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
                    "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
                    "8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3"
                    "f54b8bd0d272f42b695dd7e89a8c22"),
      FromHexVector("9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41",
                    "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
                    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff03be9678ac102edcd92b0210bb34d7428d"
                    "12ffc5df5f37e359941266a4e35f0f"),
      FromHexVector("9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41",
                    "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
                    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffca8c5b64cd208982aa38d4936621a4775a"
                    "a233aa0505711d8fdcfdaa943d4908"),
      FromHexVector("e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b",
                    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                    "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b0398"
                    "4d8068dcf1bb7dfc6637b45450ac04"),
      FromHexVector("39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f",
                    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                    "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b0398"
                    "4d8068dcf1bb7dfc6637b45450ac04"),
  };
}

TEST(Ed25519Pinned, GivesEachSpeccheckCaseTheRuleItBreaks) {
  using enum SignatureCheck;
  // 0, 1: small-order A; 2: small-order R; 3: mixed-order A and R, both equations hold; 4, 5:
  // mixed-order A and R, only the cofactored equation holds (5 unless 8k is reduced first);
  // 6, 7: s >= L; 8, 9: R = (0, -1) with the sign bit set (small order); 10, 11: A likewise.
  const std::vector<SignatureCheck> pinned = {kKeySmallOrder, kKeySmallOrder,     kRSmallOrder,      kValid,
                                              kValid,         kValid,             kScalarNotReduced, kScalarNotReduced,
                                              kRSmallOrder,   kRSmallOrder,       kKeySmallOrder,    kKeySmallOrder};
  const std::vector<Vector> cases = SpeccheckCases();
  ASSERT_EQ(cases.size(), pinned.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(Single(cases[i]), pinned[i]) << "case " << i << ": " << SignatureCheckName(Single(cases[i]));
    // libsodium (the server's check) accepts case 3 only: what it accepts, the rule accepts.
    EXPECT_EQ(Libsodium(cases[i]), i == 3) << "case " << i;
  }
}

TEST(Ed25519Pinned, EverySpeccheckCaseGetsTheSameVerdictInABatch) {
  std::mt19937 random(22);
  const std::vector<Vector> cases = SpeccheckCases();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    for (const std::size_t size : {1u, 4u, 9u, 64u, 65u}) {
      std::vector<Vector> batch = ValidSignatures(size - 1, random);
      const std::size_t at = random() % size;
      batch.insert(batch.begin() + static_cast<std::ptrdiff_t>(at), cases[i]);
      const std::vector<bool> verdicts = Together(batch);
      for (std::size_t j = 0; j < size; ++j) {
        EXPECT_EQ(verdicts[j], j == at ? Single(cases[i]) == SignatureCheck::kValid : true)
            << "case " << i << " at " << at << " of " << size << ", entry " << j;
      }
    }
  }
}

// R = rB + T with T of order 8: [s]B - [k]A = rB, so the cofactorless equation (libsodium)
// fails and the cofactored one holds; a batch, whatever its random weights, says the same.
Vector TorsionSignature(const KeyPair& key, const std::string& message, std::string_view torsion_hex) {
  unsigned char a[32], r[32], rb[32], big_r[32], k[32], ka[32], s[32], hash[64];
  // libsodium's secret key: the seed, then A; the scalar a is the clamped SHA-512 of the seed.
  crypto_hash_sha512(hash, reinterpret_cast<const unsigned char*>(key.secret_key.data()), 32);
  hash[0] &= 248;
  hash[31] &= 127;
  hash[31] |= 64;
  std::fill(hash + 32, hash + 64, 0);          // the second half is the nonce prefix, not a
  crypto_core_ed25519_scalar_reduce(a, hash);  // reduce wants 64 bytes
  crypto_core_ed25519_scalar_random(r);
  EXPECT_EQ(crypto_scalarmult_ed25519_base_noclamp(rb, r), 0);
  const std::string torsion = FromHex(torsion_hex);
  EXPECT_EQ(crypto_core_ed25519_add(big_r, rb, reinterpret_cast<const unsigned char*>(torsion.data())), 0);
  crypto_hash_sha512_state state;
  crypto_hash_sha512_init(&state);
  crypto_hash_sha512_update(&state, big_r, 32);
  crypto_hash_sha512_update(&state, reinterpret_cast<const unsigned char*>(key.public_key.data()), 32);
  crypto_hash_sha512_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_hash_sha512_final(&state, hash);
  crypto_core_ed25519_scalar_reduce(k, hash);
  crypto_core_ed25519_scalar_mul(ka, k, a);
  crypto_core_ed25519_scalar_add(s, r, ka);
  std::string signature(reinterpret_cast<const char*>(big_r), 32);
  signature.append(reinterpret_cast<const char*>(s), 32);
  return {message, key.public_key, signature};
}

TEST(Ed25519Pinned, ATorsionComponentInRPassesTheCofactoredEquationAloneAndInBatches) {
  ASSERT_GE(sodium_init(), 0);
  std::mt19937 random(8);
  const KeyPair key = GenerateKeyPair("k");
  // The points of order 8 and of order 2 (y = -1), canonically encoded.
  for (const std::string_view torsion : {"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                                         "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"}) {
    const Vector odd = TorsionSignature(key, "turnout 10:00", torsion);
    EXPECT_FALSE(Libsodium(odd));
    EXPECT_EQ(Single(odd), SignatureCheck::kValid);
    Vector tampered = odd;
    tampered.message += " ";
    EXPECT_EQ(Single(tampered), SignatureCheck::kEquationFails);
    // Two of them in one batch (their torsion could cancel in a cofactorless combination), and a tampered one.
    for (int round = 0; round < 20; ++round) {
      std::vector<Vector> batch = ValidSignatures(30, random);
      batch.insert(batch.begin() + random() % 30, odd);
      batch.insert(batch.begin() + random() % 31, TorsionSignature(key, "again", torsion));
      const std::size_t at = random() % 32;
      batch.insert(batch.begin() + static_cast<std::ptrdiff_t>(at), tampered);
      const std::vector<bool> verdicts = Together(batch);
      for (std::size_t j = 0; j < batch.size(); ++j) EXPECT_EQ(verdicts[j], j != at) << "entry " << j;
    }
  }
}

TEST(Ed25519Pinned, ABatchNamesExactlyTheForgedSignature) {
  std::mt19937 random(2026);
  for (int round = 0; round < 30; ++round) {
    const std::size_t size = 1 + random() % 140;
    std::vector<Vector> batch = ValidSignatures(size, random);
    const std::size_t at = random() % size;
    // A forgery of one of three kinds: another message, a bit of R, a bit of s (kept below L).
    switch (round % 3) {
      case 0: batch[at].message += "0"; break;
      case 1: batch[at].signature[random() % 32] ^= static_cast<char>(1 << (random() % 8)); break;
      default: batch[at].signature[32 + random() % 31] ^= static_cast<char>(1 << (random() % 8)); break;
    }
    BatchCounts counts;
    const std::vector<bool> verdicts = Together(batch, &counts);
    ASSERT_EQ(verdicts.size(), size);
    for (std::size_t j = 0; j < size; ++j) {
      EXPECT_EQ(verdicts[j], j != at) << "round " << round << ", forged " << at << " of " << size << ", entry " << j;
      EXPECT_EQ(verdicts[j], Single(batch[j]) == SignatureCheck::kValid);
    }
    // One combined equation for each 64 with at least 4 that pass the encoding rules; only the
    // forged one's fails, unless the forgery broke an encoding rule (a bit of R can make it no point).
    std::size_t batches = 0, failed = 0;
    for (std::size_t start = 0; start < size; start += 64) {
      std::size_t passing = 0;
      bool forged_inside = false;
      for (std::size_t j = start; j < std::min(size, start + 64); ++j) {
        const SignatureCheck check = Single(batch[j]);
        if (check == SignatureCheck::kValid || check == SignatureCheck::kEquationFails) {
          ++passing;
          forged_inside |= j == at;
        }
      }
      if (passing >= 4) {
        ++batches;
        failed += forged_inside;
      }
    }
    EXPECT_EQ(counts.batches, batches) << "size " << size;
    EXPECT_EQ(counts.batches_failed, failed) << "size " << size;
  }
}

TEST(Ed25519Pinned, EmptyAndSingleBatches) {
  std::mt19937 random(1);
  BatchCounts counts;
  EXPECT_TRUE(Together({}, &counts).empty());
  EXPECT_EQ(counts.batches, 0u);
  std::vector<Vector> one = ValidSignatures(1, random);
  EXPECT_EQ(Together(one), std::vector<bool>{true});
  one[0].signature[5] ^= 1;
  EXPECT_EQ(Together(one), std::vector<bool>{false});
}

TEST(Ed25519Pinned, RefusesWrongLengthsWithoutReadingPastThem) {
  const KeyPair key = GenerateKeyPair("k");
  const std::string signature = Sign(key.secret_key, "m");
  EXPECT_EQ(CheckSignature(key.public_key, "m", signature), SignatureCheck::kValid);
  EXPECT_EQ(CheckSignature(key.public_key.substr(0, 31), "m", signature), SignatureCheck::kBadLength);
  EXPECT_EQ(CheckSignature(key.public_key, "m", signature.substr(0, 63)), SignatureCheck::kBadLength);
  EXPECT_EQ(CheckSignature(key.public_key, "m", signature + "x"), SignatureCheck::kBadLength);
  EXPECT_EQ(CheckSignature("", "m", ""), SignatureCheck::kBadLength);
  const std::vector<SignatureToCheck> items = {{key.public_key, "m", signature}, {"", "m", signature},
                                               {key.public_key, "m", ""}};
  EXPECT_EQ(CheckSignatures(items), std::vector<bool>({true, false, false}));
}

// s = L exactly and s = L - 1 + L's top byte: not reduced.
TEST(Ed25519Pinned, RefusesAnUnreducedScalarEvenWhenTheEquationWouldHold) {
  const KeyPair key = GenerateKeyPair("k");
  std::string signature = Sign(key.secret_key, "m");
  // s + L has the same value mod L: the equation holds, the rule refuses it.
  unsigned int carry = 0;
  const unsigned char order[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                   0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                   0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
  for (int i = 0; i < 32; ++i) {
    const unsigned int sum = static_cast<unsigned char>(signature[32 + i]) + order[i] + carry;
    signature[32 + i] = static_cast<char>(sum & 0xff);
    carry = sum >> 8;
  }
  ASSERT_EQ(carry, 0u);  // s < L, so s + L < 2^253
  EXPECT_EQ(CheckSignature(key.public_key, "m", signature), SignatureCheck::kScalarNotReduced);
  EXPECT_FALSE(Libsodium({"m", key.public_key, signature}));
}

}  // namespace
}  // namespace saylau::crypto
