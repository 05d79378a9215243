// The [synth] table of a definition: which contest a synthetic night reproduces, and the real
// published files it reads (national totals, turnout by region and time, voters per region).
#pragma once

#include <string>

#include "saylau/base/result.h"
#include "saylau/synth/synth.h"

namespace saylau::formats {

// Errors: kInvalidArgument naming the file and line (no [synth] table, a missing field, a
// value that is not a number, a region without a voters estimate).
Result<synth::SynthInputs> LoadSynthInputs(const std::string& definition);

}  // namespace saylau::formats
