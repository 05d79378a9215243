// KeyRegistry: registered keys, the signer check (key, holder, signature, sequence number) and
// the window of recent submissions that tells a resend from a replay. Keys are held decoded
// (32 bytes in an open-addressing table) when their base64 is canonical, else as text.
#include "saylau/intake/key_registry.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace saylau::intake {
namespace {

// The 32 bytes whose standard, padded base64 is exactly `text` (44 characters, the last '=' and
// the unused low bits of the 43rd zero), so that a key and its bytes are one-to-one; nullopt
// for any other text.
std::optional<std::array<unsigned char, 32>> CanonicalKeyBytes(std::string_view text) {
  if (text.size() != 44 || text[43] != '=') return std::nullopt;
  const auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::array<unsigned char, 32> bytes{};
  std::uint32_t bits = 0;
  int held = 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < 43; ++i) {
    const int v = value(text[i]);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[out++] = static_cast<unsigned char>((bits >> held) & 0xFF);
    }
  }
  if ((bits & ((1u << held) - 1)) != 0) return std::nullopt;  // the 43rd character's unused bits
  return bytes;
}

std::size_t BytesHash(const std::array<unsigned char, 32>& bytes) {
  return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

constexpr std::size_t kArenaBlock = 64 * 1024;

}  // namespace

std::size_t SignatureHash(std::string_view signature) { return std::hash<std::string_view>{}(signature); }

std::optional<std::uint32_t> KeyRegistry::SlotOf(std::string_view public_key) const {
  const std::optional<std::array<unsigned char, 32>> bytes = CanonicalKeyBytes(public_key);
  if (!bytes) {
    const auto found = odd_keys_.find(std::string(public_key));
    if (found == odd_keys_.end()) return std::nullopt;
    return found->second;
  }
  if (table_.empty()) return std::nullopt;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t at = BytesHash(*bytes) & mask;; at = (at + 1) & mask) {
    const std::uint32_t slot = table_[at];
    if (slot == 0) return std::nullopt;
    if (slots_[slot - 1].bytes == *bytes) return slot - 1;
  }
}

KeyRegistry::Slot* KeyRegistry::FindSlot(std::string_view public_key) {
  const std::optional<std::uint32_t> slot = SlotOf(public_key);
  return slot ? &slots_[*slot] : nullptr;
}

std::string_view KeyRegistry::Hold(std::string_view holder) {
  if (holder.empty()) return {};
  if (holder.size() > kArenaBlock / 4) {  // a long id: a block of its own
    arena_.push_back(std::make_unique<char[]>(holder.size()));
    std::memcpy(arena_.back().get(), holder.data(), holder.size());
    return {arena_.back().get(), holder.size()};
  }
  if (arena_left_ < holder.size()) {
    arena_.push_back(std::make_unique<char[]>(kArenaBlock));
    open_ = arena_.back().get();
    arena_left_ = kArenaBlock;
  }
  char* at = open_ + (kArenaBlock - arena_left_);
  std::memcpy(at, holder.data(), holder.size());
  arena_left_ -= holder.size();
  return {at, holder.size()};
}

void KeyRegistry::Rehash(std::size_t size) {
  table_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].odd) continue;  // found through odd_keys_
    std::size_t at = BytesHash(slots_[i].bytes) & mask;
    while (table_[at] != 0) at = (at + 1) & mask;
    table_[at] = static_cast<std::uint32_t>(i + 1);
  }
}

void KeyRegistry::Add(const std::string& public_key, const std::string& holder, bool observer) {
  if (Slot* slot = FindSlot(public_key)) {  // replaced: a new holder, nothing used
    slot->key = Key{Hold(holder), observer, 0};
    if (slot->recent != 0) recent_[slot->recent - 1].clear();
    return;
  }
  if (slots_.size() >= UINT32_MAX - 1) throw std::length_error("too many keys");
  const auto index = static_cast<std::uint32_t>(slots_.size());
  Slot& slot = slots_.emplace_back();
  slot.key = Key{Hold(holder), observer, 0};
  const std::optional<std::array<unsigned char, 32>> bytes = CanonicalKeyBytes(public_key);
  if (!bytes) {
    slot.odd = true;
    odd_keys_.emplace(public_key, index);
    return;
  }
  slot.bytes = *bytes;
  if (2 * slots_.size() > table_.size()) {
    Rehash(std::max<std::size_t>(64, 2 * table_.size()));  // every canonical key, this one included
    return;
  }
  const std::size_t mask = table_.size() - 1;
  std::size_t at = BytesHash(slot.bytes) & mask;
  while (table_[at] != 0) at = (at + 1) & mask;
  table_[at] = index + 1;
}

const KeyRegistry::Key* KeyRegistry::Find(const std::string& public_key) const {
  const std::optional<std::uint32_t> slot = SlotOf(public_key);
  return slot ? &slots_[*slot].key : nullptr;
}

std::int64_t KeyRegistry::LastSeq(const std::string& public_key) const {
  const Key* key = Find(public_key);
  return key == nullptr ? 0 : key->last_seq;
}

std::optional<Refused> KeyRegistry::CheckSigner(const SignedSubmission& submission) const {
  const crypto::Envelope& envelope = submission.envelope;
  const Key* key = Find(envelope.key);
  if (key == nullptr) {
    return Refused{Refusal::kUnknownKey, "the key " + envelope.key + " is not registered in this election"};
  }
  if (key->holder != envelope.commission) {
    return Refused{Refusal::kUnknownKey, "the key is registered to " +
                                             std::string(key->observer ? "observer" : "commission") + " '" +
                                             std::string(key->holder) + "', not to '" + envelope.commission + "'"};
  }
  if (!submission.signature_valid) {
    return Refused{Refusal::kBadSignature,
                   "the signature does not match the envelope (commission, key, seq, body)"};
  }
  if (envelope.seq == key->last_seq) {
    return Refused{Refusal::kReplay, "sequence number " + std::to_string(envelope.seq) +
                                         " of this key was used already (a replay); the next must be above it"};
  }
  if (envelope.seq < key->last_seq) {
    return Refused{Refusal::kOutOfOrder, "sequence number " + std::to_string(envelope.seq) +
                                             " is below the last one this key used (" +
                                             std::to_string(key->last_seq) + ")"};
  }
  return std::nullopt;
}

const KeyRegistry::Record* KeyRegistry::ResendOf(const SignedSubmission& submission) const {
  const std::optional<std::uint32_t> slot = SlotOf(submission.envelope.key);
  if (!submission.signature_valid || !slot) return nullptr;
  const Slot& found_slot = slots_[*slot];
  const Key& key = found_slot.key;
  if (key.observer || key.holder != submission.envelope.commission || found_slot.recent == 0) return nullptr;
  const std::vector<Record>& recent = recent_[found_slot.recent - 1];
  const auto found = std::lower_bound(recent.begin(), recent.end(), submission.envelope.seq,
                                      [](const Record& record, std::int64_t seq) { return record.seq < seq; });
  if (found == recent.end() || found->seq != submission.envelope.seq ||
      found->signature != SignatureHash(submission.envelope.signature)) {
    return nullptr;
  }
  return &*found;
}

void KeyRegistry::Use(const std::string& public_key, std::int64_t seq) {
  if (Slot* slot = FindSlot(public_key)) slot->key.last_seq = std::max(slot->key.last_seq, seq);
}

void KeyRegistry::SetLastSeq(const std::string& public_key, std::int64_t seq) {
  if (Slot* slot = FindSlot(public_key)) slot->key.last_seq = seq;
}

void KeyRegistry::Remember(const std::string& public_key, std::int64_t seq, std::string_view signature,
                           core::Verdict verdict) {
  Slot* slot = FindSlot(public_key);
  if (slot == nullptr) return;
  if (slot->recent == 0) {
    recent_.emplace_back();
    slot->recent = static_cast<std::uint32_t>(recent_.size());
  }
  std::vector<Record>& recent = recent_[slot->recent - 1];
  if (!recent.empty() && recent.back().seq >= seq) return;  // replayed out of order: not a resend target
  recent.push_back({seq, SignatureHash(signature), verdict});
  // Amortised trimming: keep between one and two windows.
  if (recent.size() >= 2 * kRetryWindow) recent.erase(recent.begin(), recent.end() - kRetryWindow);
}

void KeyRegistry::ForgetUses() {
  for (Slot& slot : slots_) {
    slot.key.last_seq = 0;
    if (slot.recent != 0) recent_[slot.recent - 1].clear();
  }
}

}  // namespace saylau::intake
