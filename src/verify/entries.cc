// The verifier's pass over the log, as a stream: workers read the entries in batches into a
// bounded window and decode them (a protocol's or turnout report's body too, once), hash and
// signature-check them; this thread follows them in log
// order, dropping each batch once replayed, admits each signed entry by the same rules
// the service applied when it came (intake/admission.h) and replays it into a fresh state,
// judging every protocol and turnout report again.
#include <fmt/format.h>

#include "saylau/crypto/ed25519_verify.h"
#include "saylau/crypto/envelope.h"
#include "saylau/formats/submission_json.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/intake/signed_submission.h"
#include "verifier.h"

namespace saylau::bundle {
namespace {

constexpr const char* kSignatures = "signatures";
constexpr const char* kKeys = "registered keys and sequence numbers";
constexpr const char* kAuthority = "authority of the signing commission";
constexpr const char* kCertifications = "certifications";
constexpr const char* kCopies = "observers' copies";
constexpr const char* kWitnesses = "witnessed heads (observers' countersignatures)";

bool IsObserverKind(const std::string& kind) { return kind == "observation" || kind == "witness"; }

// The body of a protocol or turnout entry, parsed as the replay would: a signed one as the
// service parsed it (intake's admission), an unsigned one in its stored canonical form. Empty
// when it does not parse (or the entry is of another kind): the replay parses it again to name
// the error.
std::optional<formats::Submission> ParseBody(const ledger::LogEntry& entry) {
  if (entry.kind != "protocol" && entry.kind != "turnout") return std::nullopt;
  if (entry.signed_entry()) {
    Result<formats::Submission> parsed = formats::ParseSubmissionJson(entry.body, intake::OriginOf(entry.envelope()));
    if (!parsed) return std::nullopt;
    return std::move(*parsed);
  }
  if (entry.kind == "protocol") {
    Result<core::ProtocolSubmission> protocol = formats::DecodeProtocol(entry.body);
    if (!protocol) return std::nullopt;
    return std::move(*protocol);
  }
  Result<core::TurnoutSubmission> report = formats::DecodeTurnout(entry.body);
  if (!report) return std::nullopt;
  return std::move(*report);
}

}  // namespace

bool Verifier::StartEntries() {
  entries_.open(root_ / kEntries, std::ios::binary);
  std::error_code error;
  if (!entries_ || !std::filesystem::is_regular_file(root_ / kEntries, error)) {
    Fail(kEntries, "missing");
    return false;
  }
  entries_size_ = std::filesystem::file_size(root_ / kEntries, error);
  const int threads =
      options_.threads > 0 ? options_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  report_.threads = threads;
  report_.batch_signatures = options_.batch_signatures;
  started_ = std::chrono::steady_clock::now();
  signatures_done_ = started_;
  for (int t = 0; t < threads; ++t) {
    pool_.emplace_back([this] {
      while (ClaimAndProcess(true)) {
      }
    });
  }
  return true;
}

// Reads the next batch into the window (waiting for room when `wait`), then decodes, hashes
// and signature-checks it. False when there is nothing more to read (or, without `wait`, no
// room now).
bool Verifier::ClaimAndProcess(bool wait) {
  Batch* batch = nullptr;
  {
    std::unique_lock lock(mutex_);
    while (wait && !stop_ && !entries_end_ && window_.size() >= kWindow) changed_.wait(lock);
    if (stop_ || entries_end_ || window_.size() >= kWindow) return false;
    auto read = std::make_unique<Batch>();
    read->first = entries_read_;
    std::string line;
    while (read->lines.size() < kBatch && std::getline(entries_, line)) {
      entries_bytes_ += line.size() + (entries_.eof() ? 0 : 1);
      read->lines.push_back(std::move(line));
    }
    if (!entries_) entries_end_ = true;
    if (read->lines.empty()) {
      changed_.notify_all();
      return false;
    }
    entries_read_ += read->lines.size();
    batch = read.get();
    window_.push_back(std::move(read));
  }
  batch->decoded.resize(batch->lines.size());
  for (std::size_t i = 0; i < batch->lines.size(); ++i) {
    Decoded& out = batch->decoded[i];
    out.leaf = ledger::LeafHash(batch->lines[i]);
    Result<ledger::LogEntry> entry = ledger::DecodeLogEntry(batch->lines[i]);
    if (!entry) {
      out.error = entry.error().message;
      continue;
    }
    out.entry = std::move(*entry);
    out.body = ParseBody(*out.entry);
  }
  CheckSignatures(*batch);
  batch->lines.clear();
  batch->lines.shrink_to_fit();
  {
    std::lock_guard lock(mutex_);
    batch->done = true;
    signatures_done_ = std::chrono::steady_clock::now();
  }
  changed_.notify_all();
  return true;
}

// The signatures of a batch's signed entries, by the pinned rule (crypto/ed25519_verify.h):
// together, or one at a time when options_.batch_signatures is off. A key or signature that
// is not base64 is simply not valid.
void Verifier::CheckSignatures(Batch& batch) {
  struct Signed {
    std::size_t at;
    std::string input, key, signature;
  };
  std::vector<Signed> signed_entries;
  for (std::size_t i = 0; i < batch.decoded.size(); ++i) {
    const std::optional<ledger::LogEntry>& entry = batch.decoded[i].entry;
    if (!entry || !entry->signed_entry()) continue;
    const crypto::Envelope envelope = entry->envelope();
    std::optional<std::string> key = crypto::FromBase64(envelope.key), signature = crypto::FromBase64(envelope.signature);
    if (!key || !signature) continue;
    signed_entries.push_back({i, crypto::SigningInput(envelope), std::move(*key), std::move(*signature)});
  }
  if (!options_.batch_signatures) {
    for (const Signed& item : signed_entries) {
      batch.decoded[item.at].signature_valid =
          crypto::CheckSignature(item.key, item.input, item.signature) == crypto::SignatureCheck::kValid;
    }
    return;
  }
  std::vector<crypto::SignatureToCheck> items;
  items.reserve(signed_entries.size());
  for (const Signed& item : signed_entries) items.push_back({item.key, item.input, item.signature});
  const std::vector<bool> valid = crypto::CheckSignatures(items);
  for (std::size_t j = 0; j < signed_entries.size(); ++j) batch.decoded[signed_entries[j].at].signature_valid = valid[j];
}

void Verifier::StopEntries() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;  // nothing more is read
  }
  changed_.notify_all();
  for (std::thread& thread : pool_) thread.join();
  pool_.clear();
  report_.signature_seconds = std::chrono::duration<double>(signatures_done_ - started_).count();
}

// Takes the window's batches in log order as they are done (reading and decoding one itself
// while it waits and there is room), replays them, and drops them.
void Verifier::Replay() {
  std::size_t replayed = 0;
  while (true) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock lock(mutex_);
      while (true) {
        if (!window_.empty() && window_.front()->done) {
          batch = std::move(window_.front());
          window_.pop_front();
          break;
        }
        if (window_.empty() && entries_end_) break;
        if (!entries_end_ && window_.size() < kWindow) {
          lock.unlock();
          ClaimAndProcess(false);
          lock.lock();
          continue;
        }
        changed_.wait(lock);
      }
    }
    changed_.notify_all();  // room in the window
    if (!batch) break;
    ReplayBatch(*batch);
    replayed += batch->decoded.size();
    if (entries_size_ > 0 && (batch->first / kBatch) % 16 == 0) {
      std::uint64_t read = 0;
      {
        std::lock_guard lock(mutex_);
        read = entries_bytes_;
      }
      Progress("verify", static_cast<double>(read) / static_cast<double>(entries_size_));
    }
  }
  Check(kWitnesses);  // reported even when no observer countersigned a head
  CheckLine& log = Check("log entries");
  log.checked = static_cast<std::int64_t>(replayed);
  if (unsigned_ > 0) log.detail = fmt::format("{} entered by the operator from files (unsigned)", unsigned_);
}

void Verifier::ReplayBatch(Batch& batch) {
  for (std::size_t k = 0; k < batch.decoded.size(); ++k) {
    const std::size_t i = batch.first + k;
    Decoded& decoded = batch.decoded[k];
    if (!decoded.entry) {
      tree_.Append(decoded.leaf);
      Fail(Place(kEntries, i), "not a log entry: " + decoded.error);
      continue;
    }
    ReplayEntry(i, decoded);  // before its leaf: a witness saw the log before it
    tree_.Append(decoded.leaf);
  }
}

void Verifier::ReplayEntry(std::size_t i, Decoded& decoded) {
  const ledger::LogEntry& entry = *decoded.entry;
  if (entry.signed_entry()) return ReplaySigned(i, decoded);
  ++unsigned_;
  if (IsObserverKind(entry.kind)) return Fail(Place(kEntries, i), "an observer's entry without a signature");
  ReplayUnsigned(i, decoded);
}

// The refusal the service would have given: the entry is not counted, and the check it broke
// is named.
void Verifier::Refuse(std::size_t i, const ledger::LogEntry& entry, const intake::Refused& refused,
                      const std::string& line) {
  const std::string place = Place(kEntries, i);
  switch (refused.reason) {
    case intake::Refusal::kBadSignature:
      if (line != kWitnesses) {
        ++Check(kSignatures).failed;
        return Fail(place, fmt::format("the signature does not verify ({} by '{}', key {}, key_seq {})", entry.kind,
                                       entry.commission, entry.key, entry.key_seq));
      }
      break;
    case intake::Refusal::kUnknownKey:
    case intake::Refusal::kReplay:
    case intake::Refusal::kOutOfOrder:
      ++Check(kKeys).failed;
      return Fail(place, fmt::format("key_seq {} of '{}': {}: an entry replayed, reordered or signed with a key "
                                     "that is not registered",
                                     entry.key_seq, entry.commission, refused.message));
    case intake::Refusal::kNotAuthorised:
      ++Check(kAuthority).failed;
      return Fail(place, refused.message);
    default:
      break;
  }
  ++Check(line).failed;
  Fail(place, fmt::format("{} ({}): {}", entry.kind, intake::RefusalName(refused.reason), refused.message));
}

// An admitted entry: its sequence number is used, and its key signed from here on.
void Verifier::Admitted(std::size_t i, const ledger::LogEntry& entry, bool observer) {
  keys_.Use(entry.key, entry.key_seq);
  key_uses_.Record(entry.key, observer, i);
}

void Verifier::ReplaySigned(std::size_t i, Decoded& decoded) {
  const ledger::LogEntry& entry = *decoded.entry;
  const intake::SignedSubmission submission{entry.envelope(), decoded.signature_valid, std::move(decoded.body)};
  ++Check(kSignatures).checked;
  ++Check(kKeys).checked;
  ++report_.signatures;
  if (entry.kind == "protocol" || entry.kind == "turnout") {
    ++Check(kAuthority).checked;
    intake::Admission<formats::Submission> admitted = intake::AdmitSubmission(submission, keys_, *night_);
    const std::string line =
        entry.kind == "protocol" ? "protocols re-judged (control relations)" : "turnout reports re-judged";
    if (const intake::Refused* refused = intake::RefusalOf(admitted)) return Refuse(i, entry, *refused, line);
    Admitted(i, entry, false);
    const formats::Submission& parsed = std::get<formats::Submission>(admitted);
    if (const auto* protocol = std::get_if<core::ProtocolSubmission>(&parsed); protocol && entry.kind == "protocol") {
      return CountProtocol(i, entry, *protocol);
    }
    if (const auto* report = std::get_if<core::TurnoutSubmission>(&parsed); report && entry.kind == "turnout") {
      return CountTurnout(i, entry, *report);
    }
    ++Check(line).failed;
    return Fail(Place(kEntries, i), "the body is not a " + entry.kind);
  }
  if (entry.kind == "stage") {
    ++Check(kCertifications).checked;
    intake::Admission<core::StageChange> admitted =
        intake::AdmitCertification(submission, keys_, *night_, entry.received_at);
    if (const intake::Refused* refused = intake::RefusalOf(admitted)) return Refuse(i, entry, *refused, kCertifications);
    Admitted(i, entry, false);
    night_->RecordStageChange(std::get<core::StageChange>(admitted));
    return;
  }
  if (IsObserverKind(entry.kind)) {
    const bool witness = entry.kind == "witness";
    const std::string line = witness ? kWitnesses : kCopies;
    ++Check(line).checked;
    intake::Admission<intake::Observation> admitted =
        intake::AdmitObservation(submission, keys_, *night_, {tree_, tree_.size(), log_key_});
    if (const intake::Refused* refused = intake::RefusalOf(admitted)) return Refuse(i, entry, *refused, line);
    const intake::Observation& observation = std::get<intake::Observation>(admitted);
    if (std::holds_alternative<ledger::TreeHead>(observation) != witness) {
      ++Check(line).failed;
      return Fail(Place(kEntries, i), "the body is not a " + std::string(witness ? "witnessed head" : "protocol copy"));
    }
    Admitted(i, entry, true);
    if (const auto* copy = std::get_if<intake::ObserverCopy>(&observation)) {
      observer_copies_.Record(static_cast<std::int64_t>(i) + 1, entry.commission, copy->judged);
    } else if (const auto* report = std::get_if<core::ObserverReport>(&observation)) {
      observer_reports_.Record(static_cast<std::int64_t>(i) + 1, *report, *night_);
    }
    return;
  }
  if (entry.kind == "recount") {
    if (std::optional<intake::Refused> refused = keys_.CheckSigner(submission)) {
      return Refuse(i, entry, *refused, "recount orders");
    }
    Admitted(i, entry, false);
    return RecordRecount(i, entry);
  }
  Fail(Place(kEntries, i), "unknown kind of entry '" + entry.kind + "'");
}

// What the operator entered from files: stored in the canonical form, judged as stored.
void Verifier::ReplayUnsigned(std::size_t i, Decoded& decoded) {
  const ledger::LogEntry& entry = *decoded.entry;
  const std::string place = Place(kEntries, i);
  if (entry.kind == "protocol") {
    if (auto* parsed = decoded.body ? std::get_if<core::ProtocolSubmission>(&*decoded.body) : nullptr) {
      return CountProtocol(i, entry, *parsed);
    }
    Result<core::ProtocolSubmission> protocol = formats::DecodeProtocol(entry.body);
    if (!protocol) return Fail(place, "the body is not a protocol: " + protocol.error().message);
    return CountProtocol(i, entry, *protocol);
  }
  if (entry.kind == "turnout") {
    if (auto* parsed = decoded.body ? std::get_if<core::TurnoutSubmission>(&*decoded.body) : nullptr) {
      return CountTurnout(i, entry, *parsed);
    }
    Result<core::TurnoutSubmission> report = formats::DecodeTurnout(entry.body);
    if (!report) return Fail(place, "the body is not a turnout: " + report.error().message);
    return CountTurnout(i, entry, *report);
  }
  if (entry.kind == "stage") {
    CheckLine& line = Check(kCertifications);
    ++line.checked;
    Result<core::StageChange> change = formats::DecodeStageChange(entry.body);
    if (!change) {
      ++line.failed;
      return Fail(place, change.error().message);
    }
    if (Status ok = night_->CheckStageChange(*change); !ok) {
      ++line.failed;
      return Fail(place, "certification of " + change->contest + " as " + std::string(core::StageName(change->stage)) +
                             " was not allowed at that point: " + ok.error().message);
    }
    night_->RecordStageChange(*change);
    return;
  }
  if (entry.kind == "recount") return RecordRecount(i, entry);
  Fail(place, "unknown kind of entry '" + entry.kind + "'");
}

void Verifier::CountProtocol(std::size_t i, const ledger::LogEntry& entry, const core::ProtocolSubmission& protocol) {
  core::Judgement judgement = night_->JudgeProtocol(protocol);
  const std::string what = "protocol " + protocol.contest + " at " + protocol.unit;
  if (!judgement.contest.valid() || !judgement.station.valid())
    return Fail(Place(kEntries, i), what + ": no such contest or polling station");
  CompareVerdict(i, entry, judgement, what);
  night_->RecordProtocol(judgement);
  if (judgement.verdict == core::Verdict::kAccepted && judgement.round >= 1) {
    const std::size_t units = night_->plan().contests()[judgement.contest.at()].units.size();
    const std::size_t at = static_cast<std::size_t>(judgement.round - 1) * units + judgement.station.at();
    if (counted_.size() <= judgement.contest.at()) counted_.resize(night_->plan().contests().size());
    std::vector<Counted>& slots = counted_[judgement.contest.at()];
    if (slots.size() <= at) slots.resize(std::max(at + 1, units));
    slots[at] = {judgement.version, static_cast<std::int64_t>(i) + 1};
  }
  if (!protocol.photo.empty()) photos_.Add(protocol.photo, i);
}

std::pair<int, std::int64_t> Verifier::CountedAt(core::ContestIndex contest, int round,
                                                 core::LocalUnit station) const {
  if (!contest.valid() || contest.at() >= counted_.size() || round < 1) return {};
  const std::size_t units = night_->plan().contests()[contest.at()].units.size();
  const std::size_t at = static_cast<std::size_t>(round - 1) * units + station.at();
  const std::vector<Counted>& slots = counted_[contest.at()];
  return at < slots.size() ? std::pair(slots[at].version, slots[at].seq) : std::pair<int, std::int64_t>();
}

void Verifier::CountTurnout(std::size_t i, const ledger::LogEntry& entry, const core::TurnoutSubmission& report) {
  core::Judgement judgement = night_->JudgeTurnout(report);
  // A report logged as rejected for its unit or time (known-time, attendance-time) is re-judged
  // like any other; only one logged as accepted must have a unit and a time.
  if ((!judgement.unit.valid() || judgement.time < 0) && entry.accepted) {
    return Fail(Place(kEntries, i), "turnout at " + report.unit + " " + report.time + ": no such unit or reporting time");
  }
  CompareVerdict(i, entry, judgement, "turnout " + report.unit + " at " + report.time);
  night_->RecordTurnout(judgement, report);
}

void Verifier::CompareVerdict(std::size_t i, const ledger::LogEntry& entry, core::Judgement& judgement,
                              const std::string& what) {
  CheckLine& line =
      Check(entry.kind == "protocol" ? "protocols re-judged (control relations)" : "turnout reports re-judged");
  ++line.checked;
  const core::Verdict logged = entry.accepted ? core::Verdict::kAccepted : core::Verdict::kRejected;
  if (judgement.verdict == logged) return;
  ++line.failed;
  std::string why;
  for (const core::Violation& v : judgement.violations) why += "; " + v.relation + ": " + v.detail;
  Fail(Place(kEntries, i), fmt::format("{}: logged as {}, but the rules judge it {}{}", what,
                                       entry.accepted ? "accepted" : "rejected", core::VerdictName(judgement.verdict), why));
  judgement.verdict = logged;
  if (judgement.version == 0) judgement.version = 1;
}

void Verifier::RecordRecount(std::size_t i, const ledger::LogEntry& entry) {
  CheckLine& line = Check("recount orders");
  ++line.checked;
  Result<core::RecountOrder> order = formats::DecodeRecount(entry.body);
  if (!order || !night_->CheckRecount(*order)) {
    ++line.failed;
    return Fail(Place(kEntries, i), "a recount order that does not decode or was not allowed at that point");
  }
  night_->RecordRecount(*order);
}

}  // namespace saylau::bundle
