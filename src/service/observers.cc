// ResultsService for accredited observers: registration, their signed copies of station
// protocols and countersignatures of tree heads (stored and logged, never counted), and the
// stations where a copy differs from what is counted; their reports without figures.
#include "saylau/formats/observer_report_json.h"
#include "saylau/formats/submission_json.h"
#include "saylau/intake/admission.h"
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
    if (keys_.Contains(observer.public_key)) {
      return AlreadyExists("the key " + observer.public_key + " is already registered");
    }
  }
  if (Status ok = store_->AddObservers(observers); !ok) return ok;
  binding_.reset();
  for (const store::RegisteredObserver& observer : observers) {
    keys_.Add(observer.public_key, observer.id, true);
    observer_list_.push_back(observer);
  }
  return {};
}

intake::LogView ResultsService::CurrentLog() const {
  return {tree_, tree_.size(), log_key_ ? crypto::ToBase64(log_key_->public_key) : std::string()};
}

void ResultsService::RecordObservation(const store::StoredSubmission& row) {
  if (row.kind == store::SubmissionKind::kWitness) {
    Result<std::optional<ledger::TreeHead>> head = ledger::DecodeWitness(row.body);
    const intake::KeyRegistry::Key* key = keys_.Find(row.envelope.key);
    if (head && *head && key != nullptr) witnesses_.emplace_back(key->holder, **head);
    return;
  }
  Result<std::optional<core::ObserverReport>> report = formats::ParseObserverReportJson(row.body, row.origin);
  if (report && *report) {
    // Stored canonically with its observer (EncodeObserverReport); the signer, if not.
    if ((*report)->observer.empty()) {
      const intake::KeyRegistry::Key* key = keys_.Find(row.envelope.key);
      if (key == nullptr) return;
      (*report)->observer = key->holder;
    }
    observer_reports_.Record(row.seq, **report, *night_);
    return;
  }
  Result<core::ProtocolSubmission> copy = formats::DecodeProtocol(row.body);
  if (!copy) return;
  const core::Judgement judged = night_->JudgeProtocol(*copy);
  if (!judged.contest.valid() || !judged.station.valid()) return;
  observer_copies_.Record(row.seq, copy->commission, judged);
}

Result<std::vector<Acknowledgement>> ResultsService::ObserveSigned(std::span<const SignedSubmission> batch,
                                                                   const std::string& received_at) {
  std::vector<Acknowledgement> acks(batch.size());
  std::vector<store::StoredSubmission> rows;
  std::vector<std::size_t> row_of_ack;
  std::vector<std::int64_t> last_seq;
  const intake::LogView log = CurrentLog();  // the log before this batch: what a witness may have seen
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const crypto::Envelope& envelope = batch[i].envelope;
    Acknowledgement& ack = acks[i];
    ack.origin = intake::OriginOf(envelope);
    intake::Admission<intake::Observation> admitted = intake::AdmitObservation(batch[i], keys_, *night_, log);
    if (const Refused* refused = intake::RefusalOf(admitted)) {
      ack.what = "submission " + std::to_string(envelope.seq) + " of " + envelope.commission;
      ack.refused = *refused;
      continue;
    }
    store::StoredSubmission row;
    row.received_at = received_at;
    row.envelope = {envelope.key, envelope.seq, envelope.signature, envelope.body};
    row.accepted = true;
    row.reasons = "[]";
    row.version = 1;
    row.origin = ack.origin;
    const intake::Observation& observation = std::get<intake::Observation>(admitted);
    if (const auto* copy = std::get_if<intake::ObserverCopy>(&observation)) {
      row.kind = store::SubmissionKind::kObservation;
      row.contest = copy->copy.contest;
      row.unit = copy->copy.unit;
      row.round = copy->copy.round;
      row.body = formats::EncodeProtocol(copy->copy);
      ack.what = "observer copy " + row.contest + " at " + row.unit;
    } else if (const auto* report = std::get_if<core::ObserverReport>(&observation)) {
      row.kind = store::SubmissionKind::kObservation;
      row.contest = report->contest;
      row.unit = report->unit;
      row.round = report->round;
      row.body = formats::EncodeObserverReport(*report);
      ack.what = "observer report " + std::string(core::ObservationReasonName(report->reason)) + " " + row.contest +
                 " at " + row.unit;
    } else {
      row.kind = store::SubmissionKind::kWitness;
      row.body = envelope.body;
      ack.what = "witness by " + envelope.commission;
    }
    ack.verdict = core::Verdict::kAccepted;
    ack.version = 1;
    last_seq.push_back(keys_.LastSeq(envelope.key));
    keys_.SetLastSeq(envelope.key, envelope.seq);
    row_of_ack.push_back(i);
    rows.push_back(std::move(row));
  }
  if (Status ok = AppendSealed(rows); !ok) {
    for (std::size_t r = rows.size(); r-- > 0;) keys_.SetLastSeq(rows[r].envelope.key, last_seq[r]);
    return ok.error();
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    acks[row_of_ack[r]].seq = rows[r].seq;
    RecordObservation(rows[r]);
  }
  FillLogFields(acks, rows, row_of_ack);
  return acks;
}

std::vector<intake::ObserverReportEntry> ResultsService::ObserverReports() const {
  return observer_reports_.List([this](const std::string& observer) {
    for (const store::RegisteredObserver& registered : observer_list_) {
      if (registered.id == observer) return registered.organisation;
    }
    return std::string();
  });
}

std::vector<ObserverFlag> ResultsService::ObserverFlags() const {
  return observer_copies_.Flags(*night_, [this](const std::string& observer) {
    for (const store::RegisteredObserver& registered : observer_list_) {
      if (registered.id == observer) return registered.organisation;
    }
    return std::string();
  });
}

}  // namespace saylau::service
