// Pre-serialised answers of the hot read endpoints (results, turnout, units, election): the
// JSON and its gzip, with a strong ETag, kept per request target and rebuilt the first time
// it is asked for after the live state changed (its generation moved on), or, where the caller
// allows it (the desk), reused a while after that. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace saylau::server {

struct Snapshot {
  std::uint64_t generation = 0;
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::string gzipped;  // empty when the body is too small to be worth it
  std::string etag;
  std::chrono::steady_clock::time_point built_at;
  std::int64_t tag = 0;  // the builder's own note (the desk: the key's last_seq when built)
};

class SnapshotCache {
 public:
  struct Built {
    unsigned status;
    std::string content_type;
    std::string body;
    std::int64_t tag = 0;
  };
  // The snapshot of `target` at `generation`, built by `build` when there is none yet.
  std::shared_ptr<const Snapshot> Get(const std::string& target, std::uint64_t generation,
                                      const std::function<Built()>& build);
  // The same, but a snapshot of an older generation is also reused while `still_good` says so.
  std::shared_ptr<const Snapshot> Get(const std::string& target, std::uint64_t generation,
                                      const std::function<bool(const Snapshot&)>& still_good,
                                      const std::function<Built()>& build);
  // Whether a snapshot of `target` (of any generation) is kept.
  bool Has(const std::string& target);
  // Read without the lock by the metrics of any request's thread, hence atomic.
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t builds() const { return builds_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::size_t kMaxTargets = 4096;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Snapshot>> snapshots_;
  std::atomic<std::uint64_t> hits_{0}, builds_{0};
};

}  // namespace saylau::server
