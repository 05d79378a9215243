// ElectionNight: judging submissions against the rules of versions, authority and stages,
// and recording them into the totals.
#include "saylau/core/election_night.h"

#include <algorithm>

#include "content_hash.h"

namespace saylau::core {
using internal::ContentHash;

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccepted: return "accepted";
    case Verdict::kRejected: return "rejected";
    case Verdict::kDuplicate: return "duplicate";
  }
  return "rejected";
}

ElectionNight::ElectionNight(const Election& election)
    : election_(&election), plan_(election), tabulation_(plan_), turnout_(plan_), attendance_(plan_) {
  contests_.resize(plan_.contests().size());  // key states and turnout keys are allocated on first use
}

const ElectionNight::KeyState& ElectionNight::KeyOf(ContestIndex contest, int round, LocalUnit station) const {
  static const KeyState kNone;
  const auto& rounds = contests_[contest.at()].keys;
  if (static_cast<int>(rounds.size()) < round || rounds[round - 1].empty()) return kNone;
  return rounds[round - 1][station.at()];
}

ElectionNight::KeyState& ElectionNight::MutableKey(ContestIndex contest, int round, LocalUnit station) {
  auto& rounds = contests_[contest.at()].keys;
  if (static_cast<int>(rounds.size()) < round) rounds.resize(round);
  if (rounds[round - 1].empty()) rounds[round - 1].resize(plan_.contest(contest).units.size());
  return rounds[round - 1][station.at()];
}

const ElectionNight::KeyState& ElectionNight::TurnoutKeyOf(GlobalUnit unit, int time, int round) const {
  static const KeyState kNone;
  if (round < 1 || static_cast<int>(turnout_keys_.size()) < round || turnout_keys_[round - 1].empty()) return kNone;
  return turnout_keys_[round - 1][unit.at()][time];
}

bool ElectionNight::CoveredByRecount(ContestIndex contest, GlobalUnit unit) const {
  for (GlobalUnit ordered : contests_[contest.at()].recount_units) {
    if (plan_.IsAncestorOrSelf(ordered, unit)) return true;
  }
  return false;
}

void ElectionNight::CheckAuthority(const AuthorityCheck& check, Judgement& judgement) const {
  const std::string& commission = check.commission;
  const std::string& unit_id = election_->units()[check.station.at()].id;
  const bool own = commission.empty() || commission == unit_id;
  if (!own) {
    if (!plan_.MayActFor(commission, check.station)) {
      judgement.violations.push_back({"commission-authority",
                                      "commission '" + commission + "' is neither the station's nor one above it",
                                      "not-above",
                                      {{"commission", commission}}});
      return;
    }
  }
  if (!check.changes_accepted) return;
  judgement.correction = true;
  if (own) {
    judgement.violations.push_back({"correction-by-higher-commission",
                                    "'" + unit_id +
                                        "' already has an accepted count; a change must come from a higher "
                                        "commission as a correction with a reason",
                                    "already-accepted",
                                    {{"unit", unit_id}}});
  } else if (check.reason.empty()) {
    judgement.violations.push_back({"correction-reason", "a correction by '" + commission + "' needs a reason",
                                    "no-reason", {{"commission", commission}}});
  }
  if (check.contest.valid() && StageOf(check.contest, check.round) == Stage::kFinal &&
      !CoveredByRecount(check.contest, check.station)) {
    Violation closed = ClosedBy(check.contest, check.round);
    closed.detail += "; a change needs a recount order (saylau recount) covering '" + unit_id + "'";
    closed.params.push_back({"unit", unit_id});
    judgement.violations.push_back(std::move(closed));
  }
}

Judgement ElectionNight::JudgeProtocol(const ProtocolSubmission& protocol) const {
  const ContestIndex named = plan_.FindContest(protocol.contest);
  RoundOpening opening;
  if (named.valid() && protocol.round >= 2 && protocol.round <= plan_.contest(named).max_round) {
    opening = OpeningOf(named, protocol.round);
  }
  CheckedProtocol checked = CheckProtocol(*election_, plan_, protocol, opening.open ? &opening.ballot : nullptr);
  if (!opening.why_not.empty()) {
    checked.violations.push_back({"round-open", opening.why_not, opening.why_code, opening.why_params});
  }
  Judgement judgement;
  judgement.contest = checked.contest;
  judgement.round = protocol.round;
  judgement.station = checked.station;
  judgement.values = std::move(checked.values);
  judgement.violations = std::move(checked.violations);
  judgement.warnings = std::move(checked.warnings);
  const bool keyed = judgement.contest.valid() && judgement.station.valid() && protocol.round >= 1 &&
                     protocol.round <= plan_.contest(judgement.contest).max_round;
  if (!keyed) {
    ContentHash raw;
    raw.Add(protocol.contest).Add(protocol.unit).Add(protocol.round).Add(protocol.commission).Add(protocol.reason);
    for (const auto& [name, value] : protocol.lines) raw.Add(name).Add(value);
    for (const std::string& text : protocol.unreadable) raw.Add(text);
    for (const Violation& problem : protocol.read_problems) raw.Add(problem.relation).Add(problem.detail);
    judgement.content = raw.value();
    judgement.verdict = rejected_unkeyed_.count(judgement.content) ? Verdict::kDuplicate : Verdict::kRejected;
    return judgement;
  }
  ContentHash content;
  for (std::int64_t value : judgement.values) content.Add(value);
  for (const std::string& text : protocol.unreadable) content.Add(text);
  for (const Violation& problem : protocol.read_problems) content.Add(problem.relation).Add(problem.detail);
  content.Add(protocol.commission).Add(protocol.reason);
  judgement.content = content.value();
  const KeyState& key = KeyOf(judgement.contest, protocol.round, judgement.station);
  const bool reported = tabulation_.Reported(judgement.contest, protocol.round, judgement.station);
  const auto accepted = tabulation_.Totals(judgement.contest, protocol.round, judgement.station);
  const bool same_as_accepted =
      reported && judgement.violations.empty() && std::equal(accepted.begin(), accepted.end(), judgement.values.begin());
  if (same_as_accepted) {
    judgement.verdict = Verdict::kDuplicate;
    return judgement;
  }
  judgement.version = key.versions + 1;
  CheckAuthority({.commission = protocol.commission,
                  .station = plan_.contest(judgement.contest).GlobalOf(judgement.station),
                  .reason = protocol.reason,
                  .changes_accepted = reported,
                  .contest = judgement.contest,
                  .round = protocol.round},
                 judgement);
  CheckSittingQuorum(protocol, judgement);
  judgement.verdict = judgement.violations.empty() ? Verdict::kAccepted : Verdict::kRejected;
  // The same rejected content again, still rejected: already on record.
  if (judgement.verdict == Verdict::kRejected && key.latest_rejected && key.content == judgement.content) {
    judgement.verdict = Verdict::kDuplicate;
  }
  return judgement;
}

void ElectionNight::RecordProtocol(const Judgement& judgement) {
  if (judgement.verdict == Verdict::kDuplicate) return;
  if (!judgement.contest.valid() || !judgement.station.valid() || judgement.version == 0) {
    rejected_unkeyed_.insert(judgement.content);
    return;
  }
  KeyState& key = MutableKey(judgement.contest, judgement.round, judgement.station);
  key.versions = judgement.version;
  key.content = judgement.content;
  key.latest_rejected = judgement.verdict == Verdict::kRejected;
  if (judgement.verdict == Verdict::kAccepted) {
    tabulation_.Apply(judgement.contest, judgement.round, judgement.station, judgement.values);
  }
}

Judgement ElectionNight::JudgeTurnout(const TurnoutSubmission& report) const {
  if (attendance_.SittingContest(report.unit).valid()) return JudgeAttendance(report);
  TurnoutTable::Checked checked = turnout_.Check(report);
  Judgement judgement;
  judgement.unit = checked.unit;
  judgement.time = checked.time;
  judgement.round = report.round;
  judgement.violations = std::move(checked.violations);
  CheckTurnoutRound(report, judgement);
  ContentHash content;
  content.Add(report.voters).Add(report.issued).Add(report.commission).Add(report.reason);
  for (const std::string& text : report.unreadable) content.Add(text);
  for (const Violation& problem : report.read_problems) content.Add(problem.relation).Add(problem.detail);
  if (report.round != 1) content.Add(report.round);  // round 1's content hashes as before rounds
  if (!judgement.unit.valid() || judgement.time < 0 || report.round < 1 || report.round > kMaxTurnoutRound) {
    content.Add(report.unit).Add(report.time);
    judgement.content = content.value();
    judgement.verdict = rejected_unkeyed_.count(judgement.content) ? Verdict::kDuplicate : Verdict::kRejected;
    return judgement;
  }
  judgement.content = content.value();
  const KeyState& key = TurnoutKeyOf(judgement.unit, judgement.time, report.round);
  const auto reported = turnout_.ReportOf(judgement.unit, judgement.time, report.round);
  const bool same_as_accepted = reported && report.unreadable.empty() && report.read_problems.empty() &&
                                reported->first == report.voters && reported->second == report.issued;
  if (same_as_accepted) {
    judgement.verdict = Verdict::kDuplicate;
    return judgement;
  }
  judgement.version = key.versions + 1;
  CheckAuthority({.commission = report.commission,
                  .station = judgement.unit,
                  .reason = report.reason,
                  .changes_accepted = reported.has_value(),
                  .contest = ContestIndex()},
                 judgement);
  judgement.verdict = judgement.violations.empty() ? Verdict::kAccepted : Verdict::kRejected;
  if (judgement.verdict == Verdict::kRejected && key.latest_rejected && key.content == judgement.content) {
    judgement.verdict = Verdict::kDuplicate;
  }
  return judgement;
}

void ElectionNight::RecordTurnout(const Judgement& judgement, const TurnoutSubmission& report) {
  if (attendance_.SittingContest(report.unit).valid()) return RecordAttendance(judgement, report);
  if (judgement.verdict == Verdict::kDuplicate) return;
  if (!judgement.unit.valid() || judgement.time < 0 || judgement.version == 0) {
    rejected_unkeyed_.insert(judgement.content);
    return;
  }
  const int round = judgement.round;
  if (static_cast<int>(turnout_keys_.size()) < round) turnout_keys_.resize(round);
  if (turnout_keys_[round - 1].empty()) turnout_keys_[round - 1].resize(election_->units().size());
  KeyState& key = turnout_keys_[round - 1][judgement.unit.at()][judgement.time];
  key.versions = judgement.version;
  key.content = judgement.content;
  key.latest_rejected = judgement.verdict == Verdict::kRejected;
  if (judgement.verdict == Verdict::kAccepted) {
    turnout_.Apply(judgement.unit, judgement.time, report.voters, report.issued, round);
  }
}

int ElectionNight::Versions(ContestIndex contest, int round, LocalUnit station) const {
  return KeyOf(contest, round, station).versions;
}

bool ElectionNight::LatestRejected(ContestIndex contest, int round, LocalUnit station) const {
  return KeyOf(contest, round, station).latest_rejected;
}

}  // namespace saylau::core
