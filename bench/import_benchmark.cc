// saylau import on real data: the Russian CEC's 2018 presidential file (97,699 stations, the
// 2024 one with --file), measured in two steps with a baseline for each in the same run.
//   import: mapping + gzip CSV -> definition, stations and protocols (in process, saylau::importer's
//           ImportDataFile, as the command: uncompressing on a second thread);
//           baseline: the same gunzip and CSV parse adding up every number column, no checks.
//   ingest: `saylau init` + `saylau ingest` of what the import wrote (every protocol judged,
//           stored durably, totals kept at every level); baseline: sqlite3 `.import` of the same
//           protocols.csv and one GROUP BY sum (no checks).
//   whole: `saylau import --db` (import, init and ingest in one process) with its peak memory;
//           baselines: Python 3's standard library (gzip, csv, int() of every field and a sum; no
//           PyPI) and the C++ gunzip + parse + sum above, each with its peak memory.
// `--rounds N` (default 3): the whole command and the Python baseline N times alternately, each
// after a sync; the medians are the figures. Prints rows/s and the ratios. The data lives beside
// the repository (../shared/data/ru); without it the benchmark says so and exits 0.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "saylau/formats/csv.h"
#include "saylau/formats/csv_reader.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/importer/data_file.h"
#include "saylau/importer/import.h"
#include "measured_process.h"
#include "median.h"

namespace {

using saylau::bench::Median;

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Run {
  int exit_code = -1;
  std::string output;
  double seconds = 0;
};

Run Shell(const std::string& command) {
  Run run;
  const auto start = Clock::now();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.seconds = SecondsSince(start);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const std::string& text) { return "'" + text + "'"; }

[[noreturn]] void Fail(const std::string& what) {
  std::cerr << "import_benchmark: " << what << "\n";
  std::exit(1);
}

// The baseline of the import: gunzip, split every row, read and add up every number.
long long ParseAndSum(const std::string& path, std::int64_t& rows) {
  saylau::Result<std::string> text = saylau::importer::ReadDataFile(path);
  if (!text) Fail(text.error().message);
  saylau::formats::CsvReader reader(*text, path);
  std::vector<std::string_view> fields;
  int line = 0;
  long long sum = 0;
  for (bool header = true;; header = false) {
    saylau::Result<bool> got = reader.NextViews(fields, line);
    if (!got || !*got) break;
    if (header) continue;
    ++rows;
    for (std::string_view field : fields) sum += saylau::formats::ParseInteger(field).value_or(0);
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = std::string(SAYLAU_RU_DATA_DIR) + "/ru-2018-president-stations.csv.gz";
  int rounds = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--file") data = argv[i + 1];
    if (std::string(argv[i]) == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  // The C++ baseline as a process of its own (its memory apart from the benchmark's).
  if (argc == 3 && std::string(argv[1]) == "--parse-only") {
    std::int64_t rows = 0;
    const long long sum = ParseAndSum(argv[2], rows);
    std::printf("%lld %lld\n", static_cast<long long>(rows), sum);
    return 0;
  }
  if (!std::filesystem::exists(data)) {
    std::cout << "import_benchmark: " << data << " is not there (the shared data lives beside the repository); "
              << "nothing measured\n";
    return 0;
  }
  const std::string mapping_path = std::string(SAYLAU_SOURCE_DIR) + "/data/mappings/ru-cec-president.toml";
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "saylau-import-benchmark";
  std::filesystem::remove_all(out);
  std::filesystem::create_directories(out);

  // The whole way from the published file to a durable, judged election in one process, against
  // a plain parse + sum in Python (stdlib) and C++, with each one's peak memory. Run first, while
  // this process is small: a forked child's peak RSS counts the parent's pages (ru_maxrss
  // survives fork and exec).
  const std::filesystem::path whole = out / "whole";
  const std::string python_script =
      "import csv, gzip, sys\n"
      "rows = total = 0\n"
      "opener = gzip.open if sys.argv[1].endswith('.gz') else open\n"
      "with opener(sys.argv[1], 'rt', encoding='utf-8', newline='') as f:\n"
      "    reader = csv.reader(f)\n"
      "    next(reader)\n"
      "    for row in reader:\n"
      "        rows += 1\n"
      "        for field in row:\n"
      "            try:\n"
      "                total += int(field)\n"
      "            except ValueError:\n"
      "                pass\n"
      "print(rows, total)\n";
  // Alternately, `rounds` times, each after a sync; the medians are the figures.
  std::vector<saylau::bench::MeasuredRun> ours_runs, python_runs;
  for (int round = 0; round < rounds; ++round) {
    std::filesystem::remove_all(whole);
    ::sync();
    ours_runs.push_back(saylau::bench::RunMeasured({std::string(SAYLAU_BINARY), "import", data, "--mapping",
                                                    mapping_path, "--out", whole.string(), "--db",
                                                    (whole / "ru.db").string()}));
    if (ours_runs.back().exit_code != 0) Fail("saylau import --db: " + ours_runs.back().output);
    ::sync();
    python_runs.push_back(saylau::bench::RunMeasured({"python3", "-c", python_script, data}));
    if (python_runs.back().exit_code != 0) Fail("python3 baseline: " + python_runs.back().output);
  }
  std::vector<double> ours_seconds, python_seconds, ratios;
  for (int round = 0; round < rounds; ++round) {
    ours_seconds.push_back(ours_runs[round].seconds);
    python_seconds.push_back(python_runs[round].seconds);
    ratios.push_back(ours_runs[round].seconds / python_runs[round].seconds);
  }
  saylau::bench::MeasuredRun ours = ours_runs.front(), python = python_runs.front();
  ours.seconds = Median(ours_seconds);
  python.seconds = Median(python_seconds);
  for (const saylau::bench::MeasuredRun& run : ours_runs) ours.peak_rss_mb = std::max(ours.peak_rss_mb, run.peak_rss_mb);
  for (const saylau::bench::MeasuredRun& run : python_runs) {
    python.peak_rss_mb = std::max(python.peak_rss_mb, run.peak_rss_mb);
  }
  const saylau::bench::MeasuredRun cpp = saylau::bench::RunMeasured({"/proc/self/exe", "--parse-only", data});
  if (cpp.exit_code != 0) Fail("C++ baseline: " + cpp.output);

  // Import, in process.
  auto start = Clock::now();
  saylau::Result<std::string> mapping_text = saylau::formats::ReadFile(mapping_path);
  if (!mapping_text) Fail(mapping_text.error().message);
  saylau::Result<saylau::importer::ImportMapping> mapping = saylau::importer::ParseMapping(*mapping_text, mapping_path);
  if (!mapping) Fail(mapping.error().message);
  saylau::Result<saylau::importer::ImportFiles> files = saylau::importer::ImportDataFile(*mapping, data);
  if (!files) Fail(files.error().message);
  const double import_seconds = SecondsSince(start);
  std::ofstream(out / "definition.toml") << files->definition;
  std::ofstream(out / "stations.csv") << files->stations;
  std::ofstream(out / "protocols.csv") << files->protocols;
  std::int64_t rows = 0;
  start = Clock::now();
  const long long checksum = ParseAndSum(data, rows);
  const double parse_seconds = SecondsSince(start);
  std::printf("%s: %lld rows, %lld stations, %lld commissions\n", data.c_str(), static_cast<long long>(files->rows),
              static_cast<long long>(files->stations_count), static_cast<long long>(files->commissions));
  std::printf("  import  %7.2f s (%9.0f rows/s)   baseline: gunzip + CSV parse + sum %6.2f s (%9.0f rows/s)   "
              "ratio ours/baseline = %.2f  [checksum %lld]\n",
              import_seconds, files->rows / import_seconds, parse_seconds, rows / parse_seconds,
              import_seconds / parse_seconds, checksum);

  // Ingest, through the saylau binary, against sqlite3 loading the same protocols.
  const std::string saylau = SAYLAU_BINARY, db = (out / "ours.db").string(), base = (out / "baseline.db").string();
  const Run init = Shell(saylau + " init " + Quote((out / "definition.toml").string()) + " --stations " +
                         Quote((out / "stations.csv").string()) + " --db " + Quote(db));
  if (init.exit_code != 0) Fail("saylau init: " + init.output);
  const Run ingest = Shell(saylau + " ingest --db " + Quote(db) + " " + Quote((out / "protocols.csv").string()));
  if (ingest.exit_code != 0) Fail("saylau ingest: " + ingest.output);
  std::ofstream(out / "baseline.sql") << "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n.mode csv\n.import "
                                      << (out / "protocols.csv").string()
                                      << " protocols\nSELECT COUNT(*), SUM(registered), SUM(valid), SUM(invalid) "
                                         "FROM protocols;\n";
  const Run baseline = Shell("sqlite3 " + Quote(base) + " < " + Quote((out / "baseline.sql").string()));
  if (baseline.exit_code != 0) Fail("sqlite3 baseline: " + baseline.output);
  const double stations = static_cast<double>(files->stations_count);
  std::printf("  init    %7.2f s\n", init.seconds);
  std::printf("  ingest  %7.2f s (%9.0f rows/s)   baseline: sqlite3 .import + SUM %6.2f s (%9.0f rows/s)   "
              "ratio ours/baseline = %.2f\n",
              ingest.seconds, stations / ingest.seconds, baseline.seconds, stations / baseline.seconds,
              ingest.seconds / baseline.seconds);
  std::printf("  baseline's sums (count, registered, valid, invalid): %s", baseline.output.c_str());

  for (int round = 0; round < rounds && rounds > 1; ++round) {
    std::printf("  whole, round %d: saylau import --db %5.2f s, Python %5.2f s: ratio ours/Python = %.2f\n", round + 1,
                ours_seconds[round], python_seconds[round], ratios[round]);
  }
  std::printf("  whole   %7.2f s (%9.0f rows/s), peak RSS %6.1f MB: saylau import --db (import, init, ingest)%s\n",
              ours.seconds, stations / ours.seconds, ours.peak_rss_mb, rounds > 1 ? " (median)" : "");
  std::printf("          baseline Python 3 stdlib gzip + csv + int() sum %6.2f s, peak RSS %6.1f MB   "
              "ratio ours/Python = %.2f%s   [rows, checksum %s]\n",
              python.seconds, python.peak_rss_mb, Median(ratios), rounds > 1 ? " (median of the rounds)" : "",
              python.output.substr(0, python.output.find('\n')).c_str());
  std::printf("          baseline C++ gunzip + CSV parse + sum %6.2f s, peak RSS %6.1f MB   ratio ours/C++ = %.2f   "
              "[%s]\n",
              cpp.seconds, cpp.peak_rss_mb, ours.seconds / cpp.seconds, cpp.output.substr(0, cpp.output.find('\n')).c_str());
  std::filesystem::remove_all(out);
  return 0;
}
