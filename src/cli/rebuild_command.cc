// saylau rebuild --db FILE: recompute every total from the stored submissions and compare.
#include <iostream>

#include "commands.h"
#include "saylau/formats/number_text.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct RebuildOptions {
  std::string db;
  bool check = false;
};

int RunRebuild(const RebuildOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  Result<service::RebuildReport> report = (*opened)->Rebuild(/*rewrite=*/!options.check);
  if (!report) return ReportError(report.error());
  std::cout << "replayed " << formats::Grouped(report->submissions) << " stored submissions\n";
  if (report->verdict_disagreements > 0) {
    std::cout << report->verdict_disagreements
              << " stored verdicts differ from how the rules judge them today (the stored verdict stands)\n";
  }
  if (report->differences.empty()) {
    std::cout << "the stored totals and the live totals equal the rebuild\n";
    return kExitOk;
  }
  std::cout << report->differences.size() << " totals differed from the rebuild:\n";
  for (std::size_t i = 0; i < report->differences.size() && i < 20; ++i) {
    std::cout << "  " << report->differences[i] << "\n";
  }
  std::cout << (options.check ? "nothing was changed (--check)\n" : "the stored totals were replaced by the rebuild\n");
  return kExitCheckFailed;
}

}  // namespace

void AddRebuildCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<RebuildOptions>();
  CLI::App* command = app.add_subcommand(
      "rebuild",
      "Recompute every total from the stored submissions alone and compare with the stored totals.\n"
      "Exit 0 when they are equal; 1 when they differed (then the stored totals are replaced, unless --check).\n"
      "Example: saylau rebuild --db night.db --check");
  command->add_option("--db", options->db, "The election database")->required();
  command->add_flag("--check", options->check, "Only compare; change nothing");
  command->callback([&run, options] { run = [options] { return RunRebuild(*options); }; });
}

}  // namespace saylau::cli
