// The Senate at a glance: one row per indirect_majority contest (a region's sitting) with its
// attendance and quorum, its state (awaiting the sitting, gathering, quorum, repeat vote,
// elected ...), who was elected with what share of the electors' votes (the majority base of
// the deciding round, as the law counts it), and the totals: seats, elected, women elected,
// repeat votes, sittings still voting. Pure values; built from outcomes (saylau results) or
// from an election night (live). Safe from any thread on const inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/core/attendance.h"
#include "saylau/core/election_night.h"
#include "saylau/core/model.h"
#include "saylau/core/outcome.h"
#include "saylau/core/stages.h"

namespace saylau::core {

enum class SittingState {
  kAwaiting,    // nothing reported yet
  kGathering,   // attendance without a quorum yet
  kQuorum,      // the quorum is reached; the vote is not counted yet
  kRepeatVote,  // nobody reached the majority: a repeat vote of the two leaders
  kElected,     // a senator is elected
  kNoQuorum,    // the protocol shows too few electors
  kUnresolved,  // a tie the rules leave open
};
std::string_view SittingStateName(SittingState state);  // "awaiting", "gathering", "quorum", ...

struct SittingRow {
  std::string contest;
  std::string unit;
  SittingState state = SittingState::kAwaiting;
  Stage stage = Stage::kOpen;
  int round = 1;                            // the latest round counted (2: the repeat vote)
  std::optional<std::int64_t> electors;     // the definition's, else attendance's or the count's
  std::optional<SittingQuorum> attendance;  // live nights with attendance reports
  std::string winner;                       // option id when elected
  std::optional<char> gender;               // the winner's, when the definition gives it
  std::int64_t votes = 0;                   // the winner's votes in the deciding round
  std::int64_t base = 0;                    // that round's majority base
};

struct SenateSummary {
  int seats = 0;  // one per sitting
  int elected = 0;
  int women = 0;
  int men = 0;
  int repeat_votes = 0;          // sittings needing (or having had) a repeat vote
  int still_voting = 0;          // sittings not yet decided (awaiting, gathering, quorum, repeat vote)
  int quorum_reached = 0;        // sittings whose attendance shows the quorum
  std::vector<SittingRow> rows;  // in the definition's order
};

// One sitting's inputs: its contest, its outcome (null: nothing counted), its stage and round,
// and its attendance quorum when known.
struct SittingInput {
  const Contest* contest = nullptr;
  const Outcome* outcome = nullptr;
  Stage stage = Stage::kOpen;
  int round = 1;
  std::optional<SittingQuorum> attendance;
};

// The summary over `sittings` (indirect_majority contests only; others are skipped).
SenateSummary SummarizeSenate(std::span<const SittingInput> sittings);
// The summary of a live night: every indirect_majority contest with its status and attendance.
SenateSummary SummarizeSenate(const ElectionNight& night);
// Whether the election holds any indirect_majority contest.
bool HasSenateSittings(const Election& election);

}  // namespace saylau::core
