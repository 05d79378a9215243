#include "metrics.h"

#include <fmt/format.h>

#include "process_metrics.h"

namespace saylau::server {

void Metrics::Observe(Histogram& histogram, double seconds) {
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  histogram.counts[bucket]++;
  histogram.micros_sum += static_cast<std::uint64_t>(seconds * 1e6);
}

void Metrics::Append(std::string& out, const char* name, const char* help, const Histogram& histogram) {
  out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", name, help, name);
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += histogram.counts[i];
    out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name, kBuckets[i], cumulative);
  }
  cumulative += histogram.counts[kBuckets.size()];
  out += fmt::format("{}_bucket{{le=\"+Inf\"}} {}\n{}_sum {}\n{}_count {}\n", name, cumulative, name,
                     static_cast<double>(histogram.micros_sum) / 1e6, name, cumulative);
}

std::string Metrics::Text() const {
  std::string out =
      "# HELP saylau_submissions_total Signed submissions by outcome (refused: not stored).\n"
      "# TYPE saylau_submissions_total counter\n";
  constexpr const char* kNames[] = {"accepted", "rejected", "duplicate", "refused"};
  for (int i = 0; i < 4; ++i) {
    out += fmt::format("saylau_submissions_total{{outcome=\"{}\"}} {}\n", kNames[i], submissions_[i].load());
  }
  Append(out, "saylau_submit_seconds", "Time from a submission's arrival to its durable acknowledgement.", submit_);
  Append(out, "saylau_request_seconds", "Time to answer a read request.", request_);
  out += fmt::format(
      "# HELP saylau_open_streams Open server-sent event streams.\n# TYPE saylau_open_streams gauge\n"
      "saylau_open_streams {}\n# HELP saylau_requests_total HTTP requests.\n# TYPE saylau_requests_total counter\n"
      "saylau_requests_total {}\n"
      "# HELP saylau_snapshot_hits_total Reads answered from a pre-serialised snapshot.\n"
      "# TYPE saylau_snapshot_hits_total counter\nsaylau_snapshot_hits_total {}\n"
      "# HELP saylau_snapshot_builds_total Snapshots serialised after a change.\n"
      "# TYPE saylau_snapshot_builds_total counter\nsaylau_snapshot_builds_total {}\n",
      streams_.load(), requests_.load(), snapshot_hits_.load(), snapshot_builds_.load());
  out +=
      "# HELP saylau_http_errors_total Requests and connections refused or failed: bad-request (refused at the "
      "boundary), internal (a bug caught and logged), slow-client (timed out), over-capacity (503 beyond the "
      "connection caps).\n# TYPE saylau_http_errors_total counter\n";
  constexpr const char* kKinds[] = {"bad-request", "internal", "slow-client", "over-capacity"};
  for (int i = 0; i < 4; ++i) {
    out += fmt::format("saylau_http_errors_total{{kind=\"{}\"}} {}\n", kKinds[i], http_errors_[i].load());
  }
  out += fmt::format(
      "# HELP saylau_open_connections Open HTTP connections (event streams included).\n"
      "# TYPE saylau_open_connections gauge\nsaylau_open_connections {}\n",
      connections_.load());
  AppendProcessMetrics(out);
  return out;
}

}  // namespace saylau::server
