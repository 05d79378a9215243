#include "station_source.h"

#include <map>
#include <set>
#include <tuple>

#include "saylau/base/text.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/formats/submission_reader.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

// The columns of the open data that are not protocol lines.
const std::set<std::string> kOpenDataKeys = {"election", "contest", "round", "unit", "parent",
                                             "version",  "seq",     "stage", "option", "votes"};

// The rows of `saylau export --format csv` (one per station, contest and option, with the
// protocol's lines repeated) back into one protocol per station and contest.
Result<std::vector<core::ProtocolSubmission>> OpenDataProtocols(const std::string& text, const std::string& file_name) {
  auto rows = formats::ParseCsv(text, file_name);
  if (!rows) return rows.error();
  const auto& header = (*rows)[0].fields;
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  for (const char* needed : {"contest", "round", "unit", "option", "votes"}) {
    if (!column.count(needed)) return InvalidArgument(file_name + ":1: no column '" + needed + "'");
  }
  std::vector<core::ProtocolSubmission> out;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const auto& fields = (*rows)[r].fields;
    if (fields.size() != header.size()) {
      return InvalidArgument(file_name + ":" + std::to_string((*rows)[r].line) + ": " + std::to_string(fields.size()) +
                             " fields, the header has " + std::to_string(header.size()));
    }
    const auto key = std::make_tuple(fields[column["contest"]], fields[column["unit"]], fields[column["round"]]);
    auto [it, added] = index.emplace(key, out.size());
    if (added) {
      core::ProtocolSubmission protocol;
      protocol.contest = std::get<0>(key);
      protocol.unit = std::get<1>(key);
      protocol.round = std::atoi(std::get<2>(key).c_str());
      protocol.origin = file_name + ":" + std::to_string((*rows)[r].line);
      // Every other column is a protocol line; the export leaves a cell empty where the
      // contest's form has no such line (or the ballot no "against all").
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (kOpenDataKeys.count(header[i]) != 0 || fields[i].empty()) continue;
        const auto value = formats::ParseInteger(fields[i]);
        if (value) protocol.lines.push_back({header[i], *value});
      }
      out.push_back(std::move(protocol));
    }
    const auto votes = formats::ParseInteger(fields[column["votes"]]);
    if (!votes)
      return InvalidArgument(file_name + ":" + std::to_string((*rows)[r].line) + ": votes is not a whole number");
    out[it->second].lines.push_back({fields[column["option"]], *votes});
  }
  return out;
}

}  // namespace

// Picks the contest and builds its station table.
Result<LoadedStations> Finish(LoadedStations loaded, std::string& contest);

void AddStationSourceOptions(CLI::App* command, StationSource& source) {
  command->add_option("--db", source.db, "Election database (saylau init / serve)");
  command->add_option("--definition", source.definition, "Without --db: the election definition (TOML)");
  command->add_option("--stations", source.stations,
                      "Without --db: its polling stations (CSV, as written by saylau synth)");
  command->add_option("--protocols", source.protocols,
                      "Without --db: protocols (CSV or JSON Lines, as for ingest, or the open data of saylau export); "
                      "only accepted ones count");
}

Result<LoadedStations> LoadStations(const StationSource& source, std::string& contest) {
  LoadedStations loaded;
  if (!source.db.empty()) {
    auto service = OpenService(source.db);
    if (!service) return service.error();
    loaded.service = std::move(*service);
    loaded.definition = &loaded.service->election();
  } else {
    if (source.definition.empty() || source.stations.empty() || source.protocols.empty()) {
      return InvalidArgument("give --db FILE, or --definition, --stations and --protocols together");
    }
    auto election = formats::LoadDefinition(source.definition);
    if (!election) return election.error();
    auto stations_text = formats::ReadFile(source.stations);
    if (!stations_text) return stations_text.error();
    auto with_stations = formats::AddStations(*election, *stations_text, source.stations);
    if (!with_stations) return with_stations.error();
    loaded.election = std::make_unique<core::Election>(std::move(*with_stations));
    loaded.definition = loaded.election.get();
    loaded.night = std::make_unique<core::ElectionNight>(*loaded.election);
    auto text = formats::ReadFile(source.protocols);
    if (!text) return text.error();
    if (text->rfind("election,contest,round,unit,", 0) == 0) {  // saylau export's open data
      auto submissions = OpenDataProtocols(*text, source.protocols);
      if (!submissions) return submissions.error();
      for (const core::ProtocolSubmission& protocol : *submissions) {
        const core::Judgement judgement = loaded.night->JudgeProtocol(protocol);
        if (judgement.verdict == core::Verdict::kAccepted) loaded.night->RecordProtocol(judgement);
        if (judgement.verdict == core::Verdict::kRejected && loaded.rejected++ == 0 && !judgement.violations.empty()) {
          loaded.first_rejection = EscapeText(protocol.origin + ": " + judgement.violations[0].relation + ": " +
                                              judgement.violations[0].detail);
        }
      }
      return Finish(std::move(loaded), contest);
    }
    auto reader = formats::OpenSubmissions(*text, source.protocols);
    if (!reader) return reader.error();
    formats::Submission submission;
    while (true) {
      auto more = (*reader)->Next(submission);
      if (!more) return more.error();
      if (!*more) break;
      const auto* protocol = std::get_if<core::ProtocolSubmission>(&submission);
      if (protocol == nullptr) continue;
      const core::Judgement judgement = loaded.night->JudgeProtocol(*protocol);
      if (judgement.verdict == core::Verdict::kAccepted) {
        loaded.night->RecordProtocol(judgement);
      } else if (judgement.verdict == core::Verdict::kRejected && loaded.rejected++ == 0 &&
                 !judgement.violations.empty()) {
        loaded.first_rejection = protocol->origin + ": " + judgement.violations[0].relation + ": " +
                                 judgement.violations[0].detail;
      }
    }
  }
  return Finish(std::move(loaded), contest);
}

Result<LoadedStations> Finish(LoadedStations loaded, std::string& contest) {
  const core::Election& election = *loaded.definition;
  if (contest.empty()) {
    for (const core::Contest& c : election.contests()) {
      if (contest.empty() || (std::holds_alternative<core::PartyListRules>(c.rules) &&
                              !std::holds_alternative<core::PartyListRules>(election.FindContest(contest)->rules))) {
        contest = c.id;
      }
    }
  }
  const core::ElectionNight& night = loaded.service ? loaded.service->night() : *loaded.night;
  const core::ContestIndex index = night.plan().FindContest(contest);
  if (!index.valid()) {
    std::string known;
    for (const core::Contest& c : election.contests()) known += (known.empty() ? "" : ", ") + c.id;
    return InvalidArgument("unknown contest '" + contest + "' (the election has " + known + ")");
  }
  loaded.results = stats::StationsOf(night, index);
  if (loaded.service) {
    // From a database: the stations whose latest stored protocol was rejected are named too
    // (from files they are counted as they are read).
    const core::ContestPlan& plan = night.plan().contest(index);
    for (const stats::StationRow& row : loaded.results.rows) {
      if (row.reported || row.unit < 0) continue;
      const core::LocalUnit station = plan.LocalOf(core::GlobalUnit(row.unit));
      if (!station.valid() || !night.LatestRejected(index, 1, station)) continue;
      if (loaded.rejected++ == 0) loaded.first_rejection = "station " + row.id + ": its latest protocol was rejected";
    }
  }
  return loaded;
}

}  // namespace saylau::cli
