#include "api.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <exception>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "gzip.h"
#include "json_text.h"
#include "saylau/bundle/documents.h"
#include "saylau/core/composition.h"
#include "saylau/formats/outcome_json.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/stats/forensics.h"
#include "saylau/formats/submission_json.h"

namespace saylau::server {
namespace {

HttpResponse ErrorResponseOf(unsigned status, std::string_view code, std::string_view message) {
  return {status, "application/json", DumpJson(nlohmann::json{{"error", code}, {"message", message}})};
}

using nlohmann::json;
using service::Acknowledgement;
using service::Refusal;

unsigned StatusOf(Refusal refusal) {
  switch (refusal) {
    case Refusal::kMalformed:
      return 400;
    case Refusal::kBadSignature:
    case Refusal::kUnknownKey:
      return 401;
    case Refusal::kNotAuthorised:
      return 403;
    case Refusal::kUnknownContest:
    case Refusal::kUnknownUnit:
      return 404;
    case Refusal::kReplay:
    case Refusal::kOutOfOrder:
    case Refusal::kNotAllowed:
    case Refusal::kUnknownHead:
      return 409;
  }
  return 400;
}

json HeadJson(const ledger::TreeHead& head) { return json::parse(ledger::EncodeTreeHead(head)); }

json HashesJson(std::span<const ledger::Hash> hashes) {
  json out = json::array();
  for (const ledger::Hash& hash : hashes) out.push_back(ledger::ToHex(hash));
  return out;
}

// With `log`, the leaf index, inclusion proof and tree head (the acknowledgement to the sender;
// the event stream leaves them out).
// The store could not take the submission now (busy, restarting, failing over): send it again.
HttpResponse Unavailable503(const Error& error) {
  const bool said = error.message.ends_with("(retry)");
  return ErrorResponseOf(503, "unavailable", error.message + (said ? "" : " (retry)"));
}

json AckJson(const Acknowledgement& ack, bool log = true) {
  json out = {{"what", ack.what}, {"origin", ack.origin}};
  if (ack.refused) {
    out["status"] = "refused";
    out["refusal"] = service::RefusalName(ack.refused->reason);
    out["message"] = ack.refused->message;
    return out;
  }
  out["status"] = core::VerdictName(ack.verdict);
  out["seq"] = ack.seq;
  out["version"] = ack.version;
  out["correction"] = ack.correction;
  json reasons = json::array();
  for (const core::Violation& v : ack.violations) reasons.push_back({{"relation", v.relation}, {"detail", v.detail}});
  out["reasons"] = reasons;
  if (log && ack.leaf_index >= 0) {
    out["leaf_index"] = ack.leaf_index;
    if (ack.head) {
      out["inclusion"] = HashesJson(ack.inclusion);
      out["tree_head"] = HeadJson(*ack.head);
    }
  }
  return out;
}

// A non-negative decimal of at most 18 digits (no sign, no spaces), or nullopt.
std::optional<std::uint64_t> QueryNumber(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

json NamesJson(const core::Names& names) { return {{"kk", names.kk}, {"ru", names.ru}, {"en", names.en}}; }

json ProgressJson(const core::Progress& progress) {
  return {{"reported", progress.reported},
          {"expected", progress.expected},
          {"voters_reported", progress.voters_reported},
          {"voters_expected", progress.voters_expected},
          {"complete", progress.complete()}};
}

// Each arithmetic control relation of a protocol: whether it holds, and what broke it.
json ChecksJson(const json& reasons) {
  json checks = json::array();
  for (const std::string_view relation : core::kArithmeticRelations) {
    json check = {{"relation", relation}, {"holds", true}};
    if (reasons.is_array()) {
      for (const json& reason : reasons) {
        if (reason.value("relation", "") == relation) {
          check["holds"] = false;
          check["detail"] = reason.value("detail", "");
        }
      }
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

HttpResponse JsonResponse(const json& body) { return {200, "application/json", DumpJson(body)}; }

// The signed envelopes of a request body: one JSON object or an array of them, each with its
// signature checked here (off the writer thread). `refuse` names what is wrong with an
// envelope's body for this path (empty: nothing). Otherwise the 400 to answer.
struct Envelopes {
  std::vector<service::SignedSubmission> batch;
  bool many = false;
};
std::variant<Envelopes, HttpResponse> ReadEnvelopes(const std::string& text,
                                                    const std::function<std::string(const crypto::Envelope&)>& refuse) {
  const json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return ErrorResponseOf(400, "malformed", "the request body is not JSON");
  Envelopes out;
  out.many = parsed.is_array();
  if (!out.many && !parsed.is_object()) {
    return ErrorResponseOf(400, "malformed", "send a signed envelope (a JSON object) or an array of them");
  }
  const json items = out.many ? parsed : json::array({parsed});
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = out.many ? "item " + std::to_string(i) + ": " : "";
    if (!items[i].is_object()) return ErrorResponseOf(400, "malformed", where + "not a signed envelope");
    Result<crypto::Envelope> envelope = crypto::DecodeEnvelope(DumpJson(items[i]));
    if (!envelope) return ErrorResponseOf(400, "malformed", where + envelope.error().message);
    if (const std::string why = refuse(*envelope); !why.empty()) return ErrorResponseOf(400, "malformed", where + why);
    const bool valid = crypto::VerifyEnvelope(*envelope);
    out.batch.push_back({std::move(*envelope), valid});
  }
  return out;
}

}  // namespace

HttpResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message) {
  return ErrorResponseOf(status, code, message);
}

bool Api::IsEventStream(const HttpRequest& request) {
  if (request.method != "GET") return false;
  const Result<RequestTarget> target = ParseRequestTarget(request.target);
  return target && target->path == "/api/v1/events";
}

std::string Api::EventsFor(const std::vector<Acknowledgement>& acks) {
  std::string out;
  for (const Acknowledgement& ack : acks) {
    if (ack.refused || ack.verdict == core::Verdict::kDuplicate) continue;
    const bool stage = ack.what.rfind("certification", 0) == 0;
    out += stage ? "event: stage\ndata: " : "event: submission\ndata: ";
    out += DumpJson(AckJson(ack, false));
    out += "\n\n";
  }
  return out;
}

HttpResponse InternalErrorResponse() {
  return ErrorResponseOf(500, "internal",
                         "the server met an internal error (logged; please report it); this request was not completed");
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
  static const std::set<std::string, std::less<>> kPaths = {
      "/healthz",           "/metrics",          "/api/v1/election",      "/api/v1/results",
      "/api/v1/turnout",    "/api/v1/units",     "/api/v1/composition",   "/api/v1/protocols",
      "/api/v1/rejected",   "/api/v1/events",    "/api/v1/keys/last-seq", "/api/v1/log/head",
      "/api/v1/log/proof",  "/api/v1/log/entries", "/api/v1/log/consistency", "/api/v1/observers",
      "/api/v1/statistics/forensics", "/api/v1/statistics/pvt"};
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
  HttpResponse response =
      ErrorResponseOf(405, "method-not-allowed", Printable(method) + " is not used on " + path + " (it takes " + allow + ")");
  response.allow = allow;
  return response;
}

// A stored JSON text as JSON; text that is not JSON (it should not happen) as a string.
json StoredJson(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
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
      if (IsReadPath(path)) return reply(MethodNotAllowed(request.method, path));
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
    return Photo(request, path.substr(kPhotos.size()), std::move(reply));
  }
  if (request.method != "GET" && request.method != "HEAD") return reply(MethodNotAllowed(request.method, path));
  if (path == "/api/v1/certify" || path == "/api/v1/observations") return reply(MethodNotAllowed(request.method, path));
  if (path == "/api/v1/protocols") {
    const std::string unit = query.Value("unit");
    if (unit.empty()) return reply(ErrorResponse(400, "bad-request", "give ?unit=STATION"));
    committer_.Read([unit, reply](service::ResultsService& service) {
      if (service.election().UnitIndex(unit) < 0) {
        return reply(ErrorResponse(404, "unknown-unit", "unit '" + unit + "' is not in the election"));
      }
      json versions = json::array();
      const Status scanned =
          service.store().ScanMatching({unit, false}, [&](const store::StoredSubmission& s) -> Status {
            json entry = {{"seq", s.seq},
                          {"kind", store::SubmissionKindName(s.kind)},
                          {"contest", s.contest},
                          {"round", s.round},
                          {"time", s.time},
                          {"version", s.version},
                          {"verdict", s.accepted ? "accepted" : "rejected"},
                          {"body", StoredJson(s.body)},
                          {"reasons", StoredJson(s.reasons)},
                          {"received_at", s.received_at}};
            if (s.kind == store::SubmissionKind::kProtocol) entry["checks"] = ChecksJson(entry["reasons"]);
            if (!s.envelope.key.empty()) {
              entry["envelope"] = {{"key", s.envelope.key},
                                   {"seq", s.envelope.seq},
                                   {"signature", s.envelope.signature},
                                   {"body", s.envelope.body}};
            }
            versions.push_back(std::move(entry));
            return {};
          });
      if (!scanned) return reply(ErrorResponse(503, "unavailable", scanned.error().message));
      reply(JsonResponse({{"unit", unit}, {"submissions", versions}}));
    });
    return;
  }
  if (path == "/api/v1/rejected") {
    committer_.Read([reply](service::ResultsService& service) {
      json rejected = json::array();
      const Status scanned = service.store().ScanMatching({"", true}, [&](const store::StoredSubmission& s) -> Status {
        rejected.push_back({{"seq", s.seq},
                            {"kind", store::SubmissionKindName(s.kind)},
                            {"contest", s.contest},
                            {"unit", s.unit},
                            {"time", s.time},
                            {"reasons", StoredJson(s.reasons)},
                            {"origin", s.origin},
                            {"received_at", s.received_at}});
        return {};
      });
      if (!scanned) return reply(ErrorResponse(503, "unavailable", scanned.error().message));
      reply(JsonResponse({{"rejected", rejected}}));
    });
    return;
  }
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
  } else if (path.rfind("/api/", 0) == 0) {
    response = ReadSnapshot(request, path, query);
  } else {
    response = ReadStatic(request, path);
  }
  metrics_.ObserveRequestLatency(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  reply(std::move(response));
}

namespace {

// The response to a GET of a stored body: 304 when the client has it, gzip when it takes it.
HttpResponse Conditional(const HttpRequest& request, unsigned status, const std::string& content_type,
                         const std::string& body, const std::string& gzipped, const std::string& etag) {
  HttpResponse response{status, content_type, {}, etag};
  if (status == 200 && MatchesEntityTag(request.if_none_match, etag)) {
    response.status = 304;
    return response;
  }
  if (!gzipped.empty() && AcceptsGzip(request.accept_encoding)) {
    response.body = gzipped;
    response.content_encoding = "gzip";
  } else {
    response.body = body;
  }
  return response;
}

}  // namespace

HttpResponse Api::ReadSnapshot(const HttpRequest& request, const std::string& path, const Query& query) {
  std::shared_ptr<const Snapshot> snapshot;
  {
    std::shared_lock lock(state_.mutex);
    // Keyed by what the routes read, so that made-up parameters cannot make each request a
    // fresh (possibly costly) build. Decoded values hold no control characters.
    const std::string key = path + "\n" + query.Value("contest") + "\n" + query.Value("unit") + "\n" +
                            query.Value("parent");
    snapshot = snapshots_.Get(key, state_.generation.load(), [&] {
      HttpResponse built = ReadLocked(path, query);
      return SnapshotCache::Built{built.status, std::move(built.content_type), std::move(built.body)};
    });
  }
  metrics_.SetSnapshotCounts(snapshots_.hits(), snapshots_.builds());
  return Conditional(request, snapshot->status, snapshot->content_type, snapshot->body, snapshot->gzipped,
                     snapshot->status == 200 ? snapshot->etag : std::string());
}

HttpResponse Api::ReadStatic(const HttpRequest& request, const std::string& path) {
  const StaticFile* file = web_.Find(path);
  if (file == nullptr) {
    return ErrorResponse(404, "not-found",
                         web_.empty() ? "no such endpoint: " + path + " (the dashboard is not built: make build)"
                                      : "no such file: " + path);
  }
  HttpResponse response = Conditional(request, 200, file->content_type, file->body, file->gzipped, file->etag);
  if (file->immutable) response.cache_control = "public, max-age=31536000, immutable";
  return response;
}

void Api::Submit(const HttpRequest& request, bool turnout, Reply reply) {
  // A turnout report has a "time"; each kind has its own path.
  auto envelopes = ReadEnvelopes(request.body, [turnout](const crypto::Envelope& envelope) -> std::string {
    const json body = json::parse(envelope.body, nullptr, false);
    if (!body.is_object()) return "the signed body is not a JSON object";
    if (body.contains("time") == turnout) return {};
    return turnout ? "a turnout report (with a \"time\") belongs to POST /api/v1/turnout, not a protocol"
                   : "a turnout report belongs to POST /api/v1/turnout";
  });
  if (auto* refused = std::get_if<HttpResponse>(&envelopes)) return reply(std::move(*refused));
  auto& [batch, many] = std::get<Envelopes>(envelopes);
  const auto started = std::chrono::steady_clock::now();
  committer_.Submit(std::move(batch), [this, many = many, started, reply](Result<std::vector<Acknowledgement>> acks) {
    if (!acks) return reply(Unavailable503(acks.error()));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    json out = json::array();
    for (const Acknowledgement& ack : *acks) {
      metrics_.ObserveSubmitLatency(seconds);
      metrics_.CountSubmission(ack.refused                               ? Metrics::Outcome::kRefused
                               : ack.verdict == core::Verdict::kAccepted ? Metrics::Outcome::kAccepted
                               : ack.verdict == core::Verdict::kRejected ? Metrics::Outcome::kRejected
                                                                         : Metrics::Outcome::kDuplicate);
      out.push_back(AckJson(ack));
    }
    if (many) return reply(JsonResponse({{"acknowledgements", out}}));
    const Acknowledgement& ack = acks->front();
    HttpResponse response = JsonResponse(out[0]);
    if (ack.refused) response.status = StatusOf(ack.refused->reason);
    reply(std::move(response));
  });
}

void Api::Certify(const HttpRequest& request, Reply reply) {
  Result<crypto::Envelope> envelope = crypto::DecodeEnvelope(request.body);
  if (!envelope) return reply(ErrorResponse(400, "malformed", envelope.error().message));
  const bool valid = crypto::VerifyEnvelope(*envelope);
  auto work = [submission = service::SignedSubmission{std::move(*envelope), valid}](
                  service::ResultsService& service) -> Result<std::vector<Acknowledgement>> {
    Result<Acknowledgement> ack = service.CertifySigned(submission, service::NowUtc());
    if (!ack) return ack.error();
    return std::vector<Acknowledgement>{std::move(*ack)};
  };
  committer_.RunExclusive(std::move(work), [reply](Result<std::vector<Acknowledgement>> acks) {
    if (!acks) return reply(Unavailable503(acks.error()));
    const Acknowledgement& ack = acks->front();
    HttpResponse response = JsonResponse(AckJson(ack));
    if (ack.refused) response.status = StatusOf(ack.refused->reason);
    reply(std::move(response));
  });
}

HttpResponse Api::ReadStatistics(const std::string& path, const Query& query) {
  const core::ElectionNight& night = state_.service->night();
  if (path == "/api/v1/statistics/pvt") {
    if (!state_.pvt) {
      return ErrorResponse(404, "no-estimate", "no PVT or exit-poll estimate is published here (saylau serve --pvt FILE)");
    }
    const int contest = night.plan().ContestIndex(state_.pvt_contest);
    if (contest < 0) return ErrorResponse(404, "unknown-contest", "the estimate's contest is not in the election");
    const stats::StationResults stations = stats::StationsOf(night, contest);
    std::vector<stats::Comparison> comparison = stats::CompareWithOfficial(state_.pvt->shares, stats::OfficialShares(stations));
    const auto turnout = stats::CompareWithOfficial(state_.pvt->turnout, stats::OfficialShares(stations));
    comparison.insert(comparison.end(), turnout.begin(), turnout.end());
    json out = state_.pvt_published;
    out["comparison"] = formats::ComparisonJson(comparison);
    out["official_progress"] = ProgressJson(night.tabulation().ProgressAt(contest, 1, 0));
    return JsonResponse(out);
  }
  const std::string contest_id = query.Value("contest");
  const int contest = night.plan().ContestIndex(contest_id);
  if (contest < 0) return ErrorResponse(404, "unknown-contest", "contest '" + contest_id + "' is not in the election");
  // 200 simulations keep a request to a few hundred milliseconds even at 800,000 stations; the
  // snapshot cache answers every later request until the count changes.
  const stats::ForensicsReport report = stats::RunForensics(stats::StationsOf(night, contest), {200, 1, 0.05, 1});
  return JsonResponse(formats::ForensicsJson(report));
}

HttpResponse Api::ReadLog(const std::string& path, const Query& query) {
  const service::ResultsService& service = *state_.service;
  const std::optional<ledger::TreeHead>& head = service.head();
  if (path == "/api/v1/observers") {
    json observers = json::array();
    for (const store::RegisteredObserver& o : service.observers()) {
      observers.push_back({{"id", o.id}, {"organisation", o.organisation}, {"kind", o.kind}, {"key", o.public_key}});
    }
    return JsonResponse({{"observers", observers}, {"flags", bundle::FlagsDocument(service.ObserverFlags())["flags"]}});
  }
  if (!head) return ErrorResponse(404, "no-tree-head", "nothing has been logged yet");
  if (path == "/api/v1/log/head") {
    json witnesses = json::array();
    for (const auto& [observer, witnessed] : service.witnesses()) {
      witnesses.push_back({{"observer", observer}, {"head", HeadJson(witnessed)}});
    }
    return JsonResponse({{"head", HeadJson(*head)}, {"signed", !head->signature.empty()}, {"witnesses", witnesses}});
  }
  if (path == "/api/v1/log/proof") {
    const std::optional<std::uint64_t> leaf = QueryNumber(query.Value("leaf"));
    const std::string size_text = query.Value("size");
    const std::optional<std::uint64_t> size = size_text.empty() ? head->size : QueryNumber(size_text);
    if (!leaf || !size || *leaf >= *size || *size > head->size) {
      return ErrorResponse(
          400, "bad-request",
          "give ?leaf=N[&size=M] with N < M <= " + std::to_string(head->size) + " (the tree head's size)");
    }
    return JsonResponse({{"leaf_index", *leaf},
                         {"tree_size", *size},
                         {"leaf_hash", ledger::ToHex(service.tree().Leaf(*leaf))},
                         {"inclusion", HashesJson(service.tree().InclusionProof(*leaf, *size))},
                         {"root", ledger::ToHex(service.tree().Root(*size))}});
  }
  if (path == "/api/v1/log/consistency") {
    const std::optional<std::uint64_t> first = QueryNumber(query.Value("first"));
    const std::string second_text = query.Value("second");
    const std::optional<std::uint64_t> second = second_text.empty() ? head->size : QueryNumber(second_text);
    if (!first || !second || *first == 0 || *first > *second || *second > head->size) {
      return ErrorResponse(400, "bad-request",
                           "give ?first=A[&second=B] with 0 < A <= B <= " + std::to_string(head->size));
    }
    return JsonResponse({{"first", *first},
                         {"second", *second},
                         {"first_root", ledger::ToHex(service.tree().Root(*first))},
                         {"second_root", ledger::ToHex(service.tree().Root(*second))},
                         {"consistency", HashesJson(service.tree().ConsistencyProof(*first, *second))}});
  }
  return ErrorResponse(404, "not-found", "no such endpoint: " + path);
}

void Api::ReadLogEntries(const Query& query, Reply reply) {
  constexpr std::uint64_t kMaxEntries = 1000;
  const std::optional<std::uint64_t> start = QueryNumber(query.Value("start"));
  const std::string end_text = query.Value("end");
  const std::optional<std::uint64_t> end = end_text.empty() && start ? *start + 1 : QueryNumber(end_text);
  if (!start || !end || *end <= *start || *end - *start > kMaxEntries) {
    return reply(ErrorResponse(400, "bad-request",
                               "give ?start=A&end=B: the entries with leaf index A <= i < B, at most " +
                                   std::to_string(kMaxEntries) + " at a time"));
  }
  committer_.Read([start = *start, end = *end, reply](service::ResultsService& service) {
    json entries = json::array();
    bool stopped = false;  // the scan stops at its first error: past `end` is one
    const Status scanned =
        service.store().Scan(static_cast<std::int64_t>(start), [&](const store::StoredSubmission& s) -> Status {
          if (static_cast<std::uint64_t>(s.seq) > end) {
            stopped = true;
            return FailedPrecondition("past the range");
          }
          entries.push_back({{"leaf_index", s.seq - 1}, {"entry", ledger::EncodeLogEntry(service.LogEntryOf(s))}});
          return {};
        });
    if (!scanned && !stopped) {
      return reply(ErrorResponse(503, "unavailable", scanned.error().message));
    }
    reply(JsonResponse({{"start", start}, {"entries", entries}}));
  });
}

// PUT stores a paper protocol's photo that a stored protocol names by its SHA-256; GET serves it.
void Api::Photo(const HttpRequest& request, const std::string& sha256, Reply reply) {
  if (request.method == "PUT") {
    committer_.Read([sha256, type = request.content_type.substr(0, request.content_type.find(';')), body = request.body,
                     reply](service::ResultsService& service) mutable {
      const Status stored = service.AddPhoto(sha256, type, std::move(body));
      if (!stored) {
        const unsigned status = stored.error().code == ErrorCode::kNotFound      ? 404
                                : stored.error().code == ErrorCode::kUnavailable ? 503
                                                                                 : 400;
        return reply(ErrorResponse(status, status == 404 ? "not-referenced" : "bad-photo", stored.error().message));
      }
      reply(JsonResponse({{"photo", sha256}, {"stored", true}}));
    });
    return;
  }
  committer_.Read([sha256, reply](service::ResultsService& service) {
    Result<std::optional<store::StoredPhoto>> photo = service.store().Photo(sha256);
    if (!photo) return reply(ErrorResponse(503, "unavailable", photo.error().message));
    if (!*photo) return reply(ErrorResponse(404, "not-found", "no photo " + sha256));
    HttpResponse response{200, (*photo)->media_type, std::move((*photo)->bytes)};
    response.cache_control = "public, max-age=31536000, immutable";
    reply(std::move(response));
  });
}

void Api::Observe(const HttpRequest& request, Reply reply) {
  auto envelopes = ReadEnvelopes(request.body, [](const crypto::Envelope&) { return std::string(); });
  if (auto* refused = std::get_if<HttpResponse>(&envelopes)) return reply(std::move(*refused));
  auto& [batch, many] = std::get<Envelopes>(envelopes);
  auto work = [batch = std::move(batch)](service::ResultsService& service) {
    return service.ObserveSigned(batch, service::NowUtc());
  };
  committer_.RunExclusive(std::move(work), [many = many, reply](Result<std::vector<Acknowledgement>> acks) {
    if (!acks) return reply(Unavailable503(acks.error()));
    json out = json::array();
    for (const Acknowledgement& ack : *acks) out.push_back(AckJson(ack));
    if (many) return reply(JsonResponse({{"acknowledgements", out}}));
    HttpResponse response = JsonResponse(out[0]);
    if (acks->front().refused) response.status = StatusOf(acks->front().refused->reason);
    reply(std::move(response));
  });
}

HttpResponse Api::ReadLocked(const std::string& path, const Query& query) {
  const service::ResultsService& service = *state_.service;
  const core::Election& election = service.election();
  const core::ElectionNight& night = service.night();
  const core::CountingPlan& plan = night.plan();
  const auto unit_of = [&](const std::string& id) {
    return plan.UnitIndex(id.empty() ? election.units().front().id : id);
  };
  if (path == "/api/v1/election") {
    json contests = json::array();
    for (const core::ContestPlan& contest : plan.contests()) {
      json options = json::array();
      for (const auto& option : contest.contest->options)
        options.push_back({{"id", option.id}, {"name", NamesJson(option.name)}, {"party", option.party}});
      contests.push_back({{"id", contest.contest->id},
                          {"name", NamesJson(contest.contest->name)},
                          {"unit", contest.contest->unit},
                          {"kind", contest.contest->kind},
                          {"against_all", contest.contest->against_all},
                          {"options", options}});
    }
    json parties = json::array();
    for (const core::Party& party : election.parties()) {
      parties.push_back({{"id", party.id},
                         {"name", NamesJson(party.name)},
                         {"short_name", party.short_name},
                         {"color", party.color}});
    }
    json regions = json::array();
    for (int child : plan.Children(0)) {
      const core::Unit& unit = election.units()[child];
      regions.push_back({{"id", unit.id}, {"name", NamesJson(unit.name)}, {"kind", core::UnitKindName(unit.kind)}});
    }
    return JsonResponse({{"id", election.id()},
                         {"date", election.date().ToString()},
                         {"parties", parties},
                         {"regions", regions},
                         {"name", NamesJson(election.name())},
                         {"cec", election.units().front().id},
                         {"units", election.units().size()},
                         {"contests", contests}});
  }
  if (path == "/api/v1/statistics/forensics" || path == "/api/v1/statistics/pvt") return ReadStatistics(path, query);
  if (path == "/api/v1/keys/last-seq") {
    const std::string key = query.Value("key");
    return JsonResponse({{"key", key}, {"last_seq", service.LastKeySeq(key)}});
  }
  if (path.rfind("/api/v1/log/", 0) == 0 || path == "/api/v1/observers") return ReadLog(path, query);
  if (path == "/api/v1/results") {
    const std::string contest_id = query.Value("contest");
    const int contest = plan.ContestIndex(contest_id);
    if (contest < 0)
      return ErrorResponse(404, "unknown-contest", "contest '" + contest_id + "' is not in the election");
    const core::ContestPlan& contest_plan = plan.contests()[contest];
    const std::string unit_id =
        query.Value("unit").empty() ? contest_plan.contest->unit : query.Value("unit");
    const int unit = unit_of(unit_id);
    const int local = unit < 0 ? -1 : contest_plan.LocalIndex(unit);
    if (local < 0) {
      return ErrorResponse(404, "unknown-unit",
                           "unit '" + unit_id + "' is not where contest '" + contest_id + "' is counted");
    }
    const core::ContestStatus status = night.StatusOf(contest);
    const json totals =
        formats::ProtocolValuesToJson(*contest_plan.contest, night.tabulation().Totals(contest, status.round, local));
    const int parent = plan.Parent(unit);
    json out = {{"contest", contest_id},
                {"unit", unit_id},
                {"unit_name", NamesJson(election.units()[unit].name)},
                {"unit_kind", core::UnitKindName(election.units()[unit].kind)},
                {"parent", parent < 0 ? json(nullptr) : json(election.units()[parent].id)},
                {"stage", core::StageName(status.stage)},
                {"round", status.round},
                {"partial", status.partial},
                {"progress", ProgressJson(night.tabulation().ProgressAt(contest, status.round, local))},
                {"totals", totals}};
    if (local == 0 && status.outcome)
      out["outcome"] = formats::OutcomeToJson(election, *contest_plan.contest, *status.outcome);
    return JsonResponse(out);
  }
  if (path == "/api/v1/turnout") {
    const std::string unit_id = query.Value("unit");
    const int unit = unit_of(unit_id);
    if (unit < 0) return ErrorResponse(404, "unknown-unit", "unit '" + unit_id + "' is not in the election");
    json times = json::array();
    for (int time = 0; time < core::kReportTimes; ++time) {
      const core::TurnoutFigure figure = night.turnout().At(unit, time);
      times.push_back({{"time", core::kReportTimeNames[time]},
                       {"reported", figure.reported},
                       {"expected", figure.expected},
                       {"voters", figure.voters},
                       {"issued", figure.issued}});
    }
    return JsonResponse({{"unit", election.units()[unit].id}, {"times", times}});
  }
  if (path == "/api/v1/units") {
    const int parent = unit_of(query.Value("parent"));
    if (parent < 0)
      return ErrorResponse(404, "unknown-unit", "unit '" + query.Value("parent") + "' is not in the election");
    const std::string contest_id = query.Value("contest");
    const int contest = contest_id.empty() ? 0 : plan.ContestIndex(contest_id);
    if (contest < 0)
      return ErrorResponse(404, "unknown-contest", "contest '" + contest_id + "' is not in the election");
    const core::ContestPlan& contest_plan = plan.contests()[contest];
    const int round = night.StatusOf(contest).round;
    json children = json::array();
    for (int child : plan.Children(parent)) {
      const core::Unit& unit = election.units()[child];
      json entry = {{"id", unit.id}, {"name", NamesJson(unit.name)}, {"kind", core::UnitKindName(unit.kind)}};
      if (const int local = contest_plan.LocalIndex(child); local >= 0) {
        entry["progress"] = ProgressJson(night.tabulation().ProgressAt(contest, round, local));
        // For maps and tables: the counted ballots and the leading option of the child.
        const auto values = night.tabulation().Totals(contest, round, local);
        const auto line = [&](core::Line name) { return values[static_cast<int>(name)]; };
        entry["voters"] = line(core::Line::kVoters);
        entry["issued"] = line(core::Line::kIssued);
        entry["valid"] = line(core::Line::kValid);
        int leader = -1;
        for (int option = 0; option < static_cast<int>(contest_plan.contest->options.size()); ++option) {
          const std::int64_t votes = values[core::kFixedLines + option];
          if (votes > 0 && (leader < 0 || votes > values[core::kFixedLines + leader])) leader = option;
        }
        if (leader >= 0) {
          entry["leader"] = {{"option", contest_plan.contest->options[leader].id},
                             {"votes", values[core::kFixedLines + leader]}};
        }
      }
      children.push_back(std::move(entry));
    }
    return JsonResponse(
        {{"parent", election.units()[parent].id}, {"contest", contest_plan.contest->id}, {"units", children}});
  }
  if (path == "/api/v1/composition") {
    // Every contest's status first: the outcomes must outlive the composition's pointers.
    std::vector<core::ContestStatus> statuses;
    for (int contest = 0; contest < static_cast<int>(plan.contests().size()); ++contest) {
      statuses.push_back(night.StatusOf(contest));
    }
    std::vector<core::ContestOutcome> outcomes;
    int reported = 0, expected = 0;
    for (const core::ContestStatus& status : statuses) {
      outcomes.push_back({status.contest, status.outcome ? &*status.outcome : nullptr});
      if (status.contest->kind == "party_list") {
        reported += status.progress.reported;
        expected += status.progress.expected;
      }
    }
    const core::Composition composition = core::ComposeChamber(election, outcomes);
    json parties = json::array();
    for (const core::PartySeats& seats : composition.parties) {
      const core::Party* party = election.FindParty(seats.party);
      parties.push_back(
          {{"party", seats.party},
           {"name", party ? NamesJson(party->name)
                          : json{{"kk", "Өзін-өзі ұсынғандар"}, {"ru", "Самовыдвиженцы"}, {"en", "Self-nominated"}}},
           {"short_name", party ? party->short_name : "Self-nominated"},
           {"color", party && !party->color.empty() ? party->color : "#8c8c8c"},
           {"list_seats", seats.list_seats},
           {"district_seats", seats.district_seats},
           {"seats", seats.total()}});
    }
    return JsonResponse({{"seats", composition.seats},
                         {"undecided", composition.undecided},
                         {"partial", reported < expected},
                         {"parties", parties}});
  }
  return ErrorResponse(404, "not-found", "no such endpoint: " + path);
}

}  // namespace saylau::server
