// `saylau serve`: the results service over HTTP/1.1 (Boost.Beast, asynchronous, keep-alive),
// API under /api/v1 (docs/api.md): signed submissions acknowledged only once durable (group
// commit on one writer thread), results and turnout read from the live state, server-sent
// events, /healthz and /metrics. Start() returns once the port listens.
#pragma once

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
  // A published PVT or exit-poll estimate (saylau pvt estimate --json), shown beside the live
  // count at /api/v1/statistics/pvt; empty: none.
  std::string pvt_json;
};

class Server {
 public:
  virtual ~Server() = default;
  // Errors: kUnavailable when the address cannot be bound or web_root cannot be read.
  static Result<std::unique_ptr<Server>> Start(std::unique_ptr<service::ResultsService> service,
                                               const ServerOptions& options);
  virtual unsigned short port() const = 0;
  virtual bool serves_dashboard() const = 0;  // web_root held an index.html
  virtual void Stop() = 0;                    // closes the listener and every connection; idempotent
  virtual void Wait() = 0;                    // blocks until Stop
};

}  // namespace saylau::server
