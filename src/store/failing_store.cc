// FailingStore: passes calls through to the wrapped store, failing the armed one on purpose.
#include "saylau/store/failing_store.h"

#include <string>

namespace saylau::store {
namespace {

Error Injected(const std::string& what, int append) {
  return Unavailable("injected fault at append " + std::to_string(append) + ": " + what);
}

}  // namespace

void FailingStore::Arm(Fault fault, int nth) {
  std::lock_guard lock(mutex_);
  armed_ = fault;
  countdown_ = nth < 1 ? 1 : nth;
}

void FailingStore::Heal() {
  std::lock_guard lock(mutex_);
  armed_.reset();
  disk_full_ = false;
  gone_ = false;
}

int FailingStore::appends() const {
  std::lock_guard lock(mutex_);
  return appends_;
}

int FailingStore::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

std::optional<Error> FailingStore::Refused(bool write) {
  std::lock_guard lock(mutex_);
  if (gone_) {
    ++failures_;
    return Unavailable("injected fault: the storage is gone (unable to open database file)");
  }
  if (write && disk_full_) {
    ++failures_;
    return Unavailable("injected fault: database or disk is full");
  }
  return std::nullopt;
}

Status FailingStore::Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                            const std::optional<StoredTreeHead>& head) {
  std::optional<Fault> strikes;
  int number = 0;
  {
    std::lock_guard lock(mutex_);
    number = ++appends_;
    if (armed_ && --countdown_ == 0) {
      strikes = armed_;
      armed_.reset();
      if (*strikes == Fault::kDiskFull) disk_full_ = true;
      if (*strikes == Fault::kStorageGone) gone_ = true;
    }
    if (gone_) strikes = Fault::kStorageGone;
    else if (disk_full_) strikes = Fault::kDiskFull;
    if (strikes) ++failures_;
  }
  if (!strikes) return inner_->Append(batch, totals, head);
  if (*strikes == Fault::kFsyncFails) {
    // The wrapped store commits; the caller hears that it did not (as a failed append leaves
    // them, the rows carry no seq).
    Status stored = inner_->Append(batch, totals, head);
    for (StoredSubmission& row : batch) row.seq = 0;
    return stored ? Status(Injected("disk I/O error (fsync failed after the write; the commit may be durable)",
                                    number))
                  : stored;
  }
  // Nothing written; a failed append ends the append lock, as the real stores' do.
  inner_->ReleaseAppendLock();
  for (StoredSubmission& row : batch) row.seq = 0;
  switch (*strikes) {
    case Fault::kWriteFails:
      return Injected("disk I/O error (nothing was written)", number);
    case Fault::kDiskFull:
      return Injected("database or disk is full", number);
    default:
      return Injected("the storage is gone (unable to open database file)", number);
  }
}

// Reads fail while the storage is gone; other writes also while the disk is full.
Result<std::vector<DefinitionFile>> FailingStore::DefinitionFiles() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->DefinitionFiles();
}
Result<std::vector<StoredTreeHead>> FailingStore::TreeHeads() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->TreeHeads();
}
Result<std::optional<StoredTreeHead>> FailingStore::LatestTreeHead() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->LatestTreeHead();
}
Status FailingStore::LockForAppend() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->LockForAppend();
}
void FailingStore::ReleaseAppendLock() { inner_->ReleaseAppendLock(); }
Status FailingStore::Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->Scan(after, visit);
}
Status FailingStore::ScanMatching(const SubmissionFilter& filter,
                                  const std::function<Status(const StoredSubmission&)>& visit) {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->ScanMatching(filter, visit);
}
Result<std::vector<StoredTotals>> FailingStore::Totals() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->Totals();
}
Status FailingStore::ReplaceTotals(std::span<const StoredTotals> totals) {
  if (std::optional<Error> refused = Refused(/*write=*/true)) return *refused;
  return inner_->ReplaceTotals(totals);
}
Result<std::int64_t> FailingStore::LastSeq() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->LastSeq();
}
Status FailingStore::AddKeys(std::span<const RegisteredKey> keys) {
  if (std::optional<Error> refused = Refused(/*write=*/true)) return *refused;
  return inner_->AddKeys(keys);
}
Result<std::vector<RegisteredKey>> FailingStore::Keys() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->Keys();
}
Status FailingStore::AddObservers(std::span<const RegisteredObserver> observers) {
  if (std::optional<Error> refused = Refused(/*write=*/true)) return *refused;
  return inner_->AddObservers(observers);
}
Result<std::vector<RegisteredObserver>> FailingStore::Observers() {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->Observers();
}
Status FailingStore::AddPhoto(const StoredPhoto& photo) {
  if (std::optional<Error> refused = Refused(/*write=*/true)) return *refused;
  return inner_->AddPhoto(photo);
}
Result<std::optional<StoredPhoto>> FailingStore::Photo(const std::string& sha256) {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->Photo(sha256);
}
Status FailingStore::ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) {
  if (std::optional<Error> refused = Refused(/*write=*/false)) return *refused;
  return inner_->ScanPhotos(visit);
}

}  // namespace saylau::store
