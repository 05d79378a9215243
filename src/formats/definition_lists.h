// Internal: the party lists' own rules in a definition: a candidate's withdrawal, the list
// length key, and the checks on each list (length, quota, a person on two lists, a
// withdrawn candidate named a deputy), reported at the list's line naming the party.
#pragma once

#include "saylau/core/model.h"
#include "toml_reader.h"

namespace saylau::formats::internal {

// `withdrawn = true` or `withdrawn = 2023-03-10` (withdrawn on that day) of a candidate table.
void ReadWithdrawal(TomlReader& reader, const toml::table& table, core::Candidate& candidate);

// `list_length = { seats_plus_percent = 30 }` of a party_list contest.
void ReadListLength(TomlReader& reader, const toml::table& contest_table, core::PartyListRules& rules);

// The law's checks on the lists of `contest` as read (its options hold the lists).
void CheckPartyLists(TomlReader& reader, const toml::table& contest_table, const core::Contest& contest,
                     const core::PartyListRules& rules, const core::Date& election_day);

}  // namespace saylau::formats::internal
