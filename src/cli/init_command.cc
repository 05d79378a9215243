// saylau init DEFINITION --db FILE [--stations CSV]: a new election database.
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/number_text.h"
#include "saylau/service/results_service.h"
#include "saylau/store/open_store.h"

namespace saylau::cli {
namespace {

struct InitOptions {
  std::string definition;
  std::string stations;
  std::string db;
};

int RunInit(const InitOptions& options) {
  std::vector<store::DefinitionFile> files;
  Result<std::string> text = formats::ReadFile(options.definition);
  if (!text) return ReportError(text.error());
  files.push_back({std::filesystem::path(options.definition).filename().string(), "definition", std::move(*text)});
  if (!options.stations.empty()) {
    Result<std::string> stations = formats::ReadFile(options.stations);
    if (!stations) return ReportError(stations.error());
    files.push_back({std::filesystem::path(options.stations).filename().string(), "stations", std::move(*stations)});
  }
  // Validate everything before creating the file: a database is never half-made.
  Result<core::Election> election = service::LoadElection(files);
  if (!election) return ReportError(election.error());
  Result<std::unique_ptr<store::Store>> store = store::CreateStore(options.db, files);
  if (!store) return ReportError(store.error());
  int stations = 0;
  for (const core::Unit& unit : election->units()) stations += unit.kind == core::UnitKind::kStation ? 1 : 0;
  std::cout << "created " << options.db << ": election " << election->id() << ", " << election->contests().size()
            << " contests, " << formats::Grouped(static_cast<std::int64_t>(election->units().size())) << " units ("
            << formats::Grouped(stations) << " polling stations)\n"
            << "next: saylau ingest --db " << options.db << " PROTOCOLS.csv|.jsonl TURNOUT.csv\n";
  return kExitOk;
}

}  // namespace

void AddInitCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* command = app.add_subcommand(
      "init",
      "Create an election database from a definition and, optionally, its polling stations: a SQLite\n"
      "file, or an empty PostgreSQL database named by a postgresql:// URL (for several `saylau serve`\n"
      "processes; docs/DEPLOYMENT.md). The definition and stations are validated first and stored\n"
      "verbatim in the database.\n"
      "Example:  saylau init elections/kz/2023-03-19-mazhilis.toml --stations night/stations.csv --db night.db\n"
      "          saylau init ... --db postgresql://saylau@db.example:5432/mazhilis2023");
  command->add_option("definition", options->definition, "Election definition file (.toml)")->required();
  command->add_option("--stations", options->stations, "Polling stations (CSV: id,parent,registered_voters,...)");
  command
      ->add_option("--db", options->db,
                   "The database to create: a new SQLite file, or postgresql://USER@HOST:PORT/DATABASE (an existing "
                   "empty database)")
      ->required();
  command->callback([&run, options] { run = [options] { return RunInit(*options); }; });
}

}  // namespace saylau::cli
