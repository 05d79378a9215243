// saylau: the command line of the open election results system. main() wires the
// subcommands together and turns exceptions from bugs into exit code 70.
#include <exception>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "saylau — open election results: definitions, exact seat allocation and outcomes, and election\n"
      "night: protocols checked, stored durably and totalled up the commission hierarchy.\n"
      "Exit codes: 0 ok; 1 a legal check failed, a tie is unresolved or a protocol was rejected; 2 bad input;\n"
      "3 not allowed in the current state (certified, already exists); 75 storage unavailable, retry; 70 bug.",
      "saylau"};
  app.set_version_flag("--version", std::string("saylau ") + SAYLAU_VERSION);
  app.require_subcommand(1);
  saylau::cli::Runner run;
  saylau::cli::AddCheckCommand(app, run);
  saylau::cli::AddResultsCommand(app, run);
  saylau::cli::AddAllocateCommand(app, run);
  saylau::cli::AddInitCommand(app, run);
  saylau::cli::AddIngestCommand(app, run);
  saylau::cli::AddStatusCommand(app, run);
  saylau::cli::AddExportCommand(app, run);
  saylau::cli::AddCertifyCommand(app, run);
  saylau::cli::AddRecountCommand(app, run);
  saylau::cli::AddRebuildCommand(app, run);
  saylau::cli::AddHistoryCommand(app, run);
  saylau::cli::AddSynthCommand(app, run);
  saylau::cli::AddKeysCommand(app, run);
  saylau::cli::AddServeCommand(app, run);
  saylau::cli::AddSubmitCommand(app, run);
  saylau::cli::AddObserversCommand(app, run);
  saylau::cli::AddPublishCommands(app, run);
  saylau::cli::AddPvtCommand(app, run);
  saylau::cli::AddForensicsCommand(app, run);
  saylau::cli::AddWhatifCommand(app, run);
  saylau::cli::AddImportCommand(app, run);
  saylau::cli::AddImportContestsCommand(app, run);
  saylau::cli::AddReportCommand(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : saylau::cli::kExitBadInput;
  }
  try {
    return run();
  } catch (const std::exception& error) {
    std::cerr << "saylau: internal error: " << error.what() << "\n";
    return saylau::cli::kExitInternal;
  }
}
