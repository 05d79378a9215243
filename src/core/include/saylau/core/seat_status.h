// Whether a contest's seats are "leading" (a projection from the stations counted so far) or
// "won", and why. Decided on integers only: a contest's seats are won when its outcome is
// decided and every counting unit expected in the current round has an accepted protocol
// (count_complete). There is no earlier "cannot change" call: a station's list of voters may
// grow on the day (voters added at the station), so the registered voters of the stations still
// out are no sound bound on their ballots. Pure functions, safe from any thread.
#pragma once

#include "saylau/core/election_night.h"
#include "saylau/core/tabulation.h"

namespace saylau::core {

enum class SeatStatus { kLeading, kWon };
enum class WonBecause { kNotWon, kCountComplete };

struct SeatDecision {
  SeatStatus status = SeatStatus::kLeading;
  WonBecause because = WonBecause::kNotWon;
  bool won() const { return status == SeatStatus::kWon; }
};

// `decided`: the contest's outcome names its seats (Decision::kDecided). A contest with no
// counting unit expected is never won.
SeatDecision DecideSeatStatus(const Progress& progress, bool decided);

// The same from a contest's status on the night (its current round's progress and outcome).
SeatDecision DecideSeatStatus(const ContestStatus& status);

const char* SeatStatusName(SeatStatus status);  // "leading", "won"
const char* WonBecauseName(WonBecause because);  // "", "count_complete"

}  // namespace saylau::core
