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
#include "saylau/core/attendance.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/outcome.h"
#include "saylau/core/protocol.h"
#include "saylau/core/stages.h"
#include "saylau/core/tabulation.h"
#include "saylau/core/turnout.h"

namespace saylau::core {

enum class Verdict { kAccepted, kRejected, kDuplicate };
std::string_view VerdictName(Verdict verdict);  // "accepted", "rejected", "duplicate"

// Whether a round of a contest is open, and its ballot. Round 1 is open from the start with
// every option; a later round opens when the previous round, counted in full or certified
// final, has an outcome that calls a runoff or a repeat vote: its ballot is the options in it.
struct RoundOpening {
  bool open = false;
  std::vector<int> ballot;  // option indices on the round's ballot
  std::string why_not;      // when closed: why, naming the contest and the round
  std::string why_code;     // why_not's code and values (kDetailCodes, detail_codes.h)
  std::vector<DetailParam> why_params;
};

struct Judgement {
  Verdict verdict = Verdict::kRejected;
  std::vector<Violation> violations;  // why it was rejected
  std::vector<Violation> warnings;    // relations of severity warn that failed (counted anyway)
  int version = 0;                    // 1 for the first stored submission of its station (and time), ...
  bool correction = false;            // replaces an accepted protocol
  // Resolved for recording. A protocol: its contest, round and station (in the contest's
  // numbering); a turnout report: its station (a unit of the election) and reporting time.
  // Then the values and a content hash. What does not apply, or is unknown, is none (-1).
  ContestIndex contest;
  int round = 1;
  LocalUnit station;
  GlobalUnit unit;
  int time = -1;
  ProtocolValues values;
  std::uint64_t content = 0;
};

// A contest's outcome as of now, with how complete the count is and its stage.
struct ContestStatus {
  const Contest* contest = nullptr;
  Stage stage = Stage::kOpen;  // of `round`: a runoff is never final by round one's certificate
  Progress progress;  // at the contest's unit, in the current round
  int round = 1;      // the current round (ElectionNight::CurrentRound)
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
  // The electors present at each sitting (indirect_majority contests), from turnout reports
  // at a sitting's unit (election_night_attendance.cc).
  const AttendanceBook& attendance() const { return attendance_; }

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

  // Stages are kept per round; a contest's stage is its current round's.
  Stage StageOf(ContestIndex contest) const { return StageOf(contest, CurrentRound(contest)); }
  Stage StageOf(ContestIndex contest, int round) const;
  // The latest round with protocols, or a later one opened after its previous round was
  // certified final (then certify's default round). 1 when nothing is counted.
  int CurrentRound(ContestIndex contest) const;
  RoundOpening OpeningOf(ContestIndex contest, int round) const;
  // The round a certification closes: its own, or the contest's current one (0 given).
  int RoundOf(const StageChange& change) const;
  const std::vector<StageChange>& StageHistory(ContestIndex contest) const { return contests_[contest.at()].history; }
  const std::vector<RecountOrder>& Recounts(ContestIndex contest) const { return contests_[contest.at()].recounts; }
  // The number of stored submissions for a station's protocol (all versions) and whether the
  // latest one was rejected.
  int Versions(ContestIndex contest, int round, LocalUnit station) const;
  bool LatestRejected(ContestIndex contest, int round, LocalUnit station) const;

  // The outcome from the rules engine on the totals at the contest's unit.
  ContestStatus StatusOf(ContestIndex contest) const;
  // The count lines at local unit `local` as the rules engine reads them.
  Tally TallyOf(ContestIndex contest, int round, LocalUnit local) const;

 private:
  struct KeyState {
    std::uint64_t content = 0;
    std::int32_t versions = 0;
    bool latest_rejected = false;
  };
  struct ContestState {
    std::vector<Stage> stages;  // [round - 1]; rounds not yet certified are open
    std::vector<StageChange> history;
    std::vector<RecountOrder> recounts;
    std::vector<GlobalUnit> recount_units;
    std::vector<std::vector<KeyState>> keys;     // [round - 1][local]
  };
  // A submission whose authority is checked: who sends it for which station, and whether it
  // changes figures already accepted (then it is a correction, of `contest` when it has one).
  struct AuthorityCheck {
    const std::string& commission;  // empty = the station's own commission
    GlobalUnit station;
    const std::string& reason;  // a correction's reason
    bool changes_accepted = false;
    ContestIndex contest;  // none for a turnout report
    int round = 1;
  };
  const KeyState& KeyOf(ContestIndex contest, int round, LocalUnit station) const;
  KeyState& MutableKey(ContestIndex contest, int round, LocalUnit station);
  const KeyState& TurnoutKeyOf(GlobalUnit unit, int time, int round) const;
  bool CoveredByRecount(ContestIndex contest, GlobalUnit unit) const;
  // Adds the violations of the authority rules (commission-authority, correction-by-higher-
  // commission, correction-reason, certified-final) to `judgement`; marks a correction.
  void CheckAuthority(const AuthorityCheck& check, Judgement& judgement) const;
  // The certification that closed a round, as a certified-final violation to be completed:
  // "round 1 of contest 'x' is certified final by 'kz' at ...", its code and values.
  Violation ClosedBy(ContestIndex contest, int round) const;
  // The rounds a turnout report may belong to at a station: refusals for a round not open or
  // closed by certification at every contest counted there.
  void CheckTurnoutRound(const TurnoutSubmission& report, Judgement& judgement) const;
  // The outcome from the totals of rounds 1..`last_round` at the contest's unit.
  Result<Outcome> OutcomeOfRounds(ContestIndex contest, int last_round) const;
  // A turnout report at a sitting's unit is attendance (election_night_attendance.cc).
  Judgement JudgeAttendance(const TurnoutSubmission& report) const;
  void RecordAttendance(const Judgement& judgement, const TurnoutSubmission& report);
  // A sitting's protocol: rejected when its attendance never reached the quorum (quorum-in-
  // attendance); a warning when took part differs from the latest attendance.
  void CheckSittingQuorum(const ProtocolSubmission& protocol, Judgement& judgement) const;

  const Election* election_;
  CountingPlan plan_;
  Tabulation tabulation_;
  TurnoutTable turnout_;
  AttendanceBook attendance_;
  std::vector<ContestState> contests_;
  std::vector<std::vector<std::array<KeyState, kReportTimes>>> turnout_keys_;  // [round - 1][global unit]
  std::unordered_set<std::uint64_t> rejected_unkeyed_;           // rejected with no station to file under
};

}  // namespace saylau::core
