#include "saylau/core/allocation.h"

#include <array>

#include "saylau/core/highest_averages.h"
#include "saylau/core/largest_remainder.h"

namespace saylau::core {
namespace {

struct MethodEntry {
  Method method;
  std::string_view name;
};

constexpr std::array<MethodEntry, 10> kMethods = {{
    {Method::kHare, "hare"},
    {Method::kDroop, "droop"},
    {Method::kHagenbachBischoff, "hagenbach-bischoff"},
    {Method::kImperiali, "imperiali"},
    {Method::kDhondt, "dhondt"},
    {Method::kSainteLague, "sainte-lague"},
    {Method::kModifiedSainteLague, "modified-sainte-lague"},
    {Method::kDanish, "danish"},
    {Method::kHuntingtonHill, "huntington-hill"},
    {Method::kAdams, "adams"},
}};

// The methods alone, in the table's order, for AllMethods().
constexpr std::array<Method, kMethods.size()> kMethodList = [] {
  std::array<Method, kMethods.size()> list{};
  for (std::size_t i = 0; i < kMethods.size(); ++i) list[i] = kMethods[i].method;
  return list;
}();

}  // namespace

std::span<const Method> AllMethods() { return kMethodList; }

std::string_view MethodName(Method method) {
  for (const MethodEntry& entry : kMethods) {
    if (entry.method == method) return entry.name;
  }
  SAYLAU_CHECK(false);
  return {};
}

std::optional<Method> MethodFromName(std::string_view name) {
  for (const MethodEntry& entry : kMethods) {
    if (entry.name == name) return entry.method;
  }
  return std::nullopt;
}

bool IsLargestRemainder(Method method) {
  return method == Method::kHare || method == Method::kDroop || method == Method::kHagenbachBischoff ||
         method == Method::kImperiali;
}

std::string_view TieRuleName(TieRule rule) {
  switch (rule) {
    case TieRule::kOrder:
      return "order";
    case TieRule::kLot:
      return "lot";
    case TieRule::kUnresolved:
      return "unresolved";
  }
  SAYLAU_CHECK(false);
  return {};
}

double Fraction::ToDouble() const {
  if (den == 0) return 1.0 / 0.0;
  return static_cast<double>(num) / static_cast<double>(den);
}

int Compare(const Fraction& a, const Fraction& b) {
  if (a.den == 0) return b.den == 0 ? 0 : 1;
  if (b.den == 0) return -1;
  return CompareFractions(a.num, a.den, b.num, b.den);
}

int Allocation::SeatsOf(std::string_view id) const {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == id) return seats[i];
  }
  return 0;
}

Fraction DivisorAt(Method method, const Ratio& first_divisor, int k) {
  const Int128 step = k;
  switch (method) {
    case Method::kDhondt:
      return {step + 1, 1};
    case Method::kSainteLague:
      return {2 * step + 1, 1};
    case Method::kModifiedSainteLague:
      if (k == 0) return {first_divisor.num, first_divisor.den};
      return {2 * step + 1, 1};
    case Method::kDanish:
      return {3 * step + 1, 1};
    case Method::kHuntingtonHill:
      return {step * (step + 1), 1};
    case Method::kAdams:
      return {step, 1};
    default:
      SAYLAU_CHECK(false);
  }
  return {};
}

Result<Allocation> Allocate(const AllocationOptions& options, std::span<const ListVotes> lists) {
  if (IsLargestRemainder(options.method)) {
    return AllocateLargestRemainder(options.method, options.seats, lists, options.ties, options.lot_rank);
  }
  return AllocateHighestAverages(options.method, options.seats, lists, options.ties, options.first_divisor,
                                 options.lot_rank);
}

}  // namespace saylau::core
