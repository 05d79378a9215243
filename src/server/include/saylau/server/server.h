// `saylau serve`: the results service over HTTP/1.1 (Boost.Beast, asynchronous, keep-alive),
// API under /api/v1 (docs/api.md): signed submissions acknowledged only once durable (group
// commit on one writer thread), results and turnout read from the live state, server-sent
// events, /healthz and /metrics. Start() returns once the port listens. Nothing a client sends
// ends the process: every request passes one exception boundary, and connections are capped
// and timed out.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "saylau/base/result.h"
#include "saylau/service/results_service.h"

namespace saylau::server {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int threads = 2;
  std::size_t body_limit = 4 << 20;  // bytes; a larger request body gets 413
  std::string web_root;              // the built dashboard (web/dist) served at /; empty: none
  // A published PVT or exit-poll estimate (published_estimate.h), shown beside the live
  // count at /api/v1/statistics/pvt; empty: none.
  std::string pvt_json;
  // A published bundle (saylau publish --out DIR) whose files the dashboard's download page
  // lists (GET /api/v1/downloads) and the server serves (GET /bundle/<path>, files up to
  // bundle_file_limit bytes); empty: none. Start fails when its manifest does not hold.
  std::string bundle_dir;
  std::uint64_t bundle_file_limit = std::uint64_t{256} << 20;
  // Open connections, event streams included: at most max_connections (lowered to what the
  // descriptor limit allows; Start raises the soft limit to the hard one), at most
  // max_connections_per_client from one address. A connection beyond either is answered 503
  // and closed.
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_client = 64;
  // A connection that sends nothing for idle_timeout is closed (keep-alive included); a
  // request's headers must arrive within header_timeout of its first byte, its body within
  // body_timeout after them; a slow client is dropped.
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{60'000};
  // A key's answer of GET /api/v1/desk is built on the writer thread (a national desk walks
  // every station), so anyone asking for a public key after each change would slow the writes:
  // it is reused for desk_reuse after the count moved on (at most one build per key in that
  // time), unless the key itself sent something since (its own writes are seen at once). 0:
  // rebuilt after every change, like the hot reads.
  std::chrono::milliseconds desk_reuse{5'000};
  // And whatever the keys asked for, desk builds take at most this much of each second of the
  // writer thread: beyond it a key gets its kept answer, or 503 busy when it has none.
  std::chrono::milliseconds desk_build_share{250};
  std::chrono::milliseconds desk_build_window{1'000};  // the "second" the share is of
};

class Server {
 public:
  virtual ~Server() = default;
  // Errors: kUnavailable when the address cannot be bound (CannotListen tells it apart) or
  // web_root cannot be read.
  static Result<std::unique_ptr<Server>> Start(std::unique_ptr<service::ResultsService> service,
                                               const ServerOptions& options);
  virtual unsigned short port() const = 0;
  virtual bool serves_dashboard() const = 0;  // web_root held an index.html
  virtual std::size_t max_connections() const = 0;  // the cap in force (see ServerOptions)
  virtual void Stop() = 0;                    // closes the listener and every connection; idempotent
  virtual void Wait() = 0;                    // blocks until Stop
};

// True for Start's error when the address could not be listened on (in use, not ours).
bool CannotListen(const Error& error);

}  // namespace saylau::server
