// Result stages of a contest: open (counting) -> preliminary (announced on election night) ->
// final (certified by the Central Election Commission), with the legal deadline for the final
// result taken from the definition. After certification a change needs a recount order.
// Pure values and functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "saylau/core/model.h"

namespace saylau::core {

enum class Stage { kOpen, kPreliminary, kFinal };
std::string_view StageName(Stage stage);  // "open", "preliminary", "final"
std::optional<Stage> StageFromName(std::string_view name);

// A certification: the contest reaches `stage` at `at` (ISO 8601 date-time), by `by`.
struct StageChange {
  std::string contest;
  Stage stage = Stage::kPreliminary;
  std::string at;
  std::string by;  // the certifying commission's unit id (Election::CertifierOf)
  std::string note;
  int round = 0;  // the round it closes; 0 = the contest's current round (the latest opened)
};

// After a final result: the commission `by` orders a recount in `unit`'s subtree; corrections
// there are accepted again (each one still needs a reason).
struct RecountOrder {
  std::string contest;
  std::string unit;
  std::string reason;
  std::string at;
  std::string by;
};

// The last day for the final result: the election day plus the contest's result_deadline
// ("P10D" = 10 days). nullopt when the definition gives no deadline.
std::optional<Date> FinalResultDeadline(const Election& election, const Contest& contest);

}  // namespace saylau::core
