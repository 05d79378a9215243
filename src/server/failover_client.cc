#include "saylau/server/failover_client.h"

#include <algorithm>
#include <thread>

namespace saylau::server {

Result<std::vector<std::string>> SplitServers(const std::string& list) {
  std::vector<std::string> servers;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string url = list.substr(start, comma - start);
    url.erase(0, url.find_first_not_of(' '));
    url.erase(url.find_last_not_of(' ') + 1);
    if (!url.empty()) servers.push_back(std::move(url));
    start = comma + 1;
  }
  if (servers.empty()) return InvalidArgument("--server: give at least one http://HOST:PORT");
  return servers;
}

Result<std::unique_ptr<FailoverClient>> FailoverClient::Connect(FailoverOptions options) {
  if (options.servers.empty()) return InvalidArgument("no server given");
  std::unique_ptr<FailoverClient> client(new FailoverClient(std::move(options)));
  // Each server once, without waiting: a command started against servers that are all down
  // says so at once; only an established session rides out a failure.
  Error last{ErrorCode::kUnavailable, ""};
  for (std::size_t i = 0; i < client->options_.servers.size(); ++i) {
    client->at_ = i;
    Result<std::unique_ptr<HttpClient>> connected = HttpClient::Connect(client->current_server());
    if (connected) {
      client->client_ = std::move(*connected);
      return client;
    }
    if (connected.error().code == ErrorCode::kInvalidArgument) return connected.error();
    last = connected.error();
  }
  return last;
}

bool FailoverClient::PauseAndMoveOn(const std::string& failure, std::chrono::steady_clock::time_point deadline,
                                    std::chrono::milliseconds& pause) {
  if (std::chrono::steady_clock::now() + pause > deadline) return false;
  const std::string from = current_server();
  at_ = (at_ + 1) % options_.servers.size();
  if (options_.note) {
    options_.note(from + ": " + failure + "; trying " + current_server() + " in " +
                  std::to_string(static_cast<double>(pause.count()) / 1000.0).substr(0, 4) + " s");
  }
  std::this_thread::sleep_for(pause);
  pause = std::min(pause * 2, std::chrono::milliseconds(2000));
  return true;
}

Result<ClientResponse> FailoverClient::Request(const std::string& method, const std::string& target,
                                               const std::string& body, const std::string& content_type,
                                               const RequestHeaders& headers) {
  const auto deadline = std::chrono::steady_clock::now() + options_.retry_for;
  std::chrono::milliseconds pause = options_.first_pause;
  for (bool first = true;; first = false) {
    if (!first) ++retries_;
    std::string failure;
    if (client_ == nullptr) {
      Result<std::unique_ptr<HttpClient>> connected = HttpClient::Connect(current_server());
      if (connected) {
        client_ = std::move(*connected);
      } else {
        failure = connected.error().message;
      }
    }
    if (client_ != nullptr) {
      Result<ClientResponse> response = client_->Request(method, target, body, content_type, headers);
      if (response && response->status != 503) return response;
      if (response) {
        failure = "HTTP 503 " + response->body.substr(0, 300);
      } else {
        failure = response.error().message;
        client_.reset();  // the connection is gone; the next attempt opens a new one
      }
    }
    if (!PauseAndMoveOn(failure, deadline, pause)) {
      return Unavailable("no server answered within " + std::to_string(options_.retry_for.count() / 1000) +
                         " s; the last failure: " + failure);
    }
  }
}

}  // namespace saylau::server
