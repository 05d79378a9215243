// Exact non-negative rationals for rule parameters (a 5 % threshold, a 1.4 first divisor,
// a two-thirds share) and exact comparison of fractions in 128-bit integers. Nothing in
// saylau decides a seat or a winner with floating point; doubles appear only for display.
// Pure values and functions, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "saylau/base/result.h"

namespace saylau::core {

__extension__ typedef __int128 Int128;  // g++/clang builtin; pedantic-clean

// num/den with den > 0, kept as written (1.4 stays 14/10; equality is by value).
struct Ratio {
  std::int64_t num = 0;
  std::int64_t den = 1;

  friend bool operator==(const Ratio& a, const Ratio& b) { return Int128{a.num} * b.den == Int128{b.num} * a.den; }
  double ToDouble() const { return static_cast<double>(num) / static_cast<double>(den); }
};

// Parses a non-negative decimal ("5", "5.5", "1.4", "0.7") or a fraction ("2/3") exactly.
// Errors: kInvalidArgument for anything else, or more than 12 decimal places.
Result<Ratio> ParseRatio(std::string_view text);

// The shortest exact decimal for the ratio when one exists ("1.4", "5"), else "n/d".
std::string FormatRatio(const Ratio& ratio);

// Sign of a/b - c/d for b, d > 0 (exact).
inline int CompareFractions(Int128 a, Int128 b, Int128 c, Int128 d) {
  const Int128 left = a * d;
  const Int128 right = c * b;
  return left < right ? -1 : (left > right ? 1 : 0);
}

// True when part * 100 >= percent * whole, i.e. part is at least `percent` % of whole.
inline bool AtLeastPercent(std::int64_t part, std::int64_t whole, const Ratio& percent) {
  return Int128{part} * 100 * percent.den >= Int128{percent.num} * whole;
}
// True when part * 100 > percent * whole: strictly more than `percent` % of whole.
inline bool MoreThanPercent(std::int64_t part, std::int64_t whole, const Ratio& percent) {
  return Int128{part} * 100 * percent.den > Int128{percent.num} * whole;
}

// A percentage for display only: 100 * part / whole rounded to `decimals` places.
std::string PercentText(std::int64_t part, std::int64_t whole, int decimals = 2);

}  // namespace saylau::core
