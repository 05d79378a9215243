// ObserverReports: the latest report without figures per observer, contest, round, station and
// reason, in log order, each with its station's region.
#include "saylau/intake/observer_reports.h"

namespace saylau::intake {

std::string RegionOf(const core::ElectionNight& night, const std::string& unit) {
  const core::Election& election = night.election();
  std::string region = unit;
  for (int guard = 0; guard < 64; ++guard) {
    const int at = election.UnitIndex(region);
    if (at < 0) return region;
    const std::string& parent = election.units()[at].parent;
    if (parent.empty()) return region;
    const int parent_at = election.UnitIndex(parent);
    if (parent_at < 0 || election.units()[parent_at].parent.empty()) return region;
    region = parent;
  }
  return region;
}

void ObserverReports::Record(std::int64_t seq, const core::ObserverReport& report, const core::ElectionNight& night) {
  ObserverReportEntry entry{seq,
                            report.observer,
                            std::string(),
                            report.contest,
                            report.round,
                            report.unit,
                            RegionOf(night, report.unit),
                            report.reason,
                            report.observed_at,
                            report.note};
  const auto [at, inserted] =
      index_.try_emplace({report.observer, report.contest, report.round, report.unit, report.reason}, entries_.size());
  if (inserted) {
    entries_.push_back(std::move(entry));
  } else {
    entries_[at->second] = std::move(entry);
  }
}

void ObserverReports::Clear() {
  entries_.clear();
  index_.clear();
}

std::vector<ObserverReportEntry> ObserverReports::List(
    const std::function<std::string(const std::string& observer)>& organisation) const {
  std::vector<ObserverReportEntry> list = entries_;
  if (organisation) {
    for (ObserverReportEntry& entry : list) entry.organisation = organisation(entry.observer);
  }
  return list;
}

}  // namespace saylau::intake
