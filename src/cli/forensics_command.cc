// saylau forensics: fingerprint, whole percents, last and second digits and turnout by region, with SVG plots.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/formats/statistics_svg.h"
#include "saylau/stats/forensics.h"
#include "station_source.h"

namespace saylau::cli {
namespace {

struct ForensicsCommandOptions {
  StationSource source;
  std::string contest, out, json;
  int simulations = 0;
  std::uint64_t seed = 1;
};

int RunForensicsCommand(ForensicsCommandOptions options) {
  auto loaded = LoadStations(options.source, options.contest);
  if (!loaded) return ReportError(loaded.error());
  if (loaded->rejected > 0) {
    std::cerr << fmt::format("saylau forensics: {} protocols were rejected and are not counted (the first: {})\n",
                             loaded->rejected, loaded->first_rejection);
  }
  const stats::ForensicsReport report =
      stats::RunForensics(loaded->results, {options.simulations, options.seed, 0.05, 0});
  if (report.stations == 0) {
    return ReportError(
        InvalidArgument("contest " + options.contest + " has no counted station with voters and valid votes"));
  }
  const nlohmann::json json = formats::ForensicsJson(report);
  std::vector<std::pair<std::string, std::string>> files;
  if (!options.out.empty()) {
    files = {{"forensics.json", json.dump() + "\n"},
             {"fingerprint.svg", formats::FingerprintSvg(report)},
             {"integer-percent.svg", formats::IntegerPercentSvg(report)},
             {"last-digit.svg", formats::LastDigitSvg(report)},
             {"turnout-by-region.svg", formats::RegionTurnoutSvg(report)}};
    std::error_code error;
    std::filesystem::create_directories(options.out, error);
    for (auto& [name, text] : files) {
      name = (std::filesystem::path(options.out) / name).string();
      std::ofstream file(name, std::ios::binary);
      file << text;
      if (!(file.flush())) return ReportError(InvalidArgument(name + ": cannot write"));
    }
  }
  if (!options.json.empty()) {
    std::ofstream file(options.json, std::ios::binary);
    file << json.dump(1) << "\n";
    if (!(file.flush())) return ReportError(InvalidArgument(options.json + ": cannot write"));
  }
  const stats::IntegerPercentTest& ip = report.integer_percent;
  std::cout << fmt::format("Forensics of {}: {} stations counted; the leader is {}\n", report.contest, report.stations,
                           report.leader);
  const stats::LeftOut& left = report.left_out;
  if (left.not_reported + left.no_voters + left.no_valid_votes > 0) {
    std::cout << fmt::format("  left out: {} stations with no counted protocol, {} with no registered voters, {} with "
                             "no valid votes\n",
                             formats::Grouped(left.not_reported), formats::Grouped(left.no_voters),
                             formats::Grouped(left.no_valid_votes));
  }
  std::cout << fmt::format(
      "  fingerprint: {:.2f} % of ballots at stations with turnout and {} share both above 80 % ({} stations)\n",
      100 * report.fingerprint.high_high_voter_share, report.leader, report.fingerprint.high_high_stations);
  std::cout << fmt::format(
      "  whole-percent turnout: {} stations, {:.0f} expected (p = {:.3g}); whole-percent {} share: {}, "
      "{:.0f} expected (p = {:.3g}); {} simulations\n",
      ip.turnout_observed, ip.turnout_expected, ip.turnout_p, report.leader, ip.leader_observed, ip.leader_expected,
      ip.leader_p, ip.simulations);
  std::cout << fmt::format("  last digits of {} vote counts: chi-squared {:.1f} with 9 df, p = {:.3g}\n",
                           report.last_digit.used, report.last_digit.chi_squared, report.last_digit.p_value);
  const stats::SecondDigitTest& sd = report.second_digit;
  std::cout << fmt::format(
      "  second digits of {} vote counts of 10 or more (Benford, not in the flag): chi-squared {:.1f} with 9 df, "
      "p = {:.3g}; mean {:.3f} against {:.3f}\n",
      sd.used, sd.chi_squared, sd.p_value, sd.mean, sd.benford_mean);
  std::cout << fmt::format("  turnout and {} share within {} region x settlement strata: r = {:.3f}, p = {:.3g}\n",
                           report.leader, report.association.strata, report.association.correlation,
                           report.association.p_value);
  std::cout << fmt::format("  {}\n", report.flagged
                                         ? "FLAGGED (a test below " + fmt::format("{:.4f}", report.alpha / 3) + "):"
                                         : "not flagged: every test above " + fmt::format("{:.4f}", report.alpha / 3));
  for (const std::string& reason : report.reasons) std::cout << "    - " << reason << "\n";
  for (const auto& [name, text] : files) std::cout << "  wrote " << name << "\n";
  return report.flagged ? kExitCheckFailed : kExitOk;
}

}  // namespace

void AddForensicsCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ForensicsCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "forensics",
      "Statistical forensics of station-level results: the election fingerprint (turnout against the leader's share, "
      "Klimek et al. 2012), whole-percent turnout and shares against what chance gives for each station's size (Kobak "
      "et "
      "al. 2016, by simulation), last digits of vote counts (chi-squared), second digits against Benford's law "
      "(Mebane's 2BL; reported, not part of the flag), turnout by region, and whether turnout and "
      "the "
      "leader's share rise together. A flag is a reason to look closer, not proof. Exit 0 not flagged, 1 flagged.\n"
      "Example: saylau forensics --db night.db --contest mazhilis-list --out forensics\n"
      "Example: saylau forensics --definition elections/kz/2023-03-19-mazhilis.toml --stations night/stations.csv "
      "--protocols night/protocols.csv --out forensics");
  AddStationSourceOptions(command, options->source);
  command->add_option("--contest", options->contest, "Contest (default: the first party-list contest)");
  command->add_option("--out", options->out, "Directory for forensics.json and the SVG plots");
  command->add_option("--json", options->json, "Also write the report as JSON to this file");
  command
      ->add_option("--simulations", options->simulations,
                   "Simulated elections for the whole-percent test (default 1,000; fewer above 50,000 stations)")
      ->check(CLI::Range(2, 100000));
  command->add_option("--seed", options->seed, "Random seed of the simulations (default 1)");
  command->callback([options, &run] { run = [options] { return RunForensicsCommand(*options); }; });
}

}  // namespace saylau::cli
