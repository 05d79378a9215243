// Highest-averages (divisor) seat allocation: D'Hondt, Sainte-Laguë, modified Sainte-Laguë,
// Danish, Huntington-Hill, Adams. Seats are handed out one at a time to the highest
// quotient votes / divisor(k); every award is recorded. Pure, safe from any thread.
#pragma once

#include <span>

#include "saylau/base/result.h"
#include "saylau/core/allocation.h"

namespace saylau::core {

// Shares `seats` among `lists`. Equal quotients competing for fewer seats than there are
// such lists are settled by `ties` (and reported). Under Adams and Huntington-Hill every
// list with votes has an infinite first quotient; several such lists are ordered by votes.
// Errors: as Allocate() in allocation.h.
Result<Allocation> AllocateHighestAverages(Method divisors, int seats, std::span<const ListVotes> lists,
                                           TieRule ties, const Ratio& first_divisor = {7, 5},
                                           std::span<const int> lot_rank = {});

}  // namespace saylau::core
