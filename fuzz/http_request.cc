// Fuzz target: the HTTP API as the network reaches it. The bytes are parsed as one request by
// Boost.Beast's request parser (as the server's sessions do, with the same body limit); a
// complete request goes to server::Api::Handle over a results service on the in-memory store
// (a small election with counted protocols, registered keys and an observer). Every request
// must be answered exactly once, never with 500 (an exception of ours), and a JSON answer must
// be JSON. Writes cannot succeed here (the fuzzer cannot sign), so the state stays the same.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "api.h"
#include "saylau/server/server.h"
#include "small_election.h"

namespace {

namespace http = boost::beast::http;
using namespace saylau;

struct Server {
  server::LiveState state;
  server::Metrics metrics;
  server::FailureLog failures{metrics};
  server::StaticFiles web;
  std::unique_ptr<server::Committer> committer;
  std::unique_ptr<server::Api> api;

  Server() {
    state.service = fuzz::OpenSmallService(/*with_protocols=*/true);
    committer = std::make_unique<server::Committer>(
        state, [](const std::vector<service::Acknowledgement>&) {},
        [](const std::string& what) {
          std::fprintf(stderr, "the committer failed: %s\n", what.c_str());
          std::abort();
        });
    const server::ServerOptions defaults;  // the desk's reuse time and build share as served
    api = std::make_unique<server::Api>(state, *committer, metrics, failures, web, defaults.desk_reuse,
                                        defaults.desk_build_share, defaults.desk_build_window);
  }
};

Server& TheServer() {
  static Server* server = new Server();  // never destroyed: the committer thread runs to the end
  return *server;
}

// Parses `bytes` as one request; nullopt when it is not a complete one (the server answers 400).
std::optional<server::HttpRequest> Parse(std::string_view bytes) {
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 * 1024);
  boost::beast::error_code error;
  std::size_t used = 0;
  while (used < bytes.size() && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), error);
    if (error == http::error::need_more) break;
    if (error) return std::nullopt;
    if (n == 0) break;
    used += n;
  }
  if (!parser.is_done()) {
    parser.put_eof(error);
    if (error || !parser.is_done()) return std::nullopt;
  }
  http::request<http::string_body> request = parser.release();
  server::HttpRequest in;
  in.method = std::string(request.method_string());
  in.target = std::string(request.target());
  in.content_type = std::string(request[http::field::content_type]);
  in.body = std::move(request.body());
  in.accept_encoding = std::string(request[http::field::accept_encoding]);
  in.if_none_match = std::string(request[http::field::if_none_match]);
  return in;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Server& server = TheServer();
  const std::optional<server::HttpRequest> request = Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!request || server::Api::IsEventStream(*request)) return 0;
  auto answered = std::make_shared<std::promise<server::HttpResponse>>();
  auto calls = std::make_shared<std::atomic<int>>(0);
  std::future<server::HttpResponse> future = answered->get_future();
  server.api->Handle(*request, [answered, calls](server::HttpResponse response) {
    if (calls->fetch_add(1) != 0) {
      std::fprintf(stderr, "the reply was called twice\n");
      std::abort();
    }
    answered->set_value(std::move(response));
  });
  if (future.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    std::fprintf(stderr, "no reply within 20 s\n");
    std::abort();
  }
  const server::HttpResponse response = future.get();
  if (response.status >= 500 && response.status != 503) {
    std::fprintf(stderr, "answered %u: %s\n", response.status, response.body.c_str());
    std::abort();
  }
  if (response.content_type.rfind("application/json", 0) == 0 && response.content_encoding.empty() &&
      !response.body.empty() && !nlohmann::json::accept(response.body)) {
    std::fprintf(stderr, "not JSON: %s\n", response.body.c_str());
    std::abort();
  }
  return 0;
}
