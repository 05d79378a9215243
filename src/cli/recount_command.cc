// saylau recount --db FILE --contest C --unit U --reason R: reopen part of a certified result.
#include <iostream>

#include "commands.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct RecountOptions {
  std::string db, contest, unit, reason, at, by;
};

int RunRecount(const RecountOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  service::ResultsService& service = **opened;
  const core::RecountOrder order{options.contest, options.unit, options.reason,
                                 options.at.empty() ? NowIso() : options.at,
                                 options.by.empty() ? service.election().units().front().id : options.by};
  if (Status ok = service.OrderRecount(order); !ok) return ReportError(ok.error());
  std::cout << "recount ordered for " << options.contest << " in " << options.unit
            << "; corrections by a higher commission, with a reason, are accepted there again\n";
  return kExitOk;
}

}  // namespace

void AddRecountCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<RecountOptions>();
  CLI::App* command = app.add_subcommand(
      "recount",
      "Record a recount order for part of a contest whose result is certified final, so that corrected\n"
      "protocols there are accepted (each still needs a higher commission and a reason).\n"
      "Example: saylau recount --db night.db --contest mazhilis-list --unit astana --reason \"CEC resolution 12\"");
  command->add_option("--db", options->db, "The election database")->required();
  command->add_option("--contest", options->contest, "The contest")->required();
  command->add_option("--unit", options->unit, "Where the recount happens (a station or a unit above)")->required();
  command->add_option("--reason", options->reason, "Why (a court ruling, a resolution)")->required();
  command->add_option("--at", options->at, "When (ISO 8601; default now)");
  command->add_option("--by", options->by, "The commission ordering it (default: the country, i.e. the CEC)");
  command->callback([&run, options] { run = [options] { return RunRecount(*options); }; });
}

}  // namespace saylau::cli
