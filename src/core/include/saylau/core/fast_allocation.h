// The fast path of seat allocation, for outcomes computed many times and never published
// (simulations, what-ifs, benchmarks): the seats alone, with no explanation, no strings and no
// allocation once the buffers have grown. Exact like Allocate(): every comparison is a
// cross-multiplication of integers (64-bit where the limits of allocation.h prove it safe,
// 128-bit otherwise), never floating point. A published result keeps Allocate() and its
// explanation; the property tests hold the two equal on every input.
// One FastAllocator per thread; distinct allocators are independent.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "saylau/core/allocation.h"

namespace saylau::core {

// What AllocateFast found.
enum class FastStatus {
  kDecided,      // every seat went by a strict comparison: seats() is the outcome
  kTie,          // equal claims straddle the last seat(s): seats() leaves them open, tied() names them
  kInvalid,      // outside Allocate()'s limits: call Allocate() for the message
  kUnsupported,  // no fast path: Droop, Hagenbach-Bischoff, Imperiali, Huntington-Hill, Adams, and
                 // modified Sainte-Laguë with a first divisor of 3 or more: call Allocate()
};

// The rule to apply: the method, the house size and, for kModifiedSainteLague, the first divisor.
struct FastRule {
  Method method = Method::kDhondt;
  int seats = 0;
  Ratio first_divisor{7, 5};
};

// True for the methods with a fast path: Hare, D'Hondt, Sainte-Laguë, modified Sainte-Laguë (a first
// divisor under 3), Danish.
bool HasFastPath(Method method);

// Shares rule.seats among options by their votes, into buffers it owns and reuses.
//
// Ties are reported, never guessed. On kTie the outcome is exactly Allocate()'s under
// TieRule::kUnresolved: seats() holds every seat won by a strict comparison, tied() the options
// (input order) with an equal claim to the seats left, and tied_seats() how many seats that is
// (fewer than tied().size()). Allocate() under kOrder gives one more seat to each of the first
// tied_seats() options of tied(); under kLot, to the best ranked. On kDecided the outcome equals
// Allocate()'s under every tie rule.
class FastAllocator {
 public:
  FastStatus Allocate(const FastRule& rule, std::span<const std::int64_t> votes);

  // Seats per option of the last call (empty after kInvalid or kUnsupported).
  std::span<const int> seats() const { return seats_; }
  // The options tied for the seats left open by the last call, input order; empty unless kTie.
  std::span<const int> tied() const { return {tied_.data(), static_cast<std::size_t>(tied_count_)}; }
  int tied_seats() const { return tied_seats_; }

 private:
  FastStatus Finish(FastStatus status);
  FastStatus LargestRemainder(int seats, std::span<const std::int64_t> votes, std::int64_t total);
  FastStatus HighestAverages(const FastRule& rule, std::span<const std::int64_t> votes, std::int64_t total);

  std::vector<int> seats_;
  std::vector<int> tied_;
  std::vector<std::int64_t> key_;
  int tied_count_ = 0;
  int tied_seats_ = 0;
};

}  // namespace saylau::core
