// saylau report --pdf OUT.pdf --contest C [--unit U] [--lang L] --db DB: the commission's results
// protocol of a contest at a unit (the dashboard's #/protocol page) printed to PDF. Serves the
// database and the built dashboard in-process on a loopback port of its own, prints the page with
// headless Chromium (chromium_pdf.h) and checks the PDF it wrote.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "chromium_pdf.h"
#include "commands.h"
#include "key_files.h"
#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

// Chromium could not print the page (it failed, timed out or wrote no PDF): EX_UNAVAILABLE of
// sysexits.h, as serve's "cannot listen".
constexpr int kExitCannotPrint = 69;

struct ReportOptions {
  std::string pdf;
  std::string db;
  std::string contest;
  std::string unit;
  std::string lang = "en";
  std::string web = "web/dist";
  std::string chromium;
  std::string log_key;
  std::string public_url;
  int timeout = 60;
};

// The contest and unit named on the command line, checked against the election: the unit must
// be one where the contest is counted (its own unit or below it).
Status CheckContestAndUnit(const service::ResultsService& service, ReportOptions& options) {
  const core::CountingPlan& plan = service.night().plan();
  const core::ContestIndex contest = plan.FindContest(options.contest);
  if (!contest.valid()) return NotFound("--contest '" + options.contest + "': no such contest in this election");
  const core::ContestPlan& contest_plan = plan.contest(contest);
  if (options.unit.empty()) options.unit = contest_plan.contest->unit;
  const core::GlobalUnit unit = plan.FindUnit(options.unit);
  if (!unit.valid()) return NotFound("--unit '" + options.unit + "': no such unit in this election");
  const auto& counted = contest_plan.global_to_local;
  const bool counted_there = std::binary_search(counted.begin(), counted.end(), std::pair<int, int>{unit.at(), -1},
                                                [](const auto& a, const auto& b) { return a.first < b.first; });
  if (!counted_there) {
    return InvalidArgument("--unit '" + options.unit + "': contest '" + options.contest +
                           "' is not counted there (its unit is '" + contest_plan.contest->unit + "')");
  }
  return {};
}

int RunReport(ReportOptions options) {
  if (options.lang != "kk" && options.lang != "ru" && options.lang != "en") {
    return ReportError(InvalidArgument("--lang '" + options.lang + "': kk, ru or en"));
  }
  if (!options.public_url.empty() && options.public_url.rfind("http://", 0) != 0 &&
      options.public_url.rfind("https://", 0) != 0) {
    return ReportError(InvalidArgument("--public-url '" + options.public_url + "': an http:// or https:// address"));
  }
  const std::optional<std::string> chromium = FindChromium(options.chromium);
  if (!chromium) {
    return ReportError(InvalidArgument(
        options.chromium.empty()
            ? "no Chromium on PATH (chromium, chromium-browser, google-chrome): install it (scripts/install-deps) "
              "or name it with --chromium PATH"
            : "--chromium '" + options.chromium + "': not an executable file"));
  }
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  if (Status ok = CheckContestAndUnit(**service, options); !ok) return ReportError(ok.error());
  if (!options.log_key.empty()) {
    Result<std::vector<crypto::KeyPair>> key = ReadKeyFiles(options.log_key);
    if (!key) return ReportError(key.error());
    if (key->size() != 1 || key->front().secret_key.empty()) {
      return ReportError(InvalidArgument(options.log_key + ": the log key is one key file with its secret key"));
    }
    if (Status ok = (*service)->SetLogKey(key->front()); !ok) return ReportError(ok.error());
  }
  server::ServerOptions server_options;
  server_options.address = "127.0.0.1";
  server_options.port = 0;
  server_options.web_root = options.web;
  Result<std::unique_ptr<server::Server>> server = server::Server::Start(std::move(*service), server_options);
  if (!server) return ReportError(server.error());
  if (!(*server)->serves_dashboard()) {
    (*server)->Stop();
    return ReportError(InvalidArgument("--web '" + options.web +
                                       "': no built dashboard there (no index.html; scripts/build-web builds it)"));
  }
  // Without --public-url the page is told it is local (local=1): a QR code of this loopback
  // server's address would send a reader of the paper nowhere, so none is printed, and the page
  // says that the protocol has no verification link.
  if (options.public_url.empty()) {
    std::cerr << "saylau report: no --public-url: the protocol is printed without a QR code or verification link "
                 "(this command's own server is a loopback address, useless on paper); the page says so. Give the "
                 "results site's public address with --public-url to print them\n";
  }
  const std::string url = "http://127.0.0.1:" + std::to_string((*server)->port()) + "/?print=1&lang=" + options.lang +
                          (options.public_url.empty() ? "&local=1" : "&base=" + server::QueryEscape(options.public_url)) +
                          "#/protocol/" + server::QueryEscape(options.contest) + "/" + server::QueryEscape(options.unit);
  const Status printed = PrintToPdf(
      {.chromium = *chromium, .url = url, .out = options.pdf, .timeout = std::chrono::seconds(options.timeout)});
  (*server)->Stop();
  const Result<int> pages = printed ? CheckPdf(options.pdf) : Result<int>(printed.error());
  if (!pages) {
    std::error_code ignored;
    std::filesystem::remove(options.pdf, ignored);  // no half-written or foreign file left as the PDF
    std::cerr << "saylau: " << pages.error().message << "\n";
    return kExitCannotPrint;
  }
  std::cout << "saylau report: " << options.pdf << " (" << *pages << (*pages == 1 ? " page" : " pages")
            << "): the results protocol of " << options.contest << " at " << options.unit << " (" << options.lang
            << ")\n";
  return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report",
      "Print the commission's results protocol of a contest at a unit to PDF (A4), ready to sign: the\n"
      "protocol's lines summed over the unit, each option's votes, the control relations checked on the sums,\n"
      "the seats and the elected, the certification stage, the log's tree head with a QR code of the\n"
      "verification link (with --public-url; without it no code or link, and the page says so), and signature lines. It is the dashboard's page #/protocol/CONTEST/UNIT, served from\n"
      "the database on a loopback port of its own and printed by headless Chromium (found on PATH, or\n"
      "--chromium PATH). Exit 0 with the PDF written; 2 bad input (an unknown contest or unit, no Chromium, no\n"
      "built dashboard); 69 Chromium failed or timed out; 75 the database is busy.\n"
      "Example:  saylau report --pdf protocol.pdf --contest mazhilis-list --db night.db\n"
      "          saylau report --pdf almaty.pdf --contest mazhilis-list --unit almaty-city --lang ru --db night.db\n"
      "          saylau report --pdf p.pdf --contest president --public-url https://results.example.kz --db night.db");
  command->add_option("--pdf", options->pdf, "The PDF file to write (replaced)")->required();
  command->add_option("--db", options->db, "The election database (saylau init; a SQLite file or postgresql:// URL)")
      ->required();
  command->add_option("--contest", options->contest, "The contest's id (saylau status lists them)")->required();
  command->add_option("--unit", options->unit,
                      "The unit whose protocol it is (default: the contest's own unit, e.g. the country)");
  command->add_option("--lang", options->lang, "kk, ru or en (default en)");
  command->add_option("--web", options->web, "The built dashboard (default web/dist; scripts/build-web builds it)");
  command->add_option("--chromium", options->chromium, "The Chromium or Chrome to print with (default: found on PATH)");
  command->add_option("--log-key", options->log_key,
                      "The CEC's log key file (saylau keys log): the protocol shows a signed tree head");
  command->add_option("--public-url", options->public_url,
                      "The public address of the results site, for the QR code and the verification link (without "
                      "it the protocol has neither, and says so: the report's own server is a loopback address)");
  command->add_option("--timeout", options->timeout, "Seconds Chromium may take at most (default 60)")
      ->check(CLI::Range(1, 3600));
  command->callback([options, &run] { run = [options] { return RunReport(*options); }; });
}

}  // namespace saylau::cli
