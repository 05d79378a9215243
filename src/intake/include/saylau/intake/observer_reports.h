// The observers' reports without figures ("counting not observed", ...; core/observer_report.h)
// kept as the log gives them: the latest report per observer, contest, round, station and
// reason (a resend or a later report of the same replaces it), with the station's region. The
// results service keeps it live; the verifier rebuilds it from the public log; both publish the
// same list. Pure; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "saylau/core/election_night.h"
#include "saylau/core/observer_report.h"

namespace saylau::intake {

struct ObserverReportEntry {
  std::int64_t seq = 0;  // the report in the log (1-based)
  std::string observer;
  std::string organisation;
  std::string contest;
  int round = 1;
  std::string unit;    // the polling station
  std::string region;  // its ancestor just below the root (the station itself when none)
  core::ObservationReason reason = core::ObservationReason::kCountingNotObserved;
  std::string observed_at;
  std::string note;
};

class ObserverReports {
 public:
  // Keeps `report` (admitted: its observer set, its contest and station known to `night`) as
  // `seq` in the log.
  void Record(std::int64_t seq, const core::ObserverReport& report, const core::ElectionNight& night);
  std::size_t size() const { return entries_.size(); }
  void Clear();

  // Every kept report in the order they first came, each with its observer's organisation.
  std::vector<ObserverReportEntry> List(
      const std::function<std::string(const std::string& observer)>& organisation) const;

 private:
  std::vector<ObserverReportEntry> entries_;
  // (observer, contest, round, station, reason) -> index in entries_
  std::map<std::tuple<std::string, std::string, int, std::string, core::ObservationReason>, std::size_t> index_;
};

// The region of `unit` in `night`'s election: its ancestor just below the root.
std::string RegionOf(const core::ElectionNight& night, const std::string& unit);

}  // namespace saylau::intake
