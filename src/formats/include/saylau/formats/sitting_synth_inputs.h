// The [synth] table of a Senate definition (kind = "sitting"): the electors of the sittings the
// definition leaves without them, the sitting whose first vote elects nobody, and the times of
// the attendance reports (docs/synth.md).
#pragma once

#include <optional>
#include <string>

#include "saylau/base/result.h"
#include "saylau/synth/sitting.h"

namespace saylau::formats {

// None when the definition has no [synth] table or its kind is not "sitting".
// Errors: kInvalidArgument naming the definition and the key (an elector count that is not a
// whole number of at least 1, a time that is not "HH:MM", repeat_vote not a string).
Result<std::optional<synth::SittingSynthPlan>> LoadSittingSynth(const std::string& definition);

}  // namespace saylau::formats
