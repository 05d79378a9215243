// How much of the writer thread the commission desk's answers may take (desk_route.cc). Public
// keys are public, so a reader cycling through every commission's key could otherwise keep the
// writer thread building desks while submissions wait. Builds are timed; once they used
// their share of the current one-second window (ServerOptions::desk_build_share), a key whose answer would be rebuilt
// gets the answer kept for it (even if others moved the count on since; not if the key itself sent
// something) or, when it has none, 503 busy. Writer thread only;
// not thread-safe.
#pragma once

#include <chrono>

namespace saylau::server {

class DeskBudget {
 public:
  using Clock = std::chrono::steady_clock;
  DeskBudget(std::chrono::milliseconds share, std::chrono::milliseconds window) : share_(share), window_(window) {}
  // Whether the builds of the window holding `now` used up the share.
  bool Exhausted(Clock::time_point now) const { return now - window_start_ < window_ && spent_ >= share_; }
  // A build ran from `start` to `end` (charged to the window holding `start`).
  void Spend(Clock::time_point start, Clock::time_point end) {
    if (start - window_start_ >= window_) {
      window_start_ = start;
      spent_ = Clock::duration::zero();
    }
    spent_ += end - start;
  }

 private:
  Clock::duration share_;
  Clock::duration window_;
  Clock::time_point window_start_{};
  Clock::duration spent_ = Clock::duration::zero();
};

}  // namespace saylau::server
