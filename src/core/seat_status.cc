// Leading or won: a contest's seats are won once its count is complete and its outcome decided.
#include "saylau/core/seat_status.h"

namespace saylau::core {

SeatDecision DecideSeatStatus(const Progress& progress, bool decided) {
  if (!decided || !progress.complete()) return {};
  return {SeatStatus::kWon, WonBecause::kCountComplete};
}

SeatDecision DecideSeatStatus(const ContestStatus& status) {
  const bool decided = status.outcome && status.outcome->decision == Decision::kDecided;
  return DecideSeatStatus(status.progress, decided);
}

const char* SeatStatusName(SeatStatus status) { return status == SeatStatus::kWon ? "won" : "leading"; }

const char* WonBecauseName(WonBecause because) {
  return because == WonBecause::kCountComplete ? "count_complete" : "";
}

}  // namespace saylau::core
