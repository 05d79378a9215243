// Referendums: valid when more than half of the registered voters take part; adopted when
// more than half of those who took part say yes nationally and in at least the qualified
// share of units (two-thirds, rounded up).
#include "contest_rules.h"

namespace saylau::core::internal {

Result<Outcome> DecideReferendum(const Election& election, const Contest& contest, const ReferendumRules& rules,
                                 std::span<const UnitCount> counts) {
  Outcome outcome;
  outcome.contest = contest.id;
  const auto yes_index = [&]() -> int {
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      if (contest.options[i].kind == OptionKind::kYes) return static_cast<int>(i);
    }
    return -1;
  }();
  SAYLAU_CHECK(yes_index >= 0);  // the loader requires a yes option

  ReferendumDetails details;
  bool any_unit = false;
  for (const std::string& unit : rules.qualifying_units) {
    Result<Tally> tally = TallyAt(election, contest, unit, 1, counts);
    if (!tally) {
      if (tally.error().code != ErrorCode::kNotFound) return tally.error();
      continue;
    }
    if (Status ok = CheckOptionCount(contest, *tally); !ok) return ok.error();
    Result<std::int64_t> base = BaseTotal(rules.base, *tally);
    if (!base) return InvalidArgument("unit '" + unit + "': " + base.error().message);
    any_unit = true;
    ReferendumUnitRow row{unit, *tally, *base,
                          *base > 0 && MoreThanPercent(tally->votes[yes_index], *base, rules.yes_percent)};
    details.units_yes += row.yes_majority ? 1 : 0;
    details.units.push_back(std::move(row));
  }
  Result<Tally> national = TallyAt(election, contest, contest.unit, 1, counts);
  if (!national) {
    if (national.error().code == ErrorCode::kNotFound) return outcome;  // kNoCounts
    return national.error();
  }
  if (Status ok = CheckOptionCount(contest, *national); !ok) return ok.error();
  details.national = *national;
  Result<std::int64_t> base = BaseTotal(rules.base, *national);
  if (!base) return base.error();
  details.national_base = *base;
  if (!national->registered || !national->took_part) {
    return InvalidArgument("contest '" + contest.id + "': validity needs the lines registered and took_part");
  }
  details.turnout_valid = MoreThanPercent(*national->took_part, *national->registered, rules.turnout_percent);
  details.national_yes_majority = *base > 0 && MoreThanPercent(national->votes[yes_index], *base, rules.yes_percent);
  const Int128 units = static_cast<Int128>(rules.qualifying_units.size());
  details.units_needed =
      static_cast<int>((units * rules.units_share.num + rules.units_share.den - 1) / rules.units_share.den);

  if (!details.turnout_valid) {
    outcome.decision = Decision::kNotValid;
  } else if (!any_unit && !rules.qualifying_units.empty()) {
    outcome.decision = Decision::kUnresolved;
    outcome.notes.push_back("counts per unit are needed to check the majority in " +
                            std::to_string(details.units_needed) + " of " +
                            std::to_string(rules.qualifying_units.size()) + " units");
  } else if (details.units_yes >= details.units_needed && (!rules.national_majority || details.national_yes_majority)) {
    outcome.decision = Decision::kDecided;
    outcome.winners = {contest.options[yes_index].id};
  } else {
    outcome.decision = Decision::kRejected;
  }
  if (any_unit && details.units.size() < rules.qualifying_units.size()) {
    outcome.notes.push_back("counts missing for " +
                            std::to_string(rules.qualifying_units.size() - details.units.size()) +
                            " qualifying unit(s)");
  }
  outcome.details = std::move(details);
  return outcome;
}

}  // namespace saylau::core::internal
