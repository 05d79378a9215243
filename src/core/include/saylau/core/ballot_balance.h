// Ballot balance of published counts: whether the ballots of those who took part are all
// accounted for as valid, invalid (and, on a referendum, both marked). Pure functions over the
// tallies given, next to tally.h; results in text and JSON carry what they find.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "saylau/core/tally.h"

namespace saylau::core {

// A count whose took part differs from valid + invalid (+ both marked).
struct BallotImbalance {
  std::string unit;
  int round = 1;
  std::string origin;  // where the count came from ("counts.csv:3"), when known
  std::int64_t took_part = 0;
  std::int64_t valid = 0;  // the valid base, or the options' votes + against all when not given
  std::int64_t invalid = 0;
  std::optional<std::int64_t> both_marked;

  std::int64_t Accounted() const;    // valid + invalid (+ both marked)
  std::int64_t Unaccounted() const;  // took part - accounted: negative when more were counted
};

// The imbalance of one tally, when took part and invalid are both given and they do not add up
// with the valid ballots (and both marked, when given); nothing otherwise.
std::optional<BallotImbalance> FindBallotImbalance(const Tally& tally);

// Every count given (each unit and round as given, not sums) whose ballots do not add up, in
// the order given.
std::vector<BallotImbalance> FindBallotImbalances(std::span<const UnitCount> counts);

}  // namespace saylau::core
