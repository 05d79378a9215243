// The npm baselines of the allocation benchmark: cases out, node run, answers compared, both
// sides timed. See npm_baseline.h.
#include "npm_baseline.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "saylau/core/allocation.h"
#include "saylau/core/fast_allocation.h"

namespace saylau::bench {
namespace {

using core::FastAllocator;
using core::FastRule;
using core::FastStatus;
using core::Method;

struct Case {
  int seats = 0;
  std::vector<std::int64_t> votes;
};

// What node printed for one case; `sainte_lague` is empty when the package found a tie.
struct NpmAnswer {
  std::vector<int> dhondt;
  std::vector<int> sainte_lague;
  bool sainte_lague_tie = false;
};

std::vector<Case> Cases(int random_cases) {
  std::vector<Case> cases = {{69, {3'431'510, 693'938, 547'154, 535'139, 432'920, 331'058, 146'431}}};
  std::mt19937_64 random(20230319);
  std::lognormal_distribution<double> size(12.0, 1.2);
  for (int c = 0; c < random_cases; ++c) {
    Case drawn;
    const int kind = c % 4;
    const int options = kind < 2 ? 7 : static_cast<int>(random() % 11) + 2;
    if (kind == 3) {
      // Tie-prone: a few small values times a common factor, zeros included.
      const std::int64_t factor = std::int64_t{1} << (random() % 12);
      for (int i = 0; i < options; ++i) drawn.votes.push_back(static_cast<std::int64_t>(random() % 6) * factor);
      if (drawn.votes[0] == 0) drawn.votes[0] = factor;
      drawn.seats = static_cast<int>(random() % 30) + 1;
    } else {
      for (int i = 0; i < options; ++i) drawn.votes.push_back(static_cast<std::int64_t>(size(random)));
      if (random() % 8 == 0) drawn.votes[random() % options] = 0;
      if (drawn.votes[0] == 0) drawn.votes[0] = 1;
      drawn.seats = kind < 2 ? 69 : static_cast<int>(random() % 200) + 1;
    }
    cases.push_back(std::move(drawn));
  }
  return cases;
}

std::string Quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The whole standard output of a shell command, and whether it exited with 0.
bool RunCommand(const std::string& command, std::string& output) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  return pclose(pipe) == 0;
}

std::string PackageVersion(const std::filesystem::path& package_json) {
  std::ifstream file(package_json);
  std::string line;
  while (std::getline(file, line)) {
    const auto key = line.find("\"version\"");
    if (key == std::string::npos) continue;
    const auto open = line.find('"', line.find(':', key));
    const auto close = line.find('"', open + 1);
    if (open != std::string::npos && close != std::string::npos) return line.substr(open + 1, close - open - 1);
  }
  return "?";
}

// Nanoseconds per fast allocation of `rule` on `votes`, over at least `ms` milliseconds.
double TimeFast(const FastRule& rule, const std::vector<std::int64_t>& votes, int ms) {
  FastAllocator fast;
  const auto start = std::chrono::steady_clock::now();
  const auto budget = std::chrono::milliseconds(ms);
  std::int64_t calls = 0;
  std::chrono::steady_clock::time_point now;
  do {
    for (int i = 0; i < 1000; ++i) {
      FastStatus status = fast.Allocate(rule, votes);
      benchmark::DoNotOptimize(status);
      benchmark::DoNotOptimize(fast.seats().data());
      benchmark::ClobberMemory();
    }
    calls += 1000;
    now = std::chrono::steady_clock::now();
  } while (now - start < budget);
  return std::chrono::duration<double, std::nano>(now - start).count() / static_cast<double>(calls);
}

// Nanoseconds per explained allocation (Allocate(), the published path), for reference.
double TimeExplained(Method method, const std::vector<std::int64_t>& votes, int ms) {
  std::vector<core::ListVotes> lists;
  for (std::size_t i = 0; i < votes.size(); ++i) lists.push_back({"option-" + std::to_string(i), votes[i]});
  const core::AllocationOptions options{.method = method, .seats = 69};
  const auto start = std::chrono::steady_clock::now();
  std::int64_t calls = 0;
  std::chrono::steady_clock::time_point now;
  do {
    for (int i = 0; i < 100; ++i) {
      auto got = core::Allocate(options, lists);
      benchmark::DoNotOptimize(got);
    }
    calls += 100;
    now = std::chrono::steady_clock::now();
  } while (now - start < std::chrono::milliseconds(ms));
  return std::chrono::duration<double, std::nano>(now - start).count() / static_cast<double>(calls);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::vector<int> Numbers(std::istringstream& line, std::size_t count) {
  std::vector<int> numbers(count);
  for (int& n : numbers) line >> n;
  return numbers;
}

// Reads node's output: the answers per case (when asked for) and the times of its round.
bool ParseNodeOutput(const std::string& output, const std::vector<Case>& cases, bool with_answers,
                     std::vector<NpmAnswer>& answers, std::vector<double>& dhondt_ns,
                     std::vector<double>& sainte_lague_ns) {
  if (with_answers) answers.assign(cases.size(), {});
  std::vector<bool> seen(cases.size(), !with_answers);
  const std::size_t dhondt_before = dhondt_ns.size(), sainte_lague_before = sainte_lague_ns.size();
  std::istringstream lines(output);
  std::string text;
  while (std::getline(lines, text)) {
    std::istringstream line(text);
    std::string kind, word;
    line >> kind;
    if (kind == "case") {
      std::size_t index = cases.size();
      line >> index >> word;
      if (!with_answers || index >= cases.size() || word != "dhondt") return false;
      NpmAnswer& answer = answers[index];
      answer.dhondt = Numbers(line, cases[index].votes.size());
      line >> word;
      if (word != "sainte-lague") return false;
      const auto position = line.tellg();
      line >> word;
      if (word == "tie") {
        answer.sainte_lague_tie = true;
      } else {
        line.seekg(position);
        answer.sainte_lague = Numbers(line, cases[index].votes.size());
      }
      if (line.fail()) return false;
      seen[index] = true;
    } else if (kind == "time") {
      double ns = 0;
      line >> word >> ns;
      (word == "dhondt" ? dhondt_ns : sainte_lague_ns).push_back(ns);
    }
  }
  return std::all_of(seen.begin(), seen.end(), [](bool s) { return s; }) && dhondt_ns.size() > dhondt_before &&
         sainte_lague_ns.size() > sainte_lague_before;
}

// Compares every case; prints the first few differences. Returns the number of differences.
int CompareAnswers(const std::vector<Case>& cases, const std::vector<NpmAnswer>& answers, int& dhondt_ties,
                   int& sainte_lague_ties) {
  FastAllocator fast;
  int differences = 0;
  dhondt_ties = 0;
  sainte_lague_ties = 0;
  const auto report = [&](std::size_t index, const char* method, const char* what) {
    if (++differences <= 5)
      std::printf("  MISMATCH case %zu (%d seats), %s: %s\n", index, cases[index].seats, method, what);
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    FastStatus status = fast.Allocate({.method = Method::kDhondt, .seats = c.seats}, c.votes);
    std::vector<int> seats(fast.seats().begin(), fast.seats().end());
    if (status == FastStatus::kTie) {
      ++dhondt_ties;
      // npm dhondt takes the first of equal quotients: list order, as TieRule kOrder.
      for (int t = 0; t < fast.tied_seats(); ++t) ++seats[fast.tied()[t]];
    } else if (status != FastStatus::kDecided) {
      report(i, "D'Hondt", "refused by the fast path");
      continue;
    }
    if (seats != answers[i].dhondt) report(i, "D'Hondt", "different seats");
    status = fast.Allocate({.method = Method::kSainteLague, .seats = c.seats}, c.votes);
    if (status == FastStatus::kTie) {
      ++sainte_lague_ties;
      if (!answers[i].sainte_lague_tie) report(i, "Sainte-Laguë", "saylau reports a tie, the package does not");
      continue;
    }
    if (answers[i].sainte_lague_tie) {
      report(i, "Sainte-Laguë", "the package reports a tie, saylau does not");
    } else if (std::vector<int>(fast.seats().begin(), fast.seats().end()) != answers[i].sainte_lague) {
      report(i, "Sainte-Laguë", "different seats");
    }
  }
  return differences;
}

// `text` followed by spaces up to `width` characters (UTF-8: continuation bytes take no room).
std::string Padded(const std::string& text, std::size_t width) {
  std::size_t shown = 0;
  for (char c : text) shown += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return text + std::string(shown < width ? width - shown : 0, ' ');
}

void PrintRatio(const std::string& method, double fast_ns, const char* package, double npm_ns, double explained_ns,
                bool smoke) {
  const double ratio = npm_ns / fast_ns;
  const char* verdict = smoke ? "not judged in a smoke run" : (ratio >= 50 ? "met" : "NOT met");
  std::printf("  %s saylau fast %8.1f ns   npm %-12s %10.1f ns   ratio %7.1fx  (target >= 50x: %s)\n",
              Padded(method, 13).c_str(), fast_ns, package, npm_ns, ratio, verdict);
  std::printf("  %s saylau explained (Allocate) %8.1f ns,  npm / explained %7.1fx\n", Padded("", 13).c_str(),
              explained_ns, npm_ns / explained_ns);
}

}  // namespace

int CompareWithNpm(const NpmOptions& options) {
  namespace fs = std::filesystem;
  const fs::path modules = fs::path(options.npm_dir) / "node_modules";
  std::printf("\nnpm baselines, in the same run:\n");
  if (!fs::exists(modules / "dhondt" / "package.json") || !fs::exists(modules / "sainte-lague" / "package.json")) {
    std::printf(
        "  skipped: the npm packages dhondt and sainte-lague are not installed in %s "
        "(bench/allocation/run installs them)\n",
        options.npm_dir.c_str());
    return 0;
  }
  std::string node_version;
  if (!RunCommand("node --version 2>/dev/null", node_version)) {
    std::printf("  skipped: node is not installed\n");
    return 0;
  }
  node_version.erase(node_version.find_last_not_of("\n") + 1);
  const std::vector<Case> cases = Cases(options.random_cases);
  const fs::path cases_file = fs::path(options.npm_dir) / "allocation-cases.txt";
  {
    std::ofstream out(cases_file);
    for (const Case& c : cases) {
      out << c.seats;
      for (std::int64_t v : c.votes) out << ' ' << v;
      out << '\n';
    }
  }
  const Case& mazhilis = cases.front();
  // Rounds alternate: the fast side, then node (a process per round, warmed up each time), so
  // that both meet the machine as it is then; the first node run also answers every case.
  std::vector<double> fast_dhondt, fast_sainte_lague;
  std::vector<NpmAnswer> answers;
  std::vector<double> npm_dhondt, npm_sainte_lague;
  const std::string command = "node " + Quoted(options.script) + " " + Quoted(options.npm_dir) + " " +
                              Quoted(cases_file.string()) + " --time-ms " + std::to_string(options.time_ms) +
                              " --rounds 1";
  for (int r = 0; r < options.rounds; ++r) {
    fast_dhondt.push_back(TimeFast({.method = Method::kDhondt, .seats = 69}, mazhilis.votes, options.time_ms));
    fast_sainte_lague.push_back(
        TimeFast({.method = Method::kSainteLague, .seats = 69}, mazhilis.votes, options.time_ms));
    std::string output;
    const std::string run = r == 0 ? command : command + " --no-answers";
    if (!RunCommand(run, output) || !ParseNodeOutput(output, cases, r == 0, answers, npm_dhondt, npm_sainte_lague)) {
      std::printf("  FAILED: %s did not give %s\n", run.c_str(), r == 0 ? "an answer for every case" : "its times");
      return 1;
    }
  }
  const double explained_dhondt = TimeExplained(Method::kDhondt, mazhilis.votes, options.time_ms);
  const double explained_sainte_lague = TimeExplained(Method::kSainteLague, mazhilis.votes, options.time_ms);
  std::printf("  node %s, dhondt %s, sainte-lague %s; 7 x 69 on the 2023 Mazhilis list votes, median of %d rounds\n",
              node_version.c_str(), PackageVersion(modules / "dhondt" / "package.json").c_str(),
              PackageVersion(modules / "sainte-lague" / "package.json").c_str(), options.rounds);
  PrintRatio("D'Hondt", Median(fast_dhondt), "dhondt", Median(npm_dhondt), explained_dhondt, options.smoke);
  PrintRatio("Sainte-Laguë", Median(fast_sainte_lague), "sainte-lague", Median(npm_sainte_lague),
             explained_sainte_lague, options.smoke);
  int dhondt_ties = 0;
  int sainte_lague_ties = 0;
  const int differences = CompareAnswers(cases, answers, dhondt_ties, sainte_lague_ties);
  std::printf("  answers: %zu cases (the 2023 votes and %d seeded random inputs), D'Hondt and Sainte-Laguë: %s\n",
              cases.size(), options.random_cases,
              differences == 0 ? "every answer equal" : (std::to_string(differences) + " DIFFERENT").c_str());
  std::printf(
      "  ties reported by saylau, not guessed: %d under D'Hondt (npm dhondt settles them in list order, as "
      "tie rule 'order'), %d under Sainte-Laguë (npm sainte-lague refuses them as ambiguous)\n",
      dhondt_ties, sainte_lague_ties);
  return differences == 0 ? 0 : 1;
}

}  // namespace saylau::bench
