// saylau results DEFINITION --counts FILE: the outcome of every contest from counts at any level.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "saylau/core/outcome.h"
#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/outcome_json.h"
#include "saylau/formats/outcome_text.h"

namespace saylau::cli {
namespace {

struct ResultsOptions {
  std::string definition;
  std::string counts;
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

int RunResults(const ResultsOptions& options) {
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
  if (options.format == "csv") std::cout << "contest,option,votes,percent,seats,elected\n";
  for (const core::Contest& contest : election->contests()) {
    if (!options.contests.empty() &&
        std::find(options.contests.begin(), options.contests.end(), contest.id) == options.contests.end()) {
      continue;
    }
    const auto found = counts->find(contest.id);
    if (found == counts->end() && options.contests.empty()) continue;  // no counts: nothing to say
    const std::vector<core::UnitCount> none;
    Result<core::Outcome> outcome =
        core::DecideContest(*election, contest, found == counts->end() ? none : found->second);
    if (!outcome) return ReportError(outcome.error());
    if (outcome->decision == core::Decision::kUnresolved || outcome->checks_failed) exit_code = kExitCheckFailed;
    if (options.format == "json") {
      all.push_back(formats::OutcomeToJson(*election, contest, *outcome));
    } else if (options.format == "csv") {
      PrintCsvRows(contest, *outcome);
    } else {
      std::cout << formats::OutcomeToText(*election, contest, *outcome, language) << "\n";
    }
  }
  if (options.format == "json") {
    std::cout << nlohmann::json{{"election", election->id()}, {"outcomes", all}}.dump(2) << "\n";
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
      "Example: saylau results elections/kz/2023-03-19-mazhilis.toml --counts data/kz/counts/mazhilis-2023.csv");
  command->add_option("definition", options->definition, "Election definition file (.toml)")->required();
  command->add_option("--counts", options->counts, "Counts file (CSV)")->required();
  command->add_option("--format", options->format, "Output: table (default), json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  command->add_option("--lang", options->language, "Language of names in tables: kk, ru or en (default en)")
      ->check(CLI::IsMember({"kk", "ru", "en"}));
  command->add_option("--contest", options->contests, "Only these contests (repeatable)");
  command->callback([&run, options] { run = [options] { return RunResults(*options); }; });
}

}  // namespace saylau::cli
