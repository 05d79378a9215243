// saylau ingest --db FILE PROTOCOLS...: protocols and turnout reports into the database, in
// batches that are each one durable transaction (group commit), with a summary.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>

#include "commands.h"
#include "large_pages.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/submission_file.h"
#include "saylau/service/batch_pipeline.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct IngestOptions {
  std::string db;
  std::vector<std::string> files;
  int batch = 16384;  // one transaction (one fsync, the aggregates' totals written once) per 16,384
  std::string ack_log;
  int show = 20;
};

struct Summary {
  std::int64_t accepted = 0, corrections = 0, rejected = 0, duplicates = 0;
  std::int64_t warned = 0;              // accepted with a failed relation of severity warn
  std::vector<std::string> rejections;  // the first few, for the summary
  std::vector<std::string> warnings;    // the first few accepted with warnings
};

int RunIngest(const IngestOptions& options) {
  PreferLargePages();  // the definition and the batches: fewer page faults (large_pages.h)
  // Without the stations' names: ingest judges and stores protocols and never shows a unit's name
  // (at 800,000 stations ~140 MB of the peak and 0.4-1.0 s of the definition's load, issue 22).
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db, {.names = false});
  if (!service) return ReportError(service.error());
  std::ofstream ack_log;
  if (!options.ack_log.empty()) {
    ack_log.open(options.ack_log, std::ios::app);
    if (!ack_log) return ReportError(InvalidArgument(options.ack_log + ": cannot write the acknowledgement log"));
  }
  Summary summary;
  const auto started = std::chrono::steady_clock::now();
  std::int64_t submitted = 0;
  const auto tally = [&](const std::vector<service::Acknowledgement>& acks) {
    for (const service::Acknowledgement& ack : acks) {
      switch (ack.verdict) {
        case core::Verdict::kAccepted:
          ++summary.accepted;
          summary.corrections += ack.correction ? 1 : 0;
          if (!ack.warnings.empty()) {
            ++summary.warned;
            if (static_cast<int>(summary.warnings.size()) < options.show) {
              std::string text = "  " + ack.origin + ": " + ack.what + ":";
              for (const core::Violation& v : ack.warnings) text += "\n      " + v.relation + ": " + v.detail;
              summary.warnings.push_back(text);
            }
          }
          break;
        case core::Verdict::kDuplicate:
          ++summary.duplicates;
          break;
        case core::Verdict::kRejected:
          ++summary.rejected;
          if (static_cast<int>(summary.rejections.size()) < options.show) {
            std::string text = "  " + ack.origin + ": " + ack.what + ":";
            for (const core::Violation& v : ack.violations) text += "\n      " + v.relation + ": " + v.detail;
            summary.rejections.push_back(text);
          }
          break;
      }
      if (ack_log.is_open()) ack_log << ack.seq << ' ' << core::VerdictName(ack.verdict) << ' ' << ack.what << '\n';
    }
    if (ack_log.is_open()) ack_log.flush();
    submitted += static_cast<std::int64_t>(acks.size());
  };
  // A pipeline (service/batch_pipeline.h): while one batch is sealed into the log and stored (one
  // transaction, on the storing thread), the next is read and judged. A batch is acknowledged
  // only after its transaction committed; the summary needs no inclusion proofs (the log has them).
  service::BatchPipeline pipeline(**service, tally);
  const auto not_stored = [&](const Error& error) {
    if (pipeline.failed_batch_size() > 0) {
      std::cerr
          << "saylau: a batch of " << pipeline.failed_batch_size()
          << " was not stored; nothing of it is applied (run ingest again: what was stored counts as duplicates)\n";
    }
    return ReportError(error);
  };
  for (const std::string& file : options.files) {
    // Read in pieces of a few megabytes (submission_file.h), not whole: at 800,000 stations the
    // protocols' CSV is hundreds of megabytes that need not be held.
    Result<std::unique_ptr<formats::SubmissionReader>> reader = formats::OpenSubmissionFile(file);
    if (!reader) return ReportError(reader.error());  // nothing in flight between files
    ProgressBar bar("ingest " + file);
    std::vector<formats::Submission> batch;
    batch.reserve(options.batch);
    bool more = true;
    while (more) {
      batch.clear();
      std::optional<Error> read_error;
      while (static_cast<int>(batch.size()) < options.batch) {
        formats::Submission next;
        Result<bool> got = (*reader)->Next(next);
        if (!got) {
          read_error = got.error();
          more = false;
          break;
        }
        if (!*got) {
          more = false;
          break;
        }
        batch.push_back(std::move(next));
      }
      if (Status ok = pipeline.Submit(batch, NowIso()); !ok) {
        bar.Finish();
        return not_stored(ok.error());
      }
      if (read_error) {
        bar.Finish();
        if (Status ok = pipeline.Finish(); !ok) return not_stored(ok.error());
        std::cerr << "saylau: stopped reading " << file << "; what came before is stored\n";
        return ReportError(*read_error);
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      bar.Update(
          static_cast<double>((*reader)->position()) / std::max<std::size_t>((*reader)->size(), 1),
          fmt::format("{} submissions, {:.0f}/s", formats::Grouped(submitted), submitted / std::max(seconds, 1e-9)));
    }
    if (Status ok = pipeline.Finish(); !ok) {
      bar.Finish();
      return not_stored(ok.error());
    }
    bar.Finish();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format(
      "ingested {} submissions in {:.3f} s: {} accepted ({} correction{}), {} rejected, {} duplicates\n",
      formats::Grouped(submitted), seconds, formats::Grouped(summary.accepted), formats::Grouped(summary.corrections),
      summary.corrections == 1 ? "" : "s", formats::Grouped(summary.rejected), formats::Grouped(summary.duplicates));
  if (summary.warned > 0) {
    std::cout << formats::Grouped(summary.warned) << " accepted with warnings (counted, flagged):\n";
    for (const std::string& line : summary.warnings) std::cout << line << "\n";
    if (summary.warned > static_cast<std::int64_t>(summary.warnings.size())) {
      std::cout << "  … and " << formats::Grouped(summary.warned - static_cast<std::int64_t>(summary.warnings.size()))
                << " more; saylau status --db " << options.db << " lists them all\n";
    }
  }
  if (summary.rejected > 0) {
    std::cout << "rejected (stored with their reasons, not counted):\n";
    for (const std::string& line : summary.rejections) std::cout << line << "\n";
    if (summary.rejected > static_cast<std::int64_t>(summary.rejections.size())) {
      std::cout << "  … and "
                << formats::Grouped(summary.rejected - static_cast<std::int64_t>(summary.rejections.size()))
                << " more; saylau status --db " << options.db << " lists them all\n";
    }
    return kExitCheckFailed;
  }
  return kExitOk;
}

}  // namespace

void AddIngestCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* command = app.add_subcommand(
      "ingest",
      "Judge and store protocols and turnout reports (CSV or JSON Lines; docs/protocol-format.md).\n"
      "Each is accepted (with the warn relations that failed named: counted, flagged), rejected with\n"
      "every broken control relation named (stored, not counted), or\n"
      "a duplicate of what is stored (skipped). Each batch is one durable transaction: what was\n"
      "acknowledged survives a crash. Exit 0 when nothing was rejected, 1 when something was.\n"
      "Example: saylau ingest --db night.db night/turnout.csv night/protocols.csv");
  command->add_option("--db", options->db, "The election database (saylau init)")->required();
  command->add_option("files", options->files, "Protocol or turnout files (.csv, .jsonl)")->required();
  command->add_option("--batch", options->batch, "Submissions per transaction (default 16384)")
      ->check(CLI::Range(1, 1000000));
  command->add_option("--ack-log", options->ack_log,
                      "Append one line per acknowledged submission (seq verdict what) after each commit");
  command->add_option("--show", options->show, "Rejections to list in the summary (default 20)");
  command->callback([&run, options] { run = [options] { return RunIngest(*options); }; });
}

}  // namespace saylau::cli
