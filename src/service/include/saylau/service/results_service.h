// The results service: one election's stored truth (a Store) and its live state (an
// ElectionNight) kept together. Every submission is judged, stored durably with its verdict
// in one transaction per batch (group commit) and only then acknowledged; on a storage
// failure nothing of the batch is kept and the state is rebuilt from the store. Opening
// replays the stored submissions, so the state after a crash equals a rebuild. Used by the
// command line and the HTTP server; not thread-safe (callers serialise).
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/election_night.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/store/store.h"

namespace saylau::service {

// What happened to one submission.
struct Acknowledgement {
  std::int64_t seq = 0;  // 0 for a duplicate (nothing stored)
  core::Verdict verdict = core::Verdict::kRejected;
  int version = 0;
  bool correction = false;
  std::string what;  // "protocol mazhilis-list at astana-0001 (round 1)" / "turnout astana-0001 at 12:00"
  std::string origin;
  std::vector<core::Violation> violations;
};

struct RebuildReport {
  std::int64_t submissions = 0;
  std::vector<std::string> differences;  // stored totals that differ from the rebuild, by unit
  int verdict_disagreements = 0;         // stored verdicts the rules judge differently today
};

// The definition files of an election: the TOML definition and, optionally, the stations.
Result<core::Election> LoadElection(std::span<const store::DefinitionFile> files);

class ResultsService {
 public:
  using Progress = std::function<void(std::int64_t done)>;

  // Reads the definition from `store` and replays every stored submission. Errors: the
  // store's, or kFailedPrecondition when the stored definition no longer loads.
  static Result<std::unique_ptr<ResultsService>> Open(std::unique_ptr<store::Store> store,
                                                      const Progress& progress = {});

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
  };
  PreparedBatch Prepare(std::span<const formats::Submission> batch, const std::string& received_at);
  Status Persist(PreparedBatch& batch);
  Result<std::vector<Acknowledgement>> Acknowledge(PreparedBatch& batch, const Status& persisted);

  // Stores a certification or recount order after checking it (errors as ElectionNight's).
  Status Certify(const core::StageChange& change);
  Status OrderRecount(const core::RecountOrder& order);

  // Replays the stored submissions into a fresh state and compares its totals with the
  // stored totals and with the live state; with `rewrite`, replaces the stored totals.
  Result<RebuildReport> Rebuild(bool rewrite);

  // The derived totals of every contest at every aggregate unit, as stored.
  std::vector<store::StoredTotals> CurrentTotals() const;

  const core::Election& election() const { return *election_; }
  const core::ElectionNight& night() const { return *night_; }
  store::Store& store() { return *store_; }

 private:
  ResultsService(std::unique_ptr<store::Store> store, std::unique_ptr<core::Election> election);
  Status Replay(core::ElectionNight& night, int* disagreements, std::int64_t* count, const Progress& progress);
  Status Reload();

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<core::Election> election_;
  std::unique_ptr<core::ElectionNight> night_;
  std::uint64_t generation_ = 0;  // bumped when the live state is rebuilt after a failed commit
};

}  // namespace saylau::service
