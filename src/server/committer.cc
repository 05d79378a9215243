#include "committer.h"

#include "failures.h"

#include <exception>

namespace saylau::server {
namespace {


}  // namespace

Committer::Committer(LiveState& state, Published published, Failed failed, std::chrono::milliseconds poll_interval)
    : state_(state),
      published_(std::move(published)),
      failed_(std::move(failed)),
      poll_interval_(poll_interval),
      thread_([this] { Run(); }) {}

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
    // The last line of defence: whatever escapes is reported and the thread goes on (the work's
    // callers are answered 500 by their replies when the work is dropped).
    try {
      if (taken.empty()) {
        try {
          Follow();
        } catch (...) {
          (void)Recover("following the store", DescribeException(std::current_exception()));
        }
        continue;
      }
      RunTaken(taken);
    } catch (...) {
      (void)Recover("the writer thread", DescribeException(std::current_exception()));
    }
  }
}

void Committer::RunTaken(std::deque<Work>& taken) {
  // Consecutive submissions form one group commit; certifications and reads keep their place.
  std::vector<SubmitWork> group;
  for (Work& work : taken) {
    if (auto* submit = std::get_if<SubmitWork>(&work)) {
      group.push_back(std::move(*submit));
      continue;
    }
    CommitSubmissions(group);
    if (auto* exclusive = std::get_if<ExclusiveWork>(&work)) {
      RunExclusiveWork(*exclusive);
      continue;
    }
    // A read changes nothing: an exception in it is reported, and its reply answers 500.
    try {
      std::shared_lock lock(state_.mutex);
      std::get<StoreRead>(work)(*state_.service);
    } catch (...) {
      if (failed_) failed_("a store read: " + DescribeException(std::current_exception()));
    }
  }
  CommitSubmissions(group);
}

void Committer::RunExclusiveWork(ExclusiveWork& exclusive) {
  Result<std::vector<service::Acknowledgement>> acks = Unavailable("not run");
  try {
    acks = [&]() -> Result<std::vector<service::Acknowledgement>> {
      if (Status locked = LockAndCatchUp(); !locked) return locked.error();
      std::unique_lock lock(state_.mutex);
      return exclusive.work(*state_.service);
    }();
    state_.service->ReleaseAppendLock();
    if (acks) {
      ++state_.generation;
      published_(*acks);
    }
  } catch (...) {
    acks = Recover("storing a certification or an observer's submission", DescribeException(std::current_exception()));
  }
  Answer(exclusive.done, std::move(acks));
}

void Committer::CommitSubmissions(std::vector<SubmitWork>& group) {
  if (group.empty()) return;
  std::vector<service::SignedSubmission> all;
  for (SubmitWork& work : group) {
    for (service::SignedSubmission& submission : work.batch) all.push_back(std::move(submission));
  }
  Result<std::vector<service::Acknowledgement>> acks = Unavailable("not run");
  try {
    acks = [&]() -> Result<std::vector<service::Acknowledgement>> {
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
      state_.service->ReleaseAppendLock();
      std::unique_lock lock(state_.mutex);
      return state_.service->Acknowledge(prepared, persisted);
    }();
    ++state_.generation;  // committed, or rolled back to the store
    if (acks) published_(*acks);
    if (acks && acks->size() != all.size()) {
      acks = Recover("committing a batch", "acknowledgements for " + std::to_string(acks->size()) + " of " +
                                               std::to_string(all.size()) + " submissions");
    }
  } catch (...) {
    acks = Recover("committing a batch", DescribeException(std::current_exception()));
  }
  std::size_t next = 0;
  for (SubmitWork& work : group) {
    if (!acks) {
      Answer(work.done, acks.error());
      continue;
    }
    std::vector<service::Acknowledgement> mine(std::make_move_iterator(acks->begin() + next),
                                               std::make_move_iterator(acks->begin() + next + work.batch.size()));
    next += work.batch.size();
    Answer(work.done, std::move(mine));
  }
  group.clear();
}

Error Committer::Recover(const std::string& where, const std::string& what) {
  if (failed_) {
    try {
      failed_(where + ": " + what);
    } catch (...) {
    }
  }
  try {
    bool serving = false;
    {
      std::unique_lock lock(state_.mutex);
      if (state_.service) {
        serving = true;
        state_.service->ReleaseAppendLock();
        // The service's own rollback: an empty batch of the current generation that "failed to
        // persist" makes Acknowledge rebuild the live state from the store (or leave it stale
        // for the next CatchUp when the store fails too); batches judged before are void.
        service::ResultsService::PreparedBatch nothing = state_.service->PrepareSigned({}, service::NowUtc());
        (void)state_.service->Acknowledge(nothing, Unavailable("rebuilding after an internal error"));
        ++state_.generation;
      }
    }
    if (serving) Follow();  // rebuilds the state from the store now; if the store fails, the next poll does
  } catch (...) {
    if (failed_) {
      try {
        failed_("rebuilding the state from the store: " + DescribeException(std::current_exception()));
      } catch (...) {
      }
    }
  }
  return Unavailable(
      "the server met an internal error and rebuilt its state from the store; send the request again (a "
      "submission that was stored meanwhile is acknowledged as a duplicate) (retry)");
}

void Committer::Answer(const Acknowledged& done, Result<std::vector<service::Acknowledgement>> acks) {
  try {
    done(std::move(acks));
  } catch (...) {
    if (failed_) failed_("answering a submission: " + DescribeException(std::current_exception()));
  }
}

Status Committer::LockAndCatchUp() {
  if (Status locked = state_.service->LockForAppend(); !locked) return locked;
  Result<std::vector<service::Acknowledgement>> caught = CatchUp();
  if (!caught) {
    state_.service->ReleaseAppendLock();
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
