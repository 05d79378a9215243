// saylau export --db FILE --format csv|jsonl|nist: the counted protocols as open data, one row per
// station per contest per option, with the protocol's lines; or the results as NIST SP 1500-100 JSON.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

#include "commands.h"
#include "saylau/bundle/nist_export.h"
#include "saylau/publish/publish.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct ExportOptions {
  std::string db;
  std::string format = "csv";
  std::string out;
};

int RunExport(const ExportOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  if (options.format == "nist") {
    const std::string text =
        bundle::NistElectionReport((*opened)->night(), NowIso(), std::string("saylau ") + SAYLAU_VERSION).dump(1);
    if (options.out.empty()) {
      std::cout << text << '\n';
      return kExitOk;
    }
    std::ofstream file(options.out, std::ios::binary);
    file << text << '\n';
    file.close();
    if (!file) return ReportError(InvalidArgument(options.out + ": cannot write the file"));
    std::cerr << "wrote the NIST SP 1500-100 v2 results to " << options.out << "\n";
    return kExitOk;
  }
  std::ofstream file;
  if (!options.out.empty()) {
    file.open(options.out, std::ios::binary);
    if (!file) return ReportError(InvalidArgument(options.out + ": cannot write the file"));
  }
  Result<std::int64_t> rows = bundle::WriteOpenData(
      **opened, options.format == "csv" ? bundle::OpenDataFormat::kCsv : bundle::OpenDataFormat::kJsonLines,
      options.out.empty() ? std::cout : file);
  if (!rows) return ReportError(rows.error());
  if (!options.out.empty()) std::cerr << "wrote " << *rows << " rows to " << options.out << "\n";
  return kExitOk;
}
}  // namespace

void AddExportCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Open data: every counted protocol (the latest accepted version), one row per station per contest\n"
      "per option, with all the protocol's lines, its version and sequence number, and the stage.\n"
      "Example: saylau export --db night.db --format csv --out protocols-open-data.csv");
  command->add_option("--db", options->db, "The election database")->required();
  command->add_option("--format", options->format,
                      "csv (default), jsonl, or nist (NIST SP 1500-100 v2 Election Results Reporting JSON)")
      ->check(CLI::IsMember({"csv", "jsonl", "nist"}));
  command->add_option("--out", options->out, "Write to this file instead of standard output");
  command->callback([&run, options] { run = [options] { return RunExport(*options); }; });
}

}  // namespace saylau::cli
