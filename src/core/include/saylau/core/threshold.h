// Who takes part in seat allocation: a percentage threshold over an explicit base, compared
// exactly (votes * 100 >= percent * base). Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "saylau/core/ratio.h"
#include "saylau/core/tally.h"

namespace saylau::core {

enum class ThresholdBase {
  kValidWithAgainstAll,  // all options + "against all"; invalid excluded (Kazakh elections)
  kTookPart,             // everyone who took part, invalid included (Kazakh referendum)
  kValidOptionsOnly,     // votes for the options only
};
std::string_view ThresholdBaseName(ThresholdBase base);  // "valid-with-against-all", ...
std::optional<ThresholdBase> ThresholdBaseFromName(std::string_view name);

struct Threshold {
  Ratio percent{5, 1};
  ThresholdBase base = ThresholdBase::kValidWithAgainstAll;
};

// The base total of `tally`. Errors: kInvalidArgument when kTookPart is asked for and the
// tally has no took-part line.
Result<std::int64_t> BaseTotal(ThresholdBase base, const Tally& tally);

// True when votes reach `percent` % of `base` (inclusive, exact).
inline bool PassesThreshold(std::int64_t votes, std::int64_t base, const Ratio& percent) {
  return AtLeastPercent(votes, base, percent);
}

// The least vote count that passes: ceil(percent * base / 100).
std::int64_t VotesNeeded(std::int64_t base, const Ratio& percent);

}  // namespace saylau::core
