// saylau check DEFINITION: validate a definition and summarise what it holds.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "commands.h"
#include "saylau/core/eligibility.h"
#include "saylau/formats/definition_toml.h"

namespace saylau::cli {
namespace {

struct CheckOptions {
  std::string definition;
};

// What the definition does not let saylau check, so that "valid" does not promise too much.
void PrintUnchecked(const core::Election& election) {
  std::vector<std::string> lines;
  int placeholders = 0;
  for (const core::Contest& contest : election.contests()) {
    for (const core::Option& option : contest.options) {
      for (const core::Candidate& candidate : option.list) placeholders += candidate.placeholder ? 1 : 0;
    }
    if (const auto* list = std::get_if<core::PartyListRules>(&contest.rules); list && list->quota) {
      std::string without;
      for (const core::Option& option : contest.options) {
        if (option.list.empty()) without += (without.empty() ? "" : ", ") + option.id;
      }
      if (!without.empty()) {
        lines.push_back(fmt::format("{}: the {}% list quota (no candidate list given for {})", contest.id,
                                    core::FormatRatio(list->quota->share_percent), without));
      }
    }
    if (const auto* runoff = std::get_if<core::MajorityRunoffRules>(&contest.rules); runoff && runoff->eligibility) {
      for (const core::Option& option : contest.options) {
        const std::vector<std::string> missing = core::UncheckedEligibilityFields(option.list.front());
        if (missing.empty()) continue;
        std::string fields;
        for (const std::string& field : missing) fields += (fields.empty() ? "" : ", ") + field;
        lines.push_back(fmt::format("{}: eligibility of '{}' ({} not given)", contest.id, option.id, fields));
      }
    }
  }
  if (placeholders > 0) {
    lines.push_back(fmt::format("{} placeholder candidate(s) stand in for names our sources lack", placeholders));
  }
  if (lines.empty()) return;
  std::cout << "  not checked:\n";
  for (const std::string& line : lines) std::cout << "    " << line << "\n";
}

int RunCheck(const CheckOptions& options) {
  Result<core::Election> election = formats::LoadDefinition(options.definition);
  if (!election) return ReportError(election.error());
  std::map<std::string, int> units_by_kind;
  for (const core::Unit& unit : election->units()) ++units_by_kind[std::string(core::UnitKindName(unit.kind))];
  std::cout << fmt::format("{}: valid\n  election {} ({}), {}\n", options.definition, election->id(),
                           election->name().In(core::Language::kEnglish, election->id()), election->date().ToString());
  std::string units;
  for (const auto& [kind, count] : units_by_kind)
    units += fmt::format("{}{} {}", units.empty() ? "" : ", ", count, kind);
  std::cout << fmt::format("  units: {} ({})\n", election->units().size(), units);
  std::cout << fmt::format("  parties: {}\n  contests: {}\n", election->parties().size(), election->contests().size());
  for (const core::Contest& contest : election->contests()) {
    std::string detail;
    if (const auto* list = std::get_if<core::PartyListRules>(&contest.rules)) {
      detail = fmt::format("{} seats, {}, threshold {}% of {}, ties by {}, runner-up rule {}", list->seats,
                           core::MethodName(list->method), core::FormatRatio(list->threshold.percent),
                           core::ThresholdBaseName(list->threshold.base), core::TieRuleName(list->ties),
                           core::RunnerUpRuleName(list->runner_up));
    } else if (const auto* referendum = std::get_if<core::ReferendumRules>(&contest.rules)) {
      detail = fmt::format("{} qualifying units, {} needed", referendum->qualifying_units.size(),
                           core::FormatRatio(referendum->units_share));
    } else {
      detail = fmt::format("{} candidates", contest.options.size());
    }
    std::cout << fmt::format("    {:<28} {:<18} unit {:<12} {}\n", contest.id, contest.kind, contest.unit, detail);
  }
  PrintUnchecked(*election);
  return kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check",
      "Validate an election definition (TOML): units, parties, contests, rule parameters, candidate eligibility\n"
      "and list quotas. Prints a summary when valid; otherwise every problem as file:line: field: message.\n"
      "Example: saylau check elections/kz/2023-03-19-mazhilis.toml");
  command->add_option("definition", options->definition, "Election definition file (.toml)")->required();
  command->callback([&run, options] { run = [options] { return RunCheck(*options); }; });
}

}  // namespace saylau::cli
