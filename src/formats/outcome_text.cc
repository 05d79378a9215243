#include "saylau/formats/outcome_text.h"

#include <algorithm>

#include <fmt/format.h>

#include "saylau/core/highest_averages.h"
#include "saylau/formats/elected_deputies.h"
#include "saylau/formats/number_text.h"

namespace saylau::formats {
namespace {

std::string OptionName(const core::Contest& contest, int index, core::Language language) {
  const core::Option& option = contest.options[index];
  return option.name.In(language, option.id);
}

std::string TieText(const core::TieReport& tie, const std::vector<std::string>& names) {
  std::string who;
  for (int i : tie.contenders) who += (who.empty() ? "" : ", ") + names[i];
  std::string text = fmt::format("  tie: {} equal for {} seat(s); ", who, tie.seats_at_stake);
  if (tie.winners.empty()) return text + "UNRESOLVED (needs a decision: lot or commission)\n";
  std::string winners;
  for (int i : tie.winners) winners += (winners.empty() ? "" : ", ") + names[i];
  const char* rule = tie.rule == core::TieRule::kOrder ? "registered/listed earlier" : "recorded lot";
  return text + fmt::format("settled by {} -> {}\n", rule, winners);
}

// A round's votes; `ballot`, when given, the options on its ballot (a repeat vote's two).
std::string RoundText(const core::Contest& contest, const core::RoundDetails& round, core::Language language,
                      bool majority, const std::vector<int>* ballot) {
  std::string text = fmt::format("  round {}: base ({}) = {}\n", round.round, core::ThresholdBaseName(round.base_kind),
                                 Grouped(round.base));
  if (round.tally.took_part) text += fmt::format("  took part: {}\n", Grouped(*round.tally.took_part));
  for (int index : round.ranking) {
    if (ballot != nullptr && std::find(ballot->begin(), ballot->end(), index) == ballot->end()) continue;
    text += fmt::format("    {:<40} {:>12} {:>7}%\n", OptionName(contest, index, language),
                        Grouped(round.tally.votes[index]), core::PercentText(round.tally.votes[index], round.base));
  }
  if (contest.against_all) {
    text += fmt::format("    {:<40} {:>12} {:>7}%  (widens the base, wins nothing)\n", "against all",
                        Grouped(round.tally.against_all), core::PercentText(round.tally.against_all, round.base));
  }
  const int leader = round.ranking.empty() ? -1 : round.ranking.front();
  if (majority && round.round == 1 && leader >= 0) {
    // The arithmetic as decided (core::MoreThanPercent): more than p % of the base is the least
    // whole number of votes above base * p / 100.
    const core::Ratio& percent = round.majority_percent;
    const core::Int128 above = core::Int128{round.base} * percent.num / (100 * percent.den);
    text += fmt::format("  majority needed: more than {} % of {} = {} votes; the leader has {} ({} %) -> {}\n",
                        core::FormatRatio(round.majority_percent), Grouped(round.base),
                        Grouped(static_cast<std::int64_t>(above + 1)), Grouped(round.tally.votes[leader]),
                        core::PercentText(round.tally.votes[leader], round.base),
                        round.majority_reached ? "reached" : "not reached");
  } else if (majority && leader >= 0) {
    text += fmt::format("  repeat vote: the most votes win; the leader has {} of {} ({} %)\n",
                        Grouped(round.tally.votes[leader]), Grouped(round.base),
                        core::PercentText(round.tally.votes[leader], round.base));
  }
  if (round.tie) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < contest.options.size(); ++i)
      names.push_back(OptionName(contest, static_cast<int>(i), language));
    text += TieText(*round.tie, names);
  }
  return text;
}

}  // namespace

std::string AllocationToText(const core::Allocation& allocation, const core::Ratio& first_divisor) {
  std::string text;
  if (core::IsLargestRemainder(allocation.method)) {
    text += fmt::format("  method: largest remainder, {} quota = {} / {} = {}\n", core::MethodName(allocation.method),
                        Int128Text(allocation.quota.num), Int128Text(allocation.quota.den),
                        FractionText(allocation.quota.num, allocation.quota.den, 6));
    text += fmt::format("    {:<40} {:>12} {:>16} {:>6} {:>10} {:>6}\n", "option", "votes", "votes/quota", "whole",
                        "remainder", "seats");
    for (std::size_t i = 0; i < allocation.ids.size(); ++i) {
      const core::RemainderLine& line = allocation.remainders[i];
      text += fmt::format(
          "    {:<40} {:>12} {:>16} {:>6} {:>10} {:>6}{}\n", allocation.ids[i], Grouped(allocation.votes[i]),
          FractionText(core::Int128{allocation.votes[i]} * allocation.quota.den, allocation.quota.num, 6),
          line.whole_seats, FractionText(line.remainder, allocation.quota.num, 6), allocation.seats[i],
          line.remainder_seat ? "  +1 remainder" : (line.seat_taken_back ? "  -1 over-allocation" : ""));
    }
  } else {
    text += fmt::format("  method: highest averages, {}", core::MethodName(allocation.method));
    if (allocation.method == core::Method::kModifiedSainteLague) {
      text += fmt::format(" (first divisor {})", core::FormatRatio(first_divisor));
    }
    text += "\n    seat  option                                   divisor       quotient\n";
    for (const core::SeatAward& award : core::SeatOrder(allocation, first_divisor)) {
      const core::Fraction divisor = core::DivisorAt(allocation.method, first_divisor, award.divisor_step);
      const bool squared = allocation.method == core::Method::kHuntingtonHill;
      const std::string divisor_text =
          squared ? "sqrt(" + Int128Text(divisor.num) + ")" : FractionText(divisor.num, divisor.den, 2);
      const std::string quotient = squared ? FractionText(award.quotient.num, award.quotient.den, 2) + " (squared)"
                                           : FractionText(award.quotient.num, award.quotient.den, 4);
      text += fmt::format("    {:>4}  {:<40} {:>8} {:>16}{}\n", award.seat, allocation.ids[award.option], divisor_text,
                          quotient, award.by_tie_rule ? "  (tie rule)" : "");
    }
    if (allocation.last_winner) {
      text += fmt::format("    smallest winning quotient: {}\n",
                          FractionText(allocation.last_winner->num, allocation.last_winner->den, 4));
    }
    if (allocation.first_loser) {
      text += fmt::format("    best quotient without a seat: {}\n",
                          FractionText(allocation.first_loser->num, allocation.first_loser->den, 4));
    }
  }
  for (const core::TieReport& tie : allocation.ties) text += TieText(tie, allocation.ids);
  text += "  seats:";
  for (std::size_t i = 0; i < allocation.ids.size(); ++i) {
    text += fmt::format(" {} {}{}", allocation.ids[i], allocation.seats[i], i + 1 < allocation.ids.size() ? "," : "");
  }
  text += "\n";
  if (allocation.unresolved_seats > 0) {
    text += fmt::format("  UNRESOLVED: {} seat(s) wait for a decision on the tie\n", allocation.unresolved_seats);
  }
  return text;
}

std::string OutcomeToText(const core::Election& election, const core::Contest& contest, const core::Outcome& outcome,
                          core::Language language) {
  std::string text = fmt::format("{} [{}] — {}\n", contest.name.In(language, contest.id), contest.id, contest.kind);
  const core::Unit* unit = election.FindUnit(contest.unit);
  text += fmt::format("  unit: {}; decision: {}\n", unit ? unit->name.In(language, unit->id) : contest.unit,
                      core::DecisionName(outcome.decision));
  if (const auto* list = std::get_if<core::PartyListDetails>(&outcome.details)) {
    const auto& rules = std::get<core::PartyListRules>(contest.rules);
    text += fmt::format("  base ({}) = {}\n", core::ThresholdBaseName(list->base_kind), Grouped(list->base));
    text += fmt::format("  threshold {}% of {} -> at least {} votes\n", core::FormatRatio(list->threshold_percent),
                        Grouped(list->base), Grouped(list->votes_needed));
    text += fmt::format("    {:<40} {:>12} {:>7}  {:<6} {:>5}\n", "party", "votes", "%", "passed", "seats");
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      text += fmt::format("    {:<40} {:>12} {:>7}  {:<6} {:>5}\n", OptionName(contest, static_cast<int>(i), language),
                          Grouped(list->tally.votes[i]), core::PercentText(list->tally.votes[i], list->base),
                          list->passed[i] ? "yes" : "no", list->seats[i]);
    }
    if (contest.against_all) {
      text += fmt::format("    {:<40} {:>12} {:>7}  (widens the base, wins nothing)\n", "against all",
                          Grouped(list->tally.against_all), core::PercentText(list->tally.against_all, list->base));
    }
    if (list->runner_up_applied) text += "  only one list passed: the runner-up rule (kz2009) admits the next one\n";
    if (!list->allocation.ids.empty()) text += AllocationToText(list->allocation, rules.first_divisor);
    text += ElectedToText(contest, *list, language);
    for (const std::string& finding : list->quota_findings) text += "  QUOTA: " + finding + "\n";
  } else if (const auto* candidates = std::get_if<core::CandidateDetails>(&outcome.details)) {
    if (candidates->electors) {
      text += fmt::format("  electors: {}; quorum {}\n", Grouped(*candidates->electors),
                          candidates->quorum_met.value_or(false) ? "met" : "NOT met");
    }
    const bool majority = contest.kind == "majority_runoff" || contest.kind == "indirect_majority";
    for (const core::RoundDetails& round : candidates->rounds) {
      const bool repeat = round.round > 1 && !candidates->runoff.empty();
      text += RoundText(contest, round, language, majority, repeat ? &candidates->runoff : nullptr);
    }
    if (candidates->runoff.size() == 2) {
      text += fmt::format("  repeat vote between {} and {}\n", OptionName(contest, candidates->runoff[0], language),
                          OptionName(contest, candidates->runoff[1], language));
    }
  } else if (const auto* referendum = std::get_if<core::ReferendumDetails>(&outcome.details)) {
    const core::Tally& national = referendum->national;
    text += fmt::format("  registered {}, took part {} ({}%): {}\n", Grouped(national.registered.value_or(0)),
                        Grouped(national.took_part.value_or(0)),
                        core::PercentText(national.took_part.value_or(0), national.registered.value_or(0)),
                        referendum->turnout_valid ? "valid (more than half took part)" : "NOT valid");
    text +=
        fmt::format("  yes {} of {} ({}%), no {}: national majority {}\n", Grouped(national.votes[0]),
                    Grouped(referendum->national_base), core::PercentText(national.votes[0], referendum->national_base),
                    Grouped(national.votes[1]), referendum->national_yes_majority ? "yes" : "no");
    for (const core::ReferendumUnitRow& row : referendum->units) {
      const core::Unit* u = election.FindUnit(row.unit);
      text += fmt::format("    {:<36} yes {:>7}% of {:>10}  {}\n", u ? u->name.In(language, row.unit) : row.unit,
                          core::PercentText(row.tally.votes[0], row.base), Grouped(row.base),
                          row.yes_majority ? "majority" : "no majority");
    }
    text +=
        fmt::format("  units with a yes majority: {} (needed {})\n", referendum->units_yes, referendum->units_needed);
  } else {
    text += "  no counts given\n";
  }
  if (!outcome.winners.empty()) {
    std::string winners;
    for (const std::string& id : outcome.winners) {
      const auto index = contest.OptionIndex(id);
      winners += (winners.empty() ? "" : ", ") + (index ? OptionName(contest, *index, language) : id);
    }
    text += "  result: " + winners + "\n";
  }
  for (const std::string& note : outcome.notes) text += "  note: " + note + "\n";
  return text;
}

}  // namespace saylau::formats
