// The registered keys of an election (commissions' and accredited observers') and the sequence
// numbers each key has used. Holds the rule every signed submission passes first: it comes from
// a registered key of the holder it names, its signature verifies, and its sequence number is
// above every one the key used before (equal: a replay; below: out of order). A resend of one
// of a key's latest submissions (the same sequence number and signature, after a lost
// acknowledgement) is told apart from a replay, so it can be acknowledged as a duplicate.
// The results service (live) and the verifier (replaying the public log) share it. Pure; not
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
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
    std::string holder;  // the commission's unit id, or the observer's id
    bool observer = false;
    std::int64_t last_seq = 0;  // the highest sequence number used
    std::vector<Record> recent;  // the latest, by seq; at most about kRetryWindow
  };
  // How many of a key's latest submissions a resend may repeat: the largest batch a client sends.
  static constexpr std::size_t kRetryWindow = 10000;

  // Registers a key (base64) to a holder; a key registered already is replaced.
  void Add(const std::string& public_key, const std::string& holder, bool observer);
  bool Contains(const std::string& public_key) const { return keys_.contains(public_key); }
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
  std::unordered_map<std::string, Key> keys_;  // by public key, base64
};

// What a key's latest signature is remembered by, to tell a resend from a replay.
std::size_t SignatureHash(std::string_view signature);

}  // namespace saylau::intake
