#include "committer.h"

namespace saylau::server {

Committer::Committer(LiveState& state, Published published, std::chrono::milliseconds poll_interval)
    : state_(state), published_(std::move(published)), poll_interval_(poll_interval), thread_([this] { Run(); }) {}

Committer::~Committer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_one();
  thread_.join();
}

void Committer::Push(Work work) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(work));
  }
  ready_.notify_one();
}

void Committer::Submit(std::vector<service::SignedSubmission> batch, Acknowledged done) {
  Push(SubmitWork{std::move(batch), std::move(done)});
}
void Committer::RunExclusive(Exclusive work, Acknowledged done) {
  Push(ExclusiveWork{std::move(work), std::move(done)});
}
void Committer::Read(StoreRead read) { Push(std::move(read)); }

void Committer::Run() {
  for (;;) {
    std::deque<Work> taken;
    {
      std::unique_lock lock(mutex_);
      const bool woken = ready_.wait_for(lock, poll_interval_, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      if (woken) taken.swap(queue_);
    }
    if (taken.empty()) {
      Follow();
      continue;
    }
    // Consecutive submissions form one group commit; certifications and reads keep their place.
    std::vector<SubmitWork> group;
    for (Work& work : taken) {
      if (auto* submit = std::get_if<SubmitWork>(&work)) {
        group.push_back(std::move(*submit));
        continue;
      }
      CommitSubmissions(group);
      if (auto* exclusive = std::get_if<ExclusiveWork>(&work)) {
        Result<std::vector<service::Acknowledgement>> acks = [&]() -> Result<std::vector<service::Acknowledgement>> {
          if (Status locked = LockAndCatchUp(); !locked) return locked.error();
          std::unique_lock lock(state_.mutex);
          return exclusive->work(*state_.service);
        }();
        state_.service->store().ReleaseAppendLock();
        if (acks) {
          ++state_.generation;
          published_(*acks);
        }
        exclusive->done(std::move(acks));
      } else {
        std::shared_lock lock(state_.mutex);
        std::get<StoreRead>(work)(*state_.service);
      }
    }
    CommitSubmissions(group);
  }
}

void Committer::CommitSubmissions(std::vector<SubmitWork>& group) {
  if (group.empty()) return;
  std::vector<service::SignedSubmission> all;
  for (SubmitWork& work : group) {
    for (service::SignedSubmission& submission : work.batch) all.push_back(std::move(submission));
  }
  Result<std::vector<service::Acknowledgement>> acks = [&]() -> Result<std::vector<service::Acknowledgement>> {
    // Under the append lock, after everything other processes stored: the judged batch's
    // sequence numbers continue the stored log.
    if (Status locked = LockAndCatchUp(); !locked) return locked.error();
    service::ResultsService::PreparedBatch prepared;
    {
      std::unique_lock lock(state_.mutex);
      prepared = state_.service->PrepareSigned(all, service::NowUtc());
    }
    // Only the store is touched here, so readers go on meanwhile.
    const Status persisted = state_.service->Persist(prepared);
    state_.service->store().ReleaseAppendLock();
    std::unique_lock lock(state_.mutex);
    return state_.service->Acknowledge(prepared, persisted);
  }();
  ++state_.generation;  // committed, or rolled back to the store
  if (acks) published_(*acks);
  std::size_t next = 0;
  for (SubmitWork& work : group) {
    if (!acks) {
      work.done(acks.error());
      continue;
    }
    std::vector<service::Acknowledgement> mine(std::make_move_iterator(acks->begin() + next),
                                               std::make_move_iterator(acks->begin() + next + work.batch.size()));
    next += work.batch.size();
    work.done(std::move(mine));
  }
  group.clear();
}

Status Committer::LockAndCatchUp() {
  if (Status locked = state_.service->store().LockForAppend(); !locked) return locked;
  Result<std::vector<service::Acknowledgement>> caught = CatchUp();
  if (!caught) {
    state_.service->store().ReleaseAppendLock();
    return caught.error();
  }
  PublishCaught(*caught);
  return {};
}

void Committer::Follow() {
  // An unreachable store is retried at the next poll; submissions meanwhile get 503.
  if (Result<std::vector<service::Acknowledgement>> caught = CatchUp(); caught) PublishCaught(*caught);
}

Result<std::vector<service::Acknowledgement>> Committer::CatchUp() {
  std::unique_lock lock(state_.mutex);
  if (!state_.service) return std::vector<service::Acknowledgement>();  // not serving yet
  const bool rebuilt = state_.service->stale();
  Result<std::vector<service::Acknowledgement>> caught = state_.service->CatchUp();
  if (caught && rebuilt) ++state_.generation;  // rebuilt whole after a failure
  return caught;
}

void Committer::PublishCaught(const std::vector<service::Acknowledgement>& caught) {
  if (caught.empty()) return;
  ++state_.generation;
  published_(caught);
}

}  // namespace saylau::server
