// Seat projection with uncertainty: Monte Carlo over an estimate of the shares (a normal draw
// with the estimate's covariance), each draw turned into whole votes and allocated under the
// contest's real rules (threshold, method, ties), exactly as the official count would be.
// Gives, per list, the probability of passing the threshold, the distribution of its seats,
// the probability of the most seats and of a majority. Deterministic for a seed. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/fast_allocation.h"
#include "saylau/core/model.h"
#include "saylau/stats/estimate.h"

namespace saylau::stats {

struct SimulationOptions {
  int draws = 10000;
  std::uint64_t seed = 1;
  std::int64_t base_votes = 6'000'000;  // size of each simulated count (the valid votes)
};

struct ListProjection {
  std::string id;
  double pass_probability = 0;
  double mean_seats = 0;
  int seats_low = 0, seats_median = 0, seats_high = 0;  // 5th, 50th and 95th percentile
  std::vector<std::int64_t> seat_histogram;             // draws with 0 ... seats seats
  double most_seats_probability = 0;                    // strictly more seats than any other list
  double majority_probability = 0;                      // more than half of the seats
};

struct SeatProjection {
  std::string contest;
  int seats = 0;
  int majority = 0;  // seats needed for a majority
  int draws = 0;
  std::int64_t no_allocation = 0;  // draws where no list passed
  std::vector<ListProjection> lists;
  std::vector<std::string> notes;
};

// Errors: kInvalidArgument when the contest is not a party-list contest or the estimate's
// shares do not name the contest's options.
Result<SeatProjection> SimulateSeats(const core::Contest& contest, const Estimate& estimate,
                                     const SimulationOptions& options);

// The seats of each option for whole votes under the contest's party-list rules (threshold,
// then the method); `votes` in contest order, then "against all" when the contest has it.
// Hare with the registration-order tie rule takes an allocation-free fast path; the other
// methods with one (core/fast_allocation.h) go through `fast`, reused across draws, and through
// core::Allocate only when it reports a tie or has no fast path. Exact. `seats` is resized to
// the options.
void AllocateDraw(const core::Contest& contest, const core::PartyListRules& rules, std::span<const std::int64_t> votes,
                  std::vector<int>& seats, core::FastAllocator& fast);
// The same with an allocator of its own.
void AllocateDraw(const core::Contest& contest, const core::PartyListRules& rules, std::span<const std::int64_t> votes,
                  std::vector<int>& seats);

}  // namespace saylau::stats
