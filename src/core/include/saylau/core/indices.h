// Distinct index types for the three numberings that meet in core: a unit of the election
// (GlobalUnit, an index into Election::units()), a unit of one contest's subtree (LocalUnit,
// an index into ContestPlan::units; the contest's own unit is local 0) and a contest
// (ContestIndex, an index into CountingPlan::contests()). Each wraps an int, -1 meaning none;
// mixing them, or passing a bare int, does not compile. Plain values, thread-safe.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>

#include "saylau/base/check.h"

namespace saylau::core {

template <typename Tag>
class Index {
 public:
  constexpr Index() = default;  // none
  constexpr explicit Index(int value) : value_(value) {}
  constexpr explicit Index(std::size_t value) : value_(static_cast<int>(value)) {}

  constexpr int value() const { return value_; }
  constexpr bool valid() const { return value_ >= 0; }
  // The index for a vector's operator[]. REQUIRES: valid().
  std::size_t at() const {
    SAYLAU_CHECK(valid());
    return static_cast<std::size_t>(value_);
  }

  friend constexpr auto operator<=>(const Index&, const Index&) = default;

 private:
  int value_ = -1;
};

using GlobalUnit = Index<struct GlobalUnitTag>;
using LocalUnit = Index<struct LocalUnitTag>;
using ContestIndex = Index<struct ContestIndexTag>;

}  // namespace saylau::core

template <typename Tag>
struct std::hash<saylau::core::Index<Tag>> {
  std::size_t operator()(const saylau::core::Index<Tag>& index) const noexcept {
    return std::hash<int>()(index.value());
  }
};
