// saylau import-contests: many small contests (rural akims, council districts) from
// contests.csv and candidates.csv, added to a definition in one command (docs/import.md).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/importer/contests_import.h"

namespace saylau::cli {
namespace {

struct ImportContestsOptions {
  std::string definition;
  std::string contests;
  std::string candidates;
  std::string out;
};

int RunImportContests(const ImportContestsOptions& options) {
  std::error_code same_error;
  if (std::filesystem::equivalent(options.definition, options.out, same_error)) {
    return ReportError(InvalidArgument(options.out + ": --out is the input definition; write a new file"));
  }
  Result<std::string> text = formats::ReadFile(options.definition);
  if (!text) return ReportError(text.error());
  Result<core::Election> definition = formats::ParseDefinitionWithoutContests(*text, options.definition);
  if (!definition) return ReportError(definition.error());
  importer::ContestsCsv csv{.contests_file = options.contests, .candidates_file = options.candidates};
  Result<std::string> contests = formats::ReadFile(options.contests);
  if (!contests) return ReportError(contests.error());
  Result<std::string> candidates = formats::ReadFile(options.candidates);
  if (!candidates) return ReportError(candidates.error());
  csv.contests_text = std::move(*contests);
  csv.candidates_text = std::move(*candidates);
  Result<importer::ImportedContests> imported = importer::ImportContests(*definition, *text, options.out, csv);
  if (!imported) return ReportError(imported.error());
  std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
  file << imported->definition;
  file.close();
  if (!file) return ReportError(Unavailable(options.out + ": cannot be written"));
  std::cout << fmt::format("{}: {} contests and {} candidates added to {}\n", options.out, imported->contests,
                           imported->candidates, options.definition);
  return kExitOk;
}

}  // namespace

void AddImportContestsCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ImportContestsOptions>();
  CLI::App* command =
      app.add_subcommand("import-contests",
                         "Add many small contests (rural akims, council districts) to a definition from CSV:\n"
                         "contests.csv (id,body,kind,unit,name_kk,name_ru,name_en; kind plurality, single_member or\n"
                         "majority_runoff) and candidates.csv (contest,id,name_kk,name_ru,name_en,party,gender,\n"
                         "nominated_by). Writes OUT: the definition with the contests appended, checked as a whole.\n"
                         "Every bad row is named as file:line: column: message, and nothing is written (exit 2).\n"
                         "Example: saylau import-contests elections/kz/example.toml --contests akims.csv \\\n"
                         "           --candidates akim-candidates.csv --out night.toml");
  command->add_option("definition", options->definition, "The definition (TOML) to add the contests to")->required();
  command->add_option("--contests", options->contests, "contests.csv: one row per contest")->required();
  command->add_option("--candidates", options->candidates, "candidates.csv: one row per candidate")->required();
  command->add_option("--out", options->out, "The definition to write (may not be the input)")->required();
  command->callback([&run, options] { run = [options] { return RunImportContests(*options); }; });
}

}  // namespace saylau::cli
