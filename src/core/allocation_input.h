// Internal: the input checks shared by both families of allocation methods.
#pragma once

#include <span>

#include "saylau/base/result.h"
#include "saylau/core/allocation.h"

namespace saylau::core::internal {

// Checks seats, votes and the lot; on success returns the total of all votes (> 0).
Result<std::int64_t> ValidateAllocationInput(int seats, std::span<const ListVotes> lists, TieRule ties,
                                             std::span<const int> lot_rank);

// An Allocation with ids, votes and zero seats filled in.
Allocation EmptyAllocation(Method method, int seats, std::span<const ListVotes> lists);

}  // namespace saylau::core::internal
