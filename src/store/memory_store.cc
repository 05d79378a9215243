// MemoryStore: the Store contract over vectors, for tests.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "log_continuity.h"
#include "saylau/store/store.h"

namespace saylau::store {
namespace {

class MemoryStore : public Store {
 public:
  explicit MemoryStore(std::vector<DefinitionFile> files) : files_(std::move(files)) {}

  Result<std::vector<DefinitionFile>> DefinitionFiles() override { return files_; }

  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                const std::optional<StoredTreeHead>& head) override {
    const auto next = static_cast<std::int64_t>(submissions_.size()) + 1;
    if (Status ok = internal::CheckLogContinues(batch, next, {}); !ok) return ok;
    if (head) heads_.push_back(*head);
    for (StoredSubmission& submission : batch) {
      submission.seq = static_cast<std::int64_t>(submissions_.size()) + 1;
      submissions_.push_back(submission);
    }
    for (const StoredTotals& row : totals) totals_[{row.contest, row.round, row.unit}] = row;
    return {};
  }

  Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) override {
    for (std::size_t i = static_cast<std::size_t>(std::max<std::int64_t>(after, 0)); i < submissions_.size(); ++i) {
      if (Status ok = visit(submissions_[i]); !ok) return ok;
    }
    return {};
  }

  Status ScanMatching(const SubmissionFilter& filter,
                      const std::function<Status(const StoredSubmission&)>& visit) override {
    for (const StoredSubmission& submission : submissions_) {
      if (!filter.unit.empty() && submission.unit != filter.unit) continue;
      if (filter.rejected_only && submission.accepted) continue;
      if (Status ok = visit(submission); !ok) return ok;
    }
    return {};
  }

  Result<std::vector<StoredTotals>> Totals() override {
    std::vector<StoredTotals> rows;
    for (const auto& [key, row] : totals_) rows.push_back(row);
    return rows;
  }

  Status ReplaceTotals(std::span<const StoredTotals> totals) override {
    totals_.clear();
    for (const StoredTotals& row : totals) totals_[{row.contest, row.round, row.unit}] = row;
    return {};
  }

  Result<std::int64_t> LastSeq() override { return static_cast<std::int64_t>(submissions_.size()); }

  Status AddKeys(std::span<const RegisteredKey> keys) override {
    std::set<std::string> known;
    for (const RegisteredKey& key : keys_) known.insert(key.public_key);
    for (const RegisteredKey& key : keys) {
      if (!known.insert(key.public_key).second)
        return AlreadyExists("the key " + key.public_key + " is already registered");
    }
    keys_.insert(keys_.end(), keys.begin(), keys.end());
    return {};
  }

  Result<std::vector<RegisteredKey>> Keys() override { return keys_; }

  Result<std::vector<StoredTreeHead>> TreeHeads() override { return heads_; }
  Result<std::optional<StoredTreeHead>> LatestTreeHead() override {
    if (heads_.empty()) return std::optional<StoredTreeHead>();
    return std::optional<StoredTreeHead>(heads_.back());
  }

  Status AddObservers(std::span<const RegisteredObserver> observers) override {
    std::set<std::string> known;
    for (const RegisteredObserver& observer : observers_) {
      known.insert(observer.id);
      known.insert(observer.public_key);
    }
    for (const RegisteredObserver& observer : observers) {
      if (!known.insert(observer.id).second || !known.insert(observer.public_key).second) {
        return AlreadyExists("observer '" + observer.id + "' or its key is already registered");
      }
    }
    observers_.insert(observers_.end(), observers.begin(), observers.end());
    return {};
  }
  Result<std::vector<RegisteredObserver>> Observers() override { return observers_; }

  Status AddPhoto(const StoredPhoto& photo) override {
    photos_.emplace(photo.sha256, photo);
    return {};
  }
  Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) override {
    const auto found = photos_.find(sha256);
    if (found == photos_.end()) return std::optional<StoredPhoto>();
    return std::optional<StoredPhoto>(found->second);
  }
  Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) override {
    for (const auto& [sha, photo] : photos_) {
      if (Status ok = visit(photo); !ok) return ok;
    }
    return {};
  }

 private:
  std::vector<DefinitionFile> files_;
  std::vector<StoredSubmission> submissions_;
  std::vector<RegisteredKey> keys_;
  std::vector<StoredTreeHead> heads_;
  std::vector<RegisteredObserver> observers_;
  std::map<std::string, StoredPhoto> photos_;
  std::map<std::tuple<std::string, int, std::string>, StoredTotals> totals_;
};

}  // namespace

std::unique_ptr<Store> CreateMemoryStore(std::vector<DefinitionFile> files) {
  return std::make_unique<MemoryStore>(std::move(files));
}

}  // namespace saylau::store
