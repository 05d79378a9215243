#include "saylau/core/outcome.h"

#include "contest_rules.h"

namespace saylau::core {

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kDecided:
      return "decided";
    case Decision::kRunoffNeeded:
      return "runoff-needed";
    case Decision::kUnresolved:
      return "unresolved";
    case Decision::kNoQuorum:
      return "no-quorum";
    case Decision::kNotValid:
      return "not-valid";
    case Decision::kRejected:
      return "rejected";
    case Decision::kNoCounts:
      return "no-counts";
  }
  SAYLAU_CHECK(false);
  return {};
}

namespace internal {
Result<std::optional<Tally>> RoundOneTally(const Election& election, const Contest& contest,
                                           std::span<const UnitCount> counts) {
  Result<Tally> tally = TallyAt(election, contest, contest.unit, 1, counts);
  if (tally) return std::optional<Tally>(std::move(*tally));
  if (tally.error().code == ErrorCode::kNotFound) return std::optional<Tally>();
  return tally.error();
}

Status CheckOptionCount(const Contest& contest, const Tally& tally) {
  if (tally.votes.size() != contest.options.size()) {
    return InvalidArgument("contest '" + contest.id + "' has " + std::to_string(contest.options.size()) +
                           " options but the counts give " + std::to_string(tally.votes.size()));
  }
  return OkStatus();
}
}  // namespace internal

Result<Outcome> DecideContest(const Election& election, const Contest& contest, std::span<const UnitCount> counts) {
  return std::visit(
      [&](const auto& rules) -> Result<Outcome> {
        using Rules = std::decay_t<decltype(rules)>;
        if constexpr (std::is_same_v<Rules, PartyListRules>) {
          return internal::DecidePartyList(election, contest, rules, counts);
        } else if constexpr (std::is_same_v<Rules, PluralityRules>) {
          return internal::DecidePlurality(election, contest, rules, counts);
        } else if constexpr (std::is_same_v<Rules, MajorityRunoffRules>) {
          return internal::DecideMajorityRunoff(election, contest, rules, counts);
        } else if constexpr (std::is_same_v<Rules, IndirectMajorityRules>) {
          return internal::DecideIndirectMajority(election, contest, rules, counts);
        } else {
          static_assert(std::is_same_v<Rules, ReferendumRules>, "every contest kind needs a decider");
          return internal::DecideReferendum(election, contest, rules, counts);
        }
      },
      contest.rules);
}

}  // namespace saylau::core
