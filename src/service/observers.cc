// ResultsService for accredited observers: registration, their signed copies of station
// protocols and countersignatures of tree heads (stored and logged, never counted), and the
// stations where a copy differs from what is counted.
#include <nlohmann/json.hpp>

#include "saylau/base/text.h"
#include "saylau/formats/submission_json.h"
#include "saylau/service/results_service.h"

namespace saylau::service {

Status ResultsService::AddObservers(std::span<const store::RegisteredObserver> observers) {
  for (const store::RegisteredObserver& observer : observers) {
    if (observer.kind != "citizen" && observer.kind != "party" && observer.kind != "international") {
      return InvalidArgument("observer '" + observer.id + "': kind must be citizen, party or international, not '" +
                             observer.kind + "'");
    }
    if (election_->UnitIndex(observer.id) >= 0) {
      return InvalidArgument("observer id '" + observer.id + "' is the id of a commission; choose another");
    }
    const std::optional<std::string> key = crypto::FromBase64(observer.public_key);
    if (!key || key->size() != crypto::kPublicKeyBytes) {
      return InvalidArgument("observer '" + observer.id + "': the key is not an Ed25519 public key (32 bytes, base64)");
    }
    if (keys_.contains(observer.public_key)) {
      return AlreadyExists("the key " + observer.public_key + " is already registered");
    }
  }
  if (Status ok = store_->AddObservers(observers); !ok) return ok;
  binding_.reset();
  for (const store::RegisteredObserver& observer : observers) {
    keys_[observer.public_key] = KeyState{observer.id, 0, true, {}};
    observer_list_.push_back(observer);
  }
  return {};
}

void ResultsService::RecordObservation(const store::StoredSubmission& row) {
  if (row.kind == store::SubmissionKind::kWitness) {
    const nlohmann::json json = nlohmann::json::parse(row.body, nullptr, false);
    if (!json.is_object() || !json.contains("witness")) return;
    Result<ledger::TreeHead> head = ledger::DecodeTreeHead(json["witness"].dump());
    const auto key = keys_.find(row.envelope.key);
    if (head && key != keys_.end()) witnesses_.emplace_back(key->second.commission, *head);
    return;
  }
  Result<core::ProtocolSubmission> copy = formats::DecodeProtocol(row.body);
  if (!copy) return;
  const core::Judgement judged = night_->JudgeProtocol(*copy);
  if (judged.contest < 0 || judged.unit < 0) return;
  Observation observation{row.seq, copy->commission, judged.contest, judged.round, judged.unit, judged.values};
  for (Observation& earlier : observations_) {
    if (earlier.observer == observation.observer && earlier.contest == observation.contest &&
        earlier.round == observation.round && earlier.local == observation.local) {
      earlier = std::move(observation);
      return;
    }
  }
  observations_.push_back(std::move(observation));
}

std::optional<Refused> ResultsService::CheckObservation(const SignedSubmission& submission,
                                                        store::StoredSubmission& row) {
  const crypto::Envelope& envelope = submission.envelope;
  if (std::optional<Refused> refused = CheckKeyAndSequence(submission)) return refused;
  if (!keys_.at(envelope.key).observer) {
    return Refused{Refusal::kNotAuthorised, "'" + envelope.commission +
                                                "' is a commission, not an accredited observer; commissions submit "
                                                "protocols"};
  }
  // Stored and logged as sent: bytes that are not UTF-8 could not be written in the log entry
  // (found by fuzz/signed_bodies: the commit threw on the writer thread).
  if (const std::optional<std::size_t> bad = FindInvalidUtf8(envelope.body)) {
    return Refused{Refusal::kMalformed,
                   "body: not UTF-8 at byte " + std::to_string(*bad) + "; " + std::string(kUtf8Hint)};
  }
  row.envelope = {envelope.key, envelope.seq, envelope.signature, envelope.body};
  row.accepted = true;
  row.reasons = "[]";
  row.version = 1;
  row.origin = "api:" + envelope.commission + "#" + std::to_string(envelope.seq);
  const nlohmann::json json = nlohmann::json::parse(envelope.body, nullptr, false);
  if (json.is_object() && json.contains("witness")) {
    Result<ledger::TreeHead> head = ledger::DecodeTreeHead(json["witness"].dump());
    if (!head) return Refused{Refusal::kMalformed, "body: witness: " + head.error().message};
    if (head->size == 0 || head->size > tree_.size() || tree_.Root(head->size) != head->root) {
      return Refused{Refusal::kUnknownHead, "this log never had root " + ledger::ToHex(head->root) + " at size " +
                                                std::to_string(head->size) +
                                                ": the head witnessed is not from this log's history"};
    }
    if (!ledger::VerifyTreeHead(*head) || !log_key_ || head->key != crypto::ToBase64(log_key_->public_key)) {
      return Refused{Refusal::kBadSignature, "the witnessed head does not carry this log's signature"};
    }
    row.kind = store::SubmissionKind::kWitness;
    row.body = envelope.body;
    return std::nullopt;
  }
  Result<formats::Submission> parsed = formats::ParseSubmissionJson(envelope.body, row.origin);
  if (!parsed) return Refused{Refusal::kMalformed, "body: " + parsed.error().message};
  auto* copy = std::get_if<core::ProtocolSubmission>(&*parsed);
  if (copy == nullptr) return Refused{Refusal::kMalformed, "body: an observer's copy is a protocol's figures"};
  const core::Judgement judged = night_->JudgeProtocol(*copy);
  if (judged.contest < 0) {
    return Refused{Refusal::kUnknownContest,
                   "contest '" + copy->contest + "' is not in election '" + election_->id() + "'"};
  }
  if (judged.unit < 0) {
    return Refused{Refusal::kUnknownUnit,
                   "'" + copy->unit + "' is not a polling station of contest '" + copy->contest + "'"};
  }
  for (const core::Violation& violation : judged.violations) {
    if (violation.relation == "readable-lines" || violation.relation == "options-exact" ||
        violation.relation == "non-negative") {
      return Refused{Refusal::kMalformed, "body: " + violation.relation + ": " + violation.detail};
    }
  }
  copy->commission = envelope.commission;
  row.kind = store::SubmissionKind::kObservation;
  row.contest = copy->contest;
  row.unit = copy->unit;
  row.round = copy->round;
  row.body = formats::EncodeProtocol(*copy);
  return std::nullopt;
}

Result<std::vector<Acknowledgement>> ResultsService::ObserveSigned(std::span<const SignedSubmission> batch,
                                                                   const std::string& received_at) {
  std::vector<Acknowledgement> acks(batch.size());
  std::vector<store::StoredSubmission> rows;
  std::vector<std::size_t> row_of_ack;
  std::vector<std::int64_t> last_seq;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const crypto::Envelope& envelope = batch[i].envelope;
    Acknowledgement& ack = acks[i];
    ack.origin = "api:" + envelope.commission + "#" + std::to_string(envelope.seq);
    store::StoredSubmission row;
    row.received_at = received_at;
    if (std::optional<Refused> refused = CheckObservation(batch[i], row)) {
      ack.what = "submission " + std::to_string(envelope.seq) + " of " + envelope.commission;
      ack.refused = std::move(refused);
      continue;
    }
    ack.what = row.kind == store::SubmissionKind::kWitness ? "witness by " + envelope.commission
                                                           : "observer copy " + row.contest + " at " + row.unit;
    ack.verdict = core::Verdict::kAccepted;
    ack.version = 1;
    last_seq.push_back(keys_[envelope.key].last_seq);
    keys_[envelope.key].last_seq = envelope.seq;
    row_of_ack.push_back(i);
    rows.push_back(std::move(row));
  }
  if (Status ok = AppendSealed(rows); !ok) {
    for (std::size_t r = rows.size(); r-- > 0;) keys_[rows[r].envelope.key].last_seq = last_seq[r];
    return ok.error();
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    acks[row_of_ack[r]].seq = rows[r].seq;
    RecordObservation(rows[r]);
  }
  FillLogFields(acks, rows, row_of_ack);
  return acks;
}

std::vector<ObserverFlag> ResultsService::ObserverFlags() const {
  std::vector<ObserverFlag> flags;
  const core::Tabulation& tabulation = night_->tabulation();
  for (const Observation& observation : observations_) {
    const core::ContestPlan& plan = night_->plan().contests()[observation.contest];
    ObserverFlag flag;
    flag.observer = observation.observer;
    for (const store::RegisteredObserver& observer : observer_list_) {
      if (observer.id == observation.observer) flag.organisation = observer.organisation;
    }
    flag.contest = plan.contest->id;
    flag.round = observation.round;
    flag.unit = election_->units()[plan.units[observation.local]].id;
    flag.seq = observation.seq;
    flag.counted = tabulation.HasRound(observation.contest, observation.round) &&
                   tabulation.Reported(observation.contest, observation.round, observation.local);
    if (flag.counted) {
      flag.lines = core::CompareValues(*plan.contest,
                                       tabulation.Totals(observation.contest, observation.round, observation.local),
                                       observation.values);
      if (flag.lines.empty()) continue;
    }
    flags.push_back(std::move(flag));
  }
  return flags;
}

}  // namespace saylau::service
