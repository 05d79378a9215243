// An HTTP client for several saylau servers behind one election (docs/DEPLOYMENT.md): a request
// that meets a lost connection or HTTP 503 (the store is restarting, a process is gone) is sent
// again, to the next server in turn, with growing pauses, until it is answered or the time
// budget is spent. Safe for signed submissions: one sent again after a lost acknowledgement is
// acknowledged as a duplicate, never stored twice.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "saylau/server/client.h"

namespace saylau::server {

struct FailoverOptions {
  std::vector<std::string> servers;                                // http://HOST:PORT, tried in turn
  std::chrono::milliseconds retry_for{std::chrono::seconds(120)};  // per request; 0: no retries
  std::chrono::milliseconds first_pause{100};                      // doubled after each failure, up to 2 s
  std::function<void(const std::string&)> note;                    // told of each retry; may be empty
};

// Splits "http://a:8080,http://b:8080" into its URLs. Errors: kInvalidArgument for an empty list.
Result<std::vector<std::string>> SplitServers(const std::string& list);

class FailoverClient : public HttpClient {
 public:
  // Connects to the first server that answers, trying each once. Errors: kInvalidArgument for a
  // URL that is not http://HOST:PORT; kUnavailable when none could be reached.
  static Result<std::unique_ptr<FailoverClient>> Connect(FailoverOptions options);

  // Errors: kUnavailable when no server answered other than 503 within the budget (the last
  // failure named); the response otherwise, whatever its status.
  Result<ClientResponse> Request(const std::string& method, const std::string& target, const std::string& body,
                                 const std::string& content_type = "application/json",
                                 const RequestHeaders& headers = {}) override;

  const std::string& current_server() const { return options_.servers[at_]; }
  int retries() const { return retries_; }  // requests sent again so far

 private:
  explicit FailoverClient(FailoverOptions options) : options_(std::move(options)) {}
  // Waits, then moves on to the next server; false when the deadline has passed.
  bool PauseAndMoveOn(const std::string& failure, std::chrono::steady_clock::time_point deadline,
                      std::chrono::milliseconds& pause);

  FailoverOptions options_;
  std::size_t at_ = 0;
  std::unique_ptr<HttpClient> client_;
  int retries_ = 0;
};

}  // namespace saylau::server
