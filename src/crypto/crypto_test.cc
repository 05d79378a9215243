// Ed25519 against RFC 8032's test vectors, base64, key files and signed envelopes.
#include <gtest/gtest.h>

#include "saylau/crypto/envelope.h"
#include "saylau/crypto/signing.h"

namespace saylau::crypto {
namespace {

std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

// RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
TEST(Ed25519, MatchesRfc8032Vectors) {
  const KeyPair one = KeyPairFromSeed("x", FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  EXPECT_EQ(one.public_key, FromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  const std::string signature = FromHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24"
      "655141438e7a100b");
  EXPECT_EQ(Sign(one.secret_key, ""), signature);
  EXPECT_TRUE(Verify(one.public_key, "", signature));
  EXPECT_FALSE(Verify(one.public_key, "x", signature));

  const KeyPair two = KeyPairFromSeed("x", FromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
  EXPECT_EQ(two.public_key, FromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
  EXPECT_EQ(
      Sign(two.secret_key, "\x72"),
      FromHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2e"
              "aeb4302aeeb00d291612bb0c00"));
  EXPECT_FALSE(Verify(two.public_key, "", signature));  // another key's signature
}

TEST(Base64, RoundTripsAndRefusesGarbage) {
  for (const std::string& bytes : {std::string(), std::string("a"), std::string("ab"), std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(FromBase64(ToBase64(bytes)), bytes);
  }
  EXPECT_EQ(ToBase64("saylau"), "c2F5bGF1");
  EXPECT_FALSE(FromBase64("c2F5bGF1!").has_value());
  EXPECT_FALSE(FromBase64("c2F5bGF").has_value());
}

TEST(KeyFile, RoundTripsWithAndWithoutTheSecret) {
  const KeyPair key = GenerateKeyPair("abai-0001");
  const Result<KeyPair> full = DecodeKeyFile(EncodeKeyFile(key, true));
  ASSERT_TRUE(full.has_value()) << full.error().message;
  EXPECT_EQ(full->commission, "abai-0001");
  EXPECT_EQ(full->public_key, key.public_key);
  EXPECT_EQ(full->secret_key, key.secret_key);
  const Result<KeyPair> public_only = DecodeKeyFile(EncodeKeyFile(key, false));
  ASSERT_TRUE(public_only.has_value());
  EXPECT_TRUE(public_only->secret_key.empty());
}

TEST(KeyFile, RefusesMismatchedOrBrokenKeys) {
  KeyPair key = GenerateKeyPair("abai-0001");
  const KeyPair other = GenerateKeyPair("abai-0001");
  key.secret_key = other.secret_key;
  const Result<KeyPair> mismatched = DecodeKeyFile(EncodeKeyFile(key, true));
  ASSERT_FALSE(mismatched.has_value());
  EXPECT_NE(mismatched.error().message.find("does not belong"), std::string::npos);
  EXPECT_FALSE(DecodeKeyFile("{\"commission\":\"a\",\"public_key\":\"AAAA\"}").has_value());
  EXPECT_FALSE(DecodeKeyFile("[]").has_value());
  EXPECT_FALSE(DecodeKeyFile("{\"public_key\":\"AAAA\"}").has_value());
}

TEST(Envelope, SignedEnvelopeVerifiesAndAnyChangeBreaksIt) {
  const KeyPair key = GenerateKeyPair("abai-0001");
  const Envelope envelope = SignEnvelope(key, 7, "{\"contest\":\"c\",\"unit\":\"abai-0001\",\"lines\":{}}");
  EXPECT_TRUE(VerifyEnvelope(envelope));
  const Result<Envelope> decoded = DecodeEnvelope(EncodeEnvelope(envelope));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_TRUE(VerifyEnvelope(*decoded));
  EXPECT_EQ(decoded->body, envelope.body);

  Envelope changed = envelope;
  changed.seq = 8;
  EXPECT_FALSE(VerifyEnvelope(changed)) << "the sequence number is signed";
  changed = envelope;
  changed.commission = "abai-0002";
  EXPECT_FALSE(VerifyEnvelope(changed)) << "the commission is signed";
  changed = envelope;
  changed.body[10] = 'x';
  EXPECT_FALSE(VerifyEnvelope(changed)) << "the body is signed";
  changed = envelope;
  changed.key = ToBase64(GenerateKeyPair("abai-0001").public_key);
  EXPECT_FALSE(VerifyEnvelope(changed)) << "another key";
  changed = envelope;
  changed.signature = "not base64!";
  EXPECT_FALSE(VerifyEnvelope(changed));
}

TEST(Envelope, DecodeNamesTheBadField) {
  EXPECT_EQ(DecodeEnvelope("{").error().message, "the request body is not JSON");
  EXPECT_EQ(DecodeEnvelope("[1]").error().message, "the request body must be a JSON object (a signed envelope)");
  EXPECT_EQ(DecodeEnvelope(R"({"commission":"a","key":"k","body":"b","signature":"s"})").error().message,
            "field 'seq': missing or not a whole number >= 1");
  EXPECT_EQ(DecodeEnvelope(R"({"commission":"a","key":"k","seq":0,"body":"b","signature":"s"})").error().message,
            "field 'seq': missing or not a whole number >= 1");
  EXPECT_EQ(DecodeEnvelope(R"({"commission":"a","seq":1,"body":"b","signature":"s"})").error().message,
            "field 'key': missing or not a string");
}

}  // namespace
}  // namespace saylau::crypto
