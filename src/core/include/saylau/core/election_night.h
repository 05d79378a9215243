// The state of one election while results come in: every protocol, correction, turnout
// report, certification and recount order is judged here (accepted, rejected with every
// broken rule named, or a duplicate of what is already stored) and, once stored, recorded
// into the totals. Replaying the stored submissions in order rebuilds the same state. Pure:
// no I/O; not thread-safe (one writer; the service serialises access).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/outcome.h"
#include "saylau/core/protocol.h"
#include "saylau/core/stages.h"
#include "saylau/core/tabulation.h"
#include "saylau/core/turnout.h"

namespace saylau::core {

enum class Verdict { kAccepted, kRejected, kDuplicate };
std::string_view VerdictName(Verdict verdict);  // "accepted", "rejected", "duplicate"

struct Judgement {
  Verdict verdict = Verdict::kRejected;
  std::vector<Violation> violations;  // why it was rejected
  int version = 0;                    // 1 for the first stored submission of its station (and time), ...
  bool correction = false;            // replaces an accepted protocol
  // Resolved for recording: contest index, round, the contest's local unit index (protocols)
  // or the global unit index (turnout), the reporting time, the values, a content hash.
  int contest = -1;
  int round = 1;
  int unit = -1;
  int time = -1;
  ProtocolValues values;
  std::uint64_t content = 0;
};

// A contest's outcome as of now, with how complete the count is and its stage.
struct ContestStatus {
  const Contest* contest = nullptr;
  Stage stage = Stage::kOpen;
  Progress progress;  // at the contest's unit, in the latest round counted
  int round = 1;      // the latest round with protocols
  bool partial = true;
  Result<Outcome> outcome = Outcome{};
};

class ElectionNight {
 public:
  explicit ElectionNight(const Election& election);
  ElectionNight(const ElectionNight&) = delete;
  ElectionNight& operator=(const ElectionNight&) = delete;

  const Election& election() const { return *election_; }
  const CountingPlan& plan() const { return plan_; }
  const Tabulation& tabulation() const { return tabulation_; }
  Tabulation& tabulation() { return tabulation_; }
  const TurnoutTable& turnout() const { return turnout_; }

  // Judging does not change the state; Record* applies a stored submission's judgement.
  Judgement JudgeProtocol(const ProtocolSubmission& protocol) const;
  void RecordProtocol(const Judgement& judgement);
  Judgement JudgeTurnout(const TurnoutSubmission& report) const;
  void RecordTurnout(const Judgement& judgement, const TurnoutSubmission& report);

  // Errors: kNotFound for an unknown contest; kFailedPrecondition for a step the stage
  // machine does not allow (final before every station reported, twice final, ...).
  Status CheckStageChange(const StageChange& change) const;
  void RecordStageChange(const StageChange& change);
  Status CheckRecount(const RecountOrder& order) const;
  void RecordRecount(const RecountOrder& order);

  Stage StageOf(int contest) const { return contests_[contest].stage; }
  const std::vector<StageChange>& StageHistory(int contest) const { return contests_[contest].history; }
  const std::vector<RecountOrder>& Recounts(int contest) const { return contests_[contest].recounts; }
  // The number of stored submissions for a station's protocol (all versions) and whether the
  // latest one was rejected.
  int Versions(int contest, int round, int local) const;
  bool LatestRejected(int contest, int round, int local) const;

  // The outcome from the rules engine on the totals at the contest's unit.
  ContestStatus StatusOf(int contest) const;
  // The count lines as the rules engine reads them.
  Tally TallyOf(int contest, int round, int local) const;

 private:
  struct KeyState {
    std::uint64_t content = 0;
    std::int32_t versions = 0;
    bool latest_rejected = false;
  };
  struct ContestState {
    Stage stage = Stage::kOpen;
    std::vector<StageChange> history;
    std::vector<RecountOrder> recounts;
    std::vector<int> recount_units;              // global indices
    std::vector<std::vector<KeyState>> keys;     // [round - 1][local]
  };
  const KeyState& KeyOf(int contest, int round, int local) const;
  KeyState& MutableKey(int contest, int round, int local);
  const KeyState& TurnoutKeyOf(int unit, int time) const;
  bool CoveredByRecount(int contest, int global_unit) const;
  void CheckAuthority(const std::string& commission, int global_unit, const std::string& reason,
                      bool changes_accepted, int contest, Judgement& judgement) const;

  const Election* election_;
  CountingPlan plan_;
  Tabulation tabulation_;
  TurnoutTable turnout_;
  std::vector<ContestState> contests_;
  std::vector<std::array<KeyState, kReportTimes>> turnout_keys_;  // per global unit
  std::unordered_set<std::uint64_t> rejected_unkeyed_;           // rejected with no station to file under
};

}  // namespace saylau::core
