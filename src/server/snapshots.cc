// The hot reads' pre-serialised answers (snapshots.h).
#include "snapshots.h"

#include "gzip.h"

namespace saylau::server {

namespace {
constexpr std::size_t kGzipAbove = 512;  // bytes; smaller bodies gain nothing from gzip
}

std::shared_ptr<const Snapshot> SnapshotCache::Get(const std::string& target, std::uint64_t generation,
                                                   const std::function<Built()>& build) {
  return Get(target, generation, {}, build);
}

std::shared_ptr<const Snapshot> SnapshotCache::Get(const std::string& target, std::uint64_t generation,
                                                   const std::function<bool(const Snapshot&)>& still_good,
                                                   const std::function<Built()>& build) {
  {
    std::lock_guard lock(mutex_);
    const auto found = snapshots_.find(target);
    if (found != snapshots_.end() &&
        (found->second->generation == generation || (still_good && still_good(*found->second)))) {
      ++hits_;
      return found->second;
    }
  }
  Built built = build();
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->generation = generation;
  snapshot->built_at = std::chrono::steady_clock::now();
  snapshot->tag = built.tag;
  snapshot->status = built.status;
  snapshot->content_type = std::move(built.content_type);
  snapshot->body = std::move(built.body);
  snapshot->etag = EntityTag(snapshot->body);
  if (snapshot->body.size() > kGzipAbove) snapshot->gzipped = Gzip(snapshot->body);
  std::lock_guard lock(mutex_);
  ++builds_;
  if (snapshots_.size() >= kMaxTargets) snapshots_.clear();
  auto& slot = snapshots_[target];
  if (!slot || slot->generation <= generation) slot = snapshot;
  return snapshot;
}

bool SnapshotCache::Has(const std::string& target) {
  std::lock_guard lock(mutex_);
  return snapshots_.contains(target);
}

}  // namespace saylau::server
