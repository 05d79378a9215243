// saylau pvt size | design | estimate | simulate-poll | exit-poll: parallel vote tabulation and exit
// polls (exit-poll, from published shares, is in pvt_exit_poll.cc).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "commands.h"
#include "pvt_exit_poll.h"
#include "pvt_official.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/stats/sample_size.h"
#include "saylau/stats/synthetic.h"
#include "station_source.h"

namespace saylau::cli {
namespace {

// Percentages as typed; RunSize turns them into fractions.
struct SizeOptions {
  std::int64_t voters = 0;
  double margin = 0, confidence = 95, share = 50, turnout = 100;
  std::optional<double> z;
  std::vector<std::int64_t> per_station = {160, 200, 500};
  std::string format = "table";
};

struct DesignOptions {
  std::string definition, station_list, db, strata = "urban,rural", out;
  int stations = 200;
  std::uint64_t seed = 1;
  std::int64_t take_all_above = 0;
  std::vector<std::string> take_all;
};

struct EstimateOptions {
  StationSource source;
  std::string sample, interviews, official, contest, json;
  int draws = 10000;
  std::uint64_t seed = 1;
  std::string share_base = "valid";
  stats::ShareBase base = stats::ShareBase::kValid;
};

struct PollOptions {
  StationSource source;
  std::string sample, contest, out;
  int per_station = 150;
  std::uint64_t seed = 1;
};

Status WriteText(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return {};
  }
  std::ofstream file(path, std::ios::binary);
  file << text;
  file.close();
  if (!file) return InvalidArgument(path + ": cannot write");
  return {};
}

int RunSize(const SizeOptions& options) {
  const stats::SampleSizeRequest request{
      options.voters, options.margin / 100,  options.confidence / 100, options.share / 100,
      options.z,      options.turnout / 100, options.per_station};
  const Result<stats::SampleSize> size = stats::ComputeSampleSize(request);
  if (!size) return ReportError(size.error());
  if (options.format == "json") {
    nlohmann::json stations = nlohmann::json::array();
    for (const stats::StationCount& s : size->stations) {
      stations.push_back({{"voters_per_station", s.voters_per_station}, {"stations", s.stations}});
    }
    const nlohmann::json out = {{"registered_voters", options.voters},
                                {"margin_percent", options.margin},
                                {"confidence_percent", options.confidence},
                                {"share_percent", options.share},
                                {"turnout_percent", options.turnout},
                                {"z", size->z},
                                {"exact_voters", size->exact_voters},
                                {"voters", size->voters},
                                {"stations", stations}};
    std::cout << out.dump(1) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format(
      "PVT sample size: {} registered voters, margin of error {} %, confidence {} % (z = {:.4f}), expected share {} "
      "%\n",
      options.voters, options.margin, options.confidence, size->z, options.share);
  std::cout << fmt::format("  voters to sample: {} (the formula gives {:.2f}; rounded up)\n", size->voters,
                           size->exact_voters);
  if (size->stations.empty()) return kExitOk;
  std::cout << fmt::format("  {:>16} {:>8} {:>9}\n", "voters/station", "turnout", "stations");
  for (const stats::StationCount& s : size->stations) {
    std::cout << fmt::format("  {:>16} {:>6} % {:>9}\n", s.voters_per_station, options.turnout, s.stations);
  }
  return kExitOk;
}

int RunDesign(const DesignOptions& options) {
  stats::SampleRequest request{options.stations, false, false, options.seed};
  request.take_all_above = options.take_all_above;
  request.take_all = options.take_all;
  std::size_t start = 0;
  while (start <= options.strata.size()) {
    const std::size_t end = std::min(options.strata.find(',', start), options.strata.size());
    const std::string item = options.strata.substr(start, end - start);
    if (item == "urban" || item == "rural" || item == "settlement") {
      request.by_settlement = true;
    } else if (item == "region") {
      request.by_region = true;
    } else if (!item.empty() && item != "none") {
      request.by_attributes.push_back(item);  // an attribute of the stations (an extra column)
    }
    start = end + 1;
  }
  std::vector<stats::FrameStation> frame;
  if (!options.db.empty()) {
    StationSource source{options.db};
    std::string contest;
    auto loaded = LoadStations(source, contest);
    if (!loaded) return ReportError(loaded.error());
    frame = stats::FrameOf(*loaded->definition);
  } else {
    auto election = formats::LoadDefinition(options.definition);
    if (!election) return ReportError(election.error());
    core::Election with_stations = *election;
    if (!options.station_list.empty()) {
      auto text = formats::ReadFile(options.station_list);
      if (!text) return ReportError(text.error());
      auto added = formats::AddStations(*election, *text, options.station_list);
      if (!added) return ReportError(added.error());
      with_stations = std::move(*added);
    }
    frame = stats::FrameOf(with_stations);
    if (frame.empty()) {
      return ReportError(InvalidArgument(
          options.definition + " has no polling stations; give them with --station-list (saylau synth writes one)"));
    }
  }
  auto design = stats::DrawSample(frame, request);
  if (!design) return ReportError(design.error());
  if (Status written = WriteText(options.out, formats::SampleCsv(*design)); !written.ok())
    return ReportError(written.error());
  std::cerr << fmt::format("sample of {} stations from {} (seed {}):\n", design->stations.size(), frame.size(),
                           options.seed);
  for (const stats::Stratum& h : design->strata) {
    std::cerr << fmt::format("  {:<28} {:>6} of {:>7} stations\n", h.name, h.sample, h.population);
  }
  return kExitOk;
}

std::string Percent(double share) { return fmt::format("{:.2f}", 100 * share); }

int RunEstimate(EstimateOptions options) {
  auto sample_text = formats::ReadFile(options.sample);
  if (!sample_text) return ReportError(sample_text.error());
  auto design = formats::ParseSampleCsv(*sample_text, options.sample);
  if (!design) return ReportError(design.error());

  // The election: from the station source, or (exit poll without protocols) the definition alone.
  std::optional<LoadedStations> loaded;
  std::unique_ptr<core::Election> definition_only;
  const core::Election* election = nullptr;
  const bool have_stations = !options.source.db.empty() || !options.source.protocols.empty();
  if (have_stations) {
    auto result = LoadStations(options.source, options.contest);
    if (!result) return ReportError(result.error());
    loaded = std::move(*result);
    election = loaded->definition;
  } else {
    if (options.interviews.empty()) {
      return ReportError(
          InvalidArgument("a PVT needs the sampled stations' protocols (--db, or --definition with "
                          "--stations and --protocols); an exit poll needs --interviews"));
    }
    if (options.source.definition.empty())
      return ReportError(InvalidArgument("--interviews needs --definition or --db"));
    auto parsed = formats::LoadDefinition(options.source.definition);
    if (!parsed) return ReportError(parsed.error());
    definition_only = std::make_unique<core::Election>(std::move(*parsed));
    election = definition_only.get();
    for (const core::Contest& c : election->contests()) {
      if (options.contest.empty() && std::holds_alternative<core::PartyListRules>(c.rules)) options.contest = c.id;
    }
  }
  const core::Contest* contest = election->FindContest(options.contest);
  if (contest == nullptr) return ReportError(InvalidArgument("unknown contest '" + options.contest + "'"));
  std::vector<std::string> columns;
  for (const core::Option& option : contest->options) columns.push_back(option.id);
  if (contest->against_all) columns.push_back("against_all");

  Result<stats::Estimate> estimate = InvalidArgument("no estimate");
  if (!options.interviews.empty()) {
    auto text = formats::ReadFile(options.interviews);
    if (!text) return ReportError(text.error());
    auto interviews = formats::ParseInterviewsCsv(*text, options.interviews, columns);
    if (!interviews) return ReportError(interviews.error());
    estimate = stats::EstimateFromInterviews(*design, columns, *interviews);
  } else {
    estimate = stats::EstimateFromProtocols(*design, loaded->results, options.base);
  }
  if (!estimate) return ReportError(estimate.error());
  auto official =
      OfficialSharesOf(*election, contest->id, options.official, loaded ? &loaded->results : nullptr, options.base);
  if (!official) return ReportError(official.error());
  std::vector<stats::Comparison> comparison = stats::CompareWithOfficial(estimate->shares, *official);
  const auto turnout_comparison = stats::CompareWithOfficial(estimate->turnout, *official);
  comparison.insert(comparison.end(), turnout_comparison.begin(), turnout_comparison.end());

  std::optional<stats::SeatProjection> projection;
  if (std::holds_alternative<core::PartyListRules>(contest->rules) && options.base == stats::ShareBase::kValid) {
    auto simulated = stats::SimulateSeats(*contest, *estimate, {options.draws, options.seed});
    if (!simulated) return ReportError(simulated.error());
    projection = std::move(*simulated);
  }

  if (!options.json.empty()) {
    const auto json = formats::EstimateJson(contest->id, *estimate, projection, comparison);
    if (Status written = WriteText(options.json, json.dump(1) + "\n"); !written.ok())
      return ReportError(written.error());
  }
  std::map<std::string, const stats::Comparison*> by_name;
  for (const stats::Comparison& c : comparison) by_name[c.name] = &c;
  std::cout << fmt::format("{} estimate for {} from {} of {} sampled stations (95 % intervals; shares of {})\n",
                           estimate->source == "pvt" ? "Parallel vote tabulation" : "Exit poll", contest->id,
                           estimate->stations_used, estimate->stations_sampled,
                           estimate->source == "pvt" ? stats::ShareBaseName(options.base) : "interviews");
  std::cout << fmt::format("  {:<16} {:>8} {:>17} {:>9}  {}\n", "option", "estimate", "interval", "official", "");
  bool all_inside = true;
  std::vector<stats::RatioEstimate> rows = estimate->shares;
  rows.insert(rows.end(), estimate->turnout.begin(), estimate->turnout.end());
  for (const stats::RatioEstimate& r : rows) {
    const auto it = by_name.find(r.name);
    std::string official_text, verdict;
    if (it != by_name.end()) {
      official_text = Percent(it->second->official);
      verdict = it->second->inside ? "inside"
                                   : fmt::format("OUTSIDE by {:.2f} points ({:+.1f} standard errors)",
                                                 100 * it->second->outside_by, it->second->z);
      all_inside = all_inside && it->second->inside;
    }
    std::cout << fmt::format("  {:<16} {:>8} {:>8} - {:<6} {:>9}  {}\n", r.name, Percent(r.value), Percent(r.low),
                             Percent(r.high), official_text, verdict);
  }
  for (const std::string& note : estimate->notes) std::cout << "  note: " << note << "\n";
  if (projection) {
    std::cout << fmt::format(
        "\nSeat projection: {} draws of the estimate, each allocated under the contest's rules ({} seats; "
        "a majority is {})\n",
        projection->draws, projection->seats, projection->majority);
    std::cout << fmt::format("  {:<16} {:>9} {:>8} {:>12} {:>11} {:>10}\n", "list", "passes 5%", "seats", "90 % range",
                             "most seats", "majority");
    for (const stats::ListProjection& p : projection->lists) {
      std::cout << fmt::format("  {:<16} {:>8.1f}% {:>8} {:>5} - {:<4} {:>10.1f}% {:>9.1f}%\n", p.id,
                               100 * p.pass_probability, p.seats_median, p.seats_low, p.seats_high,
                               100 * p.most_seats_probability, 100 * p.majority_probability);
    }
    for (const std::string& note : projection->notes) std::cout << "  note: " << note << "\n";
  }
  if (comparison.empty()) std::cout << "\n(no official figures to compare with: give --official COUNTS.csv)\n";
  return all_inside ? kExitOk : kExitCheckFailed;
}

int RunPoll(PollOptions options) {
  auto sample_text = formats::ReadFile(options.sample);
  if (!sample_text) return ReportError(sample_text.error());
  auto design = formats::ParseSampleCsv(*sample_text, options.sample);
  if (!design) return ReportError(design.error());
  auto loaded = LoadStations(options.source, options.contest);
  if (!loaded) return ReportError(loaded.error());
  const auto interviews = stats::SimulateInterviews(*design, loaded->results, options.per_station, options.seed);
  if (Status written = WriteText(options.out, formats::InterviewsCsv(loaded->results.columns, interviews));
      !written.ok()) {
    return ReportError(written.error());
  }
  std::cerr << fmt::format("{} interviews at {} stations\n", interviews.size() * options.per_station,
                           interviews.size());
  return kExitOk;
}

}  // namespace

void AddPvtCommand(CLI::App& app, Runner& run) {
  CLI::App* pvt = app.add_subcommand(
      "pvt",
      "Parallel vote tabulation and exit polls, as observers run them: how many voters and stations to sample "
      "(size), draw a stratified random sample of polling stations (design), estimate each option's share and turnout "
      "with 95 % intervals from the sampled stations' "
      "protocols or from exit-poll interviews (estimate), project seats with their probabilities, and set the "
      "official result beside the intervals. The formulas: docs/statistics.md.\n"
      "Example: saylau pvt design elections/kz/2023-03-19-mazhilis.toml --station-list night/stations.csv --stations "
      "200 "
      "--strata urban,rural --seed 2023 --out sample.csv\n"
      "Example: saylau pvt estimate --sample sample.csv --db night.db --json pvt.json");
  pvt->require_subcommand(1);

  auto size = std::make_shared<SizeOptions>();
  CLI::App* z = pvt->add_subcommand(
      "size",
      "How many voters and polling stations a PVT must sample for a margin of error and a confidence (NDI handbook, "
      "Estok, Nevitte & Cowan 2002, ch. 5): n = p(1-p) / ((M/Z)^2 + p(1-p)/N) voters, rounded up, with Z the exact "
      "normal quantile of the confidence; then stations = ceil(n / (voters per station x turnout)). With the default "
      "turnout of 100 % the stations are the handbook's: its figure 5-5 divides 163,185 voters by 160 and 200 voters "
      "a station into 1,020 and 816 stations (at 500 it prints 324; the same rule gives 327). The handbook rounds Z to "
      "2.58 at 99 %; --z 2.58 reproduces that "
      "(160,717.3 voters by the formula; the handbook's 163,185 also rounds (0.0032)^2 along the way).\n"
      "Example (Peru 2001): saylau pvt size --voters 14570774 --margin 0.32 --confidence 99 --z 2.58");
  z->add_option("--voters", size->voters, "Registered voters N (the population)")->required();
  z->add_option("--margin", size->margin, "Margin of error in percent, e.g. 0.32")->required();
  z->add_option("--confidence", size->confidence, "Confidence in percent (default 95)");
  z->add_option("--share", size->share, "Expected share p in percent (default 50, the most conservative)");
  z->add_option("--turnout", size->turnout,
                "Expected turnout in percent: stations are counted on voters x turnout (default 100, as the "
                "handbook's figure)");
  z->add_option("--z", size->z, "Use this Z instead of the exact quantile (2.58 as the handbook's table)");
  z->add_option("--per-station", size->per_station,
                "Voters per polling station, repeatable or comma-separated (default 160,200,500)")
      ->delimiter(',');
  z->add_option("--format", size->format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
  z->callback([size, &run] { run = [size] { return RunSize(*size); }; });

  auto design = std::make_shared<DesignOptions>();
  CLI::App* d = pvt->add_subcommand(
      "design",
      "Draw a stratified random sample of polling stations (reproducible from the seed) and write it as CSV.");
  d->add_option("definition", design->definition, "Election definition (TOML)");
  d->add_option("--station-list", design->station_list, "Its polling stations (CSV, as written by saylau synth)");
  d->add_option("--db", design->db, "Or: the stations of an election database");
  d->add_option("--stations", design->stations, "How many stations to sample (default 200)")
      ->check(CLI::Range(2, 10000000));
  d->add_option("--strata", design->strata,
                "Comma-separated: region, settlement (or urban,rural; the default), any extra column of the stations "
                "file (an attribute, e.g. district); none for one stratum");
  d->add_option("--take-all-above", design->take_all_above,
                "Every station with more registered voters than this forms a take-all stratum, sampled completely "
                "(counted in --stations)")
      ->check(CLI::Range(std::int64_t{1}, std::numeric_limits<std::int64_t>::max()));
  d->add_option("--take-all", design->take_all, "Stations to sample for certain (ids, comma-separated; take-all)")
      ->delimiter(',');
  d->add_option("--seed", design->seed, "Random seed (default 1)");
  d->add_option("--out", design->out, "Where to write the sample (default: standard output)");
  d->callback([design, &run] {
    run = [design] {
      if (design->definition.empty() && design->db.empty()) {
        return ReportError(InvalidArgument("pvt design needs a definition (with --station-list) or --db"));
      }
      return RunDesign(*design);
    };
  });

  auto estimate = std::make_shared<EstimateOptions>();
  CLI::App* e = pvt->add_subcommand(
      "estimate",
      "Estimate shares and turnout from a sample: the sampled stations' protocols (a PVT), or exit-poll interviews "
      "(--interviews, CSV unit,option,interviews). Prints each share with its 95 % interval beside the official one, "
      "then the seat projection (Monte Carlo under the contest's rules). Exit 0 when every official share lies inside "
      "its interval, 1 when one does not.");
  e->add_option("--sample", estimate->sample, "The sample (saylau pvt design)")->required();
  AddStationSourceOptions(e, estimate->source);
  e->add_option("--interviews", estimate->interviews, "Exit-poll interview counts per sampled station");
  e->add_option(
      "--official", estimate->official,
      "Official counts to compare with (counts CSV, any level, e.g. data/kz/counts/mazhilis-2023-list-national.csv); "
      "default: the counted protocols");
  e->add_option("--contest", estimate->contest, "Contest (default: the first party-list contest)");
  e->add_option("--share-base", estimate->share_base,
                "What the shares are shares of: valid (default: the options and against all), valid+invalid, "
                "took_part (ballots issued); turnout is always took_part / registered. The seat projection needs "
                "valid")
      ->check(CLI::IsMember({"valid", "valid+invalid", "took_part"}));
  e->add_option("--draws", estimate->draws, "Monte Carlo draws for the seat projection (default 10,000)")
      ->check(CLI::Range(1, 100000000));
  e->add_option("--seed", estimate->seed, "Random seed of the simulation (default 1)");
  e->add_option("--json", estimate->json,
                "Also write the estimate, projection and comparison as JSON (saylau serve --pvt)");
  e->callback([estimate, &run] {
    run = [estimate] {
      estimate->base = stats::ShareBaseFromName(estimate->share_base).value_or(stats::ShareBase::kValid);
      return RunEstimate(*estimate);
    };
  });

  auto poll = std::make_shared<PollOptions>();
  CLI::App* p = pvt->add_subcommand(
      "simulate-poll",
      "For testing: a synthetic exit poll of the sampled stations, each interviewee drawn at random from the valid "
      "votes of a station's protocol. Writes CSV unit,option,interviews.");
  p->add_option("--sample", poll->sample, "The sample (saylau pvt design)")->required();
  AddStationSourceOptions(p, poll->source);
  p->add_option("--contest", poll->contest, "Contest (default: the first party-list contest)");
  p->add_option("--per-station", poll->per_station, "Interviews per station (default 150)")
      ->check(CLI::Range(1, 100000));
  p->add_option("--seed", poll->seed, "Random seed (default 1)");
  p->add_option("--out", poll->out, "Where to write (default: standard output)");
  p->callback([poll, &run] { run = [poll] { return RunPoll(*poll); }; });

  AddPvtExitPollCommand(pvt, run);
}

}  // namespace saylau::cli
