// Pre-serialised answers of the hot read endpoints (results, turnout, units, election): the
// JSON and its gzip, with a strong ETag, kept per request target and rebuilt the first time
// it is asked for after the live state changed (its generation moved on). Thread-safe.
#pragma once

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
};

class SnapshotCache {
 public:
  struct Built {
    unsigned status;
    std::string content_type;
    std::string body;
  };
  // The snapshot of `target` at `generation`, built by `build` when there is none yet.
  std::shared_ptr<const Snapshot> Get(const std::string& target, std::uint64_t generation,
                                      const std::function<Built()>& build);
  std::uint64_t hits() const { return hits_; }
  std::uint64_t builds() const { return builds_; }

 private:
  static constexpr std::size_t kMaxTargets = 4096;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Snapshot>> snapshots_;
  std::uint64_t hits_ = 0, builds_ = 0;
};

}  // namespace saylau::server
