// Bulk ingest's pipeline (saylau ingest, saylau import --db): each batch is judged, and its log
// entries hashed, on the caller's thread while the batch before it is sealed into the log and
// stored in one transaction on a single long-lived storing thread: two busy threads for two
// cores, no thread started per batch. A batch is acknowledged (its acknowledgements handed to
// `on_acks`, on the caller's thread) only after its transaction committed; when a commit fails,
// nothing of that batch is applied, the live state is rebuilt from the store
// (ResultsService::Acknowledge), the batch judged after it is void, and the pipeline stops
// with the error. The acknowledgements carry leaf indices, no inclusion proofs (the log has
// them). Not thread-safe: one caller thread, and nothing else uses the service meanwhile.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/service/results_service.h"

namespace saylau::service {

class BatchPipeline {
 public:
  // Called with each stored batch's acknowledgements, in order, on the thread that calls Submit
  // and Finish.
  using OnAcks = std::function<void(std::vector<Acknowledgement>& acks)>;

  BatchPipeline(ResultsService& service, OnAcks on_acks);
  // Waits for the batch in flight to be stored; its acknowledgements are dropped unless
  // Finish was called (a caller that stops early calls Finish first).
  ~BatchPipeline();
  BatchPipeline(const BatchPipeline&) = delete;
  BatchPipeline& operator=(const BatchPipeline&) = delete;

  // Judges `batch` now, then waits for the batch before it to be stored and acknowledges it,
  // then hands `batch` to the storing thread. Errors: the batch before it was not stored (the
  // store's error; `batch` is void and dropped, failed_batch_size() says how many were lost).
  Status Submit(std::span<const formats::Submission> batch, const std::string& received_at);
  // Waits for the batch in flight and acknowledges it. Errors as Submit's.
  Status Finish();

  // The number of submissions of the batch whose commit failed (0 when none failed).
  std::size_t failed_batch_size() const { return failed_batch_size_; }

 private:
  void Store();  // the storing thread's loop
  Status AcknowledgeInFlight();

  ResultsService& service_;
  OnAcks on_acks_;
  std::optional<ResultsService::PreparedBatch> in_flight_;  // handed to the storing thread
  std::size_t failed_batch_size_ = 0;

  std::mutex mutex_;
  std::condition_variable changed_;
  ResultsService::PreparedBatch* job_ = nullptr;  // guarded by mutex_: the batch to store next
  std::optional<Status> stored_;                   // guarded by mutex_: the job's outcome
  std::exception_ptr thrown_;                      // guarded by mutex_: a bug met while storing
  bool stop_ = false;                              // guarded by mutex_
  std::thread storing_;                            // started by the first Submit
};

}  // namespace saylau::service
