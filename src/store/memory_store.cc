// MemoryStore: the Store contract over vectors, for tests.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "saylau/store/store.h"

namespace saylau::store {
namespace {

class MemoryStore : public Store {
 public:
  explicit MemoryStore(std::vector<DefinitionFile> files) : files_(std::move(files)) {}

  Result<std::vector<DefinitionFile>> DefinitionFiles() override { return files_; }

  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals) override {
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

 private:
  std::vector<DefinitionFile> files_;
  std::vector<StoredSubmission> submissions_;
  std::vector<RegisteredKey> keys_;
  std::map<std::tuple<std::string, int, std::string>, StoredTotals> totals_;
};

}  // namespace

std::string_view SubmissionKindName(SubmissionKind kind) {
  switch (kind) {
    case SubmissionKind::kProtocol:
      return "protocol";
    case SubmissionKind::kTurnout:
      return "turnout";
    case SubmissionKind::kStageChange:
      return "stage";
    case SubmissionKind::kRecount:
      return "recount";
  }
  return "protocol";
}

std::unique_ptr<Store> CreateMemoryStore(std::vector<DefinitionFile> files) {
  return std::make_unique<MemoryStore>(std::move(files));
}

}  // namespace saylau::store
