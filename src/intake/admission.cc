// The admission rules for commissions' submissions, certifications and observers' submissions.
#include "saylau/intake/admission.h"

#include "saylau/base/text.h"
#include "saylau/formats/observer_report_json.h"
#include "saylau/formats/submission_json.h"

namespace saylau::intake {
namespace {

Refused Refuse(Refusal reason, std::string message) { return Refused{reason, std::move(message)}; }

std::string UnknownContest(const core::ElectionNight& night, const std::string& contest) {
  return "contest '" + contest + "' is not in election '" + night.election().id() + "'";
}

// The signer check and the kind of key the route takes.
std::optional<Refused> CheckSignerKind(const SignedSubmission& submission, const KeyRegistry& keys, bool observer) {
  if (std::optional<Refused> refused = keys.CheckSigner(submission)) return refused;
  const crypto::Envelope& envelope = submission.envelope;
  if (keys.Find(envelope.key)->observer == observer) return std::nullopt;
  if (observer) {
    return Refuse(Refusal::kNotAuthorised, "'" + envelope.commission +
                                               "' is a commission, not an accredited observer; commissions submit "
                                               "protocols");
  }
  return Refuse(Refusal::kNotAuthorised, "'" + envelope.commission +
                                             "' is an accredited observer: observers send their copies to "
                                             "/api/v1/observations; only commissions submit protocols");
}

// The body's commission, when it names one, must be the signer; then it is set to the signer.
std::optional<Refused> TakeSigner(std::string& commission, const std::string& signer) {
  if (!commission.empty() && commission != signer) {
    return Refuse(Refusal::kNotAuthorised,
                  "the body names commission '" + commission + "' but is signed by '" + signer + "'");
  }
  commission = signer;
  return std::nullopt;
}

}  // namespace

std::string OriginOf(const crypto::Envelope& envelope) {
  return "api:" + envelope.commission + "#" + std::to_string(envelope.seq);
}

Admission<formats::Submission> AdmitSubmission(const SignedSubmission& submission, const KeyRegistry& keys,
                                               const core::ElectionNight& night) {
  const crypto::Envelope& envelope = submission.envelope;
  if (std::optional<Refused> refused = CheckSignerKind(submission, keys, false)) return *refused;
  Result<formats::Submission> parsed = submission.parsed
                                           ? Result<formats::Submission>(*submission.parsed)
                                           : formats::ParseSubmissionJson(envelope.body, OriginOf(envelope));
  if (!parsed) return Refuse(Refusal::kMalformed, "body: " + parsed.error().message);
  std::string unit_id;
  if (auto* protocol = std::get_if<core::ProtocolSubmission>(&*parsed)) {
    // A body without its contest is no protocol at all, not one of an unknown contest ''.
    if (protocol->contest.empty()) {
      return Refuse(Refusal::kMalformed, "body: no \"contest\" (the contest's id, a string)");
    }
    if (!night.plan().FindContest(protocol->contest).valid()) {
      return Refuse(Refusal::kUnknownContest, UnknownContest(night, protocol->contest));
    }
    if (std::optional<Refused> refused = TakeSigner(protocol->commission, envelope.commission)) return *refused;
    unit_id = protocol->unit;
  } else {
    auto& report = std::get<core::TurnoutSubmission>(*parsed);
    if (std::optional<Refused> refused = TakeSigner(report.commission, envelope.commission)) return *refused;
    unit_id = report.unit;
  }
  if (unit_id.empty()) return Refuse(Refusal::kMalformed, "body: no \"unit\" (the polling station's id, a string)");
  const core::GlobalUnit unit = night.plan().FindUnit(unit_id);
  if (!unit.valid()) {
    return Refuse(Refusal::kUnknownUnit, "unit '" + unit_id + "' is not in election '" + night.election().id() + "'");
  }
  if (!night.plan().MayActFor(envelope.commission, unit)) {
    return Refuse(Refusal::kNotAuthorised, "commission '" + envelope.commission + "' may not submit for '" + unit_id +
                                               "': only the unit's own commission or one above it may");
  }
  return std::move(*parsed);
}

Admission<core::StageChange> AdmitCertification(const SignedSubmission& submission, const KeyRegistry& keys,
                                                const core::ElectionNight& night, const std::string& received_at) {
  const crypto::Envelope& envelope = submission.envelope;
  if (std::optional<Refused> refused = keys.CheckSigner(submission)) return *refused;
  Result<core::StageChange> change = formats::DecodeCertification(envelope.body);
  if (!change) return Refuse(Refusal::kMalformed, "body: " + change.error().message);
  const core::Contest* contest = night.election().FindContest(change->contest);
  if (contest == nullptr) return Refuse(Refusal::kUnknownContest, UnknownContest(night, change->contest));
  // Each contest names the commission that certifies it (the CEC by default).
  const std::string& certifier = night.election().CertifierOf(*contest);
  if (envelope.commission != certifier) {
    return Refuse(Refusal::kNotAuthorised, "contest '" + contest->id + "' is certified by the commission of '" +
                                               certifier + "' only; this is signed by '" + envelope.commission +
                                               "'");
  }
  change->at = received_at;
  change->by = envelope.commission;
  if (Status ok = night.CheckStageChange(*change); !ok) return Refuse(Refusal::kNotAllowed, ok.error().message);
  return std::move(*change);
}

std::optional<Refused> CheckWitnessedHead(const ledger::TreeHead& head, const LogView& log) {
  if (head.size == 0 || head.size > log.size || log.tree.Root(head.size) != head.root) {
    return Refuse(Refusal::kUnknownHead, "this log never had root " + ledger::ToHex(head.root) + " at size " +
                                             std::to_string(head.size) +
                                             ": the head witnessed is not from this log's history");
  }
  if (!ledger::VerifyTreeHead(head) || log.log_key.empty() || head.key != log.log_key) {
    return Refuse(Refusal::kBadSignature, "the witnessed head does not carry this log's signature");
  }
  return std::nullopt;
}

namespace {

// A report without figures: a known contest, one of its polling stations, a round it has.
Admission<Observation> AdmitReport(core::ObserverReport report, const std::string& observer,
                                   const core::ElectionNight& night) {
  core::ProtocolSubmission where;
  where.contest = report.contest;
  where.unit = report.unit;
  where.round = report.round;
  const core::Judgement judged = night.JudgeProtocol(where);
  if (!judged.contest.valid()) return Refuse(Refusal::kUnknownContest, UnknownContest(night, report.contest));
  if (!judged.station.valid()) {
    return Refuse(Refusal::kUnknownUnit,
                  "'" + report.unit + "' is not a polling station of contest '" + report.contest + "'");
  }
  const int rounds = night.plan().contest(judged.contest).max_round;
  if (report.round > rounds) {
    return Refuse(Refusal::kMalformed, "body: observation: round " + std::to_string(report.round) + ": contest '" +
                                           report.contest + "' has " + std::to_string(rounds) + " round(s)");
  }
  report.observer = observer;
  return Observation(std::move(report));
}

}  // namespace

Admission<Observation> AdmitObservation(const SignedSubmission& submission, const KeyRegistry& keys,
                                        const core::ElectionNight& night, const LogView& log) {
  const crypto::Envelope& envelope = submission.envelope;
  if (std::optional<Refused> refused = CheckSignerKind(submission, keys, true)) return *refused;
  // Stored and logged as sent: bytes that are not UTF-8 could not be written in the log entry
  // (found by fuzz/signed_bodies: the commit threw on the writer thread).
  if (const std::optional<std::size_t> bad = FindInvalidUtf8(envelope.body)) {
    return Refuse(Refusal::kMalformed, "body: not UTF-8 at byte " + std::to_string(*bad) + "; " + std::string(kUtf8Hint));
  }
  Result<std::optional<ledger::TreeHead>> witnessed = ledger::DecodeWitness(envelope.body);
  if (!witnessed) return Refuse(Refusal::kMalformed, "body: witness: " + witnessed.error().message);
  if (*witnessed) {
    if (std::optional<Refused> refused = CheckWitnessedHead(**witnessed, log)) return *refused;
    return Observation(std::move(**witnessed));
  }
  Result<std::optional<core::ObserverReport>> report =
      formats::ParseObserverReportJson(envelope.body, OriginOf(envelope));
  if (!report) return Refuse(Refusal::kMalformed, "body: observation: " + report.error().message);
  if (*report) return AdmitReport(std::move(**report), envelope.commission, night);
  Result<formats::Submission> parsed = formats::ParseSubmissionJson(envelope.body, OriginOf(envelope));
  if (!parsed) return Refuse(Refusal::kMalformed, "body: " + parsed.error().message);
  auto* copy = std::get_if<core::ProtocolSubmission>(&*parsed);
  if (copy == nullptr) return Refuse(Refusal::kMalformed, "body: an observer's copy is a protocol's figures");
  core::Judgement judged = night.JudgeProtocol(*copy);
  if (!judged.contest.valid()) return Refuse(Refusal::kUnknownContest, UnknownContest(night, copy->contest));
  if (!judged.station.valid()) {
    return Refuse(Refusal::kUnknownUnit,
                  "'" + copy->unit + "' is not a polling station of contest '" + copy->contest + "'");
  }
  for (const core::Violation& violation : judged.violations) {
    if (violation.relation == "readable-lines" || violation.relation == "options-exact" ||
        violation.relation == "non-negative") {
      return Refuse(Refusal::kMalformed, "body: " + violation.relation + ": " + violation.detail);
    }
  }
  copy->commission = envelope.commission;
  return Observation(ObserverCopy{std::move(*copy), std::move(judged)});
}

}  // namespace saylau::intake
