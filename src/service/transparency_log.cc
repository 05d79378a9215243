// ResultsService's transparency log: one leaf per stored submission, a tree head per commit
// (signed with the CEC's log key when set, binding the definition and the registered keys),
// inclusion proofs in the acknowledgements, and the check at open that the stored submissions,
// definition and keys still hash to every stored head.
#include <algorithm>
#include <future>
#include <map>

#include "saylau/base/check.h"
#include "saylau/service/results_service.h"

namespace saylau::service {
namespace {

ledger::TreeHead FromStored(const store::StoredTreeHead& stored) {
  return {static_cast<std::uint64_t>(stored.size), ledger::HashFromHex(stored.root).value_or(ledger::Hash{}),
          stored.timestamp,
          stored.key,
          stored.signature,
          stored.binding.empty() ? std::nullopt : ledger::BindingFromText(stored.binding)};
}

store::StoredTreeHead ToStored(const ledger::TreeHead& head) {
  return {static_cast<std::int64_t>(head.size), ledger::ToHex(head.root), head.timestamp, head.key, head.signature,
          head.binding ? ledger::BindingText(*head.binding) : std::string()};
}

ledger::Hash KeysHashOf(std::span<const store::RegisteredKey> keys,
                        std::span<const store::RegisteredObserver> observers) {
  std::vector<ledger::BoundKey> bound_keys;
  bound_keys.reserve(keys.size());
  for (const store::RegisteredKey& key : keys) bound_keys.push_back({key.commission, key.public_key, key.added_at});
  std::vector<ledger::BoundObserver> bound_observers;
  for (const store::RegisteredObserver& o : observers) {
    bound_observers.push_back({o.id, o.organisation, o.kind, o.public_key, o.added_at});
  }
  return ledger::KeysHash(bound_keys, bound_observers);
}

}  // namespace

const ledger::HeadBinding& ResultsService::binding() {
  if (!binding_) {
    binding_ = ledger::HeadBinding{definition_hash_, KeysHashOf(key_list_, observer_list_), key_list_.size(),
                                   observer_list_.size()};
  }
  return *binding_;
}

ledger::LogEntry ResultsService::LogEntryOf(const store::StoredSubmission& row) const {
  ledger::LogEntry entry;
  entry.kind = std::string(store::SubmissionKindName(row.kind));
  entry.accepted = row.accepted;
  entry.received_at = row.received_at;
  if (row.envelope.key.empty()) {
    entry.body = row.body;
    return entry;
  }
  const intake::KeyRegistry::Key* key = keys_.Find(row.envelope.key);
  entry.commission = key == nullptr ? std::string() : key->holder;
  entry.key = row.envelope.key;
  entry.key_seq = row.envelope.seq;
  entry.signature = row.envelope.signature;
  entry.body = row.envelope.body;
  return entry;
}

Status ResultsService::SetLogKey(crypto::KeyPair key) {
  const std::string public_key = crypto::ToBase64(key.public_key);
  Result<std::vector<store::StoredTreeHead>> heads = store_->TreeHeads();
  if (!heads) return heads.error();
  for (const store::StoredTreeHead& head : *heads) {
    if (!head.key.empty() && head.key != public_key) {
      return FailedPrecondition("the log of this election is signed with the key " + head.key +
                                ", not with the log key given (" + public_key + ")");
    }
  }
  log_key_ = std::move(key);
  return {};
}

void ResultsService::HashLeaves(std::span<const store::StoredSubmission> rows, std::span<ledger::Hash> leaves) const {
  SAYLAU_CHECK(leaves.size() == rows.size());
  ledger::LogEntry entry;  // an unsigned row's entry, reused: its strings keep their buffers
  std::string encoded;     // each entry's bytes, in one buffer reused from row to row
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const store::StoredSubmission& row = rows[i];
    if (!row.envelope.key.empty()) {
      leaves[i] = ledger::LeafHash(ledger::EncodeLogEntry(LogEntryOf(row)));
      continue;
    }
    // What LogEntryOf gives an unsigned row, in buffers reused from row to row.
    entry.kind.assign(store::SubmissionKindName(row.kind));
    entry.accepted = row.accepted;
    entry.received_at.assign(row.received_at);
    entry.body.assign(row.body);
    ledger::EncodeLogEntryInto(entry, encoded);
    leaves[i] = ledger::LeafHash(encoded);
  }
}

std::optional<store::StoredTreeHead> ResultsService::Seal(std::span<store::StoredSubmission> rows,
                                                          std::span<const ledger::Hash> leaves) {
  if (rows.empty()) return std::nullopt;
  std::vector<ledger::Hash> hashed;
  if (leaves.empty()) {
    // A row's leaf hash does not depend on the other rows: a large batch is hashed in two
    // halves, one on a second thread; the tree appends the leaves in order. (Bulk ingest hashes
    // on its judging thread instead, PrepareUnsealed, where two threads are busy already.)
    hashed.resize(rows.size());
    constexpr std::size_t kRowsWorthASecondThread = 512;
    const std::size_t half = rows.size() >= kRowsWorthASecondThread ? rows.size() / 2 : rows.size();
    std::future<void> second_half;
    if (half < rows.size()) {
      second_half = std::async(std::launch::async, [&] {
        HashLeaves(rows.subspan(half), std::span(hashed).subspan(half));
      });
    }
    HashLeaves(rows.first(half), std::span(hashed).first(half));
    if (second_half.valid()) second_half.get();
    leaves = hashed;
  }
  SAYLAU_CHECK(leaves.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // The row's place in the log: the store refuses it when another writer took that place.
    rows[i].seq = static_cast<std::int64_t>(tree_.size()) + 1;
    tree_.Append(leaves[i]);
  }
  const std::int64_t now = std::max(ledger::NowMillis(), head_ ? head_->timestamp : 0);
  const ledger::Hash root = tree_.Root();
  if (log_key_) return ToStored(ledger::SignTreeHead(*log_key_, tree_.size(), root, now, binding()));
  return ToStored(ledger::TreeHead{tree_.size(), root, now, {}, {}, binding()});
}

void ResultsService::Published(const std::optional<store::StoredTreeHead>& head) {
  if (head && (!head_ || static_cast<std::uint64_t>(head->size) > head_->size)) head_ = FromStored(*head);
}

Status ResultsService::AppendSealed(std::vector<store::StoredSubmission>& rows) {
  const std::uint64_t before = tree_.size();
  const std::optional<store::StoredTreeHead> head = Seal(rows);
  if (Status ok = store_->Append(rows, {}, head); !ok) {
    tree_.Truncate(before);
    return ok;
  }
  Published(head);
  return {};
}

void ResultsService::FillLogFields(std::vector<Acknowledgement>& acks, std::span<const store::StoredSubmission> rows,
                                   std::span<const std::size_t> row_of_ack) const {
  if (!head_) return;
  // A batch's rows are consecutive leaves: their proofs share the tree's right edge, hashed once.
  std::vector<std::vector<ledger::Hash>> proofs;
  bool consecutive = !rows.empty() && rows[0].seq >= 1;
  for (std::size_t i = 1; consecutive && i < rows.size(); ++i) {
    consecutive = rows[i].seq == rows[0].seq + static_cast<std::int64_t>(i);
  }
  if (consecutive && static_cast<std::uint64_t>(rows[0].seq) <= head_->size) {
    const std::uint64_t first = static_cast<std::uint64_t>(rows[0].seq) - 1;
    proofs = tree_.InclusionProofs(first, std::min<std::uint64_t>(rows.size(), head_->size - first), head_->size);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Acknowledgement& ack = acks[row_of_ack[i]];
    ack.leaf_index = rows[i].seq - 1;
    if (static_cast<std::uint64_t>(rows[i].seq) > head_->size) continue;
    ack.inclusion = i < proofs.size() ? std::move(proofs[i])
                                      : tree_.InclusionProof(static_cast<std::uint64_t>(ack.leaf_index), head_->size);
    ack.head = head_;
  }
}

Status ResultsService::AddPhoto(const std::string& sha256, const std::string& media_type, std::string bytes) {
  if (media_type != "image/jpeg" && media_type != "image/png" && media_type != "application/pdf") {
    return InvalidArgument("a protocol's photo is image/jpeg, image/png or application/pdf, not '" + media_type + "'");
  }
  if (ledger::ToHex(ledger::Sha256(bytes)) != sha256) {
    return InvalidArgument("the bytes do not hash to " + sha256 + " (SHA-256, lowercase hex)");
  }
  if (!referenced_photos_.contains(sha256)) {
    return NotFound("no stored protocol names the photo " + sha256 +
                    ": submit the protocol with its photo_sha256 first");
  }
  return store_->AddPhoto({sha256, media_type, std::move(bytes)});
}

Status ResultsService::CheckStoredHeads() {
  Result<std::vector<store::StoredTreeHead>> heads = store_->TreeHeads();
  if (!heads) return heads.error();
  std::map<std::pair<std::uint64_t, std::uint64_t>, ledger::Hash> keys_hashes;  // by (keys, observers) counts
  for (const store::StoredTreeHead& stored : *heads) {
    const ledger::TreeHead head = FromStored(stored);
    const std::string where = "the log's tree head at size " + std::to_string(head.size);
    if (head.size > tree_.size() || tree_.Root(head.size) != head.root) {
      return FailedPrecondition("the stored submissions no longer match " + where + " (root " + stored.root +
                                "): the database was changed outside saylau");
    }
    if (!stored.binding.empty()) {
      if (!head.binding) return FailedPrecondition(where + ": the stored binding is not readable");
      const ledger::HeadBinding& bound = *head.binding;
      if (bound.definition != definition_hash_) {
        return FailedPrecondition("the stored definition is not the one bound to " + where +
                                  ": the database was changed outside saylau");
      }
      if (bound.keys_count > key_list_.size() || bound.observers_count > observer_list_.size()) {
        return FailedPrecondition(where + " binds " + std::to_string(bound.keys_count) + " keys and " +
                                  std::to_string(bound.observers_count) +
                                  " observers, more than are stored: the database was changed outside saylau");
      }
      const auto counts = std::pair(bound.keys_count, bound.observers_count);
      auto found = keys_hashes.find(counts);
      if (found == keys_hashes.end()) {
        found = keys_hashes
                    .emplace(counts, KeysHashOf(std::span(key_list_).first(bound.keys_count),
                                                std::span(observer_list_).first(bound.observers_count)))
                    .first;
      }
      if (found->second != bound.keys) {
        return FailedPrecondition("the stored keys or observers are not those bound to " + where +
                                  ": the database was changed outside saylau");
      }
    }
    head_ = head;
  }
  return {};
}

}  // namespace saylau::service
