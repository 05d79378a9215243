// GET /api/v1/desk?key=BASE64 (docs/api.md, "The commission's desk"): what a commission's key
// may write and what it has sent, for the desk page (web/src/desk/types.ts is the contract).
// The key's commission and its path from the root; the units it may write (its own station,
// or every counting unit below it, where a submission is a correction) with each contest's
// latest version of the current round (status, reasons, warnings, the accepted values) and the
// turnout times reported; the contests and their ballots; the protocol forms as data (lines and
// the control relations as parsed terms, so the desk evaluates the server's own relations).
// Read on the writer thread: the live state and the store's history at one point (the units'
// latest stored versions kept in a DeskHistory, read again where the count stored another).
#pragma once

#include <optional>
#include <string>

#include "api.h"
#include "desk_history.h"

namespace saylau::server {

// The desk of the commission holding `key` (base64; a space, which a raw '+' in a query
// becomes, is read as '+'). 400 missing-parameter without a key, 404 unknown-key for a key
// not registered, 403 not-a-commission for an observer's key, 503 when the store cannot be read.
// `history` keeps the units' latest stored versions between answers (writer thread only).
HttpResponse DeskResponse(service::ResultsService& service, DeskHistory& history, std::string key);
// DeskResponse's refusal of `key` (400, 403 or 404) without building the desk; nullopt for a
// commission's key.
std::optional<HttpResponse> DeskRefusal(const service::ResultsService& service, std::string key);

}  // namespace saylau::server
