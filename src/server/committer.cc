#include "committer.h"

namespace saylau::server {

Committer::Committer(LiveState& state, Published published)
    : state_(state), published_(std::move(published)), thread_([this] { Run(); }) {}

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
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      taken.swap(queue_);
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
        Result<std::vector<service::Acknowledgement>> acks = [&] {
          std::unique_lock lock(state_.mutex);
          return exclusive->work(*state_.service);
        }();
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
  service::ResultsService::PreparedBatch prepared;
  {
    std::unique_lock lock(state_.mutex);
    prepared = state_.service->PrepareSigned(all, service::NowUtc());
  }
  // Only the store is touched here, so readers go on meanwhile.
  const Status persisted = state_.service->Persist(prepared);
  Result<std::vector<service::Acknowledgement>> acks = [&] {
    std::unique_lock lock(state_.mutex);
    return state_.service->Acknowledge(prepared, persisted);
  }();
  if (acks) {
    ++state_.generation;
    published_(*acks);
  }
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

}  // namespace saylau::server
