// How a chamber is made up from its contests: the seats each party holds from the party-list
// contest(s) and from the single-member districts (the district winner's party, or
// "self-nominated"), and how many seats are not decided yet. For the hemicycle of the
// Mazhilis (69 list + 29 district seats). Pure function.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/core/outcome.h"

namespace saylau::core {

inline constexpr const char* kSelfNominated = "self-nominated";

struct PartySeats {
  std::string party;  // a party id, or kSelfNominated
  int list_seats = 0;
  int district_seats = 0;
  int won_seats = 0;  // of list_seats + district_seats, those of contests whose seats are won (seat_status.h)
  int total() const { return list_seats + district_seats; }
};

struct Composition {
  int seats = 0;                    // every seat of the contests given
  int undecided = 0;                // seats whose contest has no decided outcome yet
  int won = 0;                      // seats of contests whose seats are won; the others decided are leading
  std::vector<PartySeats> parties;  // by seats, most first; then by the definition's party order
};

// One contest and its outcome (nullopt or not decided: its seats count as undecided). Only
// party-list and single-member contests make up a chamber; others are ignored.
struct ContestOutcome {
  const Contest* contest = nullptr;
  const Outcome* outcome = nullptr;
  bool won = false;  // the contest's seats are won (its count complete), not only leading
};

Composition ComposeChamber(const Election& election, std::span<const ContestOutcome> contests);

}  // namespace saylau::core
