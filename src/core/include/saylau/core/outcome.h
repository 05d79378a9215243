// The outcome of a contest with every number that led to it: the base, the threshold and who
// passed, the allocation arithmetic, majorities and quorums, runoffs, ties and how they were
// settled. Enough for a person to check the result by hand. Pure values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "saylau/core/allocation.h"
#include "saylau/core/list_seats.h"
#include "saylau/core/model.h"
#include "saylau/core/tally.h"

namespace saylau::core {

enum class Decision {
  kDecided,       // winners or seats are final under the rules
  kRunoffNeeded,  // nobody reached the majority; the two leaders go to a repeat vote
  kUnresolved,    // a tie the rules leave to a decision (a lot, a court, the commission)
  kNoQuorum,      // too few electors took part
  kNotValid,      // a referendum with too low a turnout
  kRejected,      // a referendum that did not reach the majorities it needs
  kNoCounts,      // no counts were given for the contest
};
std::string_view DecisionName(Decision decision);

struct PartyListDetails {
  Tally tally;
  ThresholdBase base_kind = ThresholdBase::kValidWithAgainstAll;
  std::int64_t base = 0;
  Ratio threshold_percent;
  std::int64_t votes_needed = 0;            // least votes that pass
  std::vector<bool> passed;                 // per option
  bool runner_up_applied = false;           // kz2009: one list passed, the next one was admitted
  std::vector<int> admitted;                // option indices taking part in the allocation
  Allocation allocation;                    // over the admitted options, in admitted order
  std::vector<int> seats;                   // per option
  std::vector<std::string> quota_findings;  // named deputies under the 30 % share
  std::vector<ListSeats> list_seats;        // per option: who takes its seats (empty: no list given)
};

// One vote among candidates: plurality, or the first round of a majority contest.
struct RoundDetails {
  int round = 1;
  Tally tally;
  ThresholdBase base_kind = ThresholdBase::kValidWithAgainstAll;
  std::int64_t base = 0;
  std::vector<int> ranking;       // option indices by votes, best first
  std::optional<TieReport> tie;   // for first place, or for the runoff places
  bool majority_reached = false;  // majority contests only
  Ratio majority_percent{50, 1};
};

struct CandidateDetails {
  std::vector<RoundDetails> rounds;  // round 1, and the repeat vote when counted
  std::vector<int> runoff;           // the two options in the repeat vote
  // Indirect elections: electors and the quorum check.
  std::optional<std::int64_t> electors;
  std::optional<bool> quorum_met;
};

struct ReferendumUnitRow {
  std::string unit;
  Tally tally;
  std::int64_t base = 0;
  bool yes_majority = false;
};

struct ReferendumDetails {
  Tally national;
  std::int64_t national_base = 0;
  bool turnout_valid = false;
  bool national_yes_majority = false;
  std::vector<ReferendumUnitRow> units;
  int units_needed = 0;
  int units_yes = 0;
};

struct Outcome {
  std::string contest;
  Decision decision = Decision::kNoCounts;
  std::vector<std::string> winners;  // option ids (party lists: every party with seats)
  std::vector<std::string> notes;    // rules pending legal confirmation, missing data ...
  bool checks_failed = false;        // a legal check on the result failed (quota of deputies)
  std::variant<std::monostate, PartyListDetails, CandidateDetails, ReferendumDetails> details;
};

// The outcome of `contest` from `counts` (any unit level; sums are taken up the hierarchy).
// Errors: kInvalidArgument when counts conflict (a unit and its ancestor both given), lack a
// line the rule needs (took part for a referendum), or give repeat-vote votes to an option
// that is not in the runoff.
Result<Outcome> DecideContest(const Election& election, const Contest& contest, std::span<const UnitCount> counts);

}  // namespace saylau::core
