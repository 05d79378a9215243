// KeyRegistry: registered keys, the signer check (key, holder, signature, sequence number) and
// the window of recent submissions that tells a resend from a replay.
#include "saylau/intake/key_registry.h"

#include <algorithm>
#include <functional>

namespace saylau::intake {

std::size_t SignatureHash(std::string_view signature) { return std::hash<std::string_view>{}(signature); }

void KeyRegistry::Add(const std::string& public_key, const std::string& holder, bool observer) {
  keys_[public_key] = Key{holder, observer, 0, {}};
}

const KeyRegistry::Key* KeyRegistry::Find(const std::string& public_key) const {
  const auto found = keys_.find(public_key);
  return found == keys_.end() ? nullptr : &found->second;
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
                                             key->holder + "', not to '" + envelope.commission + "'"};
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
  const Key* key = Find(submission.envelope.key);
  if (!submission.signature_valid || key == nullptr || key->observer ||
      key->holder != submission.envelope.commission) {
    return nullptr;
  }
  const std::vector<Record>& recent = key->recent;
  const auto found = std::lower_bound(recent.begin(), recent.end(), submission.envelope.seq,
                                      [](const Record& record, std::int64_t seq) { return record.seq < seq; });
  if (found == recent.end() || found->seq != submission.envelope.seq ||
      found->signature != SignatureHash(submission.envelope.signature)) {
    return nullptr;
  }
  return &*found;
}

void KeyRegistry::Use(const std::string& public_key, std::int64_t seq) {
  const auto found = keys_.find(public_key);
  if (found != keys_.end()) found->second.last_seq = std::max(found->second.last_seq, seq);
}

void KeyRegistry::SetLastSeq(const std::string& public_key, std::int64_t seq) {
  const auto found = keys_.find(public_key);
  if (found != keys_.end()) found->second.last_seq = seq;
}

void KeyRegistry::Remember(const std::string& public_key, std::int64_t seq, std::string_view signature,
                           core::Verdict verdict) {
  const auto found = keys_.find(public_key);
  if (found == keys_.end()) return;
  std::vector<Record>& recent = found->second.recent;
  if (!recent.empty() && recent.back().seq >= seq) return;  // replayed out of order: not a resend target
  recent.push_back({seq, SignatureHash(signature), verdict});
  // Amortised trimming: keep between one and two windows.
  if (recent.size() >= 2 * kRetryWindow) recent.erase(recent.begin(), recent.end() - kRetryWindow);
}

void KeyRegistry::ForgetUses() {
  for (auto& [public_key, key] : keys_) {
    key.last_seq = 0;
    key.recent.clear();
  }
}

}  // namespace saylau::intake
