// ResultsService for signed submissions: registered keys, the refusals before judging
// (signature, key, contest and unit, authority, per-key sequence number), signed certification.
#include <nlohmann/json.hpp>

#include "saylau/core/stages.h"
#include "saylau/service/results_service.h"

namespace saylau::service {
namespace {

Refused Refuse(Refusal reason, std::string message) { return Refused{reason, std::move(message)}; }

bool IsAncestorOrSelf(const core::CountingPlan& plan, int ancestor, int unit) {
  for (int at = unit; at >= 0; at = plan.Parent(at)) {
    if (at == ancestor) return true;
  }
  return false;
}

}  // namespace

std::string_view RefusalName(Refusal refusal) {
  switch (refusal) {
    case Refusal::kMalformed:
      return "malformed";
    case Refusal::kBadSignature:
      return "bad-signature";
    case Refusal::kUnknownKey:
      return "unknown-key";
    case Refusal::kUnknownContest:
      return "unknown-contest";
    case Refusal::kUnknownUnit:
      return "unknown-unit";
    case Refusal::kNotAuthorised:
      return "not-authorised";
    case Refusal::kReplay:
      return "replay";
    case Refusal::kOutOfOrder:
      return "out-of-order";
    case Refusal::kNotAllowed:
      return "not-allowed";
    case Refusal::kUnknownHead:
      return "unknown-head";
  }
  return "malformed";
}

Status ResultsService::LoadKeys() {
  Result<std::vector<store::RegisteredKey>> keys = store_->Keys();
  if (!keys) return keys.error();
  key_list_ = std::move(*keys);
  keys_.clear();
  binding_.reset();
  for (const store::RegisteredKey& key : key_list_) keys_[key.public_key] = KeyState{key.commission, 0, false, {}};
  Result<std::vector<store::RegisteredObserver>> observers = store_->Observers();
  if (!observers) return observers.error();
  observer_list_ = std::move(*observers);
  for (const store::RegisteredObserver& observer : observer_list_) {
    keys_[observer.public_key] = KeyState{observer.id, 0, true, {}};
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
    keys_[row.public_key] = KeyState{row.commission, 0, false, {}};
    key_list_.push_back(std::move(row));
  }
  return {};
}

std::optional<Refused> ResultsService::CheckKeyAndSequence(const SignedSubmission& submission) const {
  const crypto::Envelope& envelope = submission.envelope;
  const auto key = keys_.find(envelope.key);
  if (key == keys_.end()) {
    return Refuse(Refusal::kUnknownKey, "the key " + envelope.key + " is not registered in this election");
  }
  if (key->second.commission != envelope.commission) {
    return Refuse(Refusal::kUnknownKey, "the key is registered to commission '" + key->second.commission +
                                            "', not to '" + envelope.commission + "'");
  }
  if (!submission.signature_valid) {
    return Refuse(Refusal::kBadSignature, "the signature does not match the envelope (commission, key, seq, body)");
  }
  const std::int64_t last = key->second.last_seq;
  if (envelope.seq == last) {
    return Refuse(Refusal::kReplay, "sequence number " + std::to_string(envelope.seq) +
                                        " of this key was used already (a replay); the next must be above it");
  }
  if (envelope.seq < last) {
    return Refuse(Refusal::kOutOfOrder, "sequence number " + std::to_string(envelope.seq) +
                                            " is below the last one this key used (" + std::to_string(last) + ")");
  }
  return std::nullopt;
}

const ResultsService::SignedRecord* ResultsService::RetryOf(const SignedSubmission& submission) const {
  const auto key = keys_.find(submission.envelope.key);
  if (!submission.signature_valid || key == keys_.end() || key->second.observer ||
      key->second.commission != submission.envelope.commission) {
    return nullptr;
  }
  const std::vector<SignedRecord>& recent = key->second.recent;
  const auto found = std::lower_bound(recent.begin(), recent.end(), submission.envelope.seq,
                                      [](const SignedRecord& record, std::int64_t seq) { return record.seq < seq; });
  if (found == recent.end() || found->seq != submission.envelope.seq ||
      found->signature != SignatureHash(submission.envelope.signature)) {
    return nullptr;
  }
  return &*found;
}

void ResultsService::Remember(KeyState& key, std::int64_t seq, std::string_view signature, core::Verdict verdict) {
  if (!key.recent.empty() && key.recent.back().seq >= seq) return;  // replayed out of order: not a retry target
  key.recent.push_back({seq, SignatureHash(signature), verdict});
  // Amortised trimming: keep between one and two windows.
  if (key.recent.size() >= 2 * kRetryWindow) key.recent.erase(key.recent.begin(), key.recent.end() - kRetryWindow);
}

std::optional<Refused> ResultsService::CheckSigned(const SignedSubmission& submission, formats::Submission& out) {
  const crypto::Envelope& envelope = submission.envelope;
  if (std::optional<Refused> refused = CheckKeyAndSequence(submission)) return refused;
  if (keys_.at(envelope.key).observer) {
    return Refuse(Refusal::kNotAuthorised, "'" + envelope.commission +
                                               "' is an accredited observer: observers send their copies to "
                                               "/api/v1/observations; only commissions submit protocols");
  }
  Result<formats::Submission> parsed =
      formats::ParseSubmissionJson(envelope.body, "api:" + envelope.commission + "#" + std::to_string(envelope.seq));
  if (!parsed) return Refuse(Refusal::kMalformed, "body: " + parsed.error().message);
  std::string unit_id;
  if (auto* protocol = std::get_if<core::ProtocolSubmission>(&*parsed)) {
    if (night_->plan().ContestIndex(protocol->contest) < 0) {
      return Refuse(Refusal::kUnknownContest,
                    "contest '" + protocol->contest + "' is not in election '" + election_->id() + "'");
    }
    if (!protocol->commission.empty() && protocol->commission != envelope.commission) {
      return Refuse(Refusal::kNotAuthorised, "the body names commission '" + protocol->commission +
                                                 "' but is signed by '" + envelope.commission + "'");
    }
    protocol->commission = envelope.commission;
    unit_id = protocol->unit;
  } else {
    auto& report = std::get<core::TurnoutSubmission>(*parsed);
    if (!report.commission.empty() && report.commission != envelope.commission) {
      return Refuse(Refusal::kNotAuthorised, "the body names commission '" + report.commission +
                                                 "' but is signed by '" + envelope.commission + "'");
    }
    report.commission = envelope.commission;
    unit_id = report.unit;
  }
  const int unit = election_->UnitIndex(unit_id);
  if (unit < 0)
    return Refuse(Refusal::kUnknownUnit, "unit '" + unit_id + "' is not in election '" + election_->id() + "'");
  const int by = election_->UnitIndex(envelope.commission);
  if (by < 0 || !IsAncestorOrSelf(night_->plan(), by, unit)) {
    return Refuse(Refusal::kNotAuthorised, "commission '" + envelope.commission + "' may not submit for '" + unit_id +
                                               "': only the unit's own commission or one above it may");
  }
  out = std::move(*parsed);
  return std::nullopt;
}

ResultsService::PreparedBatch ResultsService::PrepareSigned(std::span<const SignedSubmission> batch,
                                                            const std::string& received_at) {
  PreparedBatch prepared;
  prepared.generation = generation_;
  prepared.acks.reserve(batch.size());
  for (const SignedSubmission& submission : batch) {
    const crypto::Envelope& envelope = submission.envelope;
    if (const SignedRecord* stored = RetryOf(submission)) {
      // The same signed submission again (an acknowledgement lost with a connection or a
      // process): stored once already, so acknowledged as a duplicate, never stored twice.
      Acknowledgement ack;
      ack.verdict = core::Verdict::kDuplicate;
      ack.what = "submission " + std::to_string(envelope.seq) + " of " + envelope.commission + ": received already (" +
                 std::string(core::VerdictName(stored->verdict)) + ")";
      ack.origin = "api:" + envelope.commission + "#" + std::to_string(envelope.seq);
      prepared.acks.push_back(std::move(ack));
      continue;
    }
    formats::Submission parsed;
    if (std::optional<Refused> refused = CheckSigned(submission, parsed)) {
      Acknowledgement ack;
      ack.what = "submission " + std::to_string(envelope.seq) + " of " + envelope.commission;
      ack.origin = "api:" + envelope.commission + "#" + std::to_string(envelope.seq);
      ack.refused = std::move(refused);
      prepared.acks.push_back(std::move(ack));
      continue;
    }
    KeyState& key = keys_[envelope.key];
    key.last_seq = envelope.seq;
    JudgeInto(prepared, parsed, {envelope.key, envelope.seq, envelope.signature, envelope.body}, received_at);
    Remember(key, envelope.seq, envelope.signature, prepared.acks.back().verdict);
  }
  CollectTotals(prepared);
  prepared.head = Seal(prepared.rows);
  return prepared;
}

Result<Acknowledgement> ResultsService::CertifySigned(const SignedSubmission& submission,
                                                      const std::string& received_at) {
  const crypto::Envelope& envelope = submission.envelope;
  Acknowledgement ack;
  ack.origin = "api:" + envelope.commission + "#" + std::to_string(envelope.seq);
  ack.what = "certification by " + envelope.commission;
  const auto refuse = [&](Refusal reason, std::string message) {
    ack.refused = Refuse(reason, std::move(message));
    return ack;
  };
  if (std::optional<Refused> refused = CheckKeyAndSequence(submission)) {
    ack.refused = std::move(refused);
    return ack;
  }
  const std::string& cec = election_->units()[0].id;
  if (envelope.commission != cec) {
    return refuse(Refusal::kNotAuthorised, "only the Central Election Commission ('" + cec +
                                               "') certifies results; this is signed by '" + envelope.commission + "'");
  }
  const nlohmann::json json = nlohmann::json::parse(envelope.body, nullptr, false);
  const auto text = [&](const char* name) -> std::optional<std::string> {
    if (!json.is_object() || !json.contains(name) || !json[name].is_string()) return std::nullopt;
    return json[name].get<std::string>();
  };
  const std::optional<std::string> contest = text("contest"), stage = text("stage");
  if (!contest || !stage) {
    return refuse(Refusal::kMalformed,
                  "body: a certification is {\"contest\": ID, \"stage\": \"preliminary\"|\"final\"}");
  }
  const std::optional<core::Stage> parsed = core::StageFromName(*stage);
  if (!parsed || *parsed == core::Stage::kOpen) {
    return refuse(Refusal::kMalformed, "body: field 'stage' must be preliminary or final");
  }
  if (night_->plan().ContestIndex(*contest) < 0) {
    return refuse(Refusal::kUnknownContest, "contest '" + *contest + "' is not in election '" + election_->id() + "'");
  }
  const core::StageChange change{*contest, *parsed, received_at, envelope.commission, text("note").value_or("")};
  if (Status ok = night_->CheckStageChange(change); !ok) return refuse(Refusal::kNotAllowed, ok.error().message);
  if (Status ok = Certify(change, {envelope.key, envelope.seq, envelope.signature, envelope.body}); !ok) {
    return ok.error();
  }
  keys_[envelope.key].last_seq = envelope.seq;
  ack.verdict = core::Verdict::kAccepted;
  ack.version = 1;
  return ack;
}

}  // namespace saylau::service
