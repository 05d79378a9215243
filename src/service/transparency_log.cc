// ResultsService's transparency log: one leaf per stored submission, a tree head per commit
// (signed with the CEC's log key when set), inclusion proofs in the acknowledgements, and the
// check at open that the stored submissions still hash to every stored head.
#include "saylau/service/results_service.h"

namespace saylau::service {
namespace {

ledger::TreeHead FromStored(const store::StoredTreeHead& stored) {
  return {static_cast<std::uint64_t>(stored.size), ledger::HashFromHex(stored.root).value_or(ledger::Hash{}),
          stored.timestamp, stored.key, stored.signature};
}

store::StoredTreeHead ToStored(const ledger::TreeHead& head) {
  return {static_cast<std::int64_t>(head.size), ledger::ToHex(head.root), head.timestamp, head.key, head.signature};
}

}  // namespace

ledger::LogEntry ResultsService::LogEntryOf(const store::StoredSubmission& row) const {
  ledger::LogEntry entry;
  entry.kind = std::string(store::SubmissionKindName(row.kind));
  entry.accepted = row.accepted;
  entry.received_at = row.received_at;
  if (row.envelope.key.empty()) {
    entry.body = row.body;
    return entry;
  }
  const auto key = keys_.find(row.envelope.key);
  entry.commission = key == keys_.end() ? std::string() : key->second.commission;
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

std::optional<store::StoredTreeHead> ResultsService::Seal(std::span<store::StoredSubmission> rows) {
  if (rows.empty()) return std::nullopt;
  for (store::StoredSubmission& row : rows) {
    // The row's place in the log: the store refuses it when another writer took that place.
    row.seq = static_cast<std::int64_t>(tree_.size()) + 1;
    tree_.Append(ledger::LeafHash(ledger::EncodeLogEntry(LogEntryOf(row))));
  }
  const std::int64_t now = std::max(ledger::NowMillis(), head_ ? head_->timestamp : 0);
  const ledger::Hash root = tree_.Root();
  if (log_key_) return ToStored(ledger::SignTreeHead(*log_key_, tree_.size(), root, now));
  return ToStored(ledger::TreeHead{tree_.size(), root, now, {}, {}});
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
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Acknowledgement& ack = acks[row_of_ack[i]];
    ack.leaf_index = rows[i].seq - 1;
    if (static_cast<std::uint64_t>(rows[i].seq) > head_->size) continue;
    ack.inclusion = tree_.InclusionProof(static_cast<std::uint64_t>(ack.leaf_index), head_->size);
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
  for (const store::StoredTreeHead& stored : *heads) {
    const ledger::TreeHead head = FromStored(stored);
    if (head.size > tree_.size() || tree_.Root(head.size) != head.root) {
      return FailedPrecondition("the stored submissions no longer match the log's tree head at size " +
                                std::to_string(head.size) + " (root " + stored.root +
                                "): the database was changed outside saylau");
    }
    head_ = head;
  }
  return {};
}

}  // namespace saylau::service
