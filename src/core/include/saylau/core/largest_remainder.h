// Largest-remainder seat allocation (Hare, Droop, Hagenbach-Bischoff, Imperiali quotas).
// Pure functions, safe from any thread. Divisor methods are in highest_averages.h; the
// threshold that decides who takes part is in threshold.h.
#pragma once

#include <span>

#include "saylau/base/result.h"
#include "saylau/core/allocation.h"

namespace saylau::core {

// Shares `seats` among `lists` in proportion to their votes. Every list gets the floor of
// votes / quota; the seats left go to the largest remainders; equal remainders are settled
// by `ties` and reported. When a small quota (Imperiali) hands out more whole seats than
// exist, the extra seats are taken back from the smallest remainders, and reported.
// Errors: as Allocate() in allocation.h.
Result<Allocation> AllocateLargestRemainder(Method quota, int seats, std::span<const ListVotes> lists, TieRule ties,
                                            std::span<const int> lot_rank = {});

}  // namespace saylau::core
