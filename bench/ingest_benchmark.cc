// Election-night ingest, measured end to end on synthetic elections (saylau synth): the
// 10,100-station Kazakh night and an 800,000-station one (all 1.6 million protocols: party list
// and single-member districts; and the 800,000 party-list protocols alone). Ours: `saylau ingest` of the
// protocols into a new durable SQLite database (WAL, synchronous=FULL), every protocol
// checked, versioned, stored with its verdict, totals kept at every level. Baseline in the
// same run: the same protocols.csv loaded by the sqlite3 command line (`.import`, the same
// durability settings) and totalled with one SQL GROUP BY, with no checks at all. Also: one
// protocol -> updated national outcome in memory, against recounting everything from the
// stations (what a system without incremental totals does). Prints figures and ratios.
// Also the SHA-256 that seals every protocol into the log (ledger::Sha256: OpenSSL's, with the
// CPU's instructions) against libsodium's, on messages the size of a log entry.
// `--smoke` runs a 500-station night only (used by `make test` to check the binary works);
// `--stations N` one night of N stations, all protocols and the party list alone (a short run).
// Memory: each ingest's peak RSS (its own process), printed as bytes a protocol two ways: peak /
// protocols, and (peak - the peak of the same ingest of no protocols) / protocols, the latter
// leaving out the definition (800,000 stations weigh more than their protocols' ingest).
// Each ingest and its baseline run `--rounds N` times alternately (default 3; the median of
// each, and of the rounds' ratios, is the figure).
// `--before PATH` also runs an earlier saylau binary, alternating with this build's on the same
// files, so that a speed-up is claimed against a run under the same load.
// `--latency` runs the in-process latency case alone, on a 10,100-station night (a few seconds;
// bench/regression/run alternates it with an earlier build's).
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "saylau/core/election_night.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/ledger/merkle.h"
#include "saylau/service/results_service.h"
#include "measured_process.h"
#include "median.h"

namespace {

using saylau::bench::Median;

using Clock = std::chrono::steady_clock;

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
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const std::string& text) { return "'" + text + "'"; }

void Check(const Run& run, const std::string& what) {
  if (run.exit_code != 0) {
    std::cerr << what << " failed (exit " << run.exit_code << "):\n" << run.output << "\n";
    std::exit(1);
  }
}

std::size_t CountLines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::size_t lines = 0;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    lines += static_cast<std::size_t>(std::count(buffer, buffer + in.gcount(), '\n'));
  }
  return lines;
}

// Keeps the header and the rows of one contest: "800,000 protocols" as well as "800,000 stations".
std::filesystem::path OneContest(const std::filesystem::path& protocols, const std::string& contest) {
  const std::filesystem::path out = protocols.parent_path() / (contest + ".csv");
  std::ifstream in(protocols, std::ios::binary);
  std::ofstream kept(out, std::ios::binary);
  std::string line;
  for (bool header = true; std::getline(in, line); header = false) {
    if (header || line.compare(0, contest.size() + 1, contest + ",") == 0) kept << line << '\n';
  }
  return out;
}

// The saylau binaries measured: this build's, and with --before PATH an earlier one, run
// alternately on the same files so that the machine's load falls on both alike.
std::vector<std::pair<std::string, std::string>>& Binaries() {
  static std::vector<std::pair<std::string, std::string>> binaries = {{"saylau", SAYLAU_BINARY}};
  return binaries;
}

// One binary's ingest of `protocols` into a new database made from the night's stations, with
// its memory: the peak RSS of the whole process, and the peak RSS of the same ingest of no
// protocols (the definition loaded, nothing else), so that both peak / protocols and
// (peak - definition) / protocols are printed.
struct IngestRun {
  double seconds = 0, inside = 0, peak_mb = 0, definition_mb = 0;
};

IngestRun IngestWith(const std::string& binary, const std::filesystem::path& night, const std::string& definition,
                     const std::filesystem::path& protocols, const std::filesystem::path& header_only) {
  const std::string db = (night / (protocols.stem().string() + "-ours.db")).string();
  const auto init = [&] {
    std::filesystem::remove(db);
    Check(Shell(binary + " init " + Quote(definition) + " --stations " + Quote((night / "stations.csv").string()) +
                " --db " + Quote(db)),
          "init");
  };
  init();
  const saylau::bench::MeasuredRun empty = saylau::bench::RunMeasured({binary, "ingest", "--db", db, header_only});
  Check({empty.exit_code, empty.output, empty.seconds}, "saylau ingest of no protocols");
  init();
  const saylau::bench::MeasuredRun ours = saylau::bench::RunMeasured({binary, "ingest", "--db", db, protocols});
  Check({ours.exit_code, ours.output, ours.seconds}, "saylau ingest");
  IngestRun run{ours.seconds, 0, ours.peak_rss_mb, empty.peak_rss_mb};
  // "ingested N submissions in S s": the time inside ingest, without loading the definition.
  if (const std::size_t at = ours.output.find(" in "); at != std::string::npos) run.inside = std::stod(ours.output.substr(at + 4));
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");
  return run;
}

// How many times each ingest and its baseline run, alternately (--rounds; 1 for --smoke).
int& Rounds() {
  static int rounds = 3;
  return rounds;
}

// Ingests `protocols` with every binary measured, and loads the same file with the sqlite3
// baseline, Rounds() times alternately (each after a sync, so that no run pays for the last
// one's writes); prints each round, the medians, each binary's memory and the median ratio.
void MeasureIngest(const std::filesystem::path& night, const std::string& definition,
                   const std::filesystem::path& protocols, int stations, const std::string& label) {
  const std::size_t count = CountLines(protocols) - 1;
  const std::string stem = protocols.stem().string();
  const std::string base = (night / (stem + "-baseline.db")).string();
  const std::filesystem::path header_only = night / (stem + "-header.csv");
  {
    std::ifstream in(protocols, std::ios::binary);
    std::string header;
    std::getline(in, header);
    std::ofstream(header_only, std::ios::binary) << header << '\n';
  }
  const std::string script = (night / (stem + "-baseline.sql")).string();
  std::ofstream(script) << "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n.mode csv\n.import "
                        << protocols.string()
                        << " protocols\nSELECT contest, COUNT(*), SUM(voters), SUM(issued), SUM(valid), SUM(invalid), "
                           "SUM(against_all), SUM(amanat), SUM(auyl), SUM(respublica), SUM(\"ak-zhol\"), "
                           "SUM(\"peoples-party\"), SUM(jsdp), SUM(baytaq) FROM protocols GROUP BY contest "
                           "ORDER BY contest LIMIT 1;\n";
  std::vector<std::vector<IngestRun>> runs(Binaries().size());  // [binary][round]
  std::vector<double> baseline_seconds;
  double baseline_peak = 0;
  std::string baseline_output;
  for (int round = 0; round < Rounds(); ++round) {
    for (std::size_t i = 0; i < Binaries().size(); ++i) {
      ::sync();
      runs[i].push_back(IngestWith(Binaries()[i].second, night, definition, protocols, header_only));
    }
    ::sync();
    const saylau::bench::MeasuredRun baseline = saylau::bench::RunMeasured({"sqlite3", base, ".read " + script});
    Check({baseline.exit_code, baseline.output, baseline.seconds}, "sqlite3 baseline");
    baseline_seconds.push_back(baseline.seconds);
    baseline_peak = std::max(baseline_peak, baseline.peak_rss_mb);
    baseline_output = baseline.output;
    std::filesystem::remove(base);
    std::filesystem::remove(base + "-wal");
    std::filesystem::remove(base + "-shm");
  }

  std::printf("%9d stations, %9zu protocols%s\n", stations, count, label.c_str());
  const double per = 1e6 / static_cast<double>(std::max<std::size_t>(count, 1));  // MB -> bytes a protocol
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::vector<double> seconds, inside, ratios;
    double peak = 0, definition_peak = 0;
    for (std::size_t round = 0; round < runs[i].size(); ++round) {
      const IngestRun& run = runs[i][round];
      seconds.push_back(run.seconds);
      inside.push_back(run.inside);
      ratios.push_back(baseline_seconds[round] / run.seconds);
      peak = std::max(peak, run.peak_mb);
      definition_peak = std::max(definition_peak, run.definition_mb);
      if (runs[i].size() > 1) {
        std::printf("%*s %-6s round %zu: %6.2f s (%6.2f s after loading the definition) against the baseline's %6.2f s: "
                    "ratio %.2f\n",
                    10, "", Binaries()[i].first.c_str(), round + 1, run.seconds, run.inside, baseline_seconds[round],
                    ratios.back());
      }
    }
    const double median = Median(seconds), median_inside = Median(inside);
    std::printf("%*s %-6s ingest %6.2f s (%8.0f protocols/s; %6.2f s after loading the definition: %8.0f/s)   "
                "ratio baseline/ours = %.2f%s\n",
                10, "", Binaries()[i].first.c_str(), median, count / median, median_inside,
                count / std::max(median_inside, 1e-9), Median(ratios),
                runs[i].size() > 1 ? " (medians of the rounds)" : "");
    std::printf("%*s        peak RSS %7.1f MB = %5.0f bytes a protocol; with the definition alone (no protocols) "
                "%7.1f MB, so (peak - that) / protocols = %5.0f bytes\n",
                10, "", peak, peak * per, definition_peak, std::max(peak - definition_peak, 0.0) * per);
  }
  std::printf("%*s baseline: sqlite3 .import + GROUP BY %6.2f s (%8.0f protocols/s), peak RSS %.1f MB\n", 10, "",
              Median(baseline_seconds), count / Median(baseline_seconds), baseline_peak);
  const std::size_t at = baseline_output.find("mazhilis-list");
  std::printf("%*s baseline's national list totals: %s", 10, "",
              at == std::string::npos ? "(none)\n" : baseline_output.substr(at).c_str());
}

// Synthesizes a night of `stations` (saylau synth, seed 1) into dir/night-N; returns that folder.
std::filesystem::path SynthNight(const std::filesystem::path& dir, const std::string& definition, int stations) {
  const std::string saylau = SAYLAU_BINARY;
  const std::filesystem::path night = dir / ("night-" + std::to_string(stations));
  std::filesystem::remove_all(night);
  std::filesystem::create_directories(night);
  Check(Shell(saylau + " synth " + Quote(definition) + " --seed 1 --stations " + std::to_string(stations) + " --out " +
              Quote(night.string())),
        "synth");
  return night;
}

// Synthesizes a night of `stations` and measures the ingest of all its protocols; with
// `list_only_too`, also of the party-list protocols alone (one per station).
void IngestCase(const std::filesystem::path& dir, const std::string& definition, int stations, bool list_only_too) {
  const std::filesystem::path night = SynthNight(dir, definition, stations);
  MeasureIngest(night, definition, night / "protocols.csv", stations, " (party list + single-member districts)");
  if (list_only_too) {
    MeasureIngest(night, definition, OneContest(night / "protocols.csv", "mazhilis-list"), stations,
                  " (party list only)");
  }
}

// One accepted correction -> updated national outcome, in memory, against a full recount.
void LatencyCase(const std::filesystem::path& dir, const std::string& definition) {
  const std::filesystem::path night = dir / "night-10100";
  std::vector<saylau::store::DefinitionFile> files = {
      {"definition.toml", "definition", saylau::formats::ReadFile(definition).value()},
      {"stations.csv", "stations", saylau::formats::ReadFile((night / "stations.csv").string()).value()}};
  saylau::Result<saylau::core::Election> election = saylau::service::LoadElection(files);
  if (!election) {
    std::cerr << election.error().message << "\n";
    std::exit(1);
  }
  saylau::core::ElectionNight state(*election);
  const std::string text = saylau::formats::ReadFile((night / "protocols.csv").string()).value();
  auto reader = saylau::formats::OpenSubmissions(text, "protocols.csv");
  std::vector<saylau::core::ProtocolSubmission> list_protocols;
  saylau::formats::Submission next;
  while (*(*reader)->Next(next)) {
    auto& protocol = std::get<saylau::core::ProtocolSubmission>(next);
    state.RecordProtocol(state.JudgeProtocol(protocol));
    if (protocol.contest == "mazhilis-list") list_protocols.push_back(protocol);
  }
  const saylau::core::ContestIndex list = state.plan().FindContest("mazhilis-list");
  std::mt19937 random(7);
  const int rounds = 20000;
  std::int64_t seats = 0;
  const auto start = Clock::now();
  for (int i = 0; i < rounds; ++i) {
    saylau::core::ProtocolSubmission correction = list_protocols[random() % list_protocols.size()];
    correction.commission = election->FindUnit(correction.unit)->parent;
    correction.reason = "recount " + std::to_string(i);
    // Move one vote from the first party to the second and back, alternately.
    const std::int64_t shift = i % 2 == 0 ? 1 : -1;
    for (auto& [name, value] : correction.lines) {
      if (name == "amanat") value -= shift;
      if (name == "auyl") value += shift;
    }
    state.RecordProtocol(state.JudgeProtocol(correction));
    const saylau::core::ContestStatus status = state.StatusOf(list);
    seats += std::get<saylau::core::PartyListDetails>(status.outcome->details).seats[0];
  }
  const double incremental = std::chrono::duration<double>(Clock::now() - start).count() / rounds;

  // Baseline: recount the contest from every station's protocol, then decide.
  const saylau::core::ContestPlan& plan = state.plan().contest(list);
  const int recounts = 200;
  const auto base_start = Clock::now();
  for (int i = 0; i < recounts; ++i) {
    std::vector<std::int64_t> sum(plan.width, 0);
    for (std::size_t local = 0; local < plan.units.size(); ++local) {
      if (!plan.counting[local]) continue;
      const auto values = state.tabulation().Totals(list, 1, saylau::core::LocalUnit(local));
      for (int k = 0; k < plan.width; ++k) sum[k] += values[k];
    }
    saylau::core::Tally tally;
    const saylau::core::ProtocolForm& form = *plan.form;
    tally.registered = form.BaseValue(saylau::core::BaseRole::kRegistered, sum);
    tally.took_part = form.BaseValue(saylau::core::BaseRole::kTookPart, sum);
    tally.invalid = form.BaseValue(saylau::core::BaseRole::kInvalid, sum);
    tally.against_all = form.AgainstAllValue(sum);
    tally.votes.assign(sum.begin() + plan.first_option, sum.end());
    const std::vector<saylau::core::UnitCount> counts = {{plan.contest->unit, 1, tally, ""}};
    auto outcome = saylau::core::DecideContest(*election, *plan.contest, counts);
    seats += std::get<saylau::core::PartyListDetails>(outcome->details).seats[0];
  }
  const double recount = std::chrono::duration<double>(Clock::now() - base_start).count() / recounts;
  std::printf(
      "one protocol -> national outcome in memory: %.2f us (judge, apply up the hierarchy, decide 69 seats); "
      "baseline full recount of %zu stations + decide: %.2f us; ratio %.0f  [checksum %lld]\n",
      incremental * 1e6, list_protocols.size(), recount * 1e6, recount / incremental, static_cast<long long>(seats));
}

// SHA-256 of 600-byte messages (a party-list protocol's log entry), the log's against
// libsodium's, each timed over the same messages; prints nanoseconds per hash and the ratio.
void HashCase() {
  std::string message(600, 'x');
  const int rounds = 200000;
  unsigned char feedback = 0;  // each hash changes the next message, so none can be skipped
  const auto time = [&](const auto& hash) {
    const auto start = Clock::now();
    for (int i = 0; i < rounds; ++i) {
      message[static_cast<std::size_t>(i) % message.size()] ^= static_cast<char>(feedback);
      feedback = hash();
    }
    return std::chrono::duration<double>(Clock::now() - start).count() / rounds;
  };
  const double ours = time([&] { return saylau::ledger::Sha256(message)[0]; });
  const double sodium = time([&] {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    return out[0];
  });
  std::printf("SHA-256 of a 600-byte log entry: saylau (OpenSSL libcrypto) %.0f ns, libsodium %.0f ns; ratio %.1f\n",
              ours * 1e9, sodium * 1e9, sodium / ours);
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false, latency_only = false;
  int stations = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--smoke") {
      smoke = true;
    } else if (argument == "--stations" && i + 1 < argc) {
      stations = std::atoi(argv[++i]);
    } else if (argument == "--latency") {
      latency_only = true;
    } else if (argument == "--rounds" && i + 1 < argc) {
      Rounds() = std::max(1, std::atoi(argv[++i]));
    } else if (argument == "--before" && i + 1 < argc) {
      Binaries().emplace_back("before", argv[++i]);
    } else {
      std::cerr << "usage: ingest_benchmark [--smoke | --stations N | --latency] [--rounds N] [--before SAYLAU_BINARY]\n";
      return 2;
    }
  }
  if (sodium_init() < 0) return 1;
  const std::string definition = std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml";
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("saylau-ingest-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::printf(
      "ingest benchmark (release build; wall-clock times of whole processes; machine load varies, compare "
      "ratios)\n");
  if (latency_only) {
    SynthNight(dir, definition, 10100);
    LatencyCase(dir, definition);
    std::filesystem::remove_all(dir);
    return 0;
  }
  HashCase();
  if (smoke) {
    Rounds() = 1;
    IngestCase(dir, definition, 500, false);
  } else if (stations > 0) {
    IngestCase(dir, definition, stations, true);
  } else {
    // The in-process latency case last: a child forked from a large benchmark process would
    // count the parent's pages in its peak RSS (ru_maxrss survives fork and exec).
    IngestCase(dir, definition, 10100, false);
    IngestCase(dir, definition, 800000, true);
    LatencyCase(dir, definition);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
