// The fast reader of the canonical JSON that submission_json.cc writes (internal to formats):
// a flat object of strings, whole numbers, one object of whole numbers, a list of strings and a
// list of {"relation", "detail"} objects, read linearly (replays read millions of bodies, and a
// protocol may have many lines). Anything else gives nullopt and the caller falls back to
// nlohmann::json.
#pragma once

#include <optional>
#include <string_view>

#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"

namespace saylau::formats::internal {

std::optional<core::ProtocolSubmission> FastProtocol(std::string_view text);
std::optional<core::TurnoutSubmission> FastTurnout(std::string_view text);

}  // namespace saylau::formats::internal
