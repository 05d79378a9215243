// saylau import DATA --mapping MAP --out DIR [--db FILE]: a stations-and-results CSV that
// nobody here wrote (docs/import.md) made into a definition, a stations CSV and protocols,
// checked as `saylau init` checks them; with --db also stored and ingested.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>

#include "commands.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/number_text.h"
#include "saylau/importer/import.h"
#include "saylau/intake/definition.h"
#include "saylau/service/batch_pipeline.h"
#include "saylau/service/results_service.h"
#include "saylau/store/open_store.h"
#include "saylau/store/postgres_store.h"
#include "saylau/store/sqlite_store.h"
#include "large_pages.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct ImportOptions {
  std::string data;
  std::string mapping;
  std::string out;
  std::vector<std::string> settings;
  std::string db;
};

Status WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return Unavailable(path.string() + ": cannot be written");
  return {};
}

// The size of the next batch of `count` protocols once `taken` are: 16,384 (one commit each),
// but 2,048 first and last, since the first is judged with nothing stored beside it and the
// last stored with nothing judged beside it (the Russian 2018 file: 8 batches instead of 6).
std::size_t NextBatchSize(std::size_t taken, std::size_t count) {
  constexpr std::size_t kFull = 16384, kEdge = 2048;
  const std::size_t left = count > taken ? count - taken : 0;
  if (taken == 0 || left <= kEdge) return std::min(left, kEdge);
  if (left <= kFull + kEdge) return left - kEdge;
  return kFull;
}

// Every protocol of protocols.csv (`files.protocols`, written as `file_name`) into the service,
// in batches; the number rejected. As `saylau ingest` does (service/batch_pipeline.h): while one
// batch is sealed into the log and stored on the storing thread, the next is read and judged;
// acknowledged without inclusion proofs. The protocols are taken from the import's numbers
// (importer::ProtocolOf: the same submissions, not the text parsed back, ~0.1 s of the judging
// thread for the Russian 2018 file) unless a column's name would read otherwise.
Result<std::int64_t> IngestProtocols(service::ResultsService& service, const importer::ImportFiles& files,
                                     const std::string& file_name) {
  const bool as_written = importer::ProtocolsReadAsWritten(files);
  const std::size_t count = files.protocol_units.size();
  std::size_t taken = 0;
  Result<std::unique_ptr<formats::SubmissionReader>> reader =
      as_written ? Result<std::unique_ptr<formats::SubmissionReader>>(nullptr)
                 : formats::OpenSubmissions(files.protocols, file_name);
  if (!reader) return reader.error();
  ProgressBar bar("ingest " + file_name);
  std::int64_t accepted = 0, rejected = 0, shown = 0;
  service::BatchPipeline pipeline(service, [&](const std::vector<service::Acknowledgement>& acks) {
    for (const service::Acknowledgement& ack : acks) {
      accepted += ack.verdict == core::Verdict::kAccepted ? 1 : 0;
      if (ack.verdict != core::Verdict::kRejected) continue;
      if (++rejected > 20) continue;
      std::cout << "  rejected " << ack.origin << ": " << ack.what << ":";
      for (const core::Violation& v : ack.violations) std::cout << "\n      " + v.relation + ": " + v.detail;
      std::cout << "\n";
      ++shown;
    }
  });
  std::vector<formats::Submission> batch;
  std::size_t batched = 0;  // protocols put in batches so far
  for (bool more = true; more;) {
    batch.clear();
    // At least one: the reader's path goes on to the end of the text whatever the count.
    const std::size_t size = std::max<std::size_t>(NextBatchSize(batched, count), 1);
    while (batch.size() < size) {
      if (as_written) {
        if (taken == count) {
          more = false;
          break;
        }
        batch.emplace_back(importer::ProtocolOf(files, taken++, file_name));
        continue;
      }
      formats::Submission next;
      Result<bool> got = (*reader)->Next(next);
      if (!got) {
        (void)pipeline.Finish();  // the batches before it are stored; the read error is the answer
        return got.error();
      }
      if (!*got) {
        more = false;
        break;
      }
      batch.push_back(std::move(next));
    }
    batched += batch.size();
    if (Status ok = pipeline.Submit(batch, NowIso()); !ok) return ok.error();
    bar.Update(as_written ? static_cast<double>(taken) / std::max<std::size_t>(count, 1)
                          : static_cast<double>((*reader)->position()) / std::max<std::size_t>((*reader)->size(), 1),
               formats::Grouped(accepted + rejected) + " protocols");
  }
  if (Status ok = pipeline.Finish(); !ok) return ok.error();
  bar.Finish();
  std::cout << "ingested " << formats::Grouped(accepted + rejected) << " protocols: " << formats::Grouped(accepted)
            << " accepted, " << formats::Grouped(rejected) << " rejected"
            << (rejected > shown ? " (the first 20 above; saylau status lists them all)" : "") << "\n";
  return rejected;
}

int RunImport(const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  // The import touches ~300 MB of fresh memory once; in 4 KiB pages that is ~116,000 page
  // faults, costly on a paravirtualised machine (~6 us each). 2 MiB pages cut them to
  // 32,000-44,000 for the Russian 2018 file, 2.5-2.7 s -> 1.7-2.5 s, for ~12 MB more peak.
  PreferLargePages();
  Result<std::string> mapping_text = formats::ReadFile(options.mapping);
  if (!mapping_text) return ReportError(mapping_text.error());
  Result<importer::ImportMapping> mapping = importer::ParseMapping(*mapping_text, options.mapping, options.settings);
  if (!mapping) return ReportError(mapping.error());
  Result<importer::ImportFiles> files = [&] {
    ProgressBar bar("import " + options.data);
    // A .gz file is uncompressed on a second thread while its rows are read.
    Result<importer::ImportFiles> built =
        importer::ImportDataFile(*mapping, options.data, [&](std::size_t done, std::size_t total) {
          bar.Update(static_cast<double>(done) / std::max<std::size_t>(total, 1), formats::Grouped(done) + " bytes");
        });
    bar.Finish();
    return built;
  }();
  if (!files) return ReportError(files.error());

  const std::filesystem::path out(options.out);
  std::error_code made;
  std::filesystem::create_directories(out, made);
  if (made) return ReportError(Unavailable(options.out + ": cannot be made (" + made.message() + ")"));
  // Moved in one by one (an initializer list would copy the 23 MB of stations).
  std::vector<store::DefinitionFile> definition;
  definition.push_back({"definition.toml", "definition", std::move(files->definition)});
  definition.push_back({"stations.csv", "stations", std::move(files->stations)});
  // The three files are written on a second thread while the definition is checked here (both
  // only read them).
  std::future<Status> written = std::async(std::launch::async, [&out, &definition, &files]() -> Status {
    for (const auto& [name, text] : {std::pair{"definition.toml", &definition[0].content},
                                     std::pair{"stations.csv", &definition[1].content},
                                     std::pair{"protocols.csv", &files->protocols}}) {
      if (Status ok = WriteText(out / name, *text); !ok) return ok;
    }
    return {};
  });
  // A new SQLite file is created (the definition stored in it) on a third thread meanwhile:
  // ~0.08 s of the Russian 2018 file's import. Removed again should the definition not load; a
  // PostgreSQL database is only created once it has (nothing to remove there). Nobody reads the
  // file before the import is done: it is filled under a rollback journal, each page written
  // once (store::NewFileJournal), and is in WAL from its next open.
  const bool create_alongside = !options.db.empty() && !store::IsPostgresUrl(options.db);
  std::future<Result<std::unique_ptr<store::Store>>> created;
  if (create_alongside) {
    created = std::async(std::launch::async, [&options, &definition] {
      return store::CreateSqliteStore(options.db, definition, store::NewFileJournal::kRollbackUntilClosed);
    });
  }
  // Checked as `saylau init` checks them: what is written must load.
  Result<core::Election> election = service::LoadElection(definition);
  Result<std::unique_ptr<store::Store>> store =
      create_alongside ? created.get() : Result<std::unique_ptr<store::Store>>(nullptr);
  const Status files_written = written.get();
  if (create_alongside && store && (!election || !files_written)) {
    store->reset();
    store::RemoveSqliteDatabase(options.db);
  }
  if (!files_written) return ReportError(files_written.error());
  // Written: the ingest takes the protocols from the import's numbers (IngestProtocols).
  if (importer::ProtocolsReadAsWritten(*files)) std::string().swap(files->protocols);
  std::cout << fmt::format("imported {} rows ({} skipped): {} commissions, {} polling stations, {} options -> {}\n",
                           formats::Grouped(files->rows), formats::Grouped(files->skipped),
                           formats::Grouped(files->commissions), formats::Grouped(files->stations_count),
                           files->option_ids.size(), (out / "{definition.toml,stations.csv,protocols.csv}").string());
  if (!election) return ReportError(election.error());
  if (options.db.empty()) {
    std::cout << "next: saylau init " << (out / "definition.toml").string() << " --stations "
              << (out / "stations.csv").string() << " --db FILE && saylau ingest --db FILE "
              << (out / "protocols.csv").string() << "\n";
    return kExitOk;
  }
  if (!create_alongside) store = store::CreateStore(options.db, definition);
  if (!store) return ReportError(store.error());
  std::cout << "created " << options.db << ": election " << election->id() << "\n";
  // The service starts from the election loaded above and the files just stored, not from the
  // store's copy loaded a second time (the heads bind these files' hash; a later Open checks
  // the stored bytes against it).
  std::vector<intake::DefinitionFile> stored;
  stored.reserve(definition.size());
  for (store::DefinitionFile& file : definition) {
    stored.push_back({std::move(file.name), std::move(file.role), std::move(file.content)});
  }
  Result<std::unique_ptr<service::ResultsService>> service =
      service::ResultsService::OpenCreated(std::move(*store), std::move(*election), stored);
  if (!service) return ReportError(service.error());
  Result<std::int64_t> rejected = IngestProtocols(**service, *files, (out / "protocols.csv").string());
  if (!rejected) return ReportError(rejected.error());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("done in {:.1f} s\n", seconds);
  return *rejected > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* command = app.add_subcommand(
      "import",
      "Make real polling-station data (a CSV, or .csv.gz, one row per station with its protocol's\n"
      "lines and the options' votes) into an election: DIR/definition.toml (the country, the form\n"
      "and the contest of the mapping, the options from the columns), DIR/stations.csv (the\n"
      "commissions named by the unit columns, then the stations) and DIR/protocols.csv, checked as\n"
      "`saylau init` checks them. With --db also creates that database and ingests the protocols.\n"
      "The mapping (TOML) says which column is which: docs/import.md. Exit 0 ok; 1 a protocol was\n"
      "rejected; 2 bad data or mapping (file:line named; data must be UTF-8).\n"
      "Example: saylau import ru-2018-president-stations.csv.gz --mapping data/mappings/ru-cec-president.toml \\\n"
      "           --out ru2018 --db ru2018.db");
  command->add_option("data", options->data, "The data: CSV, UTF-8, optionally gzip-compressed (.gz)")->required();
  command->add_option("--mapping", options->mapping, "The mapping (TOML; data/mappings/ has examples)")->required();
  command->add_option("--out", options->out, "Directory for definition.toml, stations.csv, protocols.csv")
      ->required();
  command->add_option("--set", options->settings,
                      "KEY=VALUE put into the mapping first, e.g. --set election.id=ru-2024-03-17-president "
                      "--set election.date=2024-03-17 (repeatable)");
  command->add_option("--db", options->db, "Also create this database (saylau init) and ingest the protocols");
  command->callback([&run, options] { run = [options] { return RunImport(*options); }; });
}

}  // namespace saylau::cli
