// A synthetic Senate sitting morning (saylau synth on a definition whose [synth] has
// `kind = "sitting"`): each indirect_majority sitting's attendance at the report times (the
// quorum reached everywhere by the last one), its vote (the first candidate elected with a
// share between 61.7 % and 90.9 % of the base, as in 2023) and, for the sitting named
// `repeat_vote`, a first vote that elects nobody and a repeat vote of the two leaders. Every
// protocol satisfies the Kazakh Senate form's relations. Deterministic for a seed; pure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"

namespace saylau::synth {

struct SittingSynthPlan {
  std::map<std::string, std::int64_t> electors;  // unit -> electors, where the definition gives none
  std::string repeat_vote;                       // the unit whose first vote elects nobody; may be empty
  std::vector<std::string> times = {"10:05", "10:20", "10:45"};  // attendance reports, "HH:MM"
};

struct SittingNight {
  std::vector<core::TurnoutSubmission> attendance;     // time by time, sittings in definition order
  std::vector<core::ProtocolSubmission> votes;         // round 1, one per sitting
  std::vector<core::ProtocolSubmission> repeat_votes;  // round 2: the two leaders only
};

// Errors: kInvalidArgument when a sitting has no electors (neither the definition's nor the
// plan's), fewer than 10 electors, `repeat_vote` names no sitting, or fewer than two times.
Result<SittingNight> SynthesizeSitting(const core::Election& election, const SittingSynthPlan& plan,
                                       std::uint64_t seed);

}  // namespace saylau::synth
