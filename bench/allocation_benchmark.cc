// Seat allocation throughput: every method for 7 options x 69 seats (the Mazhilis) and
// 200 options x 1,000 seats, with the full explanation recorded (Allocate), and the exact fast
// path without it (FastAllocator) for the methods that have one. Baselines in the same run: a
// bare floating-point D'Hondt loop with no explanation and no exact arithmetic (the least
// any implementation does), and the npm packages `dhondt` and `sainte-lague` run by node
// (bench/allocation/run installs them; npm_baseline.h), whose answers must equal the fast
// path's. Prints allocations per second and the ratios; the targets are >= 1,000,000
// allocations per second per core for 7 x 69, and the fast path >= 50x the npm packages.
//   allocation_benchmark [--smoke] [--npm DIR] [--npm-time-ms N] [--npm-rounds N]
// `--smoke` runs each case briefly, to check the binary works (used by `make test`); the npm
// comparison is skipped with a message when node or the packages are missing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "allocation/npm_baseline.h"
#include "saylau/core/allocation.h"
#include "saylau/core/fast_allocation.h"

namespace {

using saylau::core::ListVotes;
using saylau::core::Method;

std::vector<ListVotes> RandomLists(int count, unsigned seed) {
  std::mt19937_64 random(seed);
  std::lognormal_distribution<double> size(12.0, 1.2);
  std::vector<ListVotes> lists;
  for (int i = 0; i < count; ++i) {
    lists.push_back({"option-" + std::to_string(i), static_cast<std::int64_t>(size(random)) + 1});
  }
  return lists;
}

// The 2023 Mazhilis party-list votes.
const std::vector<ListVotes> kMazhilis2023 = {{"amanat", 3'431'510}, {"auyl", 693'938},    {"respublica", 547'154},
                                              {"ak-zhol", 535'139},  {"peoples", 432'920}, {"jsdp", 331'058},
                                              {"baytaq", 146'431}};

void BM_Allocate(benchmark::State& state, Method method, int options, int seats) {
  const std::vector<ListVotes> lists = options == 7 ? kMazhilis2023 : RandomLists(options, /*seed=*/7);
  const saylau::core::AllocationOptions allocation{.method = method, .seats = seats};
  for (auto _ : state) {
    auto got = saylau::core::Allocate(allocation, lists);
    benchmark::DoNotOptimize(got);
  }
  state.SetItemsProcessed(state.iterations());
}

// The fast path on the same inputs: seats only, no explanation, buffers reused.
void BM_AllocateFast(benchmark::State& state, Method method, int options, int seats) {
  const std::vector<ListVotes> lists = options == 7 ? kMazhilis2023 : RandomLists(options, /*seed=*/7);
  std::vector<std::int64_t> votes;
  for (const ListVotes& list : lists) votes.push_back(list.votes);
  saylau::core::FastAllocator fast;
  const saylau::core::FastRule rule{.method = method, .seats = seats};
  for (auto _ : state) {
    saylau::core::FastStatus status = fast.Allocate(rule, votes);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(fast.seats().data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}

// Baseline: textbook D'Hondt in doubles, seats only.
void BM_BaselineNaiveDhondtDouble(benchmark::State& state) {
  const std::vector<ListVotes>& lists = kMazhilis2023;
  std::vector<int> seats(lists.size());
  for (auto _ : state) {
    std::fill(seats.begin(), seats.end(), 0);
    for (int seat = 0; seat < 69; ++seat) {
      std::size_t best = 0;
      double best_quotient = -1;
      for (std::size_t i = 0; i < lists.size(); ++i) {
        const double quotient = static_cast<double>(lists[i].votes) / (seats[i] + 1);
        if (quotient > best_quotient) best_quotient = quotient, best = i;
      }
      ++seats[best];
    }
    benchmark::DoNotOptimize(seats.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.iterations == 0) continue;
      const auto items = run.counters.find("items_per_second");
      if (items != run.counters.end()) rates_[run.benchmark_name()] = items->second.value;
    }
  }
  void Summarise() const {
    const auto baseline = rates_.find("BM_BaselineNaiveDhondtDouble");
    if (baseline == rates_.end()) return;
    std::printf("\nallocations per second (one core) and ratio to the naive double D'Hondt baseline (%.0f/s):\n",
                baseline->second);
    bool all_met = true;
    for (const auto& [name, rate] : rates_) {
      if (name == baseline->first) continue;
      const bool mazhilis = name.find("7x69") != std::string::npos;
      if (mazhilis && rate < 1e6) all_met = false;
      std::printf("  %-44s %12.0f/s  ratio %5.2f%s\n", name.c_str(), rate, rate / baseline->second,
                  mazhilis ? (rate >= 1e6 ? "  (target 1,000,000/s met)" : "  (BELOW the 1,000,000/s target)") : "");
    }
    std::printf("7 x 69 target of 1,000,000 allocations/s: %s\n", all_met ? "met by every method" : "NOT met");
    std::printf("\nthe fast path against the explained one (Allocate), same inputs:\n");
    for (const auto& [name, rate] : rates_) {
      const std::string prefix = "BM_AllocateFast/";
      if (name.rfind(prefix, 0) != 0) continue;
      const auto explained = rates_.find("BM_Allocate/" + name.substr(prefix.size()));
      if (explained == rates_.end()) continue;
      std::printf("  %-44s %12.0f/s  %6.1fx the explained path\n", name.c_str(), rate, rate / explained->second);
    }
  }

 private:
  std::map<std::string, double> rates_;
};

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false;
  saylau::bench::NpmOptions npm{.npm_dir = SAYLAU_SOURCE_DIR "/build/bench-allocation",
                                .script = SAYLAU_SOURCE_DIR "/bench/allocation/npm_allocation.mjs"};
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke = true;
    } else if (std::strcmp(argv[i], "--npm") == 0 && has_value) {
      npm.npm_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--npm-time-ms") == 0 && has_value) {
      npm.time_ms = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--npm-rounds") == 0 && has_value) {
      npm.rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      args.push_back(argv[i]);
    }
  }
  if (smoke) {
    npm.time_ms = 20;
    npm.rounds = 1;
    npm.random_cases = 200;
    npm.smoke = true;
  }
  std::string min_time = "--benchmark_min_time=0.001";
  if (smoke) args.push_back(min_time.data());
  int count = static_cast<int>(args.size());
  benchmark::RegisterBenchmark("BM_BaselineNaiveDhondtDouble", BM_BaselineNaiveDhondtDouble);
  for (Method method : saylau::core::AllMethods()) {
    const std::string name(saylau::core::MethodName(method));
    benchmark::RegisterBenchmark(("BM_Allocate/" + name + "/7x69").c_str(), BM_Allocate, method, 7, 69);
  }
  for (Method method : saylau::core::AllMethods()) {
    const std::string name(saylau::core::MethodName(method));
    benchmark::RegisterBenchmark(("BM_Allocate/" + name + "/200x1000").c_str(), BM_Allocate, method, 200, 1000)
        ->Unit(benchmark::kMicrosecond);
  }
  for (Method method : saylau::core::AllMethods()) {
    if (!saylau::core::HasFastPath(method)) continue;
    const std::string name(saylau::core::MethodName(method));
    benchmark::RegisterBenchmark(("BM_AllocateFast/" + name + "/7x69").c_str(), BM_AllocateFast, method, 7, 69);
    benchmark::RegisterBenchmark(("BM_AllocateFast/" + name + "/200x1000").c_str(), BM_AllocateFast, method, 200, 1000)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&count, args.data());
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Summarise();
  benchmark::Shutdown();
  return saylau::bench::CompareWithNpm(npm);
}
