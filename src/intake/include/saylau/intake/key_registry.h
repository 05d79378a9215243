// The registered keys of an election (commissions' and accredited observers') and the sequence
// numbers each key has used. Holds the rule every signed submission passes first: it comes from
// a registered key of the holder it names, its signature verifies, and its sequence number is
// above every one the key used before (equal: a replay; below: out of order). A resend of one
// of a key's latest submissions (the same sequence number and signature, after a lost
// acknowledgement) is told apart from a replay, so it can be acknowledged as a duplicate.
// The results service (live) and the verifier (replaying the public log) share it. Pure; not
// thread-safe. Compact for a national list: a key that is the base64 of 32 bytes (every Ed25519
// key) is held as those bytes in an open-addressing table, its holder's id in one text arena,
// about 90 bytes a key (a hash map of strings took about 180: 800,000 keys, ~70 MB saved).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "saylau/core/election_night.h"
#include "saylau/intake/signed_submission.h"

namespace saylau::intake {

class KeyRegistry {
 public:
  // A submission of a key that was stored (or judged in this batch): what a resend is matched by.
  struct Record {
    std::int64_t seq = 0;
    std::size_t signature = 0;                         // SignatureHash
    core::Verdict verdict = core::Verdict::kAccepted;  // as judged
  };
  struct Key {
    std::string_view holder;  // the commission's unit id, or the observer's id (valid while this lives)
    bool observer = false;
    std::int64_t last_seq = 0;  // the highest sequence number used
  };
  // How many of a key's latest submissions a resend may repeat: the largest batch a client sends.
  static constexpr std::size_t kRetryWindow = 10000;

  // Registers a key (base64) to a holder; a key registered already is replaced.
  void Add(const std::string& public_key, const std::string& holder, bool observer);
  bool Contains(const std::string& public_key) const { return SlotOf(public_key).has_value(); }
  const Key* Find(const std::string& public_key) const;
  std::int64_t LastSeq(const std::string& public_key) const;

  // The first rule: registered to the holder named, the signature verifies, the sequence
  // number is new and in order. nullopt when the submission passes.
  std::optional<Refused> CheckSigner(const SignedSubmission& submission) const;
  // The key's remembered submission that `submission` repeats exactly (same sequence number and
  // signature, a commission's key), if it is one of the key's recent ones.
  const Record* ResendOf(const SignedSubmission& submission) const;

  // The key used `seq` (admitted): later submissions must be above it.
  void Use(const std::string& public_key, std::int64_t seq);
  // Sets the key's last sequence number back (a batch that was not stored).
  void SetLastSeq(const std::string& public_key, std::int64_t seq);
  // Remembers a submission for ResendOf (in increasing seq; an older one is ignored).
  void Remember(const std::string& public_key, std::int64_t seq, std::string_view signature, core::Verdict verdict);
  // Forgets every sequence number and remembered submission, keeping the keys (a replay follows).
  void ForgetUses();

 private:
  // A key and what is known of it; the slots never move (a deque), so Find's pointers stay valid.
  struct Slot {
    std::array<unsigned char, 32> bytes{};  // the key decoded (unused for an odd key)
    Key key;
    std::uint32_t recent = 0;  // 1 + its index in recent_; 0: nothing remembered
    bool odd = false;          // not the base64 of 32 bytes: found through odd_keys_
  };
  std::optional<std::uint32_t> SlotOf(std::string_view public_key) const;
  Slot* FindSlot(std::string_view public_key);
  std::string_view Hold(std::string_view holder);  // copies into the arena
  void Rehash(std::size_t slots);

  std::deque<Slot> slots_;              // in the order added
  std::vector<std::uint32_t> table_;    // slot + 1 by the hash of its bytes; 0: empty. At most half full
  std::unordered_map<std::string, std::uint32_t> odd_keys_;  // keys that are not the base64 of 32 bytes
  std::vector<std::vector<Record>> recent_;  // the remembered submissions of the keys that have some
  std::vector<std::unique_ptr<char[]>> arena_;  // the holders' ids, in blocks
  char* open_ = nullptr;  // the arena's block being filled, with arena_left_ bytes free
  std::size_t arena_left_ = 0;
};

// What a key's latest signature is remembered by, to tell a resend from a replay.
std::size_t SignatureHash(std::string_view signature);

}  // namespace saylau::intake
