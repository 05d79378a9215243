// Speed of the statistics, each against a baseline measured in the same run:
//   seat simulation: simulated allocations per second on one core (7 lists x 69 seats, the
//     2023 Mazhilis rules), against core::Allocate on the same votes (target >= 1,000,000/s);
//   forensics on N stations (default 800,000), against one plain pass over the same figures
//     (target < 1 s).
//   stats_benchmark [--stations N] [--draws D]
#include <fmt/format.h>

#include <chrono>
#include <cstring>

#include "saylau/base/random.h"
#include "saylau/core/allocation.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/stats/forensics.h"
#include "saylau/stats/seat_simulation.h"

using namespace saylau;

namespace {
double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  int stations = 800000, draws = 2000000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--stations")) stations = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--draws")) draws = std::atoi(argv[i + 1]);
  }
  auto election = formats::LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml");
  if (!election) {
    fmt::print(stderr, "{}\n", election.error().message);
    return 2;
  }
  const core::Contest& contest = *election->FindContest("mazhilis-list");
  // The 2023 shares (AMANAT ... Baytaq, against all) with a PVT-like spread.
  stats::Estimate estimate;
  const double shares[] = {0.539, 0.109, 0.0859, 0.0841, 0.068, 0.052, 0.023, 0.039};
  const char* ids[] = {"amanat", "auyl", "respublica", "ak-zhol", "peoples-party", "jsdp", "baytaq", "against_all"};
  for (int i = 0; i < 8; ++i) estimate.shares.push_back({ids[i], shares[i], 0.004});
  estimate.covariance.assign(64, 0);
  for (int i = 0; i < 8; ++i) estimate.covariance[i * 8 + i] = 0.004 * 0.004 * shares[i] / 0.1;
  for (int i = 0; i < 8; ++i) {
    if (estimate.shares[i].name != contest.options[i < 7 ? i : 0].id && i < 7) {
      fmt::print(stderr, "option order changed in the definition\n");
      return 2;
    }
  }
  auto start = std::chrono::steady_clock::now();
  auto projection = stats::SimulateSeats(contest, estimate, {draws, 1, 6'000'000});
  const double simulation = Seconds(start);
  if (!projection) {
    fmt::print(stderr, "{}\n", projection.error().message);
    return 2;
  }
  // Baseline: core::Allocate on the 6 admitted lists of 2023, as often as it fits in the time.
  std::vector<core::ListVotes> lists = {{"amanat", 3431510}, {"auyl", 693938},          {"respublica", 547154},
                                        {"ak-zhol", 535139}, {"peoples-party", 432920}, {"jsdp", 331058}};
  const int calls = std::max(1000, draws / 10);
  start = std::chrono::steady_clock::now();
  int seats = 0;
  for (int i = 0; i < calls; ++i) {
    lists[0].votes = 3431510 + (i & 7);
    seats += core::Allocate({core::Method::kHare, 69}, lists).value().seats[0];
  }
  const double allocate = Seconds(start);
  const double rate = draws / simulation, base_rate = calls / allocate;
  fmt::print("seat simulation: {:.0f} simulated allocations/s on one core (7 lists x 69 seats; target >= 1,000,000)\n",
             rate);
  fmt::print("  baseline core::Allocate on the same lists: {:.0f} calls/s; ratio {:.2f}  (checksum {})\n", base_rate,
             rate / base_rate, seats % 7);

  // Forensics: station figures of a realistic size and spread (not an election: a load).
  stats::StationResults results;
  results.contest = "mazhilis-list";
  results.columns.assign(ids, ids + 8);
  for (int r = 0; r < 20; ++r) results.regions.push_back("region-" + std::to_string(r));
  Random random(7);
  results.rows.reserve(stations);
  results.votes.reserve(static_cast<std::size_t>(stations) * 8);
  for (int s = 0; s < stations; ++s) {
    stats::StationRow row;
    row.id = "s" + std::to_string(s);
    row.region = s % 20;
    row.settlement = s % 3 ? core::Settlement::kUrban : core::Settlement::kRural;
    row.reported = true;
    row.registered = static_cast<std::int64_t>(random.LogNormal(1200, 0.5)) + 20;
    row.took_part = static_cast<std::int64_t>(row.registered * std::min(0.97, 0.55 * std::exp(0.12 * random.Normal())));
    std::int64_t left = row.took_part * 97 / 100;
    for (int c = 0; c < 8; ++c) {
      const std::int64_t v = c == 7 ? left
                                    : std::min(left, static_cast<std::int64_t>(left * shares[c] / (1 - 0.0) *
                                                                               std::exp(0.2 * random.Normal()) * 0.9));
      results.votes.push_back(v);
      left -= v;
      row.base += v;
    }
    results.rows.push_back(std::move(row));
  }
  start = std::chrono::steady_clock::now();
  const stats::ForensicsReport report = stats::RunForensics(results, {});
  const double forensics = Seconds(start);
  start = std::chrono::steady_clock::now();
  std::int64_t sum = 0;
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    sum += results.rows[r].took_part * 1000 / results.rows[r].registered;
    for (int c = 0; c < 8; ++c) sum += results.VotesOf(r)[c] % 10;
  }
  const double pass = Seconds(start);
  fmt::print("forensics on {} stations: {:.3f} s ({} simulations of the whole-percent test; target < 1 s)\n", stations,
             forensics, report.integer_percent.simulations);
  fmt::print("  baseline one plain pass over the same figures: {:.4f} s; ratio {:.0f}  (checksum {})\n", pass,
             forensics / pass, sum % 7);
  return 0;
}
