// The routes of /api/v1 (docs/api.md): signed submissions handed to the Committer, reads
// answered from the live state under its shared lock, protocol history read from the store on
// the writer thread. Transport-free: the HTTP session turns requests into these and back.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "committer.h"
#include "metrics.h"

namespace saylau::server {

struct HttpRequest {
  std::string method;
  std::string target;  // path and query
  std::string content_type;
  std::string body;
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class Api {
 public:
  Api(LiveState& state, Committer& committer, Metrics& metrics)
      : state_(state), committer_(committer), metrics_(metrics) {}
  using Reply = std::function<void(HttpResponse)>;
  // Calls `reply` exactly once, possibly later on the writer thread.
  void Handle(const HttpRequest& request, Reply reply);

  static bool IsEventStream(const HttpRequest& request);
  // One server-sent event per acknowledgement: "event: submission\ndata: {...}\n\n".
  static std::string EventsFor(const std::vector<service::Acknowledgement>& acks);

 private:
  void Submit(const HttpRequest& request, bool turnout, Reply reply);
  void Certify(const HttpRequest& request, Reply reply);
  HttpResponse Read(const std::string& path, const std::string& query);

  LiveState& state_;
  Committer& committer_;
  Metrics& metrics_;
};

// {"error": code, "message": text}
HttpResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message);

}  // namespace saylau::server
