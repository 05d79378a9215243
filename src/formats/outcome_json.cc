#include "saylau/formats/outcome_json.h"

#include <algorithm>

#include "saylau/core/highest_averages.h"
#include "saylau/formats/elected_deputies.h"
#include "saylau/formats/number_text.h"

namespace saylau::formats {
namespace {

using nlohmann::json;

json FractionJson(const core::Fraction& fraction) {
  if (fraction.den == 0)
    return json{{"numerator", Int128Text(fraction.num)}, {"denominator", "0"}, {"decimal", "infinity"}};
  return json{{"numerator", Int128Text(fraction.num)},
              {"denominator", Int128Text(fraction.den)},
              {"decimal", FractionText(fraction.num, fraction.den, 6)}};
}

json TieJson(const core::TieReport& tie, const std::vector<std::string>& ids) {
  json contenders = json::array(), winners = json::array();
  for (int i : tie.contenders) contenders.push_back(ids[i]);
  for (int i : tie.winners) winners.push_back(ids[i]);
  return json{{"contenders", contenders},
              {"seats_at_stake", tie.seats_at_stake},
              {"rule", std::string(core::TieRuleName(tie.rule))},
              {"winners", winners},
              {"resolved", !tie.winners.empty()}};
}

json TallyJson(const core::Contest& contest, const core::Tally& tally) {
  json votes = json::object();
  for (std::size_t i = 0; i < contest.options.size() && i < tally.votes.size(); ++i) {
    votes[contest.options[i].id] = tally.votes[i];
  }
  json out{{"votes", votes}, {"valid_options", tally.ValidOptions()}};
  if (contest.against_all) out["against_all"] = tally.against_all;
  if (tally.registered) out["registered"] = *tally.registered;
  if (tally.took_part) out["took_part"] = *tally.took_part;
  if (tally.invalid) out["invalid"] = *tally.invalid;
  if (tally.both_marked) out["both_marked"] = *tally.both_marked;
  return out;
}

// A round; `ballot`, when given, the options on its ballot (a repeat vote's two): the ranking
// lists those only (the tally keeps every option's line).
json RoundJson(const core::Contest& contest, const core::RoundDetails& round, const std::vector<int>* ballot) {
  json ranking = json::array();
  for (int index : round.ranking) {
    if (ballot != nullptr && std::find(ballot->begin(), ballot->end(), index) == ballot->end()) continue;
    ranking.push_back({{"option", contest.options[index].id},
                       {"votes", round.tally.votes[index]},
                       {"percent", core::PercentText(round.tally.votes[index], round.base)}});
  }
  std::vector<std::string> ids;
  for (const core::Option& option : contest.options) ids.push_back(option.id);
  json out{{"round", round.round},
           {"tally", TallyJson(contest, round.tally)},
           {"base", {{"kind", std::string(core::ThresholdBaseName(round.base_kind))}, {"total", round.base}}},
           {"majority_percent", core::FormatRatio(round.majority_percent)},
           {"majority_reached", round.majority_reached},
           {"ranking", ranking}};
  if (round.tie) out["tie"] = TieJson(*round.tie, ids);
  return out;
}

}  // namespace

json AllocationToJson(const core::Allocation& allocation, const core::Ratio& first_divisor) {
  json seats = json::object();
  for (std::size_t i = 0; i < allocation.ids.size(); ++i) seats[allocation.ids[i]] = allocation.seats[i];
  json explanation = json::object();
  explanation["votes_total"] = [&] {
    std::int64_t total = 0;
    for (std::int64_t v : allocation.votes) total += v;
    return total;
  }();
  if (core::IsLargestRemainder(allocation.method)) {
    explanation["quota"] = FractionJson(allocation.quota);
    json rows = json::array();
    for (std::size_t i = 0; i < allocation.ids.size(); ++i) {
      const core::RemainderLine& line = allocation.remainders[i];
      rows.push_back({{"option", allocation.ids[i]},
                      {"votes", allocation.votes[i]},
                      {"quotient",
                       FractionText(core::Int128{allocation.votes[i]} * allocation.quota.den, allocation.quota.num, 6)},
                      {"whole_seats", line.whole_seats},
                      {"remainder", FractionJson({line.remainder, allocation.quota.num})},
                      {"remainder_seat", line.remainder_seat},
                      {"seat_taken_back", line.seat_taken_back},
                      {"seats", allocation.seats[i]}});
    }
    explanation["lines"] = rows;
  } else {
    json awards = json::array();
    for (const core::SeatAward& award : core::SeatOrder(allocation, first_divisor)) {
      const core::Fraction divisor = core::DivisorAt(allocation.method, first_divisor, award.divisor_step);
      awards.push_back(
          {{"seat", award.seat},
           {"option", allocation.ids[award.option]},
           {"divisor", allocation.method == core::Method::kHuntingtonHill ? "sqrt(" + Int128Text(divisor.num) + ")"
                                                                          : FractionText(divisor.num, divisor.den, 4)},
           {"quotient", allocation.method == core::Method::kHuntingtonHill
                            ? json{{"squared", FractionJson(award.quotient)}}
                            : FractionJson(award.quotient)},
           {"by_tie_rule", award.by_tie_rule}});
    }
    explanation["seats_in_order"] = awards;
    if (allocation.last_winner) explanation["smallest_winning_quotient"] = FractionJson(*allocation.last_winner);
    if (allocation.first_loser) {
      explanation["best_quotient_without_seat"] = FractionJson(*allocation.first_loser);
      if (allocation.method == core::Method::kHuntingtonHill) explanation["quotients_are_squared"] = true;
    }
    if (allocation.method == core::Method::kModifiedSainteLague) {
      explanation["first_divisor"] = core::FormatRatio(first_divisor);
    }
  }
  json ties = json::array();
  for (const core::TieReport& tie : allocation.ties) ties.push_back(TieJson(tie, allocation.ids));
  explanation["ties"] = ties;
  return json{{"method", std::string(core::MethodName(allocation.method))},
              {"seats_total", allocation.seats_total},
              {"seats", seats},
              {"resolved", allocation.resolved()},
              {"unresolved_seats", allocation.unresolved_seats},
              {"explanation", explanation}};
}

json OutcomeToJson(const core::Election& election, const core::Contest& contest, const core::Outcome& outcome) {
  (void)election;
  json out{{"contest", contest.id},
           {"kind", contest.kind},
           {"name", {{"kk", contest.name.kk}, {"ru", contest.name.ru}, {"en", contest.name.en}}},
           {"unit", contest.unit},
           {"decision", std::string(core::DecisionName(outcome.decision))},
           {"winners", outcome.winners},
           {"notes", outcome.notes},
           {"checks_failed", outcome.checks_failed}};
  if (const auto* list = std::get_if<core::PartyListDetails>(&outcome.details)) {
    const auto* rules = std::get_if<core::PartyListRules>(&contest.rules);
    json options = json::array();
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      options.push_back({{"option", contest.options[i].id},
                         {"votes", list->tally.votes[i]},
                         {"percent", core::PercentText(list->tally.votes[i], list->base)},
                         {"passed_threshold", static_cast<bool>(list->passed[i])},
                         {"seats", list->seats[i]}});
    }
    json seats = json::object();
    for (std::size_t i = 0; i < contest.options.size(); ++i) seats[contest.options[i].id] = list->seats[i];
    out["seats"] = seats;
    out["seats_total"] = rules ? rules->seats : 0;
    out["tally"] = TallyJson(contest, list->tally);
    out["base"] = {{"kind", std::string(core::ThresholdBaseName(list->base_kind))}, {"total", list->base}};
    out["threshold"] = {{"percent", core::FormatRatio(list->threshold_percent)}, {"votes_needed", list->votes_needed}};
    out["options"] = options;
    out["runner_up_rule_applied"] = list->runner_up_applied;
    if (!list->admitted.empty() && !list->allocation.ids.empty()) {
      out["allocation"] = AllocationToJson(list->allocation, rules ? rules->first_divisor : core::Ratio{7, 5});
    }
    out["quota_findings"] = list->quota_findings;
    if (nlohmann::json elected = ElectedToJson(contest, *list); !elected.empty()) out["elected"] = std::move(elected);
  } else if (const auto* candidates = std::get_if<core::CandidateDetails>(&outcome.details)) {
    json rounds = json::array();
    for (const core::RoundDetails& round : candidates->rounds) {
      const bool repeat = round.round > 1 && !candidates->runoff.empty();
      rounds.push_back(RoundJson(contest, round, repeat ? &candidates->runoff : nullptr));
    }
    out["rounds"] = rounds;
    json runoff = json::array();
    for (int index : candidates->runoff) runoff.push_back(contest.options[index].id);
    out["runoff"] = runoff;
    if (candidates->electors) out["electors"] = *candidates->electors;
    if (candidates->quorum_met) out["quorum_met"] = *candidates->quorum_met;
  } else if (const auto* referendum = std::get_if<core::ReferendumDetails>(&outcome.details)) {
    json units = json::array();
    for (const core::ReferendumUnitRow& row : referendum->units) {
      units.push_back({{"unit", row.unit},
                       {"tally", TallyJson(contest, row.tally)},
                       {"base", row.base},
                       {"yes_percent", core::PercentText(row.tally.votes[0], row.base)},
                       {"yes_majority", row.yes_majority}});
    }
    out["national"] = TallyJson(contest, referendum->national);
    out["national_base"] = referendum->national_base;
    out["turnout_valid"] = referendum->turnout_valid;
    out["national_yes_majority"] = referendum->national_yes_majority;
    out["yes_percent"] = core::PercentText(referendum->national.votes[0], referendum->national_base);
    out["units"] = units;
    out["units_needed"] = referendum->units_needed;
    out["units_yes"] = referendum->units_yes;
  }
  return out;
}

nlohmann::json ProtocolValuesToJson(const core::ContestPlan& plan, std::span<const std::int64_t> values) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < values.size(); ++i) out[plan.form->NameAt(i, plan.contest->options)] = values[i];
  return out;
}

}  // namespace saylau::formats
