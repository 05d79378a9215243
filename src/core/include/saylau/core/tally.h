// Tally: the lines of one count of one contest at one unit (a protocol's figures, or a sum
// of them), and adding counts up the unit hierarchy. Pure values and functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::core {

class Election;
struct Contest;

struct Tally {
  std::optional<std::int64_t> registered;   // voters on the list (electors, for the Senate)
  std::optional<std::int64_t> took_part;    // ballots issued = took part
  std::optional<std::int64_t> valid;        // valid ballots (a form's valid base; absent in counts files)
  std::optional<std::int64_t> invalid;      // invalid ballots
  std::optional<std::int64_t> both_marked;  // referendum: both answers marked
  std::int64_t against_all = 0;
  std::vector<std::int64_t> votes;  // per option of the contest, in contest order

  std::int64_t ValidOptions() const;         // sum of votes
  std::int64_t ValidWithAgainstAll() const;  // sum of votes + against all
  // Adds `other` line by line; a line missing on either side becomes missing.
  void Add(const Tally& other);
};

// A count given for a contest at a unit (any level), in round 1 or a repeat round.
struct UnitCount {
  std::string unit;
  int round = 1;
  Tally tally;
  std::string origin;  // where it came from, for messages ("counts.csv:12")
};

// The tally of `contest` at `unit` in `round`: the count given at that unit, or else the sum
// of the highest counts given below it. Errors: kNotFound when nothing at or below `unit`
// was given; kInvalidArgument when a unit and one of its ancestors were both given below
// `unit` (the votes would count twice).
Result<Tally> TallyAt(const Election& election, const Contest& contest, const std::string& unit, int round,
                      std::span<const UnitCount> counts);

}  // namespace saylau::core
