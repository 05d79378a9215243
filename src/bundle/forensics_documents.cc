// ForensicsFiles (forensics_documents.h): the kobak2016 report and its plots per contest.
#include "saylau/bundle/forensics_documents.h"

#include "saylau/base/check.h"

#include "saylau/formats/statistics_io.h"
#include "saylau/formats/statistics_svg.h"
#include "saylau/stats/forensics.h"

namespace saylau::bundle {

std::vector<std::pair<std::string, std::string>> ForensicsFiles(const core::ElectionNight& night) {
  std::vector<std::pair<std::string, std::string>> files;
  Result<stats::ForensicsOptions> options = stats::ForensicsPreset(kForensicsPreset);
  SAYLAU_CHECK(options.has_value());
  options->threads = 1;
  std::string root;
  for (const core::Unit& unit : night.election().units()) {
    if (unit.parent.empty()) root = unit.id;
  }
  const auto& contests = night.plan().contests();
  for (std::size_t c = 0; c < contests.size(); ++c) {
    if (contests[c].contest->unit != root) continue;
    const stats::StationResults stations = stats::StationsOf(night, core::ContestIndex(c));
    const stats::ForensicsReport report = stats::RunForensics(stations, *options, &night.election());
    if (report.stations < kForensicsMinStations) continue;
    const std::string dir = std::string(kForensicsDirectory) + "/" + contests[c].contest->id + "/";
    using stats::PlotWeight;
    files.emplace_back(dir + "forensics.json", formats::ForensicsJson(report).dump(1) + "\n");
    files.emplace_back(dir + "fingerprint-stations.svg", formats::FingerprintSvg(report, PlotWeight::kStations));
    files.emplace_back(dir + "fingerprint-voters.svg", formats::FingerprintSvg(report, PlotWeight::kVoters));
    files.emplace_back(dir + "integer-percent-stations.svg", formats::IntegerPercentSvg(report, PlotWeight::kStations));
    files.emplace_back(dir + "integer-percent-voters.svg", formats::IntegerPercentSvg(report, PlotWeight::kVoters));
    files.emplace_back(dir + "last-digit.svg", formats::LastDigitSvg(report));
    files.emplace_back(dir + "turnout-by-region.svg", formats::RegionTurnoutSvg(report));
  }
  return files;
}

}  // namespace saylau::bundle
