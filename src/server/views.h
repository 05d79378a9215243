// The JSON views of the API's answers: acknowledgements and their HTTP status, names,
// progress, arithmetic checks, tree heads and hashes, stored history rows, and the JSON
// responses and errors that carry them. Pure functions of their arguments; no I/O.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "api.h"

namespace saylau::server {

// 200 with `body` as JSON.
HttpResponse JsonResponse(const nlohmann::json& body);
// The response to a GET of a stored body (a snapshot, a dashboard file): 304 when the client
// has it (If-None-Match), gzip when it takes it.
HttpResponse Conditional(const HttpRequest& request, unsigned status, const std::string& content_type,
                         const std::string& body, const std::string& gzipped, const std::string& etag);
// The store could not take the work now (busy, restarting, failing over): 503, send it again.
HttpResponse Unavailable503(const Error& error);

// The HTTP status of a refused signed submission: 400, 401, 403, 404 or 409.
unsigned StatusOf(service::Refusal refusal);
// Violations as the API gives them: {relation, detail} and, when the detail has a code, its
// code and params ([{name, value}], docs/api.md "Details").
nlohmann::json ViolationsJson(std::span<const core::Violation> violations);
// One acknowledgement. With `log`, the leaf index, inclusion proof and tree head (the
// acknowledgement to the sender; the event stream leaves them out).
nlohmann::json AckJson(const service::Acknowledgement& ack, bool log = true);
// The answer to a request's signed envelopes: {"acknowledgements": [...]} for an array of
// them (`many`), else the one acknowledgement, with its refusal's status when refused.
HttpResponse AcknowledgementsResponse(const std::vector<service::Acknowledgement>& acks, bool many);

nlohmann::json HeadJson(const ledger::TreeHead& head);
nlohmann::json HashesJson(std::span<const ledger::Hash> hashes);  // hex strings
nlohmann::json NamesJson(const core::Names& names);               // {"kk", "ru", "en"}
nlohmann::json ProgressJson(const core::Progress& progress);
// Each arithmetic control relation of a protocol (the built-in ones, then its form's, when
// the form is known): its severity, whether it holds, its state ("holds"; "broken" for a
// rejected protocol's reasons; "warned" for an accepted one's, its failed warn relations)
// and what broke it.
nlohmann::json ChecksJson(const core::ProtocolForm* form, const nlohmann::json& reasons, bool accepted);
// A protocol form as shown with a protocol: its id, name and lines with their kk/ru/en labels.
nlohmann::json FormJson(const core::ProtocolForm& form);
// A stored JSON text as JSON; text that is not JSON (it should not happen) as a string.
nlohmann::json StoredJson(const std::string& text);

// A stored submission as a version in a unit's history (GET /api/v1/protocols).
// `form`: the protocol form of its contest, null for a turnout report or an unknown contest.
nlohmann::json HistoryEntryJson(const store::StoredSubmission& stored, const core::ProtocolForm* form);
// A stored submission in the rejected list (GET /api/v1/rejected).
nlohmann::json RejectedEntryJson(const store::StoredSubmission& stored);

}  // namespace saylau::server
