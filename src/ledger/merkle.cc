// RFC 6962 / RFC 9162 Merkle tree hashing, proofs and their verification (SHA-256, the leaf and
// node hashes: sha256.cc).
#include "saylau/ledger/merkle.h"

#include <algorithm>
#include <bit>

#include "saylau/base/check.h"

namespace saylau::ledger {
namespace {

// The largest power of two strictly below n (n > 1): the split point of RFC 6962.
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

Hash EmptyRoot() { return Sha256(""); }

std::string ToHex(const Hash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < hash.size(); ++i) {
    out[2 * i] = kDigits[hash[i] >> 4];
    out[2 * i + 1] = kDigits[hash[i] & 15];
  }
  return out;
}

std::optional<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Hash out;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = digit(hex[2 * i]), low = digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return out;
}

void MerkleTree::Append(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  const std::uint64_t n = levels_[0].size();
  // Each block the leaf completes, smallest first: its hash from the two halves (kept, or
  // hashed from the leaves below a dropped level).
  for (std::size_t level = 1; n % (std::uint64_t{1} << level) == 0; ++level) {
    if (level == levels_.size()) levels_.emplace_back();
    if (level <= dropped_levels_) continue;
    const std::uint64_t half = std::uint64_t{1} << (level - 1);
    levels_[level].push_back(NodeHash(Subtree(n - 2 * half, n - half), Subtree(n - half, n)));
  }
}

void MerkleTree::Truncate(std::uint64_t size) {
  for (std::size_t level = 0; level < levels_.size(); ++level) {
    const std::uint64_t keep = size >> level;
    if (levels_[level].size() > keep) levels_[level].resize(keep);
  }
}

Hash MerkleTree::Subtree(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    const auto level = static_cast<unsigned>(std::countr_zero(n));
    if (level == 0 || level > dropped_levels_) return levels_[level][begin >> level];
  }  // else a dropped level: a power of two splits in halves, hashed as Append did
  const std::uint64_t k = SplitPoint(n);
  return NodeHash(Subtree(begin, begin + k), Subtree(begin + k, end));
}

Hash MerkleTree::Root(std::uint64_t size) const {
  SAYLAU_CHECK(size <= this->size());
  return size == 0 ? EmptyRoot() : Subtree(0, size);
}

void MerkleTree::Path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const {
  if (end - begin <= 1) return;
  const std::uint64_t k = SplitPoint(end - begin);
  if (index < begin + k) {
    Path(index, begin, begin + k, out);
    out.push_back(Subtree(begin + k, end));
  } else {
    Path(index, begin + k, end, out);
    out.push_back(Subtree(begin, begin + k));
  }
}

std::vector<Hash> MerkleTree::InclusionProof(std::uint64_t index, std::uint64_t size) const {
  SAYLAU_CHECK(index < size && size <= this->size());
  std::vector<Hash> proof;
  Path(index, 0, size, proof);
  return proof;
}

std::vector<std::vector<Hash>> MerkleTree::InclusionProofs(std::uint64_t first, std::uint64_t count,
                                                           std::uint64_t size) const {
  SAYLAU_CHECK(first + count <= size && size <= this->size());
  // Every subtree on a path is a complete block (kept in levels_) or ends at `size`: those are
  // at most log2(size), each hashed once here.
  std::vector<std::pair<std::uint64_t, Hash>> edge;
  const auto subtree = [&](std::uint64_t begin, std::uint64_t end) {
    if (end != size) return Subtree(begin, end);
    for (const auto& [edge_begin, hash] : edge) {
      if (edge_begin == begin) return hash;
    }
    return edge.emplace_back(begin, Subtree(begin, end)).second;
  };
  std::vector<std::vector<Hash>> proofs(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    // Path(first + i, 0, size) from the root down; the proof lists the siblings leaf first.
    const std::uint64_t index = first + i;
    std::vector<Hash>& proof = proofs[i];
    std::uint64_t begin = 0, end = size;
    while (end - begin > 1) {
      const std::uint64_t k = SplitPoint(end - begin);
      if (index < begin + k) {
        proof.push_back(subtree(begin + k, end));
        end = begin + k;
      } else {
        proof.push_back(subtree(begin, begin + k));
        begin += k;
      }
    }
    std::reverse(proof.begin(), proof.end());
  }
  return proofs;
}

// SUBPROOF(m, D[begin:end], whole) of RFC 6962 §2.1.2, with m = first - begin.
void MerkleTree::SubProof(std::uint64_t first, std::uint64_t begin, std::uint64_t end, bool whole,
                          std::vector<Hash>& out) const {
  const std::uint64_t m = first - begin, n = end - begin;
  if (m == n) {
    if (!whole) out.push_back(Subtree(begin, end));
    return;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(first, begin, begin + k, whole, out);
    out.push_back(Subtree(begin + k, end));
  } else {
    SubProof(first, begin + k, end, false, out);
    out.push_back(Subtree(begin, begin + k));
  }
}

std::vector<Hash> MerkleTree::ConsistencyProof(std::uint64_t first, std::uint64_t second) const {
  SAYLAU_CHECK(0 < first && first <= second && second <= size());
  std::vector<Hash> proof;
  if (first < second) SubProof(first, 0, second, true, proof);
  return proof;
}

bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash, std::span<const Hash> proof,
                     const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::uint64_t first, std::uint64_t second, std::span<const Hash> proof, const Hash& first_root,
                       const Hash& second_root) {
  if (first == 0 || first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (proof.empty()) return false;
  std::vector<Hash> path(proof.begin(), proof.end());
  // When first is an exact power of two, the first tree's root is the proof's implicit head.
  if (std::has_single_bit(first)) path.insert(path.begin(), first_root);
  std::uint64_t fn = first - 1, sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == first_root && sr == second_root;
}

}  // namespace saylau::ledger
