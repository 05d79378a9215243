// The one writer of this process: signed submissions from every connection are queued, judged
// together and stored in one transaction (group commit), and each caller's callback gets its
// acknowledgements only after the commit. Store reads (protocol history) run on the same
// thread between batches, since the store has one connection. Several processes may share the
// store: before judging, the writer takes the store's append lock and applies what the others
// stored; when idle it polls the store every `poll_interval` and publishes what they stored.
// Thread-safe to call.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
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

  Committer(LiveState& state, Published published,
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
  void CommitSubmissions(std::vector<SubmitWork>& group);
  // Takes the store's append lock and applies what other processes stored (published as acked).
  Status LockAndCatchUp();
  // Idle: applies and publishes what other processes stored, without the lock.
  void Follow();
  Result<std::vector<service::Acknowledgement>> CatchUp();
  void PublishCaught(const std::vector<service::Acknowledgement>& caught);

  LiveState& state_;
  Published published_;
  std::chrono::milliseconds poll_interval_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Work> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace saylau::server
