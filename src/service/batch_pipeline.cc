// BatchPipeline: the caller's thread judges, one storing thread seals and stores (batch_pipeline.h).
#include "saylau/service/batch_pipeline.h"

#include <utility>

namespace saylau::service {

BatchPipeline::BatchPipeline(ResultsService& service, OnAcks on_acks)
    : service_(service), on_acks_(std::move(on_acks)) {}

BatchPipeline::~BatchPipeline() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (storing_.joinable()) storing_.join();  // the storing thread finishes its job first
}

void BatchPipeline::Store() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return job_ != nullptr || stop_; });
    if (job_ == nullptr) return;  // stopped, and nothing left to store
    ResultsService::PreparedBatch* job = std::exchange(job_, nullptr);
    lock.unlock();
    std::optional<Status> stored;
    std::exception_ptr thrown;
    try {
      stored = service_.SealAndPersist(*job);
    } catch (...) {
      thrown = std::current_exception();  // rethrown on the caller's thread, as std::async did
    }
    lock.lock();
    stored_ = std::move(stored);
    thrown_ = thrown;
    changed_.notify_all();
  }
}

Status BatchPipeline::AcknowledgeInFlight() {
  if (!in_flight_) return {};
  std::optional<Status> persisted;
  std::exception_ptr thrown;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stored_.has_value() || thrown_ != nullptr; });
    persisted = std::exchange(stored_, std::nullopt);
    thrown = std::exchange(thrown_, nullptr);
  }
  if (thrown) {
    in_flight_.reset();
    std::rethrow_exception(thrown);
  }
  Result<std::vector<Acknowledgement>> acks =
      service_.Acknowledge(*in_flight_, *persisted, ResultsService::Proofs::kLeafOnly);
  const std::size_t size = in_flight_->acks.size();
  in_flight_.reset();
  if (!acks) {
    failed_batch_size_ = size;
    return acks.error();
  }
  on_acks_(*acks);
  return {};
}

Status BatchPipeline::Submit(std::span<const formats::Submission> batch, const std::string& received_at) {
  if (batch.empty()) return {};
  // Judged while the batch before is stored (a failure there voids this one: Acknowledge).
  ResultsService::PreparedBatch prepared = service_.PrepareUnsealed(batch, received_at);
  if (Status ok = AcknowledgeInFlight(); !ok) return ok;
  in_flight_ = std::move(prepared);
  {
    std::lock_guard lock(mutex_);
    job_ = &*in_flight_;
  }
  changed_.notify_all();
  if (!storing_.joinable()) storing_ = std::thread([this] { Store(); });
  return {};
}

Status BatchPipeline::Finish() { return AcknowledgeInFlight(); }

}  // namespace saylau::service
