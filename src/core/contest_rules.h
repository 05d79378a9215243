// Internal: one decider per contest kind; DecideContest (outcome.h) dispatches to them.
#pragma once

#include <optional>
#include <span>

#include "saylau/core/outcome.h"

namespace saylau::core::internal {

Result<Outcome> DecidePartyList(const Election& election, const Contest& contest, const PartyListRules& rules,
                                std::span<const UnitCount> counts);
Result<Outcome> DecidePlurality(const Election& election, const Contest& contest, const PluralityRules& rules,
                                std::span<const UnitCount> counts);
Result<Outcome> DecideMajorityRunoff(const Election& election, const Contest& contest, const MajorityRunoffRules& rules,
                                     std::span<const UnitCount> counts);
Result<Outcome> DecideIndirectMajority(const Election& election, const Contest& contest,
                                       const IndirectMajorityRules& rules, std::span<const UnitCount> counts);
Result<Outcome> DecideReferendum(const Election& election, const Contest& contest, const ReferendumRules& rules,
                                 std::span<const UnitCount> counts);

// The round-1 tally at the contest's unit; an empty optional when no counts were given
// (the outcome is then kNoCounts). Errors: as TallyAt for conflicting counts.
Result<std::optional<Tally>> RoundOneTally(const Election& election, const Contest& contest,
                                           std::span<const UnitCount> counts);

// Checks that the tally has one vote line per option of the contest.
Status CheckOptionCount(const Contest& contest, const Tally& tally);

}  // namespace saylau::core::internal
