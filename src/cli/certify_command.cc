// saylau certify --db FILE --stage preliminary|final: the commission announces or certifies results.
#include <iostream>

#include "commands.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct CertifyOptions {
  std::string db;
  std::string stage;
  std::vector<std::string> contests;
  std::string at;
  std::string by;
  std::string note;
};

int RunCertify(const CertifyOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  service::ResultsService& service = **opened;
  std::vector<std::string> contests = options.contests;
  if (contests.empty()) {
    for (const core::Contest& contest : service.election().contests()) contests.push_back(contest.id);
  }
  const core::Stage stage = *core::StageFromName(options.stage);
  const std::string by = options.by.empty() ? service.election().units().front().id : options.by;
  // Check every contest first, so the command does all or nothing.
  for (const std::string& id : contests) {
    if (Status ok = service.night().CheckStageChange({id, stage, "", by, ""}); !ok) return ReportError(ok.error());
  }
  for (const std::string& id : contests) {
    const core::StageChange change{id, stage, options.at.empty() ? NowIso() : options.at, by, options.note};
    if (Status ok = service.Certify(change); !ok) return ReportError(ok.error());
    std::cout << id << ": " << StageLine(service, service.night().plan().ContestIndex(id)) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddCertifyCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<CertifyOptions>();
  CLI::App* command = app.add_subcommand(
      "certify",
      "Move contests to the next result stage: preliminary (announced on election night) or final\n"
      "(certified by the Central Election Commission; needs every polling station reported). After the\n"
      "final stage a protocol can change only under a recount order (saylau recount). All contests by\n"
      "default; all or none are moved.\n"
      "Example: saylau certify --db night.db --stage final --at 2023-03-27T12:00:00+06:00");
  command->add_option("--db", options->db, "The election database")->required();
  command->add_option("--stage", options->stage, "preliminary or final")
      ->required()
      ->check(CLI::IsMember({"preliminary", "final"}));
  command->add_option("--contest", options->contests, "Only these contests (repeatable)");
  command->add_option("--at", options->at, "When (ISO 8601; default now); compared with the legal deadline");
  command->add_option("--by", options->by, "The certifying commission's unit (default: the country, i.e. the CEC)");
  command->add_option("--note", options->note, "A note kept with the record (a resolution number)");
  command->callback([&run, options] { run = [options] { return RunCertify(*options); }; });
}

}  // namespace saylau::cli
