#include "saylau/core/threshold.h"

namespace saylau::core {

std::string_view ThresholdBaseName(ThresholdBase base) {
  switch (base) {
    case ThresholdBase::kValidWithAgainstAll:
      return "valid-with-against-all";
    case ThresholdBase::kTookPart:
      return "took-part";
    case ThresholdBase::kValidOptionsOnly:
      return "valid-options-only";
  }
  SAYLAU_CHECK(false);
  return {};
}

std::optional<ThresholdBase> ThresholdBaseFromName(std::string_view name) {
  for (ThresholdBase base :
       {ThresholdBase::kValidWithAgainstAll, ThresholdBase::kTookPart, ThresholdBase::kValidOptionsOnly}) {
    if (ThresholdBaseName(base) == name) return base;
  }
  return std::nullopt;
}

Result<std::int64_t> BaseTotal(ThresholdBase base, const Tally& tally) {
  switch (base) {
    case ThresholdBase::kValidWithAgainstAll:
      return tally.ValidWithAgainstAll();
    case ThresholdBase::kValidOptionsOnly:
      return tally.ValidOptions();
    case ThresholdBase::kTookPart:
      if (!tally.took_part) {
        return InvalidArgument("the base 'took-part' needs the line took_part in the counts");
      }
      return *tally.took_part;
  }
  SAYLAU_CHECK(false);
  return std::int64_t{0};
}

std::int64_t VotesNeeded(std::int64_t base, const Ratio& percent) {
  const Int128 top = Int128{percent.num} * base;
  const Int128 bottom = Int128{100} * percent.den;
  return static_cast<std::int64_t>((top + bottom - 1) / bottom);
}

}  // namespace saylau::core
