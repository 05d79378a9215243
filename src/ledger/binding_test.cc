// The tree head's binding to the definition and the registered keys: hashes, signing input,
// JSON and store text, and that no binding field can change without the signature failing.
#include "saylau/ledger/binding.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "saylau/ledger/tree_head.h"

namespace saylau::ledger {
namespace {

const std::vector<BoundFile> kFiles = {{"mazhilis.toml", "definition", "threshold = \"5%\"\nseats = 69\n"},
                                       {"stations.csv", "stations", "id,name\nabai-0001,Abai\n"}};

HeadBinding SampleBinding() {
  const std::vector<BoundKey> keys = {{"kz", "a2V5MQ==", "2023-03-19T08:00:00Z"}};
  const std::vector<BoundObserver> observers = {{"osce", "OSCE/ODIHR", "international", "b2JzMQ==", "t"}};
  return {DefinitionHash(kFiles), KeysHash(keys, observers), 1, 1};
}

TEST(BindingTest, DefinitionHashIgnoresOrderButNotContent) {
  const std::vector<BoundFile> reversed = {kFiles[1], kFiles[0]};
  EXPECT_EQ(DefinitionHash(kFiles), DefinitionHash(reversed));
  std::vector<BoundFile> changed = kFiles;
  changed[0].content = "threshold = \"9%\"\nseats = 69\n";
  EXPECT_NE(DefinitionHash(changed), DefinitionHash(kFiles));
  changed = kFiles;
  changed[1].role = "definition";
  EXPECT_NE(DefinitionHash(changed), DefinitionHash(kFiles));
  // Netstrings: moving a byte from one field to the next changes the hash.
  const std::vector<BoundFile> a = {{"ab", "c", ""}}, b = {{"a", "bc", ""}};
  EXPECT_NE(DefinitionHash(a), DefinitionHash(b));
  EXPECT_NE(DefinitionHash({}), DefinitionHash(kFiles));
}

TEST(BindingTest, KeysHashCoversEveryFieldAndTheOrder) {
  const std::vector<BoundKey> keys = {{"kz", "k1", "t1"}, {"abai", "k2", "t2"}};
  const Hash base = KeysHash(keys, {});
  EXPECT_NE(KeysHash(std::vector<BoundKey>{keys[1], keys[0]}, {}), base);
  EXPECT_NE(KeysHash(std::span(keys).first(1), {}), base);
  std::vector<BoundKey> other = keys;
  other[1].commission = "almaty";
  EXPECT_NE(KeysHash(other, {}), base);
  other = keys;
  other[0].public_key = "k3";
  EXPECT_NE(KeysHash(other, {}), base);
  const std::vector<BoundObserver> observer = {{"osce", "OSCE", "international", "k9", "t"}};
  EXPECT_NE(KeysHash(keys, observer), base);
  // A key is not an observer with the same text.
  EXPECT_NE(KeysHash({}, std::vector<BoundObserver>{{"kz", "k1", "t1", "", ""}}),
            KeysHash(std::vector<BoundKey>{{"kz", "k1", "t1"}}, {}));
}

TEST(BindingTest, StoreTextRoundTrips) {
  const HeadBinding binding = SampleBinding();
  EXPECT_EQ(BindingFromText(BindingText(binding)), binding);
  EXPECT_FALSE(BindingFromText("").has_value());
  EXPECT_FALSE(BindingFromText(ToHex(binding.definition) + " " + ToHex(binding.keys) + " 1").has_value());
  EXPECT_FALSE(BindingFromText(ToHex(binding.definition) + " zz 1 1").has_value());
  EXPECT_FALSE(BindingFromText(BindingText(binding) + "x").has_value());
}

TEST(BindingTest, Sha256StreamEqualsOneShot) {
  Sha256Stream stream;
  stream.Update("saylau ");
  stream.Update("");
  stream.Update("verify");
  EXPECT_EQ(stream.Finish(), Sha256("saylau verify"));
}

TEST(TreeHeadBindingTest, BoundHeadsSignEveryBindingField) {
  const crypto::KeyPair key = crypto::GenerateKeyPair("kz");
  const TreeHead head = SignTreeHead(key, 12, LeafHash("x"), 1679256000000, SampleBinding());
  ASSERT_TRUE(VerifyTreeHead(head));
  EXPECT_EQ(TreeHeadSigningInput(head).rfind("saylau-tree-head-v2\n12\n", 0), 0u);
  const Result<TreeHead> back = DecodeTreeHead(EncodeTreeHead(head));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(*back, head);
  TreeHead other = head;
  other.binding->definition[0] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(other));
  other = head;
  other.binding->keys[31] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(other));
  other = head;
  other.binding->keys_count = 2;
  EXPECT_FALSE(VerifyTreeHead(other));
  other = head;
  other.binding->observers_count = 0;
  EXPECT_FALSE(VerifyTreeHead(other));
  // No downgrade: the same head without its binding does not verify as a version-1 head.
  other = head;
  other.binding.reset();
  EXPECT_FALSE(VerifyTreeHead(other));
}

TEST(TreeHeadBindingTest, DecodeWantsAllBindingFieldsOrNone) {
  const crypto::KeyPair key = crypto::GenerateKeyPair("kz");
  nlohmann::json json =
      nlohmann::json::parse(EncodeTreeHead(SignTreeHead(key, 3, LeafHash("y"), 1, SampleBinding())));
  for (const char* field : {"definition", "keys", "keys_count", "observers_count"}) {
    nlohmann::json partial = json;
    partial.erase(field);
    const Result<TreeHead> decoded = DecodeTreeHead(partial.dump());
    ASSERT_FALSE(decoded.has_value()) << field;
    EXPECT_NE(decoded.error().message.find("all or none"), std::string::npos);
  }
  json["keys_count"] = -1;
  EXPECT_FALSE(DecodeTreeHead(json.dump()).has_value());
  json["keys_count"] = 1;
  json["definition"] = "12";
  EXPECT_FALSE(DecodeTreeHead(json.dump()).has_value());
  // A version-1 head still decodes and verifies, without a binding.
  const TreeHead v1 = SignTreeHead(key, 3, LeafHash("y"), 1);
  const Result<TreeHead> decoded = DecodeTreeHead(EncodeTreeHead(v1));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_FALSE(decoded->binding.has_value());
  EXPECT_TRUE(VerifyTreeHead(*decoded));
}

}  // namespace
}  // namespace saylau::ledger
