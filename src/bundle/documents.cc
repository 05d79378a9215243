// Results and flags documents, shared by publish and verify.
#include "saylau/bundle/documents.h"

#include "saylau/formats/outcome_json.h"
#include "saylau/formats/totals_json.h"

namespace saylau::bundle {

using nlohmann::json;

std::map<std::string, json> ResultsDocuments(const core::ElectionNight& night) {
  std::map<std::string, json> documents;
  const auto& contests = night.plan().contests();
  for (std::size_t c = 0; c < contests.size(); ++c) {
    const core::ContestStatus status = night.StatusOf(core::ContestIndex(c));
    json document = {{"contest", contests[c].contest->id},
                     {"stage", core::StageName(status.stage)},
                     {"round", status.round},
                     {"partial", status.partial},
                     {"totals", json::array()}};
    if (status.outcome) {
      document["outcome"] = formats::OutcomeToJson(night.election(), *contests[c].contest, *status.outcome);
    } else {
      document["outcome_error"] = status.outcome.error().message;
    }
    documents.emplace(contests[c].contest->id, std::move(document));
  }
  for (const formats::TotalsRow& row : formats::AllTotals(night)) {
    documents[row.contest]["totals"].push_back({{"round", row.round},
                                                {"unit", row.unit},
                                                {"reported", row.reported},
                                                {"voters_reported", row.voters_reported},
                                                {"lines", json::parse(row.lines)}});
  }
  return documents;
}

json FlagsDocument(std::span<const intake::ObserverFlag> flags) {
  json out = json::array();
  for (const intake::ObserverFlag& flag : flags) {
    json lines = json::array();
    for (const core::LineDifference& line : flag.lines) {
      lines.push_back({{"line", line.line}, {"counted", line.counted}, {"observed", line.observed}});
    }
    out.push_back({{"observer", flag.observer},
                   {"organisation", flag.organisation},
                   {"contest", flag.contest},
                   {"round", flag.round},
                   {"unit", flag.unit},
                   {"seq", flag.seq},
                   {"counted", flag.counted},
                   {"lines", lines}});
  }
  return {{"flags", out}};
}

json ReportsDocument(std::span<const intake::ObserverReportEntry> reports) {
  json list = json::array();
  json by_reason = json::object();
  for (core::ObservationReason reason : core::kObservationReasons) {
    by_reason[std::string(core::ObservationReasonName(reason))] = 0;
  }
  json by_region = json::object();
  for (const intake::ObserverReportEntry& report : reports) {
    const std::string reason(core::ObservationReasonName(report.reason));
    list.push_back({{"seq", report.seq},
                    {"observer", report.observer},
                    {"organisation", report.organisation},
                    {"contest", report.contest},
                    {"round", report.round},
                    {"unit", report.unit},
                    {"region", report.region},
                    {"observation", reason},
                    {"observed_at", report.observed_at},
                    {"note", report.note}});
    by_reason[reason] = by_reason[reason].get<std::int64_t>() + 1;
    json& region = by_region[report.region];
    if (!region.is_object()) region = json::object();
    region[reason] = region.value(reason, std::int64_t{0}) + 1;
  }
  return {{"reports", list}, {"by_reason", by_reason}, {"by_region", by_region}};
}

std::string ResultsFileName(const std::string& contest) {
  std::string name;
  for (char c : contest) name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return "results/" + name + ".json";
}

}  // namespace saylau::bundle
