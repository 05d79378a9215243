// The JSON views of the API's answers (views.h): what acknowledgements, names, progress,
// checks, tree heads and stored rows look like on the wire, and the error responses.
#include "views.h"

#include "ack_text.h"
#include "gzip.h"
#include "json_text.h"
#include "saylau/core/protocol.h"
#include "saylau/ledger/tree_head.h"

namespace saylau::server {

using nlohmann::json;
using service::Acknowledgement;
using service::Refusal;

HttpResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message) {
  return {status, "application/json", DumpJson(json{{"error", code}, {"message", message}})};
}

HttpResponse InternalErrorResponse() {
  return ErrorResponse(500, "internal",
                       "the server met an internal error (logged; please report it); this request was not completed");
}

HttpResponse JsonResponse(const json& body) { return {200, "application/json", DumpJson(body)}; }

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

HttpResponse Unavailable503(const Error& error) {
  const bool said = error.message.ends_with("(retry)");
  return ErrorResponse(503, "unavailable", error.message + (said ? "" : " (retry)"));
}

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

json ViolationsJson(std::span<const core::Violation> violations) {
  json out = json::array();
  for (const core::Violation& v : violations) {
    json item = {{"relation", v.relation}, {"detail", v.detail}};
    if (!v.code.empty()) {
      json params = json::array();
      for (const core::DetailParam& param : v.params) params.push_back({{"name", param.name}, {"value", param.value}});
      item["code"] = v.code;
      item["params"] = std::move(params);
    }
    out.push_back(std::move(item));
  }
  return out;
}

json AckJson(const Acknowledgement& ack, bool log) {
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
  out["reasons"] = ViolationsJson(ack.violations);
  out["warnings"] = ViolationsJson(ack.warnings);
  if (log && ack.leaf_index >= 0) {
    out["leaf_index"] = ack.leaf_index;
    if (ack.head) {
      out["inclusion"] = HashesJson(ack.inclusion);
      out["tree_head"] = HeadJson(*ack.head);
    }
  }
  return out;
}

HttpResponse AcknowledgementsResponse(const std::vector<Acknowledgement>& acks, bool many) {
  HttpResponse response{200, "application/json", AcknowledgementsText(acks, many)};  // no tree: ack_text.h
  if (!many && !acks.empty() && acks.front().refused) response.status = StatusOf(acks.front().refused->reason);
  return response;
}

json HeadJson(const ledger::TreeHead& head) { return json::parse(ledger::EncodeTreeHead(head)); }

json HashesJson(std::span<const ledger::Hash> hashes) {
  json out = json::array();
  for (const ledger::Hash& hash : hashes) out.push_back(ledger::ToHex(hash));
  return out;
}

json NamesJson(const core::Names& names) { return {{"kk", names.kk}, {"ru", names.ru}, {"en", names.en}}; }

json ProgressJson(const core::Progress& progress) {
  return {{"reported", progress.reported},
          {"expected", progress.expected},
          {"voters_reported", progress.voters_reported},
          {"voters_expected", progress.voters_expected},
          {"complete", progress.complete()}};
}

json ChecksJson(const core::ProtocolForm* form, const json& reasons, bool accepted) {
  struct Listed {
    std::string name, written;
    core::Severity severity;
  };
  std::vector<Listed> relations;  // name, check as written, severity
  for (const std::string_view relation : core::kBuiltInArithmeticRelations) {
    relations.push_back({std::string(relation), "", core::Severity::kReject});
  }
  if (form != nullptr) {
    for (const core::FormRelation& relation : form->relations) {
      relations.push_back(
          {relation.name,
           relation.left.text + " " + std::string(core::ComparisonText(relation.op)) + " " + relation.right.text,
           relation.severity});
    }
  }
  json checks = json::array();
  for (const Listed& relation : relations) {
    json check = {{"relation", relation.name},
                  {"holds", true},
                  {"state", "holds"},
                  {"severity", core::SeverityName(relation.severity)}};
    if (!relation.written.empty()) check["check"] = relation.written;
    if (reasons.is_array()) {
      for (const json& reason : reasons) {
        if (reason.value("relation", "") == relation.name) {
          // An accepted protocol's reasons are its warnings: counted, flagged.
          check["holds"] = false;
          check["state"] = accepted ? "warned" : "broken";
          check["detail"] = reason.value("detail", "");
          if (reason.contains("code")) {  // the detail machine-readable, as stored (code, params)
            check["code"] = reason["code"];
            check["params"] = reason.value("params", json::array());
          }
        }
      }
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

json FormJson(const core::ProtocolForm& form) {
  json lines = json::array();
  for (const core::FormLine& line : form.lines) {
    lines.push_back({{"name", line.name}, {"label", NamesJson(line.label)}, {"required", line.required}});
  }
  return {{"id", form.id}, {"name", NamesJson(form.name)}, {"lines", lines}};
}

json StoredJson(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
}

json HistoryEntryJson(const store::StoredSubmission& s, const core::ProtocolForm* form) {
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
  if (s.kind == store::SubmissionKind::kProtocol) {
    entry["checks"] = ChecksJson(form, entry["reasons"], s.accepted);
    json warnings = json::array();
    if (s.accepted && entry["reasons"].is_array()) {
      for (const json& reason : entry["reasons"]) warnings.push_back(reason.value("relation", ""));
    }
    entry["warnings"] = warnings;
    if (form != nullptr) entry["form"] = FormJson(*form);
  }
  if (!s.envelope.key.empty()) {
    entry["envelope"] = {{"key", s.envelope.key},
                         {"seq", s.envelope.seq},
                         {"signature", s.envelope.signature},
                         {"body", s.envelope.body}};
  }
  return entry;
}

json RejectedEntryJson(const store::StoredSubmission& s) {
  return {{"seq", s.seq},         {"kind", store::SubmissionKindName(s.kind)},
          {"contest", s.contest}, {"unit", s.unit},
          {"time", s.time},       {"reasons", StoredJson(s.reasons)},
          {"origin", s.origin},   {"received_at", s.received_at}};
}

}  // namespace saylau::server
