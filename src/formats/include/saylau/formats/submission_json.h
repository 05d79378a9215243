// The canonical JSON of every kind of submission, as stored (append-only) and as read back
// for a rebuild: protocols, turnout reports, certifications and recount orders, and the list
// of broken rules of a rejected one. Field order is fixed, so equal submissions have equal
// text. Pure functions. The format is documented in docs/protocol-format.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/core/protocol.h"
#include "saylau/core/stages.h"
#include "saylau/core/turnout.h"

namespace saylau::formats {

std::string EncodeProtocol(const core::ProtocolSubmission& protocol);
std::string EncodeTurnout(const core::TurnoutSubmission& report);
std::string EncodeStageChange(const core::StageChange& change);
std::string EncodeRecount(const core::RecountOrder& order);
std::string EncodeViolations(std::span<const core::Violation> violations);

// Errors: kInvalidArgument naming the field when the text is not such a submission.
Result<core::ProtocolSubmission> DecodeProtocol(std::string_view text);
Result<core::TurnoutSubmission> DecodeTurnout(std::string_view text);
Result<core::StageChange> DecodeStageChange(std::string_view text);
// A signed certification's body {"contest", "stage": "preliminary"|"final"[, "note"]}; `at` and
// `by` are the receiver's (the time received, the signing commission), never the body's.
Result<core::StageChange> DecodeCertification(std::string_view text);
Result<core::RecountOrder> DecodeRecount(std::string_view text);
Result<std::vector<core::Violation>> DecodeViolations(std::string_view text);

// A JSON string literal for `text` (quotes included), escaping as RFC 8259 requires.
std::string JsonString(std::string_view text);

}  // namespace saylau::formats
