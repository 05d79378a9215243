#include "allocation_input.h"

#include <string>

namespace saylau::core::internal {

Result<std::int64_t> ValidateAllocationInput(int seats, std::span<const ListVotes> lists, TieRule ties,
                                             std::span<const int> lot_rank) {
  if (seats <= 0 || seats > kMaxSeats) {
    return InvalidArgument("seats must be between 1 and " + std::to_string(kMaxSeats) + ", got " +
                           std::to_string(seats));
  }
  if (lists.empty()) return InvalidArgument("there are no options to allocate seats to");
  if (lists.size() > static_cast<std::size_t>(kMaxSeats)) {
    return InvalidArgument("too many options: " + std::to_string(lists.size()));
  }
  std::int64_t total = 0;
  for (const ListVotes& list : lists) {
    if (list.votes < 0) {
      return InvalidArgument("option '" + list.id + "' has negative votes (" + std::to_string(list.votes) + ")");
    }
    if (list.votes > kMaxVotes) {
      return InvalidArgument("option '" + list.id + "' has more than 10^12 votes");
    }
    total += list.votes;
  }
  if (total == 0) return InvalidArgument("every option has zero votes");
  if (ties == TieRule::kLot && lot_rank.size() != lists.size()) {
    return InvalidArgument("a tie rule 'lot' needs the recorded lot order of every option");
  }
  return total;
}

Allocation EmptyAllocation(Method method, int seats, std::span<const ListVotes> lists) {
  Allocation allocation;
  allocation.method = method;
  allocation.seats_total = seats;
  allocation.ids.reserve(lists.size());
  allocation.votes.reserve(lists.size());
  for (const ListVotes& list : lists) {
    allocation.ids.push_back(list.id);
    allocation.votes.push_back(list.votes);
  }
  allocation.seats.assign(lists.size(), 0);
  return allocation;
}

}  // namespace saylau::core::internal
