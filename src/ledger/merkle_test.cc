// The Merkle tree against RFC 6962 known-answer vectors (tests/data/rfc6962), and every
// inclusion and consistency proof for every tree size up to a few hundred, checked with RFC
// 9162's verification algorithms against roots from a plain recursive reference.
#include "saylau/ledger/merkle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "saylau/ledger/log_entry.h"
#include "saylau/ledger/tree_head.h"

namespace saylau::ledger {
namespace {

std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return bytes;
}

nlohmann::json Vectors() {
  std::ifstream file(SAYLAU_SOURCE_DIR "/tests/data/rfc6962/tree-vectors.json");
  std::stringstream text;
  text << file.rdbuf();
  return nlohmann::json::parse(text.str());
}

// MTH straight from RFC 6962 §2.1, recursively over the leaf hashes.
Hash ReferenceRoot(const std::vector<Hash>& leaves, std::size_t begin, std::size_t end) {
  if (end == begin) return EmptyRoot();
  if (end - begin == 1) return leaves[begin];
  std::size_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return NodeHash(ReferenceRoot(leaves, begin, begin + k), ReferenceRoot(leaves, begin + k, end));
}

std::vector<Hash> Leaves(std::size_t n) {
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < n; ++i) leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  return leaves;
}

TEST(Merkle, KnownAnswerVectors) {
  const nlohmann::json vectors = Vectors();
  const auto& inputs = vectors["leaf_inputs_hex"];
  ASSERT_EQ(inputs.size(), 8u);
  MerkleTree tree;
  EXPECT_EQ(ToHex(tree.Root()), vectors["root_hashes_hex"][0].get<std::string>());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Hash leaf = LeafHash(FromHex(inputs[i].get<std::string>()));
    EXPECT_EQ(ToHex(leaf), vectors["leaf_hashes_hex"][i].get<std::string>()) << "leaf " << i;
    tree.Append(leaf);
    EXPECT_EQ(ToHex(tree.Root()), vectors["root_hashes_hex"][i + 1].get<std::string>()) << "size " << i + 1;
  }
  // Earlier sizes stay answerable after later appends.
  for (std::size_t n = 0; n <= inputs.size(); ++n) {
    EXPECT_EQ(ToHex(tree.Root(n)), vectors["root_hashes_hex"][n].get<std::string>()) << "size " << n;
  }
}

TEST(Merkle, EveryInclusionProofUpTo300Leaves) {
  constexpr std::size_t kMax = 300;
  const std::vector<Hash> leaves = Leaves(kMax);
  MerkleTree tree;
  for (const Hash& leaf : leaves) tree.Append(leaf);
  for (std::size_t size = 1; size <= kMax; ++size) {
    const Hash root = ReferenceRoot(leaves, 0, size);
    ASSERT_EQ(tree.Root(size), root) << "size " << size;
    for (std::size_t index = 0; index < size; ++index) {
      const std::vector<Hash> proof = tree.InclusionProof(index, size);
      ASSERT_TRUE(VerifyInclusion(index, size, leaves[index], proof, root)) << index << " in " << size;
      // The proof is bound to its leaf, position and size.
      if (size > 1) {
        ASSERT_FALSE(VerifyInclusion(index, size, leaves[(index + 1) % size], proof, root));
        ASSERT_FALSE(VerifyInclusion((index + 1) % size, size, leaves[index], proof, root)) << index << " in " << size;
        std::vector<Hash> bent = proof;
        bent[index % bent.size()][0] ^= 1;
        ASSERT_FALSE(VerifyInclusion(index, size, leaves[index], bent, root));
      }
    }
  }
}

// A batch's proofs, computed together, equal the proofs one by one: ranges from the start,
// the middle and the end of every size up to 130, and ranges at the edge of a larger tree.
TEST(Merkle, InclusionProofsOfARangeEqualThoseOneByOne) {
  const std::vector<Hash> leaves = Leaves(1100);
  MerkleTree tree;
  for (const Hash& leaf : leaves) tree.Append(leaf);
  const auto check = [&](std::uint64_t first, std::uint64_t count, std::uint64_t size) {
    const std::vector<std::vector<Hash>> proofs = tree.InclusionProofs(first, count, size);
    ASSERT_EQ(proofs.size(), count);
    for (std::uint64_t i = 0; i < count; ++i) {
      ASSERT_EQ(proofs[i], tree.InclusionProof(first + i, size)) << first + i << " in " << size;
    }
  };
  for (std::uint64_t size = 1; size <= 130; ++size) {
    for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{1}, size / 3, size / 2, size - 1}) {
      if (first >= size) continue;
      check(first, size - first, size);
      check(first, std::min<std::uint64_t>(3, size - first), size);
    }
    check(size, 0, size);
  }
  for (const std::uint64_t size : {1024, 1025, 1099, 1100}) check(size - 77, 77, size);
}

TEST(Merkle, EveryConsistencyProofUpTo200Leaves) {
  constexpr std::size_t kMax = 200;
  const std::vector<Hash> leaves = Leaves(kMax);
  MerkleTree tree;
  for (const Hash& leaf : leaves) tree.Append(leaf);
  std::vector<Hash> roots(kMax + 1);
  for (std::size_t n = 0; n <= kMax; ++n) roots[n] = ReferenceRoot(leaves, 0, n);
  for (std::size_t second = 1; second <= kMax; ++second) {
    for (std::size_t first = 1; first <= second; ++first) {
      const std::vector<Hash> proof = tree.ConsistencyProof(first, second);
      ASSERT_TRUE(VerifyConsistency(first, second, proof, roots[first], roots[second])) << first << " -> " << second;
      if (first < second) {
        // A different history (another first root) or a bent proof does not verify.
        ASSERT_FALSE(VerifyConsistency(first, second, proof, roots[first - 1], roots[second]));
        std::vector<Hash> bent = proof;
        bent.back()[5] ^= 1;
        ASSERT_FALSE(VerifyConsistency(first, second, bent, roots[first], roots[second])) << first << " -> " << second;
      }
    }
  }
}

TEST(Merkle, TruncateForgetsTheTail) {
  MerkleTree tree;
  const std::vector<Hash> leaves = Leaves(37);
  for (const Hash& leaf : leaves) tree.Append(leaf);
  const Hash at20 = tree.Root(20);
  tree.Truncate(20);
  EXPECT_EQ(tree.size(), 20u);
  EXPECT_EQ(tree.Root(), at20);
  for (std::size_t i = 20; i < 37; ++i) tree.Append(leaves[i]);
  EXPECT_EQ(tree.Root(), ReferenceRoot(leaves, 0, 37));
}

TEST(Merkle, ATreeWithDroppedLevelsGivesTheSameRootsAndProofs) {
  const std::vector<Hash> leaves = Leaves(300);
  MerkleTree full;
  for (const Hash& leaf : leaves) full.Append(leaf);
  for (const unsigned dropped : {1u, 3u, 5u, 12u}) {
    MerkleTree sparse(dropped);
    for (std::size_t n = 0; n <= leaves.size(); ++n) {
      if (n > 0) sparse.Append(leaves[n - 1]);
      ASSERT_EQ(sparse.size(), n);
      ASSERT_EQ(sparse.Root(), full.Root(n)) << "dropped " << dropped << ", size " << n;
    }
    for (std::uint64_t size = 1; size <= 300; size += 7) {
      for (std::uint64_t index = 0; index < size; index += 3) {
        ASSERT_EQ(sparse.InclusionProof(index, size), full.InclusionProof(index, size)) << index << "/" << size;
      }
      ASSERT_EQ(sparse.InclusionProofs(size / 2, size - size / 2, size),
                full.InclusionProofs(size / 2, size - size / 2, size));
    }
    for (std::uint64_t second = 1; second <= 140; ++second) {
      for (std::uint64_t first = 1; first <= second; ++first) {
        ASSERT_EQ(sparse.ConsistencyProof(first, second), full.ConsistencyProof(first, second))
            << first << " -> " << second;
      }
    }
    sparse.Truncate(77);
    ASSERT_EQ(sparse.Root(), full.Root(77));
    for (std::size_t i = 77; i < leaves.size(); ++i) sparse.Append(leaves[i]);
    EXPECT_EQ(sparse.Root(), full.Root());
    EXPECT_EQ(sparse.Leaf(123), full.Leaf(123));
  }
}

TEST(TreeHead, SignedHeadsVerifyAndRoundTrip) {
  const crypto::KeyPair key = crypto::GenerateKeyPair("kz");
  const TreeHead head = SignTreeHead(key, 7, LeafHash("x"), 1679256000000);
  EXPECT_TRUE(VerifyTreeHead(head));
  const Result<TreeHead> back = DecodeTreeHead(EncodeTreeHead(head));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, head);
  TreeHead other = head;
  other.size = 8;
  EXPECT_FALSE(VerifyTreeHead(other));
  other = head;
  other.root[0] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(other));
  EXPECT_FALSE(DecodeTreeHead(R"({"size":1,"root":"zz","timestamp":1})").has_value());
}

TEST(LogEntry, RoundTripsSignedAndUnsigned) {
  LogEntry signed_entry{"protocol", true, "2023-03-19T21:00:00Z", "astana-0001", "a2V5", 3, "c2ln", "{\"x\":1}\n"};
  const std::string line = EncodeLogEntry(signed_entry);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(*DecodeLogEntry(line), signed_entry);
  // Escapes, non-ASCII text and a control character (\u0001, which takes the full parser).
  for (const std::string& body : {std::string("{\"name\":\"Ақ жол \\\"x\\\" \\\\ /\"}\r\n\t"), std::string("a\x01b")}) {
    LogEntry entry{"observation", false, "2023", "obs", "a2V5", 12, "c2ln", body};
    const Result<LogEntry> back = DecodeLogEntry(EncodeLogEntry(entry));
    ASSERT_TRUE(back.has_value()) << EncodeLogEntry(entry);
    EXPECT_EQ(*back, entry);
  }
  LogEntry unsigned_entry{"recount", true, "t", "", "", 0, "", "{}"};
  EXPECT_EQ(*DecodeLogEntry(EncodeLogEntry(unsigned_entry)), unsigned_entry);
  const Result<LogEntry> bad = DecodeLogEntry(R"({"kind":"protocol","verdict":"maybe","received_at":"t","body":""})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("verdict"), std::string::npos);
  // The signer's fields come with a key or not at all (fuzz/signed_bodies found an entry naming
  // a commission without a key, which did not survive encoding again).
  for (const char* signer : {R"("commission":"c")", R"("signature":"c2ln")", R"("key_seq":1)"}) {
    const std::string line =
        std::string(R"({"kind":"witness","verdict":"accepted","received_at":"t",)") + signer + R"(,"body":"{}"})";
    const Result<LogEntry> unsigned_signer = DecodeLogEntry(line);
    ASSERT_FALSE(unsigned_signer.has_value()) << line;
    EXPECT_NE(unsigned_signer.error().message.find("no signer"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace saylau::ledger
