// ResultsService: judge, store, acknowledge; replay on open.
#include "saylau/service/results_service.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <future>

#include "saylau/formats/submission_json.h"
#include "saylau/formats/totals_json.h"

namespace saylau::service {
namespace {

store::StoredTotals Stored(formats::TotalsRow row) {
  return {std::move(row.contest), row.round, std::move(row.unit), row.reported, row.voters_reported,
          std::move(row.lines)};
}

}  // namespace

std::vector<store::StoredTotals> AllTotals(const core::ElectionNight& night) {
  std::vector<store::StoredTotals> rows;
  for (formats::TotalsRow& row : formats::AllTotals(night)) rows.push_back(Stored(std::move(row)));
  return rows;
}

namespace {

// "<kind> <first> at <second>[ (round N)]", built in one allocation (once per submission).
std::string DescribeAs(std::string_view kind, std::string_view first, std::string_view second, int round) {
  const std::string round_text = round != 1 ? " (round " + std::to_string(round) + ")" : std::string();
  std::string out;
  out.reserve(kind.size() + first.size() + 4 + second.size() + round_text.size());
  out.append(kind).append(first).append(" at ").append(second).append(round_text);
  return out;
}

std::string Describe(const core::ProtocolSubmission& protocol) {
  if (protocol.contest.empty() && protocol.unit.empty()) return "a line that could not be read";
  return DescribeAs("protocol ", protocol.contest, protocol.unit, protocol.round);
}

std::string Describe(const core::TurnoutSubmission& report) {
  return DescribeAs("turnout ", report.unit, report.time, report.round);
}

// The acknowledgement of a submission another writer stored, for this process's live stream.
Acknowledgement AcknowledgementOf(const store::StoredSubmission& stored) {
  Acknowledgement ack;
  ack.seq = stored.seq;
  ack.leaf_index = stored.seq - 1;
  ack.verdict = stored.accepted ? core::Verdict::kAccepted : core::Verdict::kRejected;
  ack.version = stored.version;
  ack.origin = stored.origin;
  switch (stored.kind) {
    case store::SubmissionKind::kProtocol:
      ack.what = "protocol " + stored.contest + " at " + stored.unit +
                 (stored.round != 1 ? " (round " + std::to_string(stored.round) + ")" : "");
      ack.correction = stored.version > 1;
      break;
    case store::SubmissionKind::kTurnout:
      ack.what = "turnout " + stored.unit + " at " + stored.time +
                 (stored.round != 1 ? " (round " + std::to_string(stored.round) + ")" : "");
      break;
    case store::SubmissionKind::kStageChange:
      ack.what = "certification of " + stored.contest +
                 (stored.round != 1 ? " (round " + std::to_string(stored.round) + ")" : "");
      break;
    default:
      ack.what = std::string(store::SubmissionKindName(stored.kind)) + " " + stored.unit;
  }
  return ack;
}

}  // namespace

std::string NowUtc() {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::vector<intake::DefinitionFile> DefinitionFilesOf(std::span<const store::DefinitionFile> files) {
  std::vector<intake::DefinitionFile> out;
  out.reserve(files.size());
  for (const store::DefinitionFile& file : files) out.push_back({file.name, file.role, file.content});
  return out;
}

Result<core::Election> LoadElection(std::span<const store::DefinitionFile> files) {
  return intake::LoadElection(DefinitionFilesOf(files));
}

ResultsService::ResultsService(std::unique_ptr<store::Store> store, std::unique_ptr<core::Election> election)
    : store_(std::move(store)),
      election_(std::move(election)),
      night_(std::make_unique<core::ElectionNight>(*election_)) {}

Result<std::unique_ptr<ResultsService>> ResultsService::Open(std::unique_ptr<store::Store> store,
                                                             const Progress& progress,
                                                             const intake::LoadOptions& load) {
  std::unique_ptr<core::Election> loaded;
  ledger::Hash definition_hash{};
  {
    // The definition's text (at 800,000 stations the stations' CSV alone is 189 MB) is moved,
    // not copied, and gone before the live state is built: it is not part of the peak.
    Result<std::vector<store::DefinitionFile>> files = store->DefinitionFiles();
    if (!files) return files.error();
    std::vector<intake::DefinitionFile> definition;
    definition.reserve(files->size());
    for (store::DefinitionFile& file : *files) {
      definition.push_back({std::move(file.name), std::move(file.role), std::move(file.content)});
    }
    files->clear();
    // The hash (SHA-256 of every file: ~0.1 s at 800,000 stations) on a second thread while the
    // files are parsed, which keeps the second core busy only part of the time.
    std::future<ledger::Hash> hash =
        std::async(std::launch::async, [&definition] { return intake::DefinitionHashOf(definition); });
    Result<core::Election> election = intake::LoadElection(definition, load);
    definition_hash = hash.get();  // waited for before `definition` goes, whatever the load gave
    if (!election) {
      return FailedPrecondition("the stored definition does not load: " + election.error().message);
    }
    loaded = std::make_unique<core::Election>(std::move(*election));
  }
  std::unique_ptr<ResultsService> service(new ResultsService(std::move(store), std::move(loaded)));
  service->definition_hash_ = definition_hash;
  if (Status ok = service->Start(progress); !ok) return ok.error();
  return service;
}

Result<std::unique_ptr<ResultsService>> ResultsService::OpenCreated(std::unique_ptr<store::Store> store,
                                                                    core::Election election,
                                                                    std::span<const intake::DefinitionFile> files) {
  std::unique_ptr<ResultsService> service(
      new ResultsService(std::move(store), std::make_unique<core::Election>(std::move(election))));
  service->definition_hash_ = intake::DefinitionHashOf(files);
  if (Status ok = service->Start({}); !ok) return ok.error();
  return service;
}

Status ResultsService::Start(const Progress& progress) {
  int disagreements = 0;
  std::int64_t count = 0;
  if (Status ok = LoadKeys(); !ok) return ok;
  if (Status ok = Replay(*night_, &disagreements, &count, progress); !ok) return ok;
  if (Status ok = CheckStoredHeads(); !ok) return ok;
  (void)night_->tabulation().TakeChanged();
  return {};
}

Status ResultsService::Replay(core::ElectionNight& night, int* disagreements, std::int64_t* count,
                              const Progress& progress) {
  // The live state also rebuilds the transparency log and the observers' submissions.
  if (&night == night_.get()) {
    tree_ = {};
    referenced_photos_.clear();
    observer_copies_.Clear();
    observer_reports_.Clear();
    witnesses_.clear();
  }
  return store_->Scan(0, [&](const store::StoredSubmission& stored) -> Status {
    ++*count;
    if (progress && *count % 100000 == 0) progress(*count);
    return ApplyStored(night, stored, disagreements);
  });
}

Status ResultsService::ApplyStored(core::ElectionNight& night, const store::StoredSubmission& stored,
                                   int* disagreements) {
  const bool live = &night == night_.get();
  if (live) {
    if (static_cast<std::uint64_t>(stored.seq) != tree_.size() + 1) {
      return FailedPrecondition("stored submission " + std::to_string(stored.seq) + " follows " +
                                std::to_string(tree_.size()) + ": the log has a gap");
    }
    tree_.Append(ledger::LeafHash(ledger::EncodeLogEntry(LogEntryOf(stored))));
  }
  if (!stored.envelope.key.empty()) {
    keys_.Use(stored.envelope.key, stored.envelope.seq);
    keys_.Remember(stored.envelope.key, stored.envelope.seq, stored.envelope.signature,
                   stored.accepted ? core::Verdict::kAccepted : core::Verdict::kRejected);
  }
  const auto bad = [&](const Error& error) {
    return FailedPrecondition("stored submission " + std::to_string(stored.seq) + ": " + error.message);
  };
  switch (stored.kind) {
    case store::SubmissionKind::kProtocol: {
      Result<core::ProtocolSubmission> protocol = formats::DecodeProtocol(stored.body);
      if (!protocol) return bad(protocol.error());
      if (live && !protocol->photo.empty()) referenced_photos_.insert(protocol->photo);
      core::Judgement judgement = night.JudgeProtocol(*protocol);
      const core::Verdict stored_verdict = stored.accepted ? core::Verdict::kAccepted : core::Verdict::kRejected;
      if (judgement.verdict != stored_verdict) {
        ++*disagreements;
        if (stored.accepted && (!judgement.contest.valid() || !judgement.station.valid())) return {};
        judgement.verdict = stored_verdict;
        if (judgement.version == 0)
          judgement.version = night.Versions(judgement.contest, judgement.round, judgement.station) + 1;
      }
      night.RecordProtocol(judgement);
      return {};
    }
    case store::SubmissionKind::kTurnout: {
      Result<core::TurnoutSubmission> report = formats::DecodeTurnout(stored.body);
      if (!report) return bad(report.error());
      core::Judgement judgement = night.JudgeTurnout(*report);
      const core::Verdict stored_verdict = stored.accepted ? core::Verdict::kAccepted : core::Verdict::kRejected;
      if (judgement.verdict != stored_verdict) {
        ++*disagreements;
        if (!judgement.unit.valid() || judgement.time < 0) return {};
        judgement.verdict = stored_verdict;
        if (judgement.version == 0) judgement.version = 1;
      }
      night.RecordTurnout(judgement, *report);
      return {};
    }
    case store::SubmissionKind::kStageChange: {
      Result<core::StageChange> change = formats::DecodeStageChange(stored.body);
      if (!change) return bad(change.error());
      night.RecordStageChange(*change);
      return {};
    }
    case store::SubmissionKind::kRecount: {
      Result<core::RecountOrder> order = formats::DecodeRecount(stored.body);
      if (!order) return bad(order.error());
      night.RecordRecount(*order);
      return {};
    }
    case store::SubmissionKind::kObservation:
    case store::SubmissionKind::kWitness:
      if (live) RecordObservation(stored);
      return {};
  }
  return {};
}

Result<std::vector<Acknowledgement>> ResultsService::CatchUp() {
  std::vector<Acknowledgement> caught;
  if (stale_) {
    // A failed commit whose reload failed too (the store was gone): start again from the store.
    if (Status ok = Reload(); !ok) return ok.error();
    stale_ = false;
  } else {
    int disagreements = 0;
    Status ok = store_->Scan(static_cast<std::int64_t>(tree_.size()), [&](const store::StoredSubmission& stored) {
      if (Status applied = ApplyStored(*night_, stored, &disagreements); !applied) return applied;
      caught.push_back(AcknowledgementOf(stored));
      return Status();
    });
    if (!ok) {
      // Part of it may be applied: the next call starts from the store again.
      stale_ = true;
      ++generation_;
      return ok.error();
    }
    if (caught.empty()) return caught;
  }
  (void)night_->tabulation().TakeChanged();  // the other writer stored these totals already
  Result<std::optional<store::StoredTreeHead>> latest = store_->LatestTreeHead();
  if (!latest) return latest.error();
  if (*latest && static_cast<std::uint64_t>((*latest)->size) == tree_.size()) Published(*latest);
  return caught;
}

Status ResultsService::Reload() {
  night_ = std::make_unique<core::ElectionNight>(*election_);
  keys_.ForgetUses();  // the failed batch's sequence numbers go; the replay sets the stored ones
  int disagreements = 0;
  std::int64_t count = 0;
  Status ok = Replay(*night_, &disagreements, &count, {});
  (void)night_->tabulation().TakeChanged();
  if (!ok) return ok;
  // A commit reported as failed may be stored after all (an fsync error after the write): its
  // rows are replayed now, and the log head is the stored one that covers them.
  Result<std::optional<store::StoredTreeHead>> latest = store_->LatestTreeHead();
  if (!latest) return latest.error();
  if (*latest && static_cast<std::uint64_t>((*latest)->size) == tree_.size()) Published(*latest);
  return {};
}

Result<std::vector<Acknowledgement>> ResultsService::Submit(std::span<const formats::Submission> batch,
                                                            const std::string& received_at) {
  PreparedBatch prepared = Prepare(batch, received_at);
  const Status persisted = Persist(prepared);
  return Acknowledge(prepared, persisted);
}

ResultsService::PreparedBatch ResultsService::Prepare(std::span<const formats::Submission> batch,
                                                      const std::string& received_at) {
  PreparedBatch prepared = PrepareJudged(batch, received_at);
  prepared.head = Seal(prepared.rows);
  return prepared;
}

ResultsService::PreparedBatch ResultsService::PrepareUnsealed(std::span<const formats::Submission> batch,
                                                              const std::string& received_at) {
  PreparedBatch prepared = PrepareJudged(batch, received_at);
  // Hashed here, on the judging thread, so that the storing thread (SealAndPersist) is left
  // with the tree's appends and SQLite, and the pipeline keeps two busy threads on two cores.
  prepared.leaves.resize(prepared.rows.size());
  HashLeaves(prepared.rows, prepared.leaves);
  return prepared;
}

ResultsService::PreparedBatch ResultsService::PrepareJudged(std::span<const formats::Submission> batch,
                                                            const std::string& received_at) {
  PreparedBatch prepared;
  prepared.generation = generation_;
  prepared.acks.reserve(batch.size());
  prepared.rows.reserve(batch.size());
  for (const formats::Submission& submission : batch) JudgeInto(prepared, submission, {}, received_at);
  CollectTotals(prepared);
  return prepared;
}

Status ResultsService::SealAndPersist(PreparedBatch& batch) {
  if (batch.generation != generation_) {
    return Unavailable("the batch was judged before a failed commit; nothing of it was stored; submit it again");
  }
  batch.head = Seal(batch.rows, batch.leaves);
  return Persist(batch);
}

void ResultsService::JudgeInto(PreparedBatch& prepared, const formats::Submission& submission,
                               store::StoredEnvelope envelope, const std::string& received_at) {
  Acknowledgement ack;
  store::StoredSubmission row;
  core::Judgement judgement;
  if (const auto* protocol = std::get_if<core::ProtocolSubmission>(&submission)) {
    judgement = night_->JudgeProtocol(*protocol);
    ack.what = Describe(*protocol);
    ack.origin = protocol->origin;
    row.kind = store::SubmissionKind::kProtocol;
    row.contest = protocol->contest;
    row.unit = protocol->unit;
    row.round = protocol->round;
    row.origin = protocol->origin;
    if (judgement.verdict != core::Verdict::kDuplicate) {
      row.body = formats::EncodeProtocol(*protocol);
      if (!protocol->photo.empty()) referenced_photos_.insert(protocol->photo);
    }
    night_->RecordProtocol(judgement);
  } else {
    const auto& report = std::get<core::TurnoutSubmission>(submission);
    judgement = night_->JudgeTurnout(report);
    ack.what = Describe(report);
    ack.origin = report.origin;
    row.kind = store::SubmissionKind::kTurnout;
    row.unit = report.unit;
    row.round = report.round;
    row.time = report.time;
    row.origin = report.origin;
    if (judgement.verdict != core::Verdict::kDuplicate) row.body = formats::EncodeTurnout(report);
    night_->RecordTurnout(judgement, report);
  }
  ack.verdict = judgement.verdict;
  ack.version = judgement.version;
  ack.correction = judgement.correction;
  if (judgement.verdict != core::Verdict::kDuplicate) {
    row.version = judgement.version;
    row.accepted = judgement.verdict == core::Verdict::kAccepted;
    // A rejected protocol keeps the rules it broke; an accepted one the warn relations that
    // failed (counted anyway, listed with it); "[]" when there are none.
    const std::vector<core::Violation>& kept = row.accepted ? judgement.warnings : judgement.violations;
    row.reasons = kept.empty() ? "[]" : formats::EncodeViolations(kept);
    row.received_at = received_at;
    row.envelope = std::move(envelope);
    prepared.row_of_ack.push_back(prepared.acks.size());
    prepared.rows.push_back(std::move(row));
  }
  ack.violations = std::move(judgement.violations);
  if (ack.verdict == core::Verdict::kAccepted) ack.warnings = std::move(judgement.warnings);
  prepared.acks.push_back(std::move(ack));
}

void ResultsService::CollectTotals(PreparedBatch& prepared) {
  for (const core::Tabulation::Changed& changed : night_->tabulation().TakeChanged()) {
    const core::ContestPlan& plan = night_->plan().contest(changed.contest);
    if (formats::KeepsTotals(plan, changed.local)) {
      prepared.totals.push_back(Stored(formats::TotalsRowAt(*night_, changed.contest, changed.round, changed.local)));
    }
  }
}

Status ResultsService::Persist(PreparedBatch& batch) {
  if (batch.generation != generation_) {
    return Unavailable("the batch was judged before a failed commit; nothing of it was stored; submit it again");
  }
  return store_->Append(batch.rows, batch.totals, batch.head);
}

Result<std::vector<Acknowledgement>> ResultsService::Acknowledge(PreparedBatch& batch, const Status& persisted) {
  return Acknowledge(batch, persisted, Proofs::kInclusion);
}

Result<std::vector<Acknowledgement>> ResultsService::Acknowledge(PreparedBatch& batch, const Status& persisted,
                                                                 Proofs proofs) {
  if (!persisted) {
    if (batch.generation == generation_) {
      ++generation_;
      if (Status reloaded = Reload(); !reloaded) {
        stale_ = true;
        return Error{reloaded.error().code,
                     persisted.error().message + "; and the state could not be reloaded: " + reloaded.error().message};
      }
    }
    return persisted.error();
  }
  for (std::size_t i = 0; i < batch.rows.size(); ++i) batch.acks[batch.row_of_ack[i]].seq = batch.rows[i].seq;
  Published(batch.head);
  if (proofs == Proofs::kLeafOnly) {
    for (std::size_t i = 0; i < batch.rows.size(); ++i) batch.acks[batch.row_of_ack[i]].leaf_index = batch.rows[i].seq - 1;
  } else {
    FillLogFields(batch.acks, batch.rows, batch.row_of_ack);
  }
  return std::move(batch.acks);
}

Status ResultsService::Certify(const core::StageChange& requested, const store::StoredEnvelope& envelope) {
  if (Status ok = night_->CheckStageChange(requested); !ok) return ok;
  core::StageChange change = requested;
  change.round = night_->RoundOf(requested);  // stored with the round it closes
  std::vector<store::StoredSubmission> rows(1);
  rows[0].kind = store::SubmissionKind::kStageChange;
  rows[0].contest = change.contest;
  rows[0].round = change.round;
  rows[0].accepted = true;
  rows[0].body = formats::EncodeStageChange(change);
  rows[0].reasons = "[]";
  rows[0].received_at = change.at;
  rows[0].origin = envelope.key.empty() ? "saylau certify" : "api:" + change.by + "#" + std::to_string(envelope.seq);
  rows[0].envelope = envelope;
  if (Status ok = AppendSealed(rows); !ok) return ok;
  night_->RecordStageChange(change);
  return {};
}

Status ResultsService::OrderRecount(const core::RecountOrder& order) {
  if (Status ok = night_->CheckRecount(order); !ok) return ok;
  std::vector<store::StoredSubmission> rows(1);
  rows[0].kind = store::SubmissionKind::kRecount;
  rows[0].contest = order.contest;
  rows[0].unit = order.unit;
  rows[0].accepted = true;
  rows[0].body = formats::EncodeRecount(order);
  rows[0].reasons = "[]";
  rows[0].received_at = order.at;
  rows[0].origin = "saylau recount";
  if (Status ok = AppendSealed(rows); !ok) return ok;
  night_->RecordRecount(order);
  return {};
}

std::vector<store::StoredTotals> ResultsService::CurrentTotals() const { return AllTotals(*night_); }

Result<RebuildReport> ResultsService::Rebuild(bool rewrite) {
  RebuildReport report;
  core::ElectionNight fresh(*election_);
  if (Status ok = Replay(fresh, &report.verdict_disagreements, &report.submissions, {}); !ok) return ok.error();
  const std::vector<store::StoredTotals> rebuilt = AllTotals(fresh);
  Result<std::vector<store::StoredTotals>> stored = store_->Totals();
  if (!stored) return stored.error();
  const std::vector<store::StoredTotals> live = AllTotals(*night_);
  const auto compare = [&](const std::vector<store::StoredTotals>& other, const std::string& what) {
    std::size_t i = 0, j = 0;
    while (i < rebuilt.size() || j < other.size()) {
      const bool take_left =
          j == other.size() || (i < rebuilt.size() && std::tie(rebuilt[i].contest, rebuilt[i].round, rebuilt[i].unit) <=
                                                          std::tie(other[j].contest, other[j].round, other[j].unit));
      const bool same_key = i < rebuilt.size() && j < other.size() && rebuilt[i].contest == other[j].contest &&
                            rebuilt[i].round == other[j].round && rebuilt[i].unit == other[j].unit;
      if (same_key) {
        if (!(rebuilt[i] == other[j])) {
          report.differences.push_back(what + ": " + rebuilt[i].contest + " at " + rebuilt[i].unit + ": rebuilt " +
                                       rebuilt[i].lines + ", " + what + " " + other[j].lines);
        }
        ++i, ++j;
      } else if (take_left) {
        report.differences.push_back(what + ": " + rebuilt[i].contest + " at " + rebuilt[i].unit + " is missing");
        ++i;
      } else {
        report.differences.push_back(what + ": " + other[j].contest + " at " + other[j].unit +
                                     " has no counterpart in the rebuild");
        ++j;
      }
    }
  };
  compare(*stored, "stored");
  compare(live, "live");
  if (rewrite) {
    if (Status ok = store_->ReplaceTotals(rebuilt); !ok) return ok.error();
  }
  return report;
}

}  // namespace saylau::service
