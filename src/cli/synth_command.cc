// saylau synth DEFINITION --seed S --out DIR: a synthetic election night at polling-station level.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "saylau/core/protocol.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/csv_reader.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/formats/sitting_synth_inputs.h"
#include "saylau/formats/synth_inputs.h"
#include "saylau/synth/synth.h"
#include "synth_sitting.h"

namespace saylau::cli {
namespace {

struct SynthCommandOptions {
  std::string definition;
  std::uint64_t seed = 1;
  std::string out;
  int stations = 10100;
  std::string anomalies;
};

Result<std::pair<double, double>> ParseAnomalies(const std::string& spec) {
  double stuffing = 0, rounding = 0;
  std::size_t start = 0;
  while (start < spec.size()) {
    const std::size_t end = std::min(spec.find(',', start), spec.size());
    const std::string item = spec.substr(start, end - start);
    const std::size_t equals = item.find('=');
    double share = -1;
    try {
      share = equals == std::string::npos ? -1 : std::stod(item.substr(equals + 1));
    } catch (const std::exception&) {
    }
    const std::string name = item.substr(0, equals);
    if (share < 0 || share > 1 || (name != "stuffing" && name != "rounding")) {
      return InvalidArgument("--anomalies: '" + item + "' is not stuffing=SHARE or rounding=SHARE (0..1)");
    }
    (name == "stuffing" ? stuffing : rounding) = share;
    start = end + 1;
  }
  if (stuffing + rounding > 1) return InvalidArgument("--anomalies: the shares add up to more than 1");
  return std::pair{stuffing, rounding};
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

int RunSynth(const SynthCommandOptions& options) {
  Result<core::Election> election = formats::LoadDefinition(options.definition);
  if (!election) return ReportError(election.error());
  // A Senate definition's [synth] (kind = "sitting"): the sitting morning, not a polling-station night.
  Result<std::optional<synth::SittingSynthPlan>> sitting = formats::LoadSittingSynth(options.definition);
  if (!sitting) return ReportError(sitting.error());
  if (*sitting) return WriteSyntheticSitting(*election, **sitting, options.seed, options.out);
  Result<synth::SynthInputs> inputs = formats::LoadSynthInputs(options.definition);
  if (!inputs) return ReportError(inputs.error());
  Result<std::pair<double, double>> anomalies = ParseAnomalies(options.anomalies);
  if (!anomalies) return ReportError(anomalies.error());
  synth::SynthOptions synth_options{options.seed, options.stations, anomalies->first, anomalies->second};
  Result<synth::SynthElection> night = synth::Synthesize(*election, *inputs, synth_options);
  if (!night) return ReportError(night.error());

  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  const std::filesystem::path dir(options.out);
  std::ofstream stations(dir / "stations.csv", std::ios::binary), protocols(dir / "protocols.csv", std::ios::binary),
      turnout(dir / "turnout.csv", std::ios::binary);
  if (!stations || !protocols || !turnout) return ReportError(InvalidArgument(options.out + ": cannot write files there"));

  std::string buffer;
  stations << "id,parent,registered_voters,settlement,name_kk,name_ru,name_en\n";
  for (const synth::SynthStation& s : night->stations) {
    const core::Unit* region = election->FindUnit(s.region);
    buffer = fmt::format("{},{},{},{},{},{},{}\n", s.id, s.parent, s.registered, s.urban ? "urban" : "rural",
                         CsvField(fmt::format("№ {} сайлау учаскесі ({})", s.number, region->name.kk)),
                         CsvField(fmt::format("Избирательный участок № {} ({})", s.number, region->name.ru)),
                         CsvField(fmt::format("Polling station No. {} ({})", s.number, region->name.en)));
    stations << buffer;
  }
  // One protocols file: the union of the contests' form lines, then of their option ids.
  std::vector<std::string> columns;
  std::map<std::string, std::size_t> column_of;
  for (const synth::SynthContest& contest : night->contests) {
    for (const core::FormLine& line : election->FormOf(*election->FindContest(contest.contest))->lines) {
      if (column_of.emplace(line.name, columns.size()).second) columns.push_back(line.name);
    }
  }
  for (const synth::SynthContest& contest : night->contests) {
    for (const core::Option& option : election->FindContest(contest.contest)->options) {
      if (column_of.emplace(option.id, columns.size()).second) columns.push_back(option.id);
    }
  }
  protocols << "contest,unit,round";
  for (const std::string& column : columns) protocols << ',' << column;
  protocols << '\n';
  std::int64_t protocol_count = 0;
  for (const synth::SynthContest& contest : night->contests) {
    const core::Contest& definition = *election->FindContest(contest.contest);
    const core::ProtocolForm& form = *election->FormOf(definition);
    std::vector<std::string> cells(columns.size());
    for (std::size_t k = 0; k < contest.stations.size(); ++k) {
      const std::int64_t* row = &contest.values[k * contest.width];
      std::fill(cells.begin(), cells.end(), std::string());
      for (std::size_t line = 0; line < form.lines.size(); ++line) {
        if (form.lines[line].when_against_all && !definition.against_all) continue;
        cells[column_of[form.lines[line].name]] = std::to_string(row[line]);
      }
      for (std::size_t i = 0; i < definition.options.size(); ++i) {
        cells[column_of[definition.options[i].id]] = std::to_string(row[form.lines.size() + i]);
      }
      buffer = contest.contest + "," + night->stations[contest.stations[k]].id + ",1";
      for (const std::string& cell : cells) (buffer += ',') += cell;
      buffer += '\n';
      protocols << buffer;
      ++protocol_count;
    }
  }
  turnout << "unit,time,voters,issued\n";
  for (std::size_t s = 0; s < night->stations.size(); ++s) {
    for (int time = 0; time < core::kReportTimes; ++time) {
      turnout << night->stations[s].id << ',' << core::kReportTimeNames[time] << ',' << night->stations[s].registered
              << ',' << night->turnout[s * core::kReportTimes + time] << '\n';
    }
  }
  if (!night->anomalies.empty()) {
    std::ofstream list(dir / "anomalies.csv", std::ios::binary);
    list << "unit,kind,detail\n";
    for (const synth::SynthAnomaly& a : night->anomalies) list << a.unit << ',' << a.kind << ',' << CsvField(a.detail) << '\n';
  }
  stations.close();
  protocols.close();
  turnout.close();
  if (!stations || !protocols || !turnout) return ReportError(Unavailable(options.out + ": writing failed"));
  std::cout << fmt::format("synthetic election night (seed {}) in {}:\n", options.seed, options.out)
            << fmt::format("  stations.csv   {} polling stations\n", formats::Grouped(static_cast<std::int64_t>(night->stations.size())))
            << fmt::format("  protocols.csv  {} protocols ({} contests)\n", formats::Grouped(protocol_count), night->contests.size())
            << fmt::format("  turnout.csv    {} turnout reports\n",
                           formats::Grouped(static_cast<std::int64_t>(night->stations.size()) * core::kReportTimes));
  if (!night->anomalies.empty()) {
    std::cout << fmt::format("  anomalies.csv  {} stations altered: national totals no longer equal the official ones\n",
                             night->anomalies.size());
  } else {
    std::cout << "  national totals of " << inputs->contest << " equal the given totals exactly\n";
  }
  std::cout << "next: saylau init " << options.definition << " --stations " << (dir / "stations.csv").string()
            << " --db night.db && saylau ingest --db night.db " << (dir / "turnout.csv").string() << " "
            << (dir / "protocols.csv").string() << "\n";
  return kExitOk;
}

}  // namespace

void AddSynthCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<SynthCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "synth",
      "Write a synthetic, realistic election night at polling-station level: stations.csv, protocols.csv\n"
      "(every contest counted at the stations), turnout.csv (10:00 ... 20:00 and close) and, with\n"
      "--anomalies, anomalies.csv. The national totals named by the definition's [synth] table are\n"
      "met exactly and each region keeps its published turnout. The same seed gives the same files.\n"
      "Example: saylau synth elections/kz/2023-03-19-mazhilis.toml --seed 7 --out night\n"
      "Example: saylau synth elections/kz/2023-03-19-mazhilis.toml --seed 7 --out bad --anomalies stuffing=0.05");
  command->add_option("definition", options->definition, "Election definition with a [synth] table")->required();
  command->add_option("--seed", options->seed, "Random seed (default 1)");
  command->add_option("--out", options->out, "Directory to write into")->required();
  command->add_option("--stations", options->stations, "Number of polling stations (default 10,100)")
      ->check(CLI::Range(1, 5000000));
  command->add_option("--anomalies", options->anomalies,
                      "Comma-separated: stuffing=SHARE (ballots added for the leader), rounding=SHARE (turnout set "
                      "to a whole percent)");
  command->callback([&run, options] { run = [options] { return RunSynth(*options); }; });
}

}  // namespace saylau::cli
