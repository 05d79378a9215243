// Calibration of the statistics on synthetic elections of the 2023 Mazhilis (saylau synth,
// 10,100 stations whose national totals are the official ones):
//   coverage: how often the 95 % intervals of a PVT and of an exit poll (200 stations, 124
//             urban and 76 rural as in the 2023 exit poll; 150 interviews per station) hold the
//             true national share, over many samples of several elections;
//   detection: how often forensics flags a clean election, one with ballot stuffing at 5 % of
//             stations, and one with turnout rounded to a whole percent at 2 % of stations.
// Prints the measured rates; exits 1 when a rate misses its target (coverage 0.90-0.98,
// clean flagged <= 0.10, anomalies flagged >= 0.90), 2 on bad input.
//   stats_calibration [--elections E] [--samples S] [--seeds N] [--stations K]
#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <string>

#include "saylau/formats/definition_toml.h"
#include "saylau/formats/synth_inputs.h"
#include "saylau/stats/estimate.h"
#include "saylau/stats/forensics.h"
#include "saylau/stats/synthetic.h"

namespace {

using namespace saylau;

struct Counter {
  std::int64_t hits = 0, total = 0;
  void Add(bool hit) { hits += hit, ++total; }
  double rate() const { return total ? static_cast<double>(hits) / total : 0; }
};

}  // namespace

int main(int argc, char** argv) {
  int elections = 5, samples = 200, seeds = 100, stations = 10100;
  for (int i = 1; i + 1 < argc; i += 2) {
    const int value = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--elections"))
      elections = value;
    else if (!std::strcmp(argv[i], "--samples"))
      samples = value;
    else if (!std::strcmp(argv[i], "--seeds"))
      seeds = value;
    else if (!std::strcmp(argv[i], "--stations"))
      stations = value;
    else {
      std::cerr << "stats_calibration: unknown option " << argv[i] << "\n";
      return 2;
    }
  }
  const std::string definition = std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml";
  auto election = formats::LoadDefinition(definition);
  auto inputs = formats::LoadSynthInputs(definition);
  if (!election || !inputs) {
    std::cerr << "stats_calibration: " << (!election ? election.error().message : inputs.error().message) << "\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string contest = inputs->contest;

  // Coverage.
  std::map<std::string, Counter> pvt, poll;
  Counter pvt_all, poll_all, turnout;
  for (int e = 1; e <= elections; ++e) {
    auto night = synth::Synthesize(*election, *inputs, {static_cast<std::uint64_t>(e), stations});
    if (!night) {
      std::cerr << "stats_calibration: " << night.error().message << "\n";
      return 2;
    }
    const stats::StationResults results = stats::ResultsOfSynth(*election, *night, contest);
    const auto truth = stats::OfficialShares(results);
    const auto frame = stats::FrameOfSynth(*night);
    for (int s = 1; s <= samples; ++s) {
      const std::uint64_t seed = 1000 * e + s;
      auto design = stats::DrawSample(frame, {200, true, false, seed});
      auto from_protocols = stats::EstimateFromProtocols(*design, results);
      const auto interviews = stats::SimulateInterviews(*design, results, 150, seed);
      auto from_poll = stats::EstimateFromInterviews(*design, results.columns, interviews);
      if (!from_protocols || !from_poll) return 2;
      for (const auto& row : stats::CompareWithOfficial(from_protocols->shares, truth)) {
        pvt[row.name].Add(row.inside), pvt_all.Add(row.inside);
      }
      for (const auto& row : stats::CompareWithOfficial(from_poll->shares, truth)) {
        poll[row.name].Add(row.inside), poll_all.Add(row.inside);
      }
      for (const auto& row : stats::CompareWithOfficial(from_protocols->turnout, truth)) turnout.Add(row.inside);
    }
  }
  fmt::print("coverage of the 95 % intervals: {} elections x {} samples of 200 stations (stratified urban/rural)\n",
             elections, samples);
  fmt::print("  {:<16} {:>8} {:>10}\n", "option", "PVT", "exit poll");
  for (const auto& [name, counter] : pvt)
    fmt::print("  {:<16} {:>8.3f} {:>10.3f}\n", name, counter.rate(), poll[name].rate());
  fmt::print("  {:<16} {:>8.3f} {:>10.3f}\n", "all options", pvt_all.rate(), poll_all.rate());
  fmt::print("  {:<16} {:>8.3f} {:>10}\n", "turnout", turnout.rate(), "-");

  // Detection.
  struct Scenario {
    const char* name;
    double stuffing, rounding;
    Counter flagged;
    std::map<std::string, int> reasons;
  };
  Scenario scenarios[] = {
      {"clean", 0, 0, {}, {}}, {"stuffing 5 %", 0.05, 0, {}, {}}, {"rounding 2 %", 0, 0.02, {}, {}}};
  for (Scenario& scenario : scenarios) {
    for (int seed = 1; seed <= seeds; ++seed) {
      auto night =
          synth::Synthesize(*election, *inputs,
                            {static_cast<std::uint64_t>(seed + 5000), stations, scenario.stuffing, scenario.rounding});
      if (!night) return 2;
      const auto report = stats::RunForensics(stats::ResultsOfSynth(*election, *night, contest),
                                              {0, static_cast<std::uint64_t>(seed), 0.05, 0});
      scenario.flagged.Add(report.flagged);
      for (const std::string& reason : report.reasons) ++scenario.reasons[reason.substr(0, 30)];
    }
  }
  fmt::print("\nforensics flags (any test below 0.05 / 3): {} synthetic elections per row\n", seeds);
  for (const Scenario& scenario : scenarios) {
    fmt::print("  {:<14} flagged {:>5.3f}", scenario.name, scenario.flagged.rate());
    for (const auto& [reason, count] : scenario.reasons) fmt::print("  [{}…: {}]", reason, count);
    fmt::print("\n");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("\n({:.1f} s)\n", seconds);

  bool ok = pvt_all.rate() >= 0.90 && pvt_all.rate() <= 0.98 && poll_all.rate() >= 0.90 && poll_all.rate() <= 0.98 &&
            scenarios[0].flagged.rate() <= 0.10 && scenarios[1].flagged.rate() >= 0.90 &&
            scenarios[2].flagged.rate() >= 0.90;
  fmt::print("{}\n", ok ? "RESULT: every rate within its target" : "RESULT: a rate misses its target");
  return ok ? 0 : 1;
}
