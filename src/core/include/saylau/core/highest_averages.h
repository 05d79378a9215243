// Highest-averages (divisor) seat allocation: D'Hondt, Sainte-Laguë, modified Sainte-Laguë,
// Danish, Huntington-Hill, Adams. Seats are handed out one at a time to the highest
// quotient votes / divisor(k). Pure, safe from any thread.
//
// Speed: the seats every option holds at the trial divisor V/S (a lower bound on its final
// seats whenever they sum to at most S) are awarded at once; only the last few seats are
// compared one by one. The order in which seats were won is rebuilt by SeatOrder().
#pragma once

#include <span>

#include "saylau/base/result.h"
#include "saylau/core/allocation.h"

namespace saylau::core {

// Shares `seats` among `lists`. Equal quotients competing for fewer seats than there are
// such lists are settled by `ties` (and reported). Under Adams and Huntington-Hill every
// list with votes has an infinite first quotient; several such lists are ordered by votes.
// Errors: as Allocate() in allocation.h.
Result<Allocation> AllocateHighestAverages(Method divisors, int seats, std::span<const ListVotes> lists, TieRule ties,
                                           const Ratio& first_divisor = {7, 5}, std::span<const int> lot_rank = {});

// Every seat of a divisor-method allocation in the order it was won (highest quotient
// first; equal quotients in input order, tie-rule winners marked), with its quotient.
std::vector<SeatAward> SeatOrder(const Allocation& allocation, const Ratio& first_divisor = {7, 5});

}  // namespace saylau::core
