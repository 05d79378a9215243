// saylau whatif DEFINITION --counts FILE --set key=value ...: the outcome under other rules, seat by seat.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "saylau/core/outcome.h"
#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/number_text.h"
#include "saylau/stats/rule_changes.h"

namespace saylau::cli {
namespace {

struct WhatifOptions {
  std::string definition, counts, contest;
  std::vector<std::string> changes;
};

std::string RulesText(const core::PartyListRules& rules) {
  return fmt::format("{} seats, {}, threshold {} % of {}", rules.seats, core::MethodName(rules.method),
                     core::FormatRatio(rules.threshold.percent), core::ThresholdBaseName(rules.threshold.base));
}

int RunWhatif(const WhatifOptions& options) {
  auto election = formats::LoadDefinition(options.definition);
  if (!election) return ReportError(election.error());
  std::vector<stats::RuleChange> changes;
  for (const std::string& text : options.changes) {
    auto change = stats::ParseRuleChange(text);
    if (!change) return ReportError(change.error());
    changes.push_back(*change);
  }
  auto changed = stats::ChangeRules(*election, options.contest, changes);
  if (!changed) return ReportError(changed.error());
  auto text = formats::ReadFile(options.counts);
  if (!text) return ReportError(text.error());
  auto counts = formats::ParseCountsCsv(*text, options.counts, *election);
  if (!counts) return ReportError(counts.error());
  int shown = 0;
  for (const core::Contest& contest : election->contests()) {
    const core::Contest& other = *changed->FindContest(contest.id);
    const auto* before_rules = std::get_if<core::PartyListRules>(&contest.rules);
    if (before_rules == nullptr || !counts->count(contest.id)) continue;
    if (!options.contest.empty() && contest.id != options.contest) continue;
    auto before = core::DecideContest(*election, contest, (*counts)[contest.id]);
    auto after = core::DecideContest(*changed, other, (*counts)[contest.id]);
    if (!before) return ReportError(before.error());
    if (!after) return ReportError(after.error());
    const auto* b = std::get_if<core::PartyListDetails>(&before->details);
    const auto* a = std::get_if<core::PartyListDetails>(&after->details);
    if (b == nullptr || a == nullptr) continue;
    ++shown;
    std::cout << fmt::format("{}\n  as held:  {}\n  what if:  {}\n", contest.id, RulesText(*before_rules),
                             RulesText(std::get<core::PartyListRules>(other.rules)));
    std::cout << fmt::format("  {:<16} {:>11} {:>8} {:>8} {:>8} {:>7}\n", "list", "votes", "share", "as held",
                             "what if", "change");
    int moved = 0;
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      const int difference = a->seats[i] - b->seats[i];
      moved += difference > 0 ? difference : 0;
      std::cout << fmt::format("  {:<16} {:>11} {:>7}% {:>8} {:>8} {:>7}\n", contest.options[i].id,
                               formats::Grouped(b->tally.votes[i]), core::PercentText(b->tally.votes[i], b->base),
                               b->seats[i], a->seats[i],
                               difference == 0 ? std::string("") : fmt::format("{:+d}", difference));
    }
    std::cout << fmt::format("  {} seat{} change hands\n", moved, moved == 1 ? "" : "s");
    for (const std::string& note : after->notes) std::cout << "  note: " << note << "\n";
  }
  if (shown == 0)
    return ReportError(InvalidArgument(options.counts + ": no counts for a party-list contest whose rules changed"));
  return kExitOk;
}

}  // namespace

void AddWhatifCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<WhatifOptions>();
  CLI::App* command = app.add_subcommand(
      "whatif", "Recompute party-list outcomes under changed rules and show the difference seat by seat. Rules: " +
                    stats::RuleChangeKeys() +
                    ".\nExample: saylau whatif elections/kz/2023-03-19-mazhilis.toml --counts "
                    "data/kz/counts/mazhilis-2023-list-national.csv --set method=dhondt\n"
                    "Example: ... --set threshold=7   (the threshold before 2023)");
  command->add_option("definition", options->definition, "Election definition (TOML)")->required();
  command->add_option("--counts", options->counts, "Counts CSV (contest,unit,line,value), any level")->required();
  command->add_option("--set", options->changes, "A rule to change, key=value (repeat for several)")->required();
  command->add_option("--contest", options->contest,
                      "Only this contest (default: every party-list contest with counts)");
  command->callback([options, &run] { run = [options] { return RunWhatif(*options); }; });
}

}  // namespace saylau::cli
