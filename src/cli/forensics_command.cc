// saylau forensics: fingerprint, whole percents, last and second digits and turnout by region, with SVG plots.
#include <fmt/format.h>

#include <algorithm>
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

// The command line as given; an option left out keeps the preset's (or the default) value.
struct ForensicsCommandOptions {
  StationSource source;
  std::string contest, out, json;
  int simulations = 0;  // accepted and ignored: the whole-percent null is exact
  std::uint64_t seed = 1;
  std::string preset, share_base, turnout, weight;
  std::int64_t min_registered = -1;  // -1: not given
  int max_turnout = -1, max_result = -1;
  bool require_took_part = false;
  std::vector<std::string> leave_out, leave_out_where;
};

Result<stats::ForensicsOptions> ForensicsOptionsOf(const ForensicsCommandOptions& given) {
  stats::ForensicsOptions options;
  if (!given.preset.empty()) {
    auto preset = stats::ForensicsPreset(given.preset);
    if (!preset) return InvalidArgument(preset.error().message);
    options = *preset;
  }
  if (!given.share_base.empty()) {
    const auto base = stats::ShareBaseFromName(given.share_base);
    if (!base) {
      return InvalidArgument("--share-base '" + given.share_base + "': expected valid, valid+invalid or took_part");
    }
    options.share_base = *base;
  }
  if (!given.turnout.empty()) {
    auto base = stats::ParseTurnoutBase(given.turnout);
    if (!base) return base.error();
    options.turnout_base = *base;
  }
  if (!given.weight.empty()) {
    auto weight = stats::ParsePlotWeight(given.weight);
    if (!weight) return weight.error();
    options.weight = *weight;
  }
  if (given.min_registered >= 0) options.inclusion.min_registered = given.min_registered;
  if (given.max_turnout >= 0) options.inclusion.max_turnout_percent = given.max_turnout;
  if (given.max_result >= 0) options.inclusion.max_result_percent = given.max_result;
  if (given.require_took_part) options.inclusion.took_part_above_zero = true;
  options.leave_out.insert(options.leave_out.end(), given.leave_out.begin(), given.leave_out.end());
  for (const std::string& text : given.leave_out_where) {
    auto attribute = stats::ParseUnitAttribute(text);
    if (!attribute) return attribute.error();
    options.leave_out_where.push_back(*attribute);
  }
  return options;
}

// An attribute no unit of the definition has is a mistake (a misspelt column), not a filter.
Status CheckAttributesExist(const std::vector<stats::UnitAttribute>& where, const core::Election& election) {
  for (const stats::UnitAttribute& a : where) {
    const bool named = std::any_of(election.units().begin(), election.units().end(), [&](const core::Unit& unit) {
      return std::any_of(unit.attributes.begin(), unit.attributes.end(),
                         [&](const auto& attribute) { return attribute.first == a.name; });
    });
    if (!named)
      return InvalidArgument("--leave-out-where " + a.name + "=" + a.value + ": no unit has an attribute '" + a.name +
                             "'");
  }
  return {};
}

int RunForensicsCommand(ForensicsCommandOptions given) {
  auto options = ForensicsOptionsOf(given);
  if (!options) return ReportError(options.error());
  auto loaded = LoadStations(given.source, given.contest);
  if (!loaded) return ReportError(loaded.error());
  if (loaded->rejected > 0) {
    std::cerr << fmt::format("saylau forensics: {} protocols were rejected and are not counted (the first: {})\n",
                             loaded->rejected, loaded->first_rejection);
  }
  if (loaded->definition != nullptr) {
    if (Status known = CheckAttributesExist(options->leave_out_where, *loaded->definition); !known) {
      return ReportError(known.error());
    }
  }
  const stats::ForensicsReport report = stats::RunForensics(loaded->results, *options, loaded->definition);
  if (report.stations == 0) {
    return ReportError(InvalidArgument("contest " + given.contest + " has no station the tests keep (" +
                                       std::to_string(report.left_out.total()) + " left out)"));
  }
  const nlohmann::json json = formats::ForensicsJson(report);
  std::vector<std::pair<std::string, std::string>> files;
  if (!given.out.empty()) {
    using stats::PlotWeight;
    files = {{"forensics.json", json.dump() + "\n"},
             {"fingerprint.svg", formats::FingerprintSvg(report)},
             {"fingerprint-stations.svg", formats::FingerprintSvg(report, PlotWeight::kStations)},
             {"fingerprint-voters.svg", formats::FingerprintSvg(report, PlotWeight::kVoters)},
             {"integer-percent.svg", formats::IntegerPercentSvg(report)},
             {"integer-percent-stations.svg", formats::IntegerPercentSvg(report, PlotWeight::kStations)},
             {"integer-percent-voters.svg", formats::IntegerPercentSvg(report, PlotWeight::kVoters)},
             {"last-digit.svg", formats::LastDigitSvg(report)},
             {"turnout-by-region.svg", formats::RegionTurnoutSvg(report)}};
    std::error_code error;
    std::filesystem::create_directories(given.out, error);
    for (auto& [name, text] : files) {
      name = (std::filesystem::path(given.out) / name).string();
      std::ofstream file(name, std::ios::binary);
      file << text;
      if (!(file.flush())) return ReportError(InvalidArgument(name + ": cannot write"));
    }
  }
  if (!given.json.empty()) {
    std::ofstream file(given.json, std::ios::binary);
    file << json.dump(1) << "\n";
    if (!(file.flush())) return ReportError(InvalidArgument(given.json + ": cannot write"));
  }
  const stats::IntegerPercentTest& ip = report.integer_percent;
  std::cout << fmt::format("Forensics of {}: {} stations counted; the leader is {}\n", report.contest, report.stations,
                           report.leader);
  const stats::ForensicsOptions& o = report.options;
  std::cout << fmt::format("  {}turnout = {} / registered; result = the leader's votes / {}\n",
                           o.preset.empty() ? "" : "preset " + o.preset + ": ", stats::NameOf(o.turnout_base),
                           stats::ShareBaseName(o.share_base));
  const stats::LeftOut& left = report.left_out;
  if (left.total() > 0) {
    const std::pair<std::int64_t, const char*> reasons[] = {{left.not_reported, "with no counted protocol"},
                                                            {left.by_id, "left out by id"},
                                                            {left.by_attribute, "left out by attribute"},
                                                            {left.no_voters, "with no registered voters"},
                                                            {left.below_min_registered, "below the minimum registered"},
                                                            {left.no_took_part, "where nobody took part"},
                                                            {left.no_valid_votes, "with no votes in the share base"},
                                                            {left.above_turnout_cap, "above the turnout cap"},
                                                            {left.above_result_cap, "above the result cap"}};
    std::string text;
    for (const auto& [count, why] : reasons) {
      if (count > 0) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", formats::Grouped(count), why);
    }
    std::cout << "  left out: " << text << "\n";
  }
  std::cout << fmt::format(
      "  fingerprint: {:.2f} % of ballots at stations with turnout and {} share both above 80 % ({} stations)\n",
      100 * report.fingerprint.high_high_voter_share, report.leader, report.fingerprint.high_high_stations);
  const std::pair<const char*, const stats::WholePercentCount*> counts[] = {
      {"either", &ip.either}, {"result", &ip.result}, {"turnout", &ip.turnout}};
  std::cout << "  whole percents (within 0.05 points, ends included; exact binomial null):\n";
  for (const auto& [name, c] : counts) {
    std::cout << fmt::format("    {:<8} {:>9} observed {:>11.1f} expected (sd {:.1f})  excess {:>+9.1f}  p = {:.3g}\n",
                             name, formats::Grouped(c->observed), c->expected, c->sd, c->excess, c->p_value);
  }
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
      "Klimek et al. 2012), whole-percent turnout and results against what chance gives for each station's size (Kobak "
      "et al. 2016, an exact binomial null), last digits of vote counts (chi-squared), second digits against Benford's "
      "law "
      "(Mebane's 2BL; reported, not part of the flag), turnout by region, and whether turnout and "
      "the "
      "leader's share rise together. A flag is a reason to look closer, not proof. Exit 0 not flagged, 1 flagged.\n"
      "Example: saylau forensics --db night.db --contest mazhilis-list --out forensics\n"
      "Example: saylau forensics --db ru2018.db --preset kobak2016 --out forensics   (options after it override it)\n"
      "Example: saylau forensics --definition elections/kz/2023-03-19-mazhilis.toml --stations night/stations.csv "
      "--protocols night/protocols.csv --out forensics");
  AddStationSourceOptions(command, options->source);
  command->add_option("--contest", options->contest, "Contest (default: the first party-list contest)");
  command->add_option("--out", options->out, "Directory for forensics.json and the SVG plots");
  command->add_option("--json", options->json, "Also write the report as JSON to this file");
  command->add_option("--preset", options->preset,
                      "Definitions as a paper: kobak2016 (turnout = issued / registered, result = leader / (valid + "
                      "invalid), registered >= 100, issued > 0, both <= 99 %) or klimek2012 (result = leader / valid, "
                      "plots by voters); the options below override it");
  command->add_option("--share-base", options->share_base,
                      "The result's denominator: valid (default), valid+invalid, "
                      "took_part");
  command->add_option("--turnout", options->turnout,
                      "Turnout's count over registered: took_part (default), "
                      "valid+invalid");
  command->add_option("--min-registered", options->min_registered, "Keep stations with at least this many voters");
  command->add_flag("--require-took-part", options->require_took_part, "Keep only stations where someone took part");
  command->add_option("--max-turnout", options->max_turnout, "Keep stations with turnout at most this percent")
      ->check(CLI::Range(0, 100));
  command
      ->add_option("--max-result", options->max_result, "Keep stations with the leader's result at most this percent")
      ->check(CLI::Range(0, 100));
  command->add_option("--leave-out", options->leave_out, "Station ids to leave out (repeat or comma-separate)")
      ->delimiter(',');
  command->add_option("--leave-out-where", options->leave_out_where,
                      "Leave out stations whose unit has this attribute, name=value (a column of the stations CSV)");
  command->add_option("--weight", options->weight,
                      "Weight the first fingerprint and histogram by stations or voters "
                      "(both are written)");
  command->add_option("--simulations", options->simulations, "Ignored: the whole-percent null is computed exactly");
  command->add_option("--seed", options->seed, "Ignored (nothing is simulated)");
  command->callback([options, &run] { run = [options] { return RunForensicsCommand(*options); }; });
}

}  // namespace saylau::cli
