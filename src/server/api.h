// The routes of /api/v1 (docs/api.md): signed submissions handed to the Committer, hot reads
// answered from snapshots of the live state (ETag / 304, gzip), protocol history read from the
// store on the writer thread, and the dashboard's files. Transport-free: the HTTP session
// turns requests into these and back.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "committer.h"
#include "metrics.h"
#include "snapshots.h"
#include "static_files.h"

namespace saylau::server {

struct HttpRequest {
  std::string method;
  std::string target;  // path and query
  std::string content_type;
  std::string body;
  std::string accept_encoding;
  std::string if_none_match;
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string etag;              // empty: none
  std::string content_encoding;  // "gzip" when the body is compressed
  std::string cache_control = "no-cache";
};

class Api {
 public:
  Api(LiveState& state, Committer& committer, Metrics& metrics, const StaticFiles& web)
      : state_(state), committer_(committer), metrics_(metrics), web_(web) {}
  using Reply = std::function<void(HttpResponse)>;
  // Calls `reply` exactly once, possibly later on the writer thread.
  void Handle(const HttpRequest& request, Reply reply);

  static bool IsEventStream(const HttpRequest& request);
  // One server-sent event per acknowledgement: "event: submission\ndata: {...}\n\n".
  static std::string EventsFor(const std::vector<service::Acknowledgement>& acks);

 private:
  void Submit(const HttpRequest& request, bool turnout, Reply reply);
  void Certify(const HttpRequest& request, Reply reply);
  void Observe(const HttpRequest& request, Reply reply);
  void Photo(const HttpRequest& request, const std::string& sha256, Reply reply);
  // The transparency log and the observers (the caller holds the shared lock).
  HttpResponse ReadLog(const std::string& path, const std::string& query);
  void ReadLogEntries(const std::string& query, Reply reply);
  // Answers a read endpoint from the live state; the caller holds the shared lock.
  HttpResponse ReadLocked(const std::string& path, const std::string& query);
  // Forensics of the live count and a published PVT beside it (the caller holds the shared lock).
  HttpResponse ReadStatistics(const std::string& path, const std::string& query);
  HttpResponse ReadSnapshot(const HttpRequest& request, const std::string& path, const std::string& query);
  HttpResponse ReadStatic(const HttpRequest& request, const std::string& path);

  LiveState& state_;
  Committer& committer_;
  Metrics& metrics_;
  const StaticFiles& web_;
  SnapshotCache snapshots_;
};

// {"error": code, "message": text}
HttpResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message);

}  // namespace saylau::server
