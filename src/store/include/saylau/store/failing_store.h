// FailingStore: a Store that fails on purpose (leveldb's ErrorEnv), for tests of what a failing
// disk does to the results service and the server. It wraps a real store and passes every
// call through until a fault is armed; then the Nth Append from that moment fails the way
// the storage reports it (kUnavailable, as SQLite's SQLITE_IOERR and SQLITE_FULL do):
//   kWriteFails   the append fails before anything is written (an I/O error while writing);
//   kFsyncFails   the append is written by the wrapped store, but its commit reports failure
//                 (fsync failed after the data reached the file): stored although the caller
//                 is told it is not, which is the one outcome a caller can never rule out;
//   kDiskFull     this append and every later one fail as a full disk (nothing written) until
//                 Heal(); reads go on;
//   kStorageGone  this append and every later call (reads too) fail until Heal(), as when the
//                 database's disk or server is gone.
// Thread-safe to arm and heal from another thread while the owner calls the store (the server's
// writer thread); the wrapped store itself is called from the owner's thread only.
#pragma once

#include <memory>
#include <mutex>

#include "saylau/store/store.h"

namespace saylau::store {

class FailingStore : public Store {
 public:
  enum class Fault { kWriteFails, kFsyncFails, kDiskFull, kStorageGone };

  explicit FailingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  // Arms `fault` at the `nth` Append from now (1: the next one); replaces a fault armed before.
  void Arm(Fault fault, int nth = 1);
  // Disarms, frees the disk and brings the storage back.
  void Heal();
  int appends() const;   // Append calls seen (failed ones included)
  int failures() const;  // calls failed on purpose

  Result<std::vector<DefinitionFile>> DefinitionFiles() override;
  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                const std::optional<StoredTreeHead>& head) override;
  Result<std::vector<StoredTreeHead>> TreeHeads() override;
  Result<std::optional<StoredTreeHead>> LatestTreeHead() override;
  Status LockForAppend() override;
  void ReleaseAppendLock() override;
  Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) override;
  Status ScanMatching(const SubmissionFilter& filter,
                      const std::function<Status(const StoredSubmission&)>& visit) override;
  Result<std::vector<StoredTotals>> Totals() override;
  Status ReplaceTotals(std::span<const StoredTotals> totals) override;
  Result<std::int64_t> LastSeq() override;
  Status AddKeys(std::span<const RegisteredKey> keys) override;
  Result<std::vector<RegisteredKey>> Keys() override;
  Status AddObservers(std::span<const RegisteredObserver> observers) override;
  Result<std::vector<RegisteredObserver>> Observers() override;
  Status AddPhoto(const StoredPhoto& photo) override;
  Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) override;
  Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) override;

 private:
  // The injected error for a call other than Append: any call while the storage is gone, a
  // write while the disk is full; none otherwise.
  std::optional<Error> Refused(bool write);

  std::unique_ptr<Store> inner_;
  mutable std::mutex mutex_;
  std::optional<Fault> armed_;
  int countdown_ = 0;  // appends until the armed fault strikes (1: the next)
  bool disk_full_ = false;
  bool gone_ = false;
  int appends_ = 0;
  int failures_ = 0;
};

}  // namespace saylau::store
