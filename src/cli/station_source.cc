#include "station_source.h"

#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/formats/submission_reader.h"
#include "service_access.h"

namespace saylau::cli {

void AddStationSourceOptions(CLI::App* command, StationSource& source) {
  command->add_option("--db", source.db, "Election database (saylau init / serve)");
  command->add_option("--definition", source.definition, "Without --db: the election definition (TOML)");
  command->add_option("--stations", source.stations,
                      "Without --db: its polling stations (CSV, as written by saylau synth)");
  command->add_option("--protocols", source.protocols,
                      "Without --db: protocols (CSV or JSON Lines, as for ingest); only accepted ones count");
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
      } else if (judgement.verdict == core::Verdict::kRejected) {
        ++loaded.rejected;
      }
    }
  }
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
  const int index = night.plan().ContestIndex(contest);
  if (index < 0) {
    std::string known;
    for (const core::Contest& c : election.contests()) known += (known.empty() ? "" : ", ") + c.id;
    return InvalidArgument("unknown contest '" + contest + "' (the election has " + known + ")");
  }
  loaded.results = stats::StationsOf(night, index);
  return loaded;
}

}  // namespace saylau::cli
