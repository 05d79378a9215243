// Ballot balance of published counts: took part against valid + invalid (+ both marked).
#include "saylau/core/ballot_balance.h"

namespace saylau::core {

std::int64_t BallotImbalance::Accounted() const { return valid + invalid + both_marked.value_or(0); }

std::int64_t BallotImbalance::Unaccounted() const { return took_part - Accounted(); }

std::optional<BallotImbalance> FindBallotImbalance(const Tally& tally) {
  if (!tally.took_part || !tally.invalid) return std::nullopt;
  BallotImbalance imbalance;
  imbalance.took_part = *tally.took_part;
  imbalance.valid = tally.valid.value_or(tally.ValidWithAgainstAll());
  imbalance.invalid = *tally.invalid;
  imbalance.both_marked = tally.both_marked;
  if (imbalance.Unaccounted() == 0) return std::nullopt;
  return imbalance;
}

std::vector<BallotImbalance> FindBallotImbalances(std::span<const UnitCount> counts) {
  std::vector<BallotImbalance> found;
  for (const UnitCount& count : counts) {
    std::optional<BallotImbalance> imbalance = FindBallotImbalance(count.tally);
    if (!imbalance) continue;
    imbalance->unit = count.unit;
    imbalance->round = count.round;
    imbalance->origin = count.origin;
    found.push_back(std::move(*imbalance));
  }
  return found;
}

}  // namespace saylau::core
