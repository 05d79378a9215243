// The API's write routes: signed protocols and turnout reports (POST /api/v1/protocols and
// /api/v1/turnout), certifications, observers' copies and witnesses, and PUT of a protocol's
// photo. Envelopes are decoded, their signatures checked and their bodies parsed here, off
// the writer thread; the Committer judges and stores them.
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "api.h"
#include "json_text.h"
#include "saylau/formats/submission_reader.h"
#include "views.h"

namespace saylau::server {
namespace {

using nlohmann::json;
using service::Acknowledgement;

// The signed envelopes of a request body: one JSON object or an array of them, each with its
// signature checked here (off the writer thread). `read_body` looks at an envelope's body for
// this path (it may fill in `parsed`) and names what is wrong with it (empty: nothing).
// Otherwise the 400 to answer.
struct Envelopes {
  std::vector<service::SignedSubmission> batch;
  bool many = false;
};
using BodyReader = std::function<std::string(service::SignedSubmission&)>;
std::variant<Envelopes, HttpResponse> ReadEnvelopes(const std::string& text, const BodyReader& read_body) {
  Envelopes out;
  // Adds a decoded envelope (its body read, its signature checked); otherwise the 400.
  auto add = [&](Result<crypto::Envelope> envelope, const std::string& where) -> std::optional<HttpResponse> {
    if (!envelope) return ErrorResponse(400, "malformed", where + envelope.error().message);
    service::SignedSubmission submission{std::move(*envelope)};
    if (const std::string why = read_body(submission); !why.empty())
      return ErrorResponse(400, "malformed", where + why);
    submission.signature_valid = crypto::VerifyEnvelope(submission.envelope);
    out.batch.push_back(std::move(submission));
    return std::nullopt;
  };
  // One envelope, the usual case: decoded straight from the text, parsed once. DecodeEnvelope
  // parses it as below and answers text that is not JSON with the same message.
  if (const std::size_t first = text.find_first_not_of(" \t\n\r");
      first != std::string::npos && text[first] == '{') {
    if (std::optional<HttpResponse> refused = add(crypto::DecodeEnvelope(text), "")) return std::move(*refused);
    return out;
  }
  const json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return ErrorResponse(400, "malformed", "the request body is not JSON");
  out.many = parsed.is_array();
  if (!out.many && !parsed.is_object()) {
    return ErrorResponse(400, "malformed", "send a signed envelope (a JSON object) or an array of them");
  }
  const json items = out.many ? parsed : json::array({parsed});
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = out.many ? "item " + std::to_string(i) + ": " : "";
    if (!items[i].is_object()) return ErrorResponse(400, "malformed", where + "not a signed envelope");
    if (std::optional<HttpResponse> refused = add(crypto::DecodeEnvelope(DumpJson(items[i])), where)) {
      return std::move(*refused);
    }
  }
  return out;
}

// Parses a protocol's or turnout report's body once, for the route check and for the service
// (the origin is the one the service gives it). Each kind has its own path: a turnout report
// has a "time". A JSON object the parser refuses goes on unparsed: the service refuses it as
// malformed after checking its key, as it does any body it cannot read.
std::string ParseForRoute(service::SignedSubmission& submission, bool turnout) {
  const crypto::Envelope& envelope = submission.envelope;
  Result<formats::Submission> parsed =
      formats::ParseSubmissionJson(envelope.body, intake::OriginOf(envelope));
  bool is_turnout = false;
  if (parsed) {
    is_turnout = std::holds_alternative<core::TurnoutSubmission>(*parsed);
    submission.parsed = std::move(*parsed);
  } else {
    const json body = json::parse(envelope.body, nullptr, false);
    if (!body.is_object()) return "the signed body is not a JSON object";
    is_turnout = body.contains("time");
  }
  if (is_turnout == turnout) return {};
  return turnout ? "a turnout report (with a \"time\") belongs to POST /api/v1/turnout, not a protocol"
                 : "a turnout report belongs to POST /api/v1/turnout";
}

}  // namespace

void Api::Submit(const HttpRequest& request, bool turnout, Reply reply) {
  auto envelopes = ReadEnvelopes(
      request.body, [turnout](service::SignedSubmission& submission) { return ParseForRoute(submission, turnout); });
  if (auto* refused = std::get_if<HttpResponse>(&envelopes)) return reply(std::move(*refused));
  auto& [batch, many] = std::get<Envelopes>(envelopes);
  const auto started = std::chrono::steady_clock::now();
  committer_.Submit(std::move(batch), [this, many = many, started, reply](Result<std::vector<Acknowledgement>> acks) {
    if (!acks) return reply(Unavailable503(acks.error()));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (const Acknowledgement& ack : *acks) {
      metrics_.ObserveSubmitLatency(seconds);
      metrics_.CountSubmission(ack.refused                               ? Metrics::Outcome::kRefused
                               : ack.verdict == core::Verdict::kAccepted ? Metrics::Outcome::kAccepted
                               : ack.verdict == core::Verdict::kRejected ? Metrics::Outcome::kRejected
                                                                         : Metrics::Outcome::kDuplicate);
    }
    reply(AcknowledgementsResponse(*acks, many));
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
    reply(AcknowledgementsResponse(*acks, false));
  });
}

void Api::Observe(const HttpRequest& request, Reply reply) {
  auto envelopes = ReadEnvelopes(request.body, [](service::SignedSubmission&) { return std::string(); });
  if (auto* refused = std::get_if<HttpResponse>(&envelopes)) return reply(std::move(*refused));
  auto& [batch, many] = std::get<Envelopes>(envelopes);
  auto work = [batch = std::move(batch)](service::ResultsService& service) {
    return service.ObserveSigned(batch, service::NowUtc());
  };
  committer_.RunExclusive(std::move(work), [many = many, reply](Result<std::vector<Acknowledgement>> acks) {
    if (!acks) return reply(Unavailable503(acks.error()));
    reply(AcknowledgementsResponse(*acks, many));
  });
}

// Stores a paper protocol's photo that a stored protocol names by its SHA-256.
void Api::StorePhoto(const HttpRequest& request, const std::string& sha256, Reply reply) {
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
}

}  // namespace saylau::server
