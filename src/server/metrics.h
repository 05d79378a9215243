// Counters and latency histograms for /metrics (Prometheus text exposition format 0.0.4).
// Thread-safe (atomics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace saylau::server {

class Metrics {
 public:
  enum class Outcome { kAccepted, kRejected, kDuplicate, kRefused };
  void CountSubmission(Outcome outcome) { submissions_[static_cast<int>(outcome)]++; }
  void ObserveSubmitLatency(double seconds) { Observe(submit_, seconds); }
  void ObserveRequestLatency(double seconds) { Observe(request_, seconds); }
  void StreamOpened() { ++streams_; }
  void StreamClosed() { --streams_; }
  void CountRequest() { ++requests_; }
  // Requests and connections the server refused or failed, by kind (saylau_http_errors_total).
  enum class HttpError {
    kBadRequest,    // refused at the boundary: not HTTP, a bad target or escape, not UTF-8, too large
    kInternal,      // our bug, caught: 500 (or 503 from the writer), logged to stderr
    kSlowClient,    // dropped: the headers or the body did not arrive in time
    kOverCapacity,  // a connection beyond --max-connections or the per-client cap: 503
  };
  void CountHttpError(HttpError kind) { http_errors_[static_cast<int>(kind)]++; }
  void ConnectionOpened() { ++connections_; }
  void ConnectionClosed() { --connections_; }
  void SetSnapshotCounts(std::uint64_t hits, std::uint64_t builds) {
    snapshot_hits_ = hits;
    snapshot_builds_ = builds;
  }
  std::string Text() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};
  struct Histogram {
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> counts{};
    std::atomic<std::uint64_t> micros_sum{0};
  };
  static void Observe(Histogram& histogram, double seconds);
  static void Append(std::string& out, const char* name, const char* help, const Histogram& histogram);

  std::array<std::atomic<std::uint64_t>, 4> submissions_{};
  Histogram submit_, request_;
  std::atomic<std::int64_t> streams_{0};
  std::atomic<std::uint64_t> requests_{0};
  std::array<std::atomic<std::uint64_t>, 4> http_errors_{};
  std::atomic<std::int64_t> connections_{0};
  std::atomic<std::uint64_t> snapshot_hits_{0}, snapshot_builds_{0};
};

}  // namespace saylau::server
