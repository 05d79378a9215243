// The fast path of seat allocation: seats only, exact integer arithmetic, no allocation once the
// buffers have grown. See fast_allocation.h for the contract and how ties compare to Allocate().
#include "saylau/core/fast_allocation.h"

#include <algorithm>
#include <functional>

namespace saylau::core {
namespace {

// The first divisor of modified Sainte-Laguë is taken up to 10^12 in numerator and
// denominator, so that votes * den * num stays inside 128 bits (10^36).
constexpr std::int64_t kMaxDivisorPart = 1'000'000'000'000;

// Up to this many options, Hare ranks the remainders pairwise instead of selecting the cut.
constexpr std::size_t kFewOptions = 16;

__extension__ typedef unsigned __int128 UInt128;  // pedantic-clean, as Int128 in ratio.h

// Checks Allocate()'s limits; the total of all votes (> 0), or 0 when the input is invalid.
std::int64_t ValidTotal(int seats, std::span<const std::int64_t> votes) {
  if (seats <= 0 || seats > kMaxSeats || votes.empty() || votes.size() > static_cast<std::size_t>(kMaxSeats)) return 0;
  std::int64_t total = 0;
  for (const std::int64_t v : votes) {
    if (v < 0 || v > kMaxVotes) return 0;
    total += v;  // at most 10^5 * 10^12
  }
  return total;
}

// Divisors a * k + b: D'Hondt (1, 1), Sainte-Laguë (2, 1), Danish (3, 1). A quotient
// votes / (a k + b) is at most 10^12 and a divisor at most 3 * 10^5 + 1, so the
// cross-products of a comparison stay below 4 * 10^17: 64 bits are enough.
// Constants, so that the compiler turns their divisions into multiplications.
template <std::int64_t A, std::int64_t B>
struct LinearDivisor {
  static constexpr std::int64_t a = A;
  static constexpr std::int64_t b = B;
};

// Modified Sainte-Laguë: p/q for the first seat, then 2k + 1; compared in 128 bits.
struct ModifiedDivisor {
  Int128 p;
  Int128 q;
};

// Floor division by one divisor d >= 1 for many numerators n < 2^63, by a reciprocal computed
// once: the estimate floor(n * floor((2^64 - 1) / d) / 2^64) is at most two below the quotient
// and never above it, and the remainder corrects it. Exact; no division instruction per call.
class Divider {
 public:
  explicit Divider(std::uint64_t d) : d_(d), reciprocal_(d == 1 ? 0 : ~std::uint64_t{0} / d) {}
  std::uint64_t Quotient(std::uint64_t n, std::uint64_t& remainder) const {
    if (d_ == 1) {
      remainder = 0;
      return n;
    }
    std::uint64_t q = static_cast<std::uint64_t>((UInt128{n} * reciprocal_) >> 64);
    remainder = n - q * d_;
    while (remainder >= d_) {
      ++q;
      remainder -= d_;
    }
    return q;
  }

 private:
  std::uint64_t d_;
  std::uint64_t reciprocal_;
};

// Seats of each option at the trial divisor V / (a T): how many of its quotients are at least
// that. Such a cut is a prefix of the seat-by-seat order; T is chosen so that its seats come
// to S on average (the seats it misses or takes too many are then settled one at a time).
// Returns the seats given; 0 (and no seats) when T would not be positive.
template <std::int64_t A, std::int64_t B>
int Cut(LinearDivisor<A, B> d, int seats, std::span<const std::int64_t> votes, std::int64_t total, int options,
        std::span<int> held) {
  // A count floor((a T v - b V) / (a V)) + 1 is T v / V - b / a + 1/2 on average.
  const std::int64_t lean = std::int64_t{options} * (2 * d.b - d.a);
  const std::int64_t offset = lean >= 0 ? (lean + d.a) / (2 * d.a) : -((-lean + d.a) / (2 * d.a));
  const std::int64_t trial = seats + offset;
  if (trial <= 0) return 0;
  int given = 0;
  const Divider divider(static_cast<std::uint64_t>(d.a * total));  // at most 3 * 10^17
  const std::int64_t first = d.b * total;
  for (std::size_t i = 0; i < votes.size(); ++i) {
    const std::int64_t scaled = d.a * trial * votes[i];  // at most 3 * 1.5 * 10^5 * 10^12
    std::uint64_t unused;
    held[i] = scaled >= first ? static_cast<int>(divider.Quotient(scaled - first, unused)) + 1 : 0;
    given += held[i];
  }
  return given;
}

// The same cut for modified Sainte-Laguë with a first divisor f in [1, 3) (the quotients then
// fall strictly with k): Sainte-Laguë's count, with the first quotient v / f in place of v / 1.
int Cut(ModifiedDivisor d, int seats, std::span<const std::int64_t> votes, std::int64_t total, int options,
        std::span<int> held) {
  if (d.p < d.q || d.p >= 3 * d.q) return 0;
  const int given = Cut(LinearDivisor<2, 1>{}, seats, votes, total, options, held);
  if (given == 0) return 0;
  const std::int64_t trial = seats;  // Sainte-Laguë's offset is 0
  int adjusted = 0;
  for (std::size_t i = 0; i < votes.size(); ++i) {
    if (held[i] > 0 && Int128{2} * trial * votes[i] * d.q < d.p * total) --held[i];
    adjusted += held[i];
  }
  return adjusted;
}

// Sign of votes_x / divisor(k_x) - votes_y / divisor(k_y).
template <std::int64_t A, std::int64_t B>
inline int CompareClaims(LinearDivisor<A, B> d, std::int64_t vx, int kx, std::int64_t vy, int ky) {
  const std::int64_t left = vx * (d.a * ky + d.b);
  const std::int64_t right = vy * (d.a * kx + d.b);
  return left < right ? -1 : (left > right ? 1 : 0);
}
inline int CompareClaims(const ModifiedDivisor& d, std::int64_t vx, int kx, std::int64_t vy, int ky) {
  // votes / (num / den) = votes * den / num
  const Int128 num_x = kx == 0 ? d.p : Int128{2 * kx + 1}, den_x = kx == 0 ? d.q : Int128{1};
  const Int128 num_y = ky == 0 ? d.p : Int128{2 * ky + 1}, den_y = ky == 0 ? d.q : Int128{1};
  const Int128 left = vx * den_x * num_y;
  const Int128 right = vy * den_y * num_x;
  return left < right ? -1 : (left > right ? 1 : 0);
}

// The seats a cut left, one highest claim at a time; a group of equal highest
// claims is awarded together when it fits, else it is the tie. Returns the seats left open.
template <typename Divisor>
int AwardRemaining(const Divisor& d, int remaining, std::span<const std::int64_t> votes, std::span<int> held,
                   std::span<int> tied, int& tied_count) {
  const int n = static_cast<int>(votes.size());
  while (remaining > 0) {
    int best = 0;
    int equal = 1;
    for (int i = 1; i < n; ++i) {
      const int c = CompareClaims(d, votes[i], held[i], votes[best], held[best]);
      if (c > 0) {
        best = i;
        equal = 1;
      } else if (c == 0) {
        ++equal;
      }
    }
    if (equal == 1) {
      ++held[best];
      --remaining;
      continue;
    }
    int count = 0;
    for (int i = 0; i < n; ++i) {
      if (CompareClaims(d, votes[i], held[i], votes[best], held[best]) == 0) tied[count++] = i;
    }
    if (equal > remaining) {
      tied_count = count;
      return remaining;
    }
    for (int t = 0; t < count; ++t) ++held[tied[t]];
    remaining -= count;
  }
  return 0;
}

// The seats a cut gave too many, taken back one smallest winning quotient at a time; a group
// of equal smallest quotients goes back together when the excess allows, else it is the tie
// (its seats left open). Returns the seats left open.
template <typename Divisor>
int TakeBackExcess(const Divisor& d, int excess, std::span<const std::int64_t> votes, std::span<int> held,
                   std::span<int> tied, int& tied_count) {
  const int n = static_cast<int>(votes.size());
  while (excess > 0) {
    int worst = -1;
    int equal = 0;
    for (int i = 0; i < n; ++i) {
      if (held[i] == 0) continue;
      const int c = worst < 0 ? -1 : CompareClaims(d, votes[i], held[i] - 1, votes[worst], held[worst] - 1);
      if (c < 0) {
        worst = i;
        equal = 1;
      } else if (c == 0) {
        ++equal;
      }
    }
    if (equal == 1) {
      --held[worst];
      --excess;
      continue;
    }
    int count = 0;
    for (int i = 0; i < n; ++i) {
      if (held[i] > 0 && CompareClaims(d, votes[i], held[i] - 1, votes[worst], held[worst] - 1) == 0) {
        tied[count++] = i;
      }
    }
    for (int t = 0; t < count; ++t) --held[tied[t]];
    if (count > excess) {
      tied_count = count;
      return count - excess;
    }
    excess -= count;
  }
  return 0;
}

}  // namespace

bool HasFastPath(Method method) {
  return method == Method::kHare || method == Method::kDhondt || method == Method::kSainteLague ||
         method == Method::kModifiedSainteLague || method == Method::kDanish;
}

FastStatus FastAllocator::Finish(FastStatus status) {
  if (status == FastStatus::kInvalid || status == FastStatus::kUnsupported) seats_.clear();
  if (status != FastStatus::kTie) {
    tied_count_ = 0;
    tied_seats_ = 0;
  }
  return status;
}

FastStatus FastAllocator::Allocate(const FastRule& rule, std::span<const std::int64_t> votes) {
  tied_count_ = 0;
  tied_seats_ = 0;
  if (!HasFastPath(rule.method)) return Finish(FastStatus::kUnsupported);
  const std::int64_t total = ValidTotal(rule.seats, votes);
  if (total == 0) return Finish(FastStatus::kInvalid);
  if (rule.method == Method::kModifiedSainteLague) {
    if (rule.first_divisor.num <= 0) return Finish(FastStatus::kInvalid);
    // From a first divisor of 3 on, a list's second quotient is above its first; Allocate()'s
    // jump start assumes they fall, so the two paths could part: such a rule has no fast path.
    if (rule.first_divisor.den <= 0 || rule.first_divisor.num > kMaxDivisorPart ||
        rule.first_divisor.den > kMaxDivisorPart || rule.first_divisor.num >= 3 * rule.first_divisor.den) {
      return Finish(FastStatus::kUnsupported);
    }
  }
  seats_.assign(votes.size(), 0);  // no allocation once the capacity is there
  if (tied_.size() < votes.size()) tied_.resize(votes.size());
  if (rule.method == Method::kHare) return Finish(LargestRemainder(rule.seats, votes, total));
  return Finish(HighestAverages(rule, votes, total));
}

FastStatus FastAllocator::LargestRemainder(int seats, std::span<const std::int64_t> votes, std::int64_t total) {
  // Hare: whole quotas floor(v S / V), remainders v S mod V; the seats left (fewer than the
  // options) go to the largest remainders.
  const std::size_t n = votes.size();
  if (key_.size() < 2 * n) key_.resize(2 * n);
  int given = 0;
  const Divider divider(static_cast<std::uint64_t>(total));
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t remainder;
    seats_[i] = static_cast<int>(divider.Quotient(static_cast<std::uint64_t>(votes[i]) * seats, remainder));
    key_[i] = static_cast<std::int64_t>(remainder);  // v S mod V, at most 10^17
    given += seats_[i];
  }
  const int left = seats - given;
  if (left == 0) return FastStatus::kDecided;
  if (n <= kFewOptions) {
    // Few options: rank each remainder among the others, with no copy and no sort. An option
    // whose remainder and every larger one fit in the seats left wins one; one with at least
    // that many larger remainders does not; in between, equal remainders straddle the cut.
    int above_tied = 0;
    for (std::size_t i = 0; i < n; ++i) {
      int above = 0;
      int equal = 0;
      for (std::size_t j = 0; j < n; ++j) {
        above += key_[j] > key_[i];
        equal += key_[j] == key_[i];
      }
      if (above + equal <= left) {
        ++seats_[i];
      } else if (above < left) {
        tied_[tied_count_++] = static_cast<int>(i);
        above_tied = above;
      }
    }
    if (tied_count_ == 0) return FastStatus::kDecided;
    tied_seats_ = left - above_tied;
    return FastStatus::kTie;
  }
  // The left-th largest remainder is the cut.
  std::copy(key_.begin(), key_.begin() + n, key_.begin() + n);
  const auto scratch = key_.begin() + n;
  std::nth_element(scratch, scratch + (left - 1), scratch + n, std::greater<>());
  const std::int64_t cut = scratch[left - 1];
  int above = 0;
  int equal = 0;
  for (std::size_t i = 0; i < n; ++i) {
    above += key_[i] > cut;
    equal += key_[i] == cut;
  }
  if (above + equal == left) {
    for (std::size_t i = 0; i < n; ++i) seats_[i] += key_[i] >= cut;
    return FastStatus::kDecided;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (key_[i] > cut) ++seats_[i];
    if (key_[i] == cut) tied_[tied_count_++] = static_cast<int>(i);
  }
  tied_seats_ = left - above;
  return FastStatus::kTie;
}

FastStatus FastAllocator::HighestAverages(const FastRule& rule, std::span<const std::int64_t> votes,
                                          std::int64_t total) {
  // The cut's offset is a guess at the seats it misses; every option counts (zero votes only
  // make the guess worse, never the outcome).
  const int options = static_cast<int>(votes.size());
  const auto run = [&](const auto& divisor) {
    const int given = Cut(divisor, rule.seats, votes, total, options, seats_);
    if (given == 0) std::fill(seats_.begin(), seats_.end(), 0);
    tied_seats_ = given <= rule.seats ? AwardRemaining(divisor, rule.seats - given, votes, seats_, tied_, tied_count_)
                                      : TakeBackExcess(divisor, given - rule.seats, votes, seats_, tied_, tied_count_);
    return tied_seats_ > 0 ? FastStatus::kTie : FastStatus::kDecided;
  };
  switch (rule.method) {
    case Method::kDhondt:
      return run(LinearDivisor<1, 1>{});
    case Method::kSainteLague:
      return run(LinearDivisor<2, 1>{});
    case Method::kDanish:
      return run(LinearDivisor<3, 1>{});
    case Method::kModifiedSainteLague:
      return run(ModifiedDivisor{rule.first_divisor.num, rule.first_divisor.den});
    default:
      SAYLAU_CHECK(false);
  }
  return FastStatus::kUnsupported;
}

}  // namespace saylau::core
