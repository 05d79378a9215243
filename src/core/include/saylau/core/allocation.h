// Seat allocation: the methods, how ties are settled, and the Allocation result with the
// full arithmetic behind it (quota and remainders, or each seat's winning quotient), so a
// person can check it by hand. Exact: every comparison is a cross-multiplication in 128-bit
// integers. Pure functions, no I/O or global state, safe from any thread.
// The methods themselves: largest_remainder.h and highest_averages.h.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/ratio.h"

namespace saylau::core {

enum class Method {
  // Largest remainder, by quota.
  kHare,               // V / S
  kDroop,              // floor(V / (S + 1)) + 1
  kHagenbachBischoff,  // V / (S + 1)
  kImperiali,          // V / (S + 2)
  // Highest averages, by divisor sequence (k = seats already won).
  kDhondt,               // k + 1
  kSainteLague,          // 2k + 1
  kModifiedSainteLague,  // first divisor configurable (1.4), then 3, 5, 7 ...
  kDanish,               // 3k + 1
  kHuntingtonHill,       // sqrt(k (k + 1)); a list with votes and no seat comes first
  kAdams,                // k; a list with votes and no seat comes first
};

// All methods in a stable order, with their command-line names ("hare", "dhondt", ...).
std::span<const Method> AllMethods();
std::string_view MethodName(Method method);
std::optional<Method> MethodFromName(std::string_view name);
bool IsLargestRemainder(Method method);

// How two options with an equal claim to the last seat(s) are settled.
enum class TieRule {
  kOrder,       // the option listed (registered) earlier wins
  kLot,         // a recorded lot: AllocationOptions::lot_rank gives each option's place
  kUnresolved,  // report the tie; the contested seats stay undistributed
};
std::string_view TieRuleName(TieRule rule);

struct ListVotes {
  std::string id;
  std::int64_t votes = 0;
};

// Limits that keep every product inside 128 bits; larger inputs are rejected.
inline constexpr std::int64_t kMaxVotes = 1'000'000'000'000;  // 10^12 per option
inline constexpr int kMaxSeats = 100'000;

struct AllocationOptions {
  Method method = Method::kHare;
  int seats = 0;
  Ratio first_divisor{7, 5};  // kModifiedSainteLague only
  TieRule ties = TieRule::kOrder;
  std::vector<int> lot_rank;  // kLot: lot_rank[i] = place of option i in the lot, lower wins
};

// An exact non-negative fraction num/den; den == 0 stands for +infinity (a first seat under
// Adams or Huntington-Hill). For Huntington-Hill the fraction is the squared quotient.
struct Fraction {
  Int128 num = 0;
  Int128 den = 1;
  double ToDouble() const;
};
int Compare(const Fraction& a, const Fraction& b);

// One option's line in a largest-remainder calculation: votes / quota = whole + remainder.
struct RemainderLine {
  std::int64_t whole_seats = 0;  // floor(votes / quota)
  Int128 remainder = 0;          // votes * quota.den - whole * quota.num, over quota.num
  bool remainder_seat = false;   // won one of the seats left after the whole quotas
  bool seat_taken_back = false;  // lost a seat because the quota over-allocated (Imperiali)
};

// One seat under a highest-averages method, in the order they were won.
struct SeatAward {
  int seat = 0;          // 1-based
  int option = 0;        // index into the input
  int divisor_step = 0;  // seats the option held before this one (k)
  Fraction quotient;     // votes / divisor(k) (squared for Huntington-Hill)
  bool by_tie_rule = false;
};

// Options with an equal claim to fewer seats than there are options.
struct TieReport {
  std::vector<int> contenders;  // option indices, input order
  int seats_at_stake = 0;
  std::vector<int> winners;  // empty when the tie is unresolved
  TieRule rule = TieRule::kOrder;
};

struct Allocation {
  Method method = Method::kHare;
  int seats_total = 0;
  std::vector<std::string> ids;
  std::vector<std::int64_t> votes;
  std::vector<int> seats;  // per input option
  // Largest remainder: the quota as num/den and one line per option.
  Fraction quota;
  std::vector<RemainderLine> remainders;
  // Highest averages: the cut. Every seat was won with a quotient of at least last_winner;
  // no quotient left without a seat is above first_loser. The seat-by-seat order, for
  // display, comes from SeatOrder() in highest_averages.h.
  std::optional<Fraction> last_winner;
  std::optional<Fraction> first_loser;
  std::vector<TieReport> ties;
  int unresolved_seats = 0;  // seats left undistributed by an unresolved tie

  // Seats of the option with this id; 0 for an unknown id.
  int SeatsOf(std::string_view id) const;
  bool resolved() const { return unresolved_seats == 0; }
};

// Shares options.seats among `lists` with the chosen method.
// Errors: kInvalidArgument if seats is not in [1, kMaxSeats], `lists` is empty, a vote
// count is negative or above kMaxVotes, every list has zero votes, the first divisor is 0,
// or kLot is asked for without a rank for every option.
Result<Allocation> Allocate(const AllocationOptions& options, std::span<const ListVotes> lists);

// The divisor applied to an option that already holds k seats, as num/den (Huntington-Hill:
// k(k+1), the square of the divisor). Exposed for explanation tables.
Fraction DivisorAt(Method method, const Ratio& first_divisor, int k);

}  // namespace saylau::core
