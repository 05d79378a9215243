// The API's router: every request passes Handle (one answer, exceptions turned into 500),
// then Route checks the target, method, media type and UTF-8 and hands the request to its
// route: the writes in write_routes.cc, the reads in read_routes.cc. A known path asked with
// a method it does not take is 405 with the Allow header; an unknown path is 404.
#include "api.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <set>

#include "ack_text.h"
#include "downloads_route.h"
#include "json_text.h"
#include "views.h"

namespace saylau::server {

bool Api::IsEventStream(const HttpRequest& request) {
  if (request.method != "GET") return false;
  // The path decodes to /api/v1/events only when it is that, or holds a percent-escape: any
  // other target is not parsed here (Route parses it once).
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (path != "/api/v1/events" && path.find('%') == std::string_view::npos) return false;
  const Result<RequestTarget> target = ParseRequestTarget(request.target);
  return target && target->path == "/api/v1/events";
}

std::string Api::EventsFor(const std::vector<service::Acknowledgement>& acks) {
  std::string out;
  for (const service::Acknowledgement& ack : acks) {
    if (ack.refused || ack.verdict == core::Verdict::kDuplicate) continue;
    const bool stage = ack.what.rfind("certification", 0) == 0;
    out += stage ? "event: stage\ndata: " : "event: submission\ndata: ";
    out += AckText(ack, false);
    out += "\n\n";
  }
  return out;
}

namespace {

// The one answer to a request: the first call goes out and later ones are dropped; a request
// whose work ended without answering (an exception on the writer thread, reported there,
// dropped it) is answered 500 when the last copy of its reply goes.
Api::Reply AnswerOnce(Api::Reply reply, FailureLog& failures, std::string request) {
  struct Once {
    Api::Reply reply;
    FailureLog& failures;
    std::string request;
    std::atomic<bool> answered{false};
    ~Once() {
      if (answered.exchange(true)) return;
      failures.Note(request, "its work ended without an answer; answered 500");
      try {
        reply(InternalErrorResponse());
      } catch (...) {
      }
    }
  };
  // Braces, not make_shared: clang 14 (the fuzz build) has no parenthesised aggregate init.
  auto once = std::shared_ptr<Once>(new Once{std::move(reply), failures, std::move(request)});
  return [once](HttpResponse response) {
    if (!once->answered.exchange(true)) once->reply(std::move(response));
  };
}

constexpr std::string_view kPhotos = "/api/v1/photos/";

bool IsWritePath(const std::string& path) {
  return path == "/api/v1/protocols" || path == "/api/v1/turnout" || path == "/api/v1/certify" ||
         path == "/api/v1/observations";
}

// The read endpoints (a POST to one is 405, not 404).
bool IsReadPath(const std::string& path) {
  static const std::set<std::string, std::less<>> kPaths = {"/healthz",
                                                            "/metrics",
                                                            "/api/v1/election",
                                                            "/api/v1/results",
                                                            "/api/v1/turnout",
                                                            "/api/v1/units",
                                                            "/api/v1/composition",
                                                            "/api/v1/bodies",
                                                            "/api/v1/senate",
                                                            "/api/v1/protocols",
                                                            "/api/v1/rejected",
                                                            "/api/v1/events",
                                                            "/api/v1/keys/last-seq",
                                                            "/api/v1/desk",
                                                            "/api/v1/log/head",
                                                            "/api/v1/log/proof",
                                                            "/api/v1/log/entries",
                                                            "/api/v1/log/consistency",
                                                            "/api/v1/observers",
                                                            "/api/v1/statistics/forensics",
                                                            "/api/v1/statistics/pvt",
                                                            "/api/v1/search",
                                                            "/api/v1/downloads"};
  return kPaths.contains(path);
}

// The methods `path` answers: the Allow header of a 405.
std::string AllowedMethods(const std::string& path) {
  if (path == "/api/v1/certify" || path == "/api/v1/observations") return "POST";
  if (path == "/api/v1/protocols" || path == "/api/v1/turnout") return "GET, HEAD, POST";
  if (path.starts_with(kPhotos)) return "GET, HEAD, PUT";
  return "GET, HEAD";
}

HttpResponse MethodNotAllowed(const std::string& method, const std::string& path) {
  const std::string allow = AllowedMethods(path);
  HttpResponse response = ErrorResponse(405, "method-not-allowed",
                                        Printable(method) + " is not used on " + path + " (it takes " + allow + ")");
  response.allow = allow;
  return response;
}

}  // namespace

void Api::Handle(const HttpRequest& request, Reply reply) {
  metrics_.CountRequest();
  const std::string described = Printable(request.method) + " " + Printable(request.target);
  Reply once = AnswerOnce(std::move(reply), failures_, "request " + described);
  try {
    Route(request, once);
  } catch (...) {
    failures_.Report("request " + described, DescribeException(std::current_exception()));
    once(InternalErrorResponse());
  }
}

void Api::Route(const HttpRequest& request, Reply reply) {
  Result<RequestTarget> target = ParseRequestTarget(request.target);
  if (!target) {
    metrics_.CountHttpError(Metrics::HttpError::kBadRequest);
    return reply(ErrorResponse(400, "bad-request", target.error().message));
  }
  const std::string& path = target->path;
  const Query& query = target->query;
  if (request.method == "POST") {
    if (!IsWritePath(path)) {
      if (IsReadPath(path) || path.starts_with(kPhotos) || path.starts_with(kBundlePrefix)) {
        return reply(MethodNotAllowed(request.method, path));
      }
      return reply(ErrorResponse(404, "not-found", "no such endpoint: POST " + path));
    }
    if (request.content_type.rfind("application/json", 0) != 0) {
      return reply(
          ErrorResponse(415, "unsupported-media-type", "submissions are JSON: send Content-Type: application/json"));
    }
    if (!IsValidUtf8(request.body)) {
      metrics_.CountHttpError(Metrics::HttpError::kBadRequest);
      return reply(ErrorResponse(400, "malformed", "the request body is not valid UTF-8 (JSON is UTF-8 text)"));
    }
    if (path == "/api/v1/certify") return Certify(request, std::move(reply));
    if (path == "/api/v1/observations") return Observe(request, std::move(reply));
    return Submit(request, path == "/api/v1/turnout", std::move(reply));
  }
  if (path.starts_with(kPhotos) && (request.method == "PUT" || request.method == "GET" || request.method == "HEAD")) {
    const std::string sha256 = path.substr(kPhotos.size());
    if (request.method == "PUT") return StorePhoto(request, sha256, std::move(reply));
    return ReadPhoto(sha256, std::move(reply));
  }
  if (request.method != "GET" && request.method != "HEAD") return reply(MethodNotAllowed(request.method, path));
  if (path == "/api/v1/certify" || path == "/api/v1/observations") return reply(MethodNotAllowed(request.method, path));
  if (path == "/api/v1/protocols") return ReadHistory(query, std::move(reply));
  if (path == "/api/v1/rejected") return ReadRejected(std::move(reply));
  if (path == "/api/v1/desk") return ReadDesk(request, query, std::move(reply));
  if (path == "/api/v1/log/entries") return ReadLogEntries(query, std::move(reply));
  const auto started = std::chrono::steady_clock::now();
  HttpResponse response;
  if (path == "/healthz") {
    response = {200, "text/plain", "ok\n"};
  } else if (path == "/metrics") {
    response = {200, "text/plain; version=0.0.4", metrics_.Text()};
  } else if (path == "/api/v1/keys/last-seq" || path == "/api/v1/log/proof" || path == "/api/v1/log/consistency") {
    std::shared_lock lock(state_.mutex);
    response = ReadLocked(path, query);
  } else if (path == "/api/v1/search") {
    std::shared_lock lock(state_.mutex);
    response = ReadSearch(query);
  } else if (path == "/api/v1/downloads") {
    response = DownloadsListing(request, state_);
  } else if (path.starts_with(kBundlePrefix)) {
    response = BundleFile(state_, path);
  } else if (path.rfind("/api/", 0) == 0) {
    response = ReadSnapshot(request, path, query);
  } else {
    response = ReadStatic(request, path);
  }
  metrics_.ObserveRequestLatency(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  reply(std::move(response));
}

}  // namespace saylau::server
