// The verifier's checks of the log itself: every signed tree head (signature, root, growth,
// consistency, the definition and keys it binds), that every key was bound before it signed,
// a head saved earlier (--known-head), and the signed manifest of the published files.
#include <fmt/format.h>

#include "saylau/bundle/manifest.h"
#include "saylau/ledger/binding.h"
#include "verifier.h"

namespace saylau::bundle {

using nlohmann::json;

// The key the heads are checked against: --log-key, or the first readable head's own.
std::string Verifier::FirstLogKey() const {
  if (!options_.log_key.empty()) return options_.log_key;
  const std::optional<std::string> text = ReadText(root_ / kHeads);
  if (!text) return {};
  for (const std::string_view line : Lines(*text)) {
    if (Result<ledger::TreeHead> head = ledger::DecodeTreeHead(line)) return head->key;
  }
  return {};
}

void Verifier::CheckHeads() {
  const std::optional<std::string> text = ReadText(root_ / kHeads);
  if (!text) {
    Fail(kHeads, "missing");
    return;
  }
  Check("signed tree heads");
  Check("definition and keys bound to every signed head");  // CheckBinding's, made before `line` is held
  CheckLine& line = Check("signed tree heads");
  std::optional<ledger::TreeHead> previous;
  std::string key = options_.log_key;
  std::size_t first_bad = SIZE_MAX, later_bad = 0;
  const std::vector<std::string_view> lines = Lines(*text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ++line.checked;
    const std::string place = Place(kHeads, i);
    Result<ledger::TreeHead> head = ledger::DecodeTreeHead(lines[i]);
    if (!head) {
      ++line.failed;
      Fail(place, head.error().message);
      continue;
    }
    if (key.empty()) key = head->key;
    if (!ledger::VerifyTreeHead(*head) || head->key != key) {
      ++line.failed;
      Fail(place, head->signature.empty() ? "the tree head is not signed"
                  : head->key != key      ? "the tree head is signed by " + head->key + ", not the log key " + key
                                          : "the tree head's signature does not verify");
      continue;
    }
    CheckBinding(place, *head);
    if (previous && (head->size <= previous->size || head->timestamp < previous->timestamp)) {
      ++line.failed;
      Fail(place, fmt::format("tree head at size {} follows one at size {}: heads must grow, in time order",
                              head->size, previous->size));
      continue;
    }
    if (head->size > tree_.size()) {
      ++line.failed;
      Fail(place, fmt::format("the tree head says {} entries but {} has only {}: entries are missing", head->size,
                              kEntries, tree_.size()));
      continue;
    }
    if (tree_.Root(head->size) != head->root) {
      ++line.failed;
      // Every later head contains the same change: name the first, count the rest.
      if (first_bad != SIZE_MAX) {
        ++later_bad;
        continue;
      }
      const std::uint64_t from = previous ? previous->size : 0;
      Fail(place, fmt::format("the signed root at size {} does not match the entries: an entry among leaves "
                              "{}..{} ({} lines {}..{}) was changed, dropped, added or reordered",
                              head->size, from, head->size - 1, kEntries, from + 1, head->size));
      first_bad = std::min<std::size_t>(first_bad, i);
      continue;
    }
    if (previous) {
      const std::vector<ledger::Hash> proof = tree_.ConsistencyProof(previous->size, head->size);
      if (!ledger::VerifyConsistency(previous->size, head->size, proof, previous->root, head->root)) {
        ++line.failed;
        Fail(place, "not consistent with the previous head");
      }
    }
    previous = *head;
    valid_heads_.push_back(*head);
  }
  log_key_ = key;
  if (binding_failures_ > 1) {
    Fail(kHeads, fmt::format("{} more signed heads do not bind this bundle's definition and keys either",
                             binding_failures_ - 1));
  }
  if (later_bad > 0) {
    Fail(kHeads, fmt::format("{} later signed heads do not match the entries either (they contain the same leaves)",
                             later_bad));
  }
  if (!previous) {
    Fail(kHeads, "no valid signed tree head: nothing in the log is signed by the CEC");
  } else if (previous->size != tree_.size() && first_bad == SIZE_MAX) {
    Fail(kHeads, fmt::format("the last signed head covers {} entries but {} holds {}: {} entries are not covered "
                             "by any signed head",
                             previous->size, kEntries, tree_.size(), tree_.size() - previous->size));
  }
  line.detail =
      fmt::format("signed by {}; roots recomputed from the entries; each consistent with the one before", key);
}


// The hash of the first `keys` keys of keys.json and `observers` observers of
// observers.json; nullopt when the files list fewer.
std::optional<ledger::Hash> Verifier::KeysHashAt(std::uint64_t keys, std::uint64_t observers) {
  if (keys > key_rows_.size() || observers > observer_rows_.size()) return std::nullopt;
  const auto counts = std::pair(keys, observers);
  if (const auto found = keys_hashes_.find(counts); found != keys_hashes_.end()) return found->second;
  std::vector<ledger::BoundKey> bound_keys;
  bound_keys.reserve(keys);  // 48 B a key while hashed (a national list: ~40 MB, not twice that grown)
  for (std::size_t i = 0; i < keys; ++i) {
    bound_keys.push_back({key_rows_.Field(i, 0), key_rows_.Field(i, 1), key_rows_.Field(i, 2)});
  }
  std::vector<ledger::BoundObserver> bound_observers;
  for (std::size_t i = 0; i < observers; ++i) {
    const auto& o = observer_rows_[i];
    bound_observers.push_back({o[0], o[1], o[2], o[3], o[4]});
  }
  return keys_hashes_.emplace(counts, ledger::KeysHash(bound_keys, bound_observers)).first->second;
}


// A signed head binds the definition and the keys (tree_head.h): both must be this
// bundle's. The first head that differs is named; the others are counted.
void Verifier::CheckBinding(const std::string& place, const ledger::TreeHead& head) {
  CheckLine& line = Check("definition and keys bound to every signed head");
  ++line.checked;
  std::string problem;
  if (!head.binding) {
    problem = fmt::format("tree head {} is not bound to a definition and keys (a version-1 head, signed before "
                          "saylau bound them): it cannot show which definition was counted",
                          head.size);
  } else if (head.binding->definition != definition_hash_) {
    problem = fmt::format("tree head {}: definition hash differs: the bundle's definition is not the one that "
                          "was signed (signed {}, definition/ hashes to {})",
                          head.size, ledger::ToHex(head.binding->definition), ledger::ToHex(definition_hash_));
  } else if (const std::optional<ledger::Hash> keys =
                 KeysHashAt(head.binding->keys_count, head.binding->observers_count);
             !keys) {
    problem = fmt::format("tree head {} binds {} keys and {} observers, but keys.json lists {} and observers.json "
                          "{}: registered keys are missing",
                          head.size, head.binding->keys_count, head.binding->observers_count, key_rows_.size(),
                          observer_rows_.size());
  } else if (*keys != head.binding->keys) {
    problem = fmt::format("tree head {}: keys hash differs: the first {} keys of keys.json and {} observers of "
                          "observers.json are not the ones that were signed (a key changed, removed or reordered)",
                          head.size, head.binding->keys_count, head.binding->observers_count);
  }
  if (problem.empty()) {
    line.detail = fmt::format("definition {}…; {} keys and {} observers at the last head",
                              ledger::ToHex(definition_hash_).substr(0, 16), head.binding->keys_count,
                              head.binding->observers_count);
    return;
  }
  ++line.failed;
  if (binding_failures_++ == 0) Fail(place, problem);
}


// Every key that signed an entry must be bound by the first signed head covering that
// entry: a key added to keys.json afterwards cannot make an entry count.
void Verifier::CheckKeysBound() {
  if (valid_heads_.empty()) return;
  CheckLine& line = Check("keys bound before they signed");
  key_uses_.ForEachInOrder([&](const KeyUses::Use& use) {
    ++line.checked;
    const auto covering = std::upper_bound(valid_heads_.begin(), valid_heads_.end(), use.first_entry,
                                           [](std::size_t i, const ledger::TreeHead& head) { return i < head.size; });
    if (covering == valid_heads_.end() || !covering->binding) return;  // reported with the heads
    const std::uint64_t bound = use.observer ? covering->binding->observers_count : covering->binding->keys_count;
    if (use.position && *use.position < bound) return;
    ++line.failed;
    Fail(Place(kEntries, use.first_entry),
         fmt::format("signed with the key {} ({}[{}]), which the tree head at size {} covering this entry does "
                     "not bind (it binds the first {}): a key added to the bundle afterwards",
                     use.key, use.observer ? "observers.json" : "keys.json",
                     use.position ? std::to_string(*use.position) : std::string("?"), covering->size, bound));
  });
  const ledger::TreeHead& last = valid_heads_.back();
  if (last.binding && last.binding->keys_count < key_rows_.size()) {
    line.detail = fmt::format("{} keys registered after the last signed head (they signed nothing)",
                              key_rows_.size() - last.binding->keys_count);
  }
}


// The head an observer saved earlier (--known-head): the bundle's log must contain it and
// extend it. A smaller log is a rollback; another root at that size, a fork.
void Verifier::CheckKnownHead() {
  if (options_.known_head_file.empty()) return;
  CheckLine& line = Check("the log extends the head saved earlier (--known-head)");
  ++line.checked;
  const std::string place = "--known-head " + options_.known_head_file;
  const std::optional<std::string> text = ReadText(options_.known_head_file);
  json parsed = text ? json::parse(*text, nullptr, false) : json();
  if (parsed.is_object() && parsed.contains("head") && parsed["head"].is_object()) parsed = parsed["head"];
  Result<ledger::TreeHead> known = !text               ? Result<ledger::TreeHead>(NotFound("cannot be read"))
                                   : parsed.is_object() ? ledger::DecodeTreeHead(parsed.dump())
                                                        : Result<ledger::TreeHead>(InvalidArgument("not JSON"));
  const auto fail = [&](const std::string& what) {
    ++line.failed;
    Fail(place, what);
  };
  if (!known) return fail("not a tree head: " + known.error().message);
  if (!ledger::VerifyTreeHead(*known)) return fail("the saved head's signature does not verify");
  if (!log_key_.empty() && known->key != log_key_) {
    return fail("the saved head is signed by " + known->key + ", not the log key " + log_key_);
  }
  if (valid_heads_.empty()) return fail("the bundle has no valid signed head to compare with");
  const ledger::TreeHead& last = valid_heads_.back();
  if (known->size == 0) return fail("the saved head is of the empty log: save one with entries");
  if (known->size > last.size) {
    return fail(fmt::format("rollback: the bundle's log ends at size {} (its last signed head), but you saw a "
                            "signed head at size {}: {} {} cut off",
                            last.size, known->size, known->size - last.size,
                            known->size - last.size == 1 ? "entry was" : "entries were"));
  }
  const std::vector<ledger::Hash> proof = tree_.ConsistencyProof(known->size, last.size);
  if (!ledger::VerifyConsistency(known->size, last.size, proof, known->root, last.root)) {
    return fail(fmt::format("fork: the bundle's log had root {} at size {}, not the root {} you saw; its last head "
                            "(size {}) does not extend your head",
                            ledger::ToHex(tree_.Root(known->size)), known->size, ledger::ToHex(known->root),
                            last.size));
  }
  if (known->binding && last.binding && known->binding->definition != last.binding->definition) {
    return fail("the definition bound to the saved head differs from the bundle's");
  }
  line.detail = fmt::format("size {} -> {}: consistent (RFC 9162 proof of {} hashes)", known->size, last.size,
                            proof.size());
}


// Hashes the published files for the manifest on a thread of its own, while this one compares
// the documents (after CheckHeads: the log key and the entries' coverage are known). A national
// bundle's NIST export and CSV are gigabytes: their SHA-256 took as long as their comparison.
void Verifier::StartManifestCheck() {
  // The entries' bytes are all under the signed roots (CheckHeads): measured, not hashed again.
  const std::uint64_t entries = std::max(tree_.size(), entries_logged_);  // the tree may be released
  const bool entries_checked = !valid_heads_.empty() && valid_heads_.back().size == entries;
  std::map<std::string, std::uint64_t> checked_elsewhere;
  if (entries_checked) checked_elsewhere[kEntries] = entries_bytes_;
  manifest_check_ = std::async(std::launch::async, [dir = options_.dir, key = log_key_, checked_elsewhere] {
    return CheckManifest(dir, key, checked_elsewhere);
  });
}

void Verifier::CheckSignedManifest() {
  CheckLine& line = Check("signed manifest: every published file (size, SHA-256)");
  if (!manifest_check_.valid()) StartManifestCheck();
  const ManifestCheck check = manifest_check_.get();
  line.checked = check.checked;
  line.failed = static_cast<std::int64_t>(check.failures.size());
  for (const std::string& failure : check.failures) report_.failures.push_back(failure);
  if (check.manifest.is_object()) {
    const json listed = check.manifest.value("tree_head", json());
    if (valid_heads_.empty() || listed != json::parse(ledger::EncodeTreeHead(valid_heads_.back()))) {
      ++line.failed;
      Fail(kManifest, "its tree_head is not the last signed head of log/heads.jsonl");
    }
  }
}


}  // namespace saylau::bundle
