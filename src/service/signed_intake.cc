// ResultsService for signed submissions: registered keys, admission by the rules of intake/
// (the refusals before judging), then judged, stored and acknowledged; signed certification.
#include "saylau/intake/admission.h"
#include "saylau/service/results_service.h"

namespace saylau::service {

Status ResultsService::LoadKeys() {
  Result<std::vector<store::RegisteredKey>> keys = store_->Keys();
  if (!keys) return keys.error();
  key_list_ = std::move(*keys);
  keys_ = {};
  binding_.reset();
  for (const store::RegisteredKey& key : key_list_) keys_.Add(key.public_key, key.commission, false);
  Result<std::vector<store::RegisteredObserver>> observers = store_->Observers();
  if (!observers) return observers.error();
  observer_list_ = std::move(*observers);
  for (const store::RegisteredObserver& observer : observer_list_) {
    keys_.Add(observer.public_key, observer.id, true);
  }
  return {};
}

Status ResultsService::AddKeys(std::span<const crypto::KeyPair> keys, const std::string& added_at) {
  std::vector<store::RegisteredKey> rows;
  rows.reserve(keys.size());
  for (const crypto::KeyPair& key : keys) {
    if (election_->UnitIndex(key.commission) < 0) {
      return NotFound("commission '" + key.commission + "' is not a unit of election '" + election_->id() +
                      "' (a commission is named by its unit: a station, district, region, or the country for the CEC)");
    }
    if (key.public_key.size() != crypto::kPublicKeyBytes) {
      return InvalidArgument("the key of '" + key.commission + "' is not an Ed25519 public key (32 bytes)");
    }
    rows.push_back({crypto::ToBase64(key.public_key), key.commission, added_at});
  }
  if (Status ok = store_->AddKeys(rows); !ok) return ok;
  binding_.reset();
  for (store::RegisteredKey& row : rows) {
    keys_.Add(row.public_key, row.commission, false);
    key_list_.push_back(std::move(row));
  }
  return {};
}

ResultsService::PreparedBatch ResultsService::PrepareSigned(std::span<const SignedSubmission> batch,
                                                            const std::string& received_at) {
  PreparedBatch prepared;
  prepared.generation = generation_;
  prepared.acks.reserve(batch.size());
  for (const SignedSubmission& submission : batch) {
    const crypto::Envelope& envelope = submission.envelope;
    if (const intake::KeyRegistry::Record* stored = keys_.ResendOf(submission)) {
      // The same signed submission again (an acknowledgement lost with a connection or a
      // process): stored once already, so acknowledged as a duplicate, never stored twice.
      Acknowledgement ack;
      ack.verdict = core::Verdict::kDuplicate;
      ack.what = "submission " + std::to_string(envelope.seq) + " of " + envelope.commission + ": received already (" +
                 std::string(core::VerdictName(stored->verdict)) + ")";
      ack.origin = intake::OriginOf(envelope);
      prepared.acks.push_back(std::move(ack));
      continue;
    }
    intake::Admission<formats::Submission> admitted = intake::AdmitSubmission(submission, keys_, *night_);
    if (const Refused* refused = intake::RefusalOf(admitted)) {
      Acknowledgement ack;
      ack.what = "submission " + std::to_string(envelope.seq) + " of " + envelope.commission;
      ack.origin = intake::OriginOf(envelope);
      ack.refused = *refused;
      prepared.acks.push_back(std::move(ack));
      continue;
    }
    keys_.SetLastSeq(envelope.key, envelope.seq);
    JudgeInto(prepared, std::get<formats::Submission>(admitted),
              {envelope.key, envelope.seq, envelope.signature, envelope.body}, received_at);
    keys_.Remember(envelope.key, envelope.seq, envelope.signature, prepared.acks.back().verdict);
  }
  CollectTotals(prepared);
  prepared.head = Seal(prepared.rows);
  return prepared;
}

Result<Acknowledgement> ResultsService::CertifySigned(const SignedSubmission& submission,
                                                      const std::string& received_at) {
  const crypto::Envelope& envelope = submission.envelope;
  Acknowledgement ack;
  ack.origin = intake::OriginOf(envelope);
  ack.what = "certification by " + envelope.commission;
  intake::Admission<core::StageChange> admitted = intake::AdmitCertification(submission, keys_, *night_, received_at);
  if (const Refused* refused = intake::RefusalOf(admitted)) {
    ack.refused = *refused;
    return ack;
  }
  const core::StageChange& change = std::get<core::StageChange>(admitted);
  if (Status ok = Certify(change, {envelope.key, envelope.seq, envelope.signature, envelope.body}); !ok) {
    return ok.error();
  }
  keys_.SetLastSeq(envelope.key, envelope.seq);
  ack.verdict = core::Verdict::kAccepted;
  ack.version = 1;
  return ack;
}

}  // namespace saylau::service
