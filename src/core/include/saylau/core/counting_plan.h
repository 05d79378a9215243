// Where each contest is counted and how its totals roll up: for every contest, the units of
// its subtree in a compact local numbering (the contest's unit is 0, parents before
// children), the counting units (the leaves: polling stations) and the voters expected.
// Built once from an Election; immutable afterwards and safe to share across threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "saylau/core/model.h"

namespace saylau::core {

struct ContestPlan {
  const Contest* contest = nullptr;
  int width = 0;                     // protocol values: fixed lines + options
  int max_round = 1;                 // 2 for contests with a repeat vote
  std::vector<int> units;            // local index -> global unit index (Election::units())
  std::vector<int> parent;           // local index -> local parent, -1 for the contest's unit
  std::vector<bool> counting;        // local index -> true for a counting unit (a leaf)
  std::vector<int> expected;         // local index -> counting units at or below it
  std::vector<std::int64_t> voters;  // local index -> registered voters of the counting units below
  int LocalIndex(int global_unit) const;  // -1 when the unit is not in the contest's subtree
  std::vector<std::pair<int, int>> global_to_local;  // sorted by global index
};

class CountingPlan {
 public:
  explicit CountingPlan(const Election& election);

  const Election& election() const { return *election_; }
  const std::vector<ContestPlan>& contests() const { return contests_; }
  int ContestIndex(const std::string& id) const;  // -1 when unknown
  int UnitIndex(const std::string& id) const;     // global index, -1 when unknown
  // Global indices: parent (-1 at the root), children, whether a unit is a leaf.
  int Parent(int unit) const { return parents_[unit]; }
  // Whether `ancestor` is `unit` itself or a unit above it (global indices).
  bool IsAncestorOrSelf(int ancestor, int unit) const {
    for (int at = unit; at >= 0; at = parents_[at]) {
      if (at == ancestor) return true;
    }
    return false;
  }
  // The authority rule: only a unit's own commission or one above it (named by its unit's id)
  // may submit or correct its figures. False for a commission that is not a unit.
  bool MayActFor(const std::string& commission, int global_unit) const {
    const int by = UnitIndex(commission);
    return by >= 0 && IsAncestorOrSelf(by, global_unit);
  }
  std::span<const int> Children(int unit) const {
    return {children_.data() + child_start_[unit], static_cast<std::size_t>(child_start_[unit + 1] - child_start_[unit])};
  }
  bool IsLeaf(int unit) const { return child_start_[unit] == child_start_[unit + 1]; }
  // Leaves at or below each global unit, and their registered voters (when given).
  int LeavesBelow(int unit) const { return leaves_below_[unit]; }
  std::int64_t VotersBelow(int unit) const { return voters_below_[unit]; }
  // The contests counted at a leaf: (contest index, local index) pairs.
  std::span<const std::pair<int, int>> ContestsAt(int leaf) const {
    return {contests_at_.data() + contests_start_[leaf],
            static_cast<std::size_t>(contests_start_[leaf + 1] - contests_start_[leaf])};
  }

 private:
  const Election* election_;
  std::vector<ContestPlan> contests_;
  std::vector<int> parents_;
  // Children and the contests at each leaf in compressed rows (one allocation each, not one
  // per unit: a country has hundreds of thousands of stations).
  std::vector<int> children_, child_start_;
  std::vector<int> leaves_below_;
  std::vector<std::int64_t> voters_below_;
  std::vector<std::pair<int, int>> contests_at_;
  std::vector<int> contests_start_;
  std::unordered_map<std::string, int> contest_index_;
};

}  // namespace saylau::core
