// Who took the seats of a party-list contest, in JSON (the outcome's "elected" member, read by
// the API, the dashboard, the bundle and verify) and as text for `saylau results`. Only
// lists the definition gives are shown; a contest without lists has none. Deterministic.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "saylau/core/composition.h"
#include "saylau/core/names.h"
#include "saylau/core/outcome.h"

namespace saylau::formats {

// [{"option", "seats", "designated", "vacant", "candidates": [{"id", "name": {kk, ru, en},
//   "list_position", "placeholder"?}]}] for each option with a list and seats, in option order.
nlohmann::json ElectedToJson(const core::Contest& contest, const core::PartyListDetails& details);

// "  elected deputies:" and one line per person under each party; "" when no list is given.
std::string ElectedToText(const core::Contest& contest, const core::PartyListDetails& details, core::Language language);

// The persons who took a body's seats, by party (the composition's keys: a party id, or
// core::kSelfNominated): {party: [{"id", "name", "contest", "list_position"?}]}, the list
// deputies of each decided party-list contest in list order, then each decided
// single-member district's winner. Contests undecided name nobody.
nlohmann::json ElectedByPartyJson(std::span<const core::ContestOutcome> contests);

}  // namespace saylau::formats
