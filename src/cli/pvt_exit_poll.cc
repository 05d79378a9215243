// saylau pvt exit-poll (pvt_exit_poll.h): reads the published shares, computes the intervals,
// sets the official shares beside them, prints a table and optionally writes JSON for the
// dashboard.
#include "pvt_exit_poll.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "pvt_official.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/published_shares_csv.h"
#include "saylau/stats/exit_poll.h"
#include "station_source.h"

namespace saylau::cli {
namespace {

struct ExitPollOptions {
  std::string shares, strata, counts, contest, json;
  StationSource source;
  std::int64_t interviews = 0, stations = 0;
  std::optional<double> design_effect;
  double intraclass_correlation = stats::kDefaultIntraclassCorrelation;
};

// "urban=124,rural=76".
Result<std::vector<stats::ExitPollStratum>> ParseStrata(const std::string& text) {
  std::vector<stats::ExitPollStratum> strata;
  std::size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    const std::size_t equals = item.find('=');
    std::int64_t stations = 0;
    try {
      std::size_t used = 0;
      if (equals == std::string::npos || equals == 0) throw std::invalid_argument(item);
      stations = std::stoll(item.substr(equals + 1), &used);
      if (used != item.size() - equals - 1) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      return InvalidArgument("--strata: '" + item + "' is not name=stations (e.g. urban=124,rural=76)");
    }
    strata.push_back({item.substr(0, equals), stations});
    start = end + 1;
  }
  return strata;
}

// The definition and contest the official result comes from, and that result; none without
// --counts or a station source.
struct Official {
  std::optional<LoadedStations> loaded;
  std::unique_ptr<core::Election> definition_only;
  const core::Election* election = nullptr;
  const core::Contest* contest = nullptr;
  std::map<std::string, double> shares;
};

Result<Official> LoadOfficial(ExitPollOptions& options) {
  Official out;
  if (!options.source.db.empty()) {
    auto loaded = LoadStations(options.source, options.contest);
    if (!loaded) return loaded.error();
    out.loaded = std::move(*loaded);
    out.election = out.loaded->definition;
  } else if (!options.source.definition.empty()) {
    auto parsed = formats::LoadDefinition(options.source.definition);
    if (!parsed) return parsed.error();
    out.definition_only = std::make_unique<core::Election>(std::move(*parsed));
    out.election = out.definition_only.get();
    for (const core::Contest& c : out.election->contests()) {
      if (options.contest.empty() && std::holds_alternative<core::PartyListRules>(c.rules)) options.contest = c.id;
    }
  } else {
    if (!options.counts.empty()) return InvalidArgument("--counts needs --definition (or --db)");
    return out;
  }
  out.contest = out.election->FindContest(options.contest);
  if (out.contest == nullptr) return InvalidArgument("unknown contest '" + options.contest + "'");
  auto shares =
      OfficialSharesOf(*out.election, out.contest->id, options.counts, out.loaded ? &out.loaded->results : nullptr);
  if (!shares) return shares.error();
  out.shares = std::move(*shares);
  return out;
}

nlohmann::json ExitPollJson(const stats::ExitPollEstimate& estimate, const std::string& contest,
                            const std::vector<std::string>& options,
                            const std::map<std::string, const stats::ExitPollComparison*>& compared) {
  nlohmann::json strata = nlohmann::json::array();
  for (const stats::ExitPollStratum& h : estimate.strata)
    strata.push_back({{"name", h.name}, {"stations", h.stations}});
  nlohmann::json shares = nlohmann::json::array();
  for (std::size_t i = 0; i < estimate.shares.size(); ++i) {
    const stats::RatioEstimate& e = estimate.shares[i];
    nlohmann::json row = {{"published_name", e.name},
                          {"option", options.empty() ? nlohmann::json(nullptr) : nlohmann::json(options[i])},
                          {"share", e.value},
                          {"standard_error", e.standard_error},
                          {"low", e.low},
                          {"high", e.high},
                          {"official", nullptr}};
    if (const auto it = compared.find(e.name); it != compared.end()) {
      row["official"] = it->second->official;
      row["inside"] = it->second->inside;
      row["outside_by"] = it->second->outside_by;
      row["z"] = it->second->z;
    }
    shares.push_back(row);
  }
  return {{"source", "exit-poll-published-shares"},
          {"contest", contest.empty() ? nlohmann::json(nullptr) : nlohmann::json(contest)},
          {"confidence", 0.95},
          {"interviews", estimate.interviews},
          {"stations", estimate.stations},
          {"interviews_per_station", estimate.cluster_size},
          {"intraclass_correlation",
           estimate.design_effect_given ? nlohmann::json(nullptr) : nlohmann::json(estimate.intraclass_correlation)},
          {"design_effect", estimate.design_effect},
          {"design_effect_given", estimate.design_effect_given},
          {"effective_interviews", estimate.effective_interviews},
          {"strata", strata},
          {"published_total", estimate.published_total},
          {"shares", shares},
          {"notes", estimate.notes}};
}

std::string Percent(double share) { return fmt::format("{:.2f}", 100 * share); }

int RunExitPoll(ExitPollOptions options) {
  auto text = formats::ReadFile(options.shares);
  if (!text) return ReportError(text.error());
  auto published = formats::ParsePublishedSharesCsv(*text, options.shares);
  if (!published) return ReportError(published.error());
  auto strata = ParseStrata(options.strata);
  if (!strata) return ReportError(strata.error());
  auto estimate = stats::EstimateFromPublishedShares(
      *published,
      {options.interviews, options.stations, options.design_effect, options.intraclass_correlation, *strata});
  if (!estimate) return ReportError(estimate.error());
  auto official = LoadOfficial(options);
  if (!official) return ReportError(official.error());
  std::vector<std::string> ids;
  std::vector<stats::ExitPollComparison> comparison;
  if (official->contest != nullptr) {
    auto matched = stats::MatchPublishedOptions(*published, *official->election, *official->contest);
    if (!matched) return ReportError(matched.error());
    ids = std::move(*matched);
    comparison = stats::CompareExitPoll(*estimate, ids, official->shares);
  }
  std::map<std::string, const stats::ExitPollComparison*> by_name;
  for (const stats::ExitPollComparison& c : comparison) by_name[c.published_name] = &c;
  const std::string contest_id = official->contest ? official->contest->id : "";

  if (!options.json.empty()) {
    const std::string json = ExitPollJson(*estimate, contest_id, ids, by_name).dump(1) + "\n";
    if (options.json == "-") {
      std::cout << json;
    } else {
      std::ofstream file(options.json, std::ios::binary);
      file << json;
      file.close();
      if (!file) return ReportError(InvalidArgument(options.json + ": cannot write"));
    }
  }
  std::ostream& out = options.json == "-" ? std::cerr : std::cout;
  out << fmt::format("Exit poll from published shares: {} interviews at {} polling stations ({:.1f} a station)\n",
                     estimate->interviews, estimate->stations, estimate->cluster_size);
  if (estimate->design_effect_given) {
    out << fmt::format("  design effect {:.2f} (given): as {:.0f} voters drawn one by one\n", estimate->design_effect,
                       estimate->effective_interviews);
  } else {
    out << fmt::format(
        "  design effect {:.2f} = 1 + ({:.1f} - 1) x {:.3f} (intraclass correlation): as {:.0f} voters drawn one by "
        "one\n",
        estimate->design_effect, estimate->cluster_size, estimate->intraclass_correlation,
        estimate->effective_interviews);
  }
  for (const stats::ExitPollStratum& h : estimate->strata) {
    out << fmt::format("  stratum {}: {} stations\n", h.name, h.stations);
  }
  out << fmt::format("  {:<48} {:>9} {:>17} {:>9}  {}\n", "option (as published)", "published", "95 % interval",
                     contest_id.empty() ? "" : "official", "");
  bool all_inside = true;
  for (const stats::RatioEstimate& r : estimate->shares) {
    const auto it = by_name.find(r.name);
    std::string official_text, verdict;
    if (it != by_name.end()) {
      official_text = Percent(it->second->official);
      verdict = it->second->inside ? "inside"
                                   : fmt::format("OUTSIDE by {:.2f} points ({:+.1f} standard errors)",
                                                 100 * std::abs(it->second->outside_by), it->second->z);
      all_inside = all_inside && it->second->inside;
    } else if (!contest_id.empty()) {
      verdict = "no official figure";
    }
    out << fmt::format("  {:<48} {:>9} {:>8} - {:<6} {:>9}  {}\n", r.name, Percent(r.value), Percent(r.low),
                       Percent(r.high), official_text, verdict);
  }
  if (!contest_id.empty()) {
    for (const auto& [option, share] : official->shares) {
      if (option == "turnout" || std::find(ids.begin(), ids.end(), option) != ids.end()) continue;
      out << fmt::format("  {:<48} {:>9} {:>17} {:>9}  not published\n", option, "", "", Percent(share));
    }
  }
  for (const std::string& note : estimate->notes) out << "  note: " << note << "\n";
  if (contest_id.empty()) out << "\n(no official result to compare with: give --definition with --counts, or --db)\n";
  return all_inside ? kExitOk : kExitCheckFailed;
}

}  // namespace

void AddPvtExitPollCommand(CLI::App* pvt, Runner& run) {
  auto options = std::make_shared<ExitPollOptions>();
  CLI::App* x = pvt->add_subcommand(
      "exit-poll",
      "An exit poll known only from its published shares: each share's 95 % interval, SE = sqrt(deff p(1-p) / n) "
      "with deff = 1 + (m - 1) rho for m interviews a station (rho 0.03 unless --icc; or --design-effect), beside "
      "the official result (a counts CSV with its definition, or a database). Exit 0 when every official share lies "
      "inside its interval, 1 when one does not. docs/statistics.md explains the design effect.\n"
      "Example: saylau pvt exit-poll --shares eii-2023.csv --interviews 30000 --stations 200 --strata "
      "urban=124,rural=76 --definition elections/kz/2023-03-19-mazhilis.toml --counts "
      "data/kz/counts/mazhilis-2023-list-national.csv --json exit-poll.json");
  x->add_option("--shares", options->shares, "The published shares (CSV option,share_percent_published)")->required();
  x->add_option("--interviews", options->interviews, "Interviews in all (n)")->required()->check(CLI::PositiveNumber);
  x->add_option("--stations", options->stations, "Polling stations where voters were interviewed")
      ->required()
      ->check(CLI::PositiveNumber);
  x->add_option("--design-effect", options->design_effect,
                "The design effect, if known (default: 1 + (interviews per station - 1) x --icc)")
      ->check(CLI::PositiveNumber);
  x->add_option("--icc", options->intraclass_correlation,
                "Intraclass correlation of the vote between stations (default 0.03)")
      ->check(CLI::Range(0.0, 1.0));
  x->add_option("--strata", options->strata, "The poll's strata and their stations, e.g. urban=124,rural=76");
  x->add_option("--definition", options->source.definition, "The election definition (TOML), with --counts");
  x->add_option("--counts", options->counts,
                "Official counts (counts CSV, any level, e.g. data/kz/counts/mazhilis-2023-list-national.csv), with "
                "--definition");
  x->add_option("--db", options->source.db, "Or: the counted protocols of an election database");
  x->add_option("--contest", options->contest, "Contest (default: the first party-list contest)");
  x->add_option("--json", options->json, "Also write the intervals and the comparison as JSON ('-': standard output)");
  x->callback([options, &run] { run = [options] { return RunExitPoll(*options); }; });
}

}  // namespace saylau::cli
