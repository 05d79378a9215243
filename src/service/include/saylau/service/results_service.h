// The results service: one election's stored truth (a Store) and its live state (an
// ElectionNight) kept together. Every submission is judged, stored durably with its verdict
// in one transaction per batch (group commit) and only then acknowledged; on a storage
// failure nothing of the batch is kept and the state is rebuilt from the store. Opening
// replays the stored submissions, so the state after a crash equals a rebuild. Used by the
// command line and the HTTP server; not thread-safe (callers serialise). Signed submissions
// (the HTTP API) are admitted first by the rules of intake/ (signature, key, authority,
// sequence number): docs/api.md.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/election_night.h"
#include "saylau/crypto/envelope.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/intake/admission.h"
#include "saylau/intake/definition.h"
#include "saylau/intake/key_registry.h"
#include "saylau/intake/observer_copies.h"
#include "saylau/intake/observer_reports.h"
#include "saylau/intake/refusal.h"
#include "saylau/intake/signed_submission.h"
#include "saylau/ledger/log_entry.h"
#include "saylau/ledger/merkle.h"
#include "saylau/ledger/tree_head.h"
#include "saylau/store/store.h"

namespace saylau::service {

// Admission (intake/): the refusals, the signed submission as received, the observers' flags.
using intake::Refusal;
using intake::RefusalName;
using intake::Refused;
using intake::ObserverFlag;
using intake::SignedSubmission;
using intake::SignatureHash;

// What happened to one submission.
struct Acknowledgement {
  std::int64_t seq = 0;  // 0 for a duplicate (nothing stored)
  core::Verdict verdict = core::Verdict::kRejected;
  int version = 0;
  bool correction = false;
  std::string what;  // "protocol mazhilis-list at astana-0001 (round 1)" / "turnout astana-0001 at 12:00"
  std::string origin;
  std::vector<core::Violation> violations;
  std::vector<core::Violation> warnings;  // an accepted protocol's failed warn relations (counted anyway)
  std::optional<Refused> refused;  // set when a signed submission was refused (nothing stored)
  // The transparency log: the stored submission's leaf (seq - 1) and its inclusion proof
  // against `head`, the signed tree head of the commit that stored it. -1 when not stored.
  std::int64_t leaf_index = -1;
  std::vector<ledger::Hash> inclusion;
  std::optional<ledger::TreeHead> head;
};

struct RebuildReport {
  std::int64_t submissions = 0;
  std::vector<std::string> differences;  // stored totals that differ from the rebuild, by unit
  int verdict_disagreements = 0;         // stored verdicts the rules judge differently today
};

std::string NowUtc();  // "2026-11-22T14:05:09Z"

// The derived totals of every contest at every aggregate unit where something was counted,
// sorted by contest, round and unit: what the store keeps, and what a verifier recomputes.
std::vector<store::StoredTotals> AllTotals(const core::ElectionNight& night);

// The stored definition files as intake loads and hashes them (intake/definition.h).
std::vector<intake::DefinitionFile> DefinitionFilesOf(std::span<const store::DefinitionFile> files);
Result<core::Election> LoadElection(std::span<const store::DefinitionFile> files);

class ResultsService {
 public:
  using Progress = std::function<void(std::int64_t done)>;

  // Reads the definition from `store` (as `load` says: saylau ingest leaves the stations' names
  // out) and replays every stored submission. Errors: the store's, or kFailedPrecondition when
  // the stored definition no longer loads.
  static Result<std::unique_ptr<ResultsService>> Open(std::unique_ptr<store::Store> store,
                                                      const Progress& progress = {},
                                                      const intake::LoadOptions& load = {});
  // As Open, for a store the caller has just created from `files` (saylau import --db): the
  // definition already loaded from them as `election` is kept, not read back from the store and
  // loaded a second time; the tree heads bind the hash of `files`. Errors: the store's.
  static Result<std::unique_ptr<ResultsService>> OpenCreated(std::unique_ptr<store::Store> store,
                                                             core::Election election,
                                                             std::span<const intake::DefinitionFile> files);

  // Judges `batch` in order, stores every non-duplicate with its verdict in one transaction,
  // then returns one acknowledgement per submission. Errors: kUnavailable from the store;
  // then nothing of the batch was kept.
  Result<std::vector<Acknowledgement>> Submit(std::span<const formats::Submission> batch,
                                              const std::string& received_at);

  // Submit in steps, so that judging the next batch overlaps storing this one (group commit
  // in a pipeline): Prepare judges a batch and applies it to the live state; Persist stores it
  // (it touches only the store, so it may run on another thread while the next Prepare runs);
  // Acknowledge, back on the Prepare thread, returns the acknowledgements once Persist
  // succeeded, or rebuilds the live state from the store when it failed (batches prepared
  // after a failed one are void: their Acknowledge fails too). Persist batches in order.
  struct PreparedBatch {
    std::vector<store::StoredSubmission> rows;
    std::vector<store::StoredTotals> totals;
    std::vector<Acknowledgement> acks;
    std::vector<std::size_t> row_of_ack;
    std::uint64_t generation = 0;
    std::optional<store::StoredTreeHead> head;  // the tree head after these rows
    std::vector<ledger::Hash> leaves;           // the rows' leaf hashes, when hashed before sealing
  };
  PreparedBatch Prepare(std::span<const formats::Submission> batch, const std::string& received_at);
  Status Persist(PreparedBatch& batch);
  Result<std::vector<Acknowledgement>> Acknowledge(PreparedBatch& batch, const Status& persisted);
  // Bulk ingest's pipeline (batch_pipeline.h): PrepareUnsealed judges as Prepare does and
  // encodes and hashes the rows' log entries (the leaves, on the calling thread) but leaves the
  // batch out of the log; SealAndPersist appends those leaves to the tree in order and makes
  // the tree head, then stores it as Persist does. SealAndPersist touches only the tree and the
  // store: it may run on another thread while the next PrepareUnsealed runs, never beside
  // Acknowledge; batches in order.
  // Acknowledge with `proofs` kLeafOnly gives each stored submission its leaf index but no
  // inclusion proof or head (what a bulk load's summary needs; the proofs are read from the log).
  enum class Proofs { kInclusion, kLeafOnly };
  PreparedBatch PrepareUnsealed(std::span<const formats::Submission> batch, const std::string& received_at);
  Status SealAndPersist(PreparedBatch& batch);
  Result<std::vector<Acknowledgement>> Acknowledge(PreparedBatch& batch, const Status& persisted, Proofs proofs);

  // Signed submissions (protocols and turnout reports): refusals first (signature, key,
  // contest and unit, authority, sequence number), then judged as Prepare does. Persist and
  // Acknowledge as for Prepare.
  PreparedBatch PrepareSigned(std::span<const SignedSubmission> batch, const std::string& received_at);
  // A signed certification {"contest":..,"stage":"preliminary"|"final"[,"note":..]} by the
  // CEC's key (the commission of the country unit). Errors: kUnavailable from the store.
  Result<Acknowledgement> CertifySigned(const SignedSubmission& submission, const std::string& received_at);

  // Registers commissions' public keys (raw 32 bytes each), all or none. Errors: kNotFound for
  // a commission that is not a unit of the election, kInvalidArgument for a key that is not 32
  // bytes, kAlreadyExists for a key registered already, the store's.
  Status AddKeys(std::span<const crypto::KeyPair> keys, const std::string& added_at);
  Status AddKey(const std::string& commission, std::string_view public_key, const std::string& added_at) {
    const crypto::KeyPair key{commission, std::string(public_key), {}};
    return AddKeys(std::span(&key, 1), added_at);
  }
  const std::vector<store::RegisteredKey>& keys() const { return key_list_; }
  // The highest sequence number the key (base64) has used; 0 for none or an unknown key.
  std::int64_t LastKeySeq(const std::string& key) const { return keys_.LastSeq(key); }

  // The transparency log. Every stored submission is a leaf (leaf index = seq - 1; the leaf is
  // its ledger::LogEntry); every commit stores a tree head, signed with the log key when one is
  // set. SetLogKey errors: kFailedPrecondition when the stored heads are signed with another key.
  Status SetLogKey(crypto::KeyPair key);
  bool has_log_key() const { return log_key_.has_value(); }
  const ledger::MerkleTree& tree() const { return tree_; }
  const std::optional<ledger::TreeHead>& head() const { return head_; }  // the latest committed
  // What the next head binds: the definition and the keys and observers registered now.
  const ledger::HeadBinding& binding();
  ledger::LogEntry LogEntryOf(const store::StoredSubmission& row) const;

  // Accredited observers: registered with a key (all or none); their signed copies of station
  // protocols (kObservation) and countersignatures of tree heads (kWitness) are stored and
  // logged, never counted. Errors as AddKeys, and kInvalidArgument for an unknown kind.
  Status AddObservers(std::span<const store::RegisteredObserver> observers);
  const std::vector<store::RegisteredObserver>& observers() const { return observer_list_; }
  // Observer copies {"contest","unit"[,"round"],"lines"...} (the protocol format), reports
  // without figures {"contest","unit"[,"round"],"observation","observed_at"[,"note"]}
  // (docs/observer-reports.md) and witness countersignatures {"witness": <tree head>}, signed by
  // an observer's key.
  Result<std::vector<Acknowledgement>> ObserveSigned(std::span<const SignedSubmission> batch,
                                                     const std::string& received_at);
  // Every station where an observer's latest copy differs from the counted protocol.
  std::vector<ObserverFlag> ObserverFlags() const;
  // The observers' reports without figures (the latest per observer, contest, round, station and
  // reason), in log order, with organisations and regions.
  std::vector<intake::ObserverReportEntry> ObserverReports() const;
  // The witnesses' countersignatures: (observer, head) in the order stored.
  const std::vector<std::pair<std::string, ledger::TreeHead>>& witnesses() const { return witnesses_; }

  // A photo or scan of a signed paper protocol, stored once a stored protocol names its SHA-256.
  // Errors: kInvalidArgument when the bytes do not hash to `sha256` or the type is not
  // image/jpeg, image/png or application/pdf; kNotFound when no stored protocol names it.
  Status AddPhoto(const std::string& sha256, const std::string& media_type, std::string bytes);

  // Stores a certification or recount order after checking it (errors as ElectionNight's).
  Status Certify(const core::StageChange& change, const store::StoredEnvelope& envelope = {});
  Status OrderRecount(const core::RecountOrder& order);

  // Several processes on one store (docs/DEPLOYMENT.md): applies what other writers stored after
  // this state's last submission, as a reopen would, and returns their acknowledgements for
  // the live stream (empty when there was nothing new). Call it holding the store's append
  // lock (LockForAppend()) before judging, so the batch judged next follows
  // everything stored; without the lock it is a follower's refresh. Errors: the store's (the
  // next call starts again from the store).
  Result<std::vector<Acknowledgement>> CatchUp();
  // The live state may lag the store after a failure; the next CatchUp rebuilds it whole.
  bool stale() const { return stale_; }

  // Replays the stored submissions into a fresh state and compares its totals with the
  // stored totals and with the live state; with `rewrite`, replaces the stored totals.
  Result<RebuildReport> Rebuild(bool rewrite);

  // The derived totals of every contest at every aggregate unit, as stored.
  std::vector<store::StoredTotals> CurrentTotals() const;

  // Queries for readers (the HTTP API): what is stored beyond the live state, read through the
  // service so that no caller holds the store. Each Visit* calls `visit` in order of seq and
  // stops at its first error, which it returns. Errors: kUnavailable from the store.
  using Visitor = std::function<Status(const store::StoredSubmission&)>;
  // Every version stored for `unit` (protocols and turnout reports, accepted or rejected).
  Status VisitHistory(const std::string& unit, const Visitor& visit);
  // Every submission stored as rejected, at any unit.
  Status VisitRejected(const Visitor& visit);
  // The log's leaves from leaf index `from` on (the submissions with seq > `from`).
  Status VisitLog(std::int64_t from, const Visitor& visit);
  // The photo AddPhoto stored under `sha256`; nullopt when there is none.
  Result<std::optional<store::StoredPhoto>> Photo(const std::string& sha256);
  // The store's append lock, for several processes on one store (see CatchUp): held from
  // LockForAppend until ReleaseAppendLock. Errors: kUnavailable.
  Status LockForAppend();
  void ReleaseAppendLock();

  const core::Election& election() const { return *election_; }
  const core::ElectionNight& night() const { return *night_; }
  store::Store& store() { return *store_; }

 private:
  ResultsService(std::unique_ptr<store::Store> store, std::unique_ptr<core::Election> election);
  // The keys, the replay and the stored heads' check, once the definition is loaded (Open's rest).
  Status Start(const Progress& progress);
  Status Replay(core::ElectionNight& night, int* disagreements, std::int64_t* count, const Progress& progress);
  // Applies one stored submission (judged as stored) to `night`; to the live state's log too.
  Status ApplyStored(core::ElectionNight& night, const store::StoredSubmission& stored, int* disagreements);
  Status Reload();
  Status LoadKeys();
  void JudgeInto(PreparedBatch& prepared, const formats::Submission& submission, store::StoredEnvelope envelope,
                 const std::string& received_at);
  void CollectTotals(PreparedBatch& prepared);
  PreparedBatch PrepareJudged(std::span<const formats::Submission> batch, const std::string& received_at);
  // The rows' leaf hashes (their log entries, encoded and hashed) into `leaves`, one per row.
  void HashLeaves(std::span<const store::StoredSubmission> rows, std::span<ledger::Hash> leaves) const;
  // Appends the rows' leaves to the tree and makes the head after them (signed when a key is
  // set). `leaves` are the rows' leaf hashes when hashed already; empty: hashed here.
  std::optional<store::StoredTreeHead> Seal(std::span<store::StoredSubmission> rows,
                                            std::span<const ledger::Hash> leaves = {});
  // Stores rows sealed on their own (certifications, recount orders, observers' submissions).
  Status AppendSealed(std::vector<store::StoredSubmission>& rows);
  void Published(const std::optional<store::StoredTreeHead>& head);
  void FillLogFields(std::vector<Acknowledgement>& acks, std::span<const store::StoredSubmission> rows,
                     std::span<const std::size_t> row_of_ack) const;
  Status CheckStoredHeads();
  // Keeps a stored observer's copy or witness in the live state (replayed or just stored).
  void RecordObservation(const store::StoredSubmission& row);
  intake::LogView CurrentLog() const;  // what a witness may have seen: the log so far

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<core::Election> election_;
  std::unique_ptr<core::ElectionNight> night_;
  std::uint64_t generation_ = 0;                    // bumped when the live state is rebuilt after a failed commit
  bool stale_ = false;                              // the live state could not be rebuilt; CatchUp rebuilds it
  intake::KeyRegistry keys_;  // commissions' and observers' keys and their sequence numbers
  std::vector<store::RegisteredKey> key_list_;
  std::vector<store::RegisteredObserver> observer_list_;

  ledger::MerkleTree tree_;
  std::optional<ledger::TreeHead> head_;
  std::optional<crypto::KeyPair> log_key_;
  ledger::Hash definition_hash_{};
  std::optional<ledger::HeadBinding> binding_;  // reset when a key or observer is registered
  intake::ObserverCopies observer_copies_;  // the latest copy per observer, contest, round and station
  intake::ObserverReports observer_reports_;  // the reports without figures
  std::vector<std::pair<std::string, ledger::TreeHead>> witnesses_;
  std::unordered_set<std::string> referenced_photos_;  // named by a stored protocol
};

}  // namespace saylau::service
