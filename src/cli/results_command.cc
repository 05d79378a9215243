// saylau results DEFINITION --counts FILE: the outcome of every contest from counts at any level.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "commands.h"
#include "saylau/core/ballot_balance.h"
#include "saylau/core/outcome.h"
#include "saylau/core/senate_summary.h"
#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/outcome_json.h"
#include "saylau/formats/outcome_text.h"
#include "saylau/formats/senate_summary_io.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct ResultsOptions {
  std::string definition;
  std::string counts;
  std::string db;
  std::string unit;
  std::string format = "table";
  std::string language = "en";
  std::vector<std::string> contests;
};

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// One row per option: contest,option,votes,percent,seats,elected.
void PrintCsvRows(const core::Contest& contest, const core::Outcome& outcome) {
  const auto is_winner = [&](const std::string& id) {
    return std::find(outcome.winners.begin(), outcome.winners.end(), id) != outcome.winners.end();
  };
  if (const auto* list = std::get_if<core::PartyListDetails>(&outcome.details)) {
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      std::cout << fmt::format("{},{},{},{},{},{}\n", CsvField(contest.id), CsvField(contest.options[i].id),
                               list->tally.votes[i], core::PercentText(list->tally.votes[i], list->base),
                               list->seats[i], list->seats[i] > 0 ? "yes" : "no");
    }
  } else if (const auto* candidates = std::get_if<core::CandidateDetails>(&outcome.details)) {
    const core::RoundDetails& round = candidates->rounds.back();
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      const bool won = is_winner(contest.options[i].id);
      std::cout << fmt::format("{},{},{},{},{},{}\n", CsvField(contest.id), CsvField(contest.options[i].id),
                               round.tally.votes[i], core::PercentText(round.tally.votes[i], round.base), won ? 1 : 0,
                               won ? "yes" : "no");
    }
  } else if (const auto* referendum = std::get_if<core::ReferendumDetails>(&outcome.details)) {
    for (std::size_t i = 0; i < contest.options.size(); ++i) {
      std::cout << fmt::format("{},{},{},{},,{}\n", CsvField(contest.id), contest.options[i].id,
                               referendum->national.votes[i],
                               core::PercentText(referendum->national.votes[i], referendum->national_base),
                               is_winner(contest.options[i].id) ? "yes" : "no");
    }
  }
}

// "127 868 ballots are unaccounted for at kz: took part 9 127 192 ≠ valid 8 852 766 + invalid
// 146 558 = 8 999 324 (counts.csv:2)".
std::string ImbalanceText(const core::BallotImbalance& imbalance) {
  const std::int64_t gap = imbalance.Unaccounted();
  std::string text = gap > 0 ? fmt::format("{} ballots are unaccounted for", formats::Grouped(gap))
                             : fmt::format("{} more ballots counted than took part", formats::Grouped(-gap));
  text += fmt::format(" at {}{}: took part {} ≠ valid {} + invalid {}", imbalance.unit,
                      imbalance.round == 1 ? "" : fmt::format(" (round {})", imbalance.round),
                      formats::Grouped(imbalance.took_part), formats::Grouped(imbalance.valid),
                      formats::Grouped(imbalance.invalid));
  if (imbalance.both_marked) text += fmt::format(" + both marked {}", formats::Grouped(*imbalance.both_marked));
  text += fmt::format(" = {}", formats::Grouped(imbalance.Accounted()));
  if (!imbalance.origin.empty()) text += " (" + imbalance.origin + ")";
  return text;
}

nlohmann::json ImbalanceJson(const core::BallotImbalance& imbalance) {
  nlohmann::json entry = {{"kind", "ballots-unaccounted"},      {"unit", imbalance.unit},
                          {"round", imbalance.round},           {"took_part", imbalance.took_part},
                          {"valid", imbalance.valid},           {"invalid", imbalance.invalid},
                          {"accounted", imbalance.Accounted()}, {"unaccounted", imbalance.Unaccounted()},
                          {"message", ImbalanceText(imbalance)}};
  if (imbalance.both_marked) entry["both_marked"] = *imbalance.both_marked;
  return entry;
}

// Totals of `contest` at a unit below the contest's own unit (no outcome is decided there).
std::string TotalsText(const core::ElectionNight& night, core::ContestIndex contest, int round, core::LocalUnit local) {
  const core::ContestPlan& plan = night.plan().contest(contest);
  const auto values = night.tabulation().Totals(contest, round, local);
  const core::Progress progress = night.tabulation().ProgressAt(contest, round, local);
  const core::ProtocolForm& form = *plan.form;
  const std::int64_t against_all = form.AgainstAllValue(values);
  std::int64_t base = against_all;
  for (const std::int64_t votes : form.Options(values)) base += votes;
  const std::int64_t voters = form.BaseValue(core::BaseRole::kRegistered, values);
  const std::int64_t issued = form.BaseValue(core::BaseRole::kTookPart, values);
  std::string text = fmt::format(
      "totals at {} ({} of {} stations): voters {}, issued {} ({}), valid {}, invalid {}\n",
      night.election().units()[plan.GlobalOf(local).at()].id, progress.reported, progress.expected,
      formats::Grouped(voters), formats::Grouped(issued), core::PercentText(issued, voters),
      formats::Grouped(form.BaseValue(core::BaseRole::kValid, values)),
      formats::Grouped(form.BaseValue(core::BaseRole::kInvalid, values)));
  for (std::size_t i = 0; i < plan.contest->options.size(); ++i) {
    const std::int64_t votes = values[plan.first_option + i];
    text += fmt::format("  {:<40} {:>12} {:>8}\n", plan.contest->options[i].name.en, formats::Grouped(votes),
                        core::PercentText(votes, base));
  }
  if (plan.contest->against_all) {
    text += fmt::format("  {:<40} {:>12} {:>8}\n", "against all", formats::Grouped(against_all),
                        core::PercentText(against_all, base));
  }
  return text;
}

int RunResultsFromDatabase(const ResultsOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  const service::ResultsService& service = **opened;
  const core::Election& election = service.election();
  const core::ElectionNight& night = service.night();
  const core::Language language = core::LanguageFromCode(options.language).value_or(core::Language::kEnglish);
  const std::string unit_id = options.unit.empty() ? election.units().front().id : options.unit;
  const core::GlobalUnit unit = night.plan().FindUnit(unit_id);
  if (!unit.valid()) return ReportError(NotFound("unit '" + unit_id + "' is not in election '" + election.id() + "'"));
  for (const std::string& id : options.contests) {
    if (election.FindContest(id) == nullptr) return ReportError(NotFound("unknown contest '" + id + "'"));
  }
  int exit_code = kExitOk;
  nlohmann::json all = nlohmann::json::array();
  if (options.format == "csv") std::cout << "contest,option,votes,percent,seats,elected,stage,partial\n";
  for (std::size_t c = 0; c < night.plan().contests().size(); ++c) {
    const core::ContestIndex index(c);
    const core::ContestPlan& plan = night.plan().contest(index);
    const core::Contest& contest = *plan.contest;
    if (!options.contests.empty() &&
        std::find(options.contests.begin(), options.contests.end(), contest.id) == options.contests.end()) {
      continue;
    }
    const core::LocalUnit local = plan.LocalOf(unit);
    const bool whole = local == core::LocalUnit(0) || (!local.valid() && election.IsWithin(contest.unit, unit_id));
    if (!whole && !local.valid()) continue;
    const core::ContestStatus status = night.StatusOf(index);
    const std::string stage = StageLine(service, index);
    if (!whole) {
      if (options.format == "table") {
        std::cout << contest.id << " — " << contest.name.en << "\n"
                  << stage << "\n"
                  << TotalsText(night, index, status.round, local) << "\n";
      } else if (options.format == "json") {
        const nlohmann::json totals =
            formats::ProtocolValuesToJson(night.plan().contest(index), night.tabulation().Totals(index, status.round, local));
        all.push_back({{"contest", contest.id},
                       {"unit", unit_id},
                       {"stage", core::StageName(status.stage)},
                       {"summary", stage},
                       {"totals", totals}});
      }
      continue;
    }
    if (!status.outcome) return ReportError(status.outcome.error());
    const core::Outcome& outcome = *status.outcome;
    if (!status.partial && (outcome.decision == core::Decision::kUnresolved || outcome.checks_failed)) {
      exit_code = kExitCheckFailed;
    }
    if (options.format == "json") {
      nlohmann::json entry = formats::OutcomeToJson(election, contest, outcome);
      entry["stage"] = core::StageName(status.stage);
      entry["partial"] = status.partial;
      entry["progress"] = {{"reported", status.progress.reported},
                           {"expected", status.progress.expected},
                           {"voters_reported", status.progress.voters_reported},
                           {"voters_expected", status.progress.voters_expected}};
      entry["summary"] = stage;
      all.push_back(entry);
    } else if (options.format == "csv") {
      std::ostringstream rows;
      std::streambuf* saved = std::cout.rdbuf(rows.rdbuf());
      PrintCsvRows(contest, outcome);
      std::cout.rdbuf(saved);
      std::istringstream lines(rows.str());
      for (std::string line; std::getline(lines, line);) {
        std::cout << line << "," << core::StageName(status.stage) << "," << (status.partial ? "yes" : "no") << "\n";
      }
    } else {
      std::cout << stage
                << (status.partial ? "\nPARTIAL: not every polling station has reported; the outcome "
                                     "below is provisional\n"
                                   : "\n")
                << formats::OutcomeToText(election, contest, outcome, language) << "\n";
    }
  }
  // The Senate summary, for the whole election (not one contest or a unit below the country).
  const bool senate = core::HasSenateSittings(election) && options.contests.empty() && unit_id == election.units().front().id;
  if (options.format == "json") {
    nlohmann::json out = {{"election", election.id()}, {"unit", unit_id}, {"outcomes", all}};
    if (senate) out["senate"] = formats::SenateSummaryToJson(election, core::SummarizeSenate(night));
    std::cout << out.dump(2) << "\n";
  } else if (options.format == "table" && senate) {
    std::cout << formats::SenateSummaryToText(election, core::SummarizeSenate(night), language);
  }
  return exit_code;
}

int RunResults(const ResultsOptions& options) {
  if (!options.db.empty()) return RunResultsFromDatabase(options);
  if (options.definition.empty() || options.counts.empty()) {
    return ReportError(InvalidArgument("give either --db FILE, or a DEFINITION with --counts FILE"));
  }
  Result<core::Election> election = formats::LoadDefinition(options.definition);
  if (!election) return ReportError(election.error());
  Result<std::string> text = formats::ReadFile(options.counts);
  if (!text) return ReportError(text.error());
  Result<formats::CountsByContest> counts = formats::ParseCountsCsv(*text, options.counts, *election);
  if (!counts) return ReportError(counts.error());
  const core::Language language = core::LanguageFromCode(options.language).value_or(core::Language::kEnglish);
  for (const std::string& id : options.contests) {
    if (election->FindContest(id) == nullptr) return ReportError(NotFound("unknown contest '" + id + "'"));
  }

  int exit_code = kExitOk;
  nlohmann::json all = nlohmann::json::array();
  std::vector<core::Outcome> sitting_outcomes;  // for the Senate summary
  sitting_outcomes.reserve(election->contests().size());
  std::vector<core::SittingInput> sittings;
  if (options.format == "csv") std::cout << "contest,option,votes,percent,seats,elected\n";
  for (const core::Contest& contest : election->contests()) {
    if (!options.contests.empty() &&
        std::find(options.contests.begin(), options.contests.end(), contest.id) == options.contests.end()) {
      continue;
    }
    const auto found = counts->find(contest.id);
    if (found == counts->end() && options.contests.empty()) {  // no counts: nothing to say
      if (std::holds_alternative<core::IndirectMajorityRules>(contest.rules)) sittings.push_back({.contest = &contest});
      continue;
    }
    const std::vector<core::UnitCount> none;
    const std::vector<core::UnitCount>& given = found == counts->end() ? none : found->second;
    Result<core::Outcome> outcome = core::DecideContest(*election, contest, given);
    if (!outcome) return ReportError(outcome.error());
    if (outcome->decision == core::Decision::kUnresolved || outcome->checks_failed) exit_code = kExitCheckFailed;
    // Published counts that do not add up are a warning (stderr; in JSON, the outcome's
    // "warnings"), not a failure: the exit code stays the outcome's.
    const std::vector<core::BallotImbalance> imbalances = core::FindBallotImbalances(given);
    if (std::holds_alternative<core::IndirectMajorityRules>(contest.rules)) {
      sitting_outcomes.push_back(*outcome);
      sittings.push_back({.contest = &contest, .outcome = &sitting_outcomes.back()});
    }
    if (options.format == "json") {
      nlohmann::json entry = formats::OutcomeToJson(*election, contest, *outcome);
      if (!imbalances.empty()) {
        entry["warnings"] = nlohmann::json::array();
        for (const core::BallotImbalance& imbalance : imbalances) entry["warnings"].push_back(ImbalanceJson(imbalance));
      }
      all.push_back(entry);
      continue;
    }
    for (const core::BallotImbalance& imbalance : imbalances) {
      std::cerr << "warning: " << contest.id << ": " << ImbalanceText(imbalance) << "\n";
    }
    if (options.format == "csv") {
      PrintCsvRows(contest, *outcome);
    } else {
      std::cout << formats::OutcomeToText(*election, contest, *outcome, language) << "\n";
    }
  }
  const bool senate = core::HasSenateSittings(*election) && options.contests.empty();
  if (options.format == "json") {
    nlohmann::json out = {{"election", election->id()}, {"outcomes", all}};
    if (senate) out["senate"] = formats::SenateSummaryToJson(*election, core::SummarizeSenate(sittings));
    std::cout << out.dump(2) << "\n";
  } else if (options.format == "table" && senate) {
    std::cout << formats::SenateSummaryToText(*election, core::SummarizeSenate(sittings), language);
  }
  return exit_code;
}

}  // namespace

void AddResultsCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ResultsOptions>();
  CLI::App* command = app.add_subcommand(
      "results",
      "Compute the outcome of every contest that has counts: thresholds, seats, winners, runoffs and\n"
      "referendum majorities, with the arithmetic. Counts may be given at any unit (a national count is a\n"
      "count at the country unit); lower counts are summed up the hierarchy.\n"
      "Counts file: CSV with header contest,unit,line,value[,round]; line is registered, took_part, invalid,\n"
      "both_marked, against_all or an option id. See docs/counts-format.md.\n"
      "With --db, the outcome from an election database as protocols arrive, with its stage and whether it\n"
      "is partial; --unit shows the totals at a region, district or station.\n"
      "Example: saylau results elections/kz/2023-03-19-mazhilis.toml --counts "
      "data/kz/counts/mazhilis-2023-list-national.csv\n"
      "Example: saylau results --db night.db --contest mazhilis-list");
  command->add_option("definition", options->definition, "Election definition file (.toml)");
  command->add_option("--counts", options->counts, "Counts file (CSV)");
  command->add_option("--db", options->db, "An election database (saylau init) instead of a definition and counts");
  command->add_option("--unit", options->unit, "With --db: totals at this unit");
  command->add_option("--format", options->format, "Output: table (default), json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  command->add_option("--lang", options->language, "Language of names in tables: kk, ru or en (default en)")
      ->check(CLI::IsMember({"kk", "ru", "en"}));
  command->add_option("--contest", options->contests, "Only these contests (repeatable)");
  command->callback([&run, options] { run = [options] { return RunResults(*options); }; });
}

}  // namespace saylau::cli
