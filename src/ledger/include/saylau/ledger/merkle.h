// The Merkle tree of the transparency log, hashed as in Certificate Transparency (RFC 6962 §2.1,
// RFC 9162 §2.1): SHA-256, a leaf hashes as H(0x00 || data), a node as H(0x01 || left || right),
// the empty tree as H(""). MerkleTree keeps every complete subtree's hash, so roots and proofs
// for any earlier size cost O(log² n) hashes, not O(n); it holds 2 × 32 bytes per leaf. The
// Verify* functions are RFC 9162's verification algorithms, written apart from the tree so
// that a verifier trusts nothing the log computed. Not thread-safe; the free functions are.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace saylau::ledger {

using Hash = std::array<unsigned char, 32>;

Hash Sha256(std::string_view bytes);
Hash LeafHash(std::string_view leaf);
Hash NodeHash(const Hash& left, const Hash& right);
Hash EmptyRoot();

std::string ToHex(const Hash& hash);
std::optional<Hash> HashFromHex(std::string_view hex);  // nullopt unless 64 hex digits

class MerkleTree {
 public:
  MerkleTree() = default;
  // A tree that keeps no subtree hashes of levels 1..dropped_levels (blocks of 2 to
  // 2^dropped_levels leaves) and hashes them again from the leaves when needed: a verifier's
  // tree of 1.6 M entries in ~34 B a leaf instead of 64, its roots and proofs then costing up
  // to 2^dropped_levels hashes a node. The hashes are the same.
  explicit MerkleTree(unsigned dropped_levels) : dropped_levels_(dropped_levels) {}

  void Append(const Hash& leaf_hash);
  void Truncate(std::uint64_t size);  // forgets leaves from `size` on (a failed commit)
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  const Hash& Leaf(std::uint64_t index) const { return levels_[0][index]; }

  // The root of the tree of the first `size` leaves. REQUIRES: size <= size().
  Hash Root(std::uint64_t size) const;
  Hash Root() const { return Root(size()); }
  // PATH(index, D[0:size]) of RFC 6962 §2.1.1. REQUIRES: index < size <= size().
  std::vector<Hash> InclusionProof(std::uint64_t index, std::uint64_t size) const;
  // InclusionProof(first + i, size) for each i < count, the subtrees on the tree's right edge
  // hashed once for all (a batch's acknowledgements: O(log² n) hashes per batch, not per leaf).
  // REQUIRES: first + count <= size <= size().
  std::vector<std::vector<Hash>> InclusionProofs(std::uint64_t first, std::uint64_t count, std::uint64_t size) const;
  // PROOF(first, D[0:second]) of RFC 6962 §2.1.2. REQUIRES: 0 < first <= second <= size().
  std::vector<Hash> ConsistencyProof(std::uint64_t first, std::uint64_t second) const;

 private:
  Hash Subtree(std::uint64_t begin, std::uint64_t end) const;  // MTH(D[begin:end])
  void Path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const;
  void SubProof(std::uint64_t first, std::uint64_t begin, std::uint64_t end, bool whole, std::vector<Hash>& out) const;

  // levels_[k][i] = MTH of leaves [i·2^k, (i+1)·2^k), for every complete such block (empty
  // for the levels 1..dropped_levels_).
  std::vector<std::vector<Hash>> levels_;
  unsigned dropped_levels_ = 0;
};

// RFC 9162 §2.1.3.2: does `proof` show that `leaf_hash` is leaf `index` of the tree of `size`
// leaves whose root is `root`?
bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash, std::span<const Hash> proof,
                     const Hash& root);
// RFC 9162 §2.1.4.2: does `proof` show that the tree of `second` leaves with `second_root`
// extends the tree of `first` leaves with `first_root`?
bool VerifyConsistency(std::uint64_t first, std::uint64_t second, std::span<const Hash> proof, const Hash& first_root,
                       const Hash& second_root);

}  // namespace saylau::ledger
