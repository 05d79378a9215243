// saylau publish --db FILE --out DIR [--static DIR]: the public bundle (every log entry with
// its signature, the signed tree heads, the results, the open data) and, optionally, the
// static snapshot for a CDN; saylau verify DIR recomputes everything from the bundle alone.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "key_files.h"
#include "saylau/publish/publish.h"
#include "saylau/verify/verify.h"
#include "saylau/formats/number_text.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct PublishOptions {
  std::string db;
  std::string out;
  std::string static_dir;
  std::string log_key;
};

struct VerifyCommandOptions {
  std::string dir;
  std::string log_key;
  std::string known_head;
  int threads = 0;
  int show = 30;
  bool single_signatures = false;
};

const std::string kApplication = std::string("saylau ") + SAYLAU_VERSION;

int RunPublish(const PublishOptions& options) {
  if (options.out.empty() && options.static_dir.empty()) {
    return ReportError(InvalidArgument("give --out DIR (the bundle) and/or --static DIR (the static snapshot)"));
  }
  std::optional<crypto::KeyPair> log_key;
  if (!options.log_key.empty()) {
    Result<std::vector<crypto::KeyPair>> keys = ReadKeyFiles(options.log_key);
    if (!keys) return ReportError(keys.error());
    if (keys->size() != 1 || keys->front().secret_key.empty()) {
      return ReportError(InvalidArgument(options.log_key + ": the log key is one key file with its secret key"));
    }
    log_key = keys->front();
  }
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  if (!options.out.empty()) {
    Result<bundle::PublishSummary> summary =
        bundle::WriteBundle(**service, options.out, kApplication, log_key ? &*log_key : nullptr);
    if (!summary) return ReportError(summary.error());
    if (!summary->manifest_signed) {
      std::cerr << "saylau publish: warning: no --log-key, so manifest.json is not signed and saylau verify will "
                   "refuse the bundle\n";
    }
    std::cout << fmt::format(
        "published {}: {} log entries, {} signed tree heads, {} contests, {} open-data rows, {} photos, {} "
        "observer flags\ncheck it with: saylau verify {}\n",
        options.out, formats::Grouped(summary->entries), formats::Grouped(summary->heads), summary->contests,
        formats::Grouped(summary->open_data_rows), summary->photos, summary->flags, options.out);
  }
  if (!options.static_dir.empty()) {
    Result<std::int64_t> documents = bundle::WriteStaticSnapshot(**service, options.static_dir, kApplication);
    if (!documents) return ReportError(documents.error());
    std::cout << fmt::format("static snapshot {}: {} content-addressed documents and index.json\n", options.static_dir,
                             *documents);
  }
  return kExitOk;
}

int RunVerify(const VerifyCommandOptions& options) {
  ProgressBar bar("verify " + options.dir);
  bundle::VerifyOptions verify{options.dir,
                               options.log_key,
                               options.known_head,
                               options.threads,
                               [&](const std::string& stage, double fraction) { bar.Update(fraction, stage); },
                               !options.single_signatures};
  const bundle::VerifyReport report = bundle::VerifyBundle(verify);
  bar.Finish();
  std::cout << "saylau verify " << options.dir << "\n";
  for (const bundle::CheckLine& line : report.checks) {
    std::cout << fmt::format("  {:<52} {:>11}  {}{}\n", line.what, formats::Grouped(line.checked),
                             line.failed == 0 ? "ok" : fmt::format("{} FAILED", formats::Grouped(line.failed)),
                             line.detail.empty() ? "" : "  (" + line.detail + ")");
  }
  if (report.signatures > 0) {
    std::cout << fmt::format("  {} signatures checked in {:.2f} s on {} thread{}, {} ({:.0f} per second)\n",
                             formats::Grouped(report.signatures), report.signature_seconds, report.threads,
                             report.threads == 1 ? "" : "s", report.batch_signatures ? "in batches" : "one at a time",
                             static_cast<double>(report.signatures) / std::max(report.signature_seconds, 1e-9));
  }
  if (!report.findings.empty()) {
    std::cout << fmt::format("\nObservers' flags: {} station{} where an observer's copy differs from the count\n",
                             report.findings.size(), report.findings.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < report.findings.size() && i < static_cast<std::size_t>(options.show); ++i) {
      std::cout << "  " << report.findings[i] << "\n";
    }
  }
  if (report.ok()) {
    std::cout << "\nRESULT: everything matches: the published results follow from the signed log.\n";
    return kExitOk;
  }
  std::cout << fmt::format("\nRESULT: FAILED — {} problem{}:\n", formats::Grouped(std::ssize(report.failures)),
                           report.failures.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < report.failures.size() && i < static_cast<std::size_t>(options.show); ++i) {
    std::cout << "  " << report.failures[i] << "\n";
  }
  if (report.failures.size() > static_cast<std::size_t>(options.show)) {
    std::cout << "  … and " << formats::Grouped(std::ssize(report.failures) - options.show) << " more (--show N)\n";
  }
  return kExitCheckFailed;
}

}  // namespace

void AddPublishCommands(CLI::App& app, Runner& run) {
  auto publish = std::make_shared<PublishOptions>();
  CLI::App* command = app.add_subcommand(
      "publish",
      "Write the public bundle of an election: the definition, the registered keys and observers, every\n"
      "log entry in order with its signature, every signed tree head, the results, the observers' flags,\n"
      "open data (CSV, NIST SP 1500-100 JSON) and photos of paper protocols. Anyone can then run\n"
      "saylau verify on it. --static writes the results as content-addressed files for a web server/CDN.\n"
      "Last, manifest.json lists every file with its SHA-256, signed with --log-key (manifest.sig).\n"
      "Example: saylau publish --db night.db --out bundle --log-key log.key --static public");
  command->add_option("--db", publish->db, "The election database")->required();
  command->add_option("--out", publish->out, "The bundle directory (new or empty)");
  command->add_option("--static", publish->static_dir, "The static snapshot directory (new or empty)");
  command->add_option("--log-key", publish->log_key,
                      "The CEC's log key file (saylau keys log, as given to serve): signs the bundle's manifest");
  command->callback([&run, publish] { run = [publish] { return RunPublish(*publish); }; });

  auto verify = std::make_shared<VerifyCommandOptions>();
  CLI::App* check = app.add_subcommand(
      "verify",
      "Recompute an election from its public bundle, offline: every signature and commission's authority,\n"
      "every key's sequence numbers, every protocol's control relations and verdict, the Merkle root under\n"
      "every signed tree head and consistency between them, witnesses' countersignatures, every total at\n"
      "every level, every outcome and seat, the observers' flags and the NIST export; that every signed head\n"
      "binds the bundle's definition and keys; the signed manifest of every file; with --known-head, that\n"
      "the log extends a head you saved earlier (no rollback, no fork). Prints what was checked and every\n"
      "failure with its file and line. Exit 0 only when everything matches, 1 otherwise.\n"
      "Example: saylau verify bundle --log-key <the CEC's published log key> --known-head saved-head.json");
  check->add_option("dir", verify->dir, "The bundle directory (saylau publish)")->required();
  check->add_option("--log-key", verify->log_key,
                    "The CEC's published log key (base64): the heads must be signed by it");
  check->add_option("--known-head", verify->known_head,
                    "A signed tree head saved earlier (curl .../api/v1/log/head, or a witness's --state file): "
                    "the bundle's log must extend it");
  check->add_option("-j,--jobs,--threads", verify->threads,
                    "Threads (cores) for decoding and signature checks (default: one per core)")
      ->check(CLI::Range(0, 256));
  check->add_flag("--single-signatures", verify->single_signatures,
                  "Check signatures one at a time instead of up to 64 at once (the same rule; for comparison)");
  check->add_option("--show", verify->show, "Failures and flags to list (default 30)");
  check->callback([&run, verify] { run = [verify] { return RunVerify(*verify); }; });
}

}  // namespace saylau::cli
