// The one writer of this process: signed submissions from every connection are queued, judged
// together and stored in one transaction (group commit), and each caller's callback gets its
// acknowledgements only after the commit. Store reads (protocol history) run on the same
// thread between batches, since the store has one connection. Several processes may share the
// store: before judging, the writer takes the store's append lock and applies what the others
// stored; when idle it polls the store every `poll_interval` and publishes what they stored.
// Nothing that happens on the writer thread ends it: an exception while judging or storing is
// reported to `failed`, the live state is marked stale and rebuilt from the store, and the
// callers of that work are told to send it again (503). Thread-safe to call.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "live_state.h"

namespace saylau::server {

class Committer {
 public:
  using Acknowledged = std::function<void(Result<std::vector<service::Acknowledgement>>)>;
  using StoreRead = std::function<void(service::ResultsService&)>;
  // Called on the writer thread after each committed batch with its acknowledgements.
  using Published = std::function<void(const std::vector<service::Acknowledgement>&)>;
  // Called on the writer thread with what an exception said and where (our bug: log, count).
  using Failed = std::function<void(const std::string&)>;

  Committer(LiveState& state, Published published, Failed failed = {},
            std::chrono::milliseconds poll_interval = std::chrono::milliseconds(100));
  ~Committer();  // finishes what is queued, then stops

  void Submit(std::vector<service::SignedSubmission> batch, Acknowledged done);
  // Work that stores on its own, in its place in the queue, under the exclusive lock
  // (certifications, observers' copies and witnesses).
  using Exclusive = std::function<Result<std::vector<service::Acknowledgement>>(service::ResultsService&)>;
  void RunExclusive(Exclusive work, Acknowledged done);
  void Read(StoreRead read);

 private:
  struct SubmitWork {
    std::vector<service::SignedSubmission> batch;
    Acknowledged done;
  };
  struct ExclusiveWork {
    Exclusive work;
    Acknowledged done;
  };
  using Work = std::variant<SubmitWork, ExclusiveWork, StoreRead>;
  void Push(Work work);
  void Run();
  void RunTaken(std::deque<Work>& taken);
  void CommitSubmissions(std::vector<SubmitWork>& group);
  void RunExclusiveWork(ExclusiveWork& work);
  // After an exception: reports it, releases the append lock, marks the state stale and
  // rebuilds it from the store; returns the 503 error for the work's callers.
  Error Recover(const std::string& where, const std::string& what);
  // Calls a caller's callback; an exception from it is reported, never propagated.
  void Answer(const Acknowledged& done, Result<std::vector<service::Acknowledgement>> acks);
  // Takes the store's append lock and applies what other processes stored (published as acked).
  Status LockAndCatchUp();
  // Idle: applies and publishes what other processes stored, without the lock.
  void Follow();
  Result<std::vector<service::Acknowledgement>> CatchUp();
  void PublishCaught(const std::vector<service::Acknowledgement>& caught);

  LiveState& state_;
  Published published_;
  Failed failed_;
  std::chrono::milliseconds poll_interval_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Work> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace saylau::server
