// The routes of /api/v1 (docs/api.md): signed submissions handed to the Committer, hot reads
// answered from snapshots of the live state (ETag / 304, gzip), protocol history read through
// the service on the writer thread, and the dashboard's files. The router is api.cc, the routes
// are in write_routes.cc and read_routes.cc, their JSON in views.h. Transport-free: the HTTP session
// turns requests into these and back. Every request passes one boundary (Handle): a target,
// query or body that is malformed or not UTF-8 is answered 400 before any route sees it, and an
// exception anywhere in its work is logged, counted and answered, never propagated: 500 here or
// in a store read, 503 from the writer thread (which rebuilds its state from the store).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "committer.h"
#include "desk_budget.h"
#include "desk_history.h"
#include "failures.h"
#include "metrics.h"
#include "request_target.h"
#include "search_index.h"
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
  std::string allow;  // the Allow header of a 405: the methods the path answers
  // When set, the body instead of `body`: a snapshot's bytes, shared rather than copied.
  std::shared_ptr<const std::string> shared_body;

  std::string_view body_view() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

class Api {
 public:
  // `desk_reuse`: how long a key's desk answer is reused after the count moved on;
  // `desk_build_share`: how much of each `desk_build_window` desk builds may take (ServerOptions).
  Api(LiveState& state, Committer& committer, Metrics& metrics, FailureLog& failures, const StaticFiles& web,
      std::chrono::milliseconds desk_reuse, std::chrono::milliseconds desk_build_share,
      std::chrono::milliseconds desk_build_window)
      : state_(state),
        committer_(committer),
        metrics_(metrics),
        failures_(failures),
        web_(web),
        desk_reuse_(desk_reuse),
        desk_budget_(desk_build_share, desk_build_window) {}
  using Reply = std::function<void(HttpResponse)>;
  // Calls `reply` exactly once, possibly later on the writer thread. Never throws.
  void Handle(const HttpRequest& request, Reply reply);

  static bool IsEventStream(const HttpRequest& request);
  // One server-sent event per acknowledgement: "event: submission\ndata: {...}\n\n".
  static std::string EventsFor(const std::vector<service::Acknowledgement>& acks);

 private:
  void Route(const HttpRequest& request, Reply reply);
  // The writes (write_routes.cc): handed to the Committer, answered after the commit.
  void Submit(const HttpRequest& request, bool turnout, Reply reply);
  void Certify(const HttpRequest& request, Reply reply);
  void Observe(const HttpRequest& request, Reply reply);
  void StorePhoto(const HttpRequest& request, const std::string& sha256, Reply reply);
  // The reads (read_routes.cc). These four read the store through the service, on the writer thread.
  void ReadHistory(const Query& query, Reply reply);
  void ReadRejected(Reply reply);
  void ReadLogEntries(const Query& query, Reply reply);
  void ReadPhoto(const std::string& sha256, Reply reply);
  // The commission's desk (desk_route.cc): on the writer thread, kept per key like a snapshot.
  void ReadDesk(const HttpRequest& request, const Query& query, Reply reply);
  // The transparency log and the observers (the caller holds the shared lock).
  HttpResponse ReadLog(const std::string& path, const Query& query);
  // Answers a read endpoint from the live state; the caller holds the shared lock.
  HttpResponse ReadLocked(const std::string& path, const Query& query);
  // Forensics of the live count and a published PVT beside it (the caller holds the shared lock).
  HttpResponse ReadStatistics(const std::string& path, const Query& query);
  // GET /api/v1/search (search_route.cc; the caller holds the shared lock).
  HttpResponse ReadSearch(const Query& query);
  HttpResponse ReadSnapshot(const HttpRequest& request, const std::string& path, const Query& query);
  HttpResponse ReadStatic(const HttpRequest& request, const std::string& path);

  LiveState& state_;
  Committer& committer_;
  Metrics& metrics_;
  FailureLog& failures_;
  const StaticFiles& web_;
  SnapshotCache snapshots_;
  std::chrono::milliseconds desk_reuse_;
  DeskHistory desk_history_;  // the units' latest stored versions, on the writer thread only
  // The desk's answers, apart from the hot reads' snapshots (a reader cycling through keys never
  // evicts those), and the writer time their builds may take (writer thread only).
  SnapshotCache desk_snapshots_;
  DeskBudget desk_budget_;
  // The search index, built on the first search (the definition does not change while serving).
  std::once_flag search_built_;
  std::unique_ptr<const SearchIndex> search_;
};

// {"error": code, "message": text}
HttpResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message);
// 500 {"error": "internal", ...}: our bug, already logged.
HttpResponse InternalErrorResponse();

}  // namespace saylau::server
