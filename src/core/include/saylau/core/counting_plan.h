// Where each contest is counted and how its totals roll up: for every contest, the units of
// its subtree in a compact local numbering (LocalUnit; the contest's unit is 0, parents
// before children), the counting units (the leaves: polling stations) and the voters expected.
// Built once from an Election; immutable afterwards and safe to share across threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "saylau/core/indices.h"
#include "saylau/core/model.h"

namespace saylau::core {

struct ContestPlan {
  const Contest* contest = nullptr;
  const ProtocolForm* form = nullptr;  // the contest's protocol form (owned by the Election)
  int width = 0;                     // protocol values: the form's lines + options
  int first_option = 0;              // index of the first option's votes: the form's line count
  int max_round = 1;                 // 2 for contests with a repeat vote
  // Indexed by local unit (the data; LocalOf and GlobalOf below are the typed accessors). The
  // counting units and voters at or below a unit are the CountingPlan's (LeavesBelow and
  // VotersBelow of GlobalOf(local)), not repeated here for every contest.
  std::vector<int> units;            // local index -> global unit index (Election::units())
  std::vector<int> parent;           // local index -> local parent, -1 for the contest's unit
  std::vector<bool> counting;        // local index -> true for a counting unit (a leaf)
  std::vector<std::pair<int, int>> global_to_local;  // sorted by global index
  // No two of the form's lines and the contest's options share a name (the loader refuses
  // it): a value found at the position tried first is the one a search would find.
  bool names_apart = false;

  // The index among the protocol's values of `name`: a line of the form, else an option of the
  // contest; -1 when neither. `expected` is tried first (a file's columns follow the form: the
  // index after the last one found), then the lines and options are searched.
  int ValueIndexOf(std::string_view name, int expected) const;

  // The contest's local unit for a unit of the election; none when it is outside the subtree.
  LocalUnit LocalOf(GlobalUnit unit) const;
  // The unit of the election for a local unit. REQUIRES: `local` is valid.
  GlobalUnit GlobalOf(LocalUnit local) const { return GlobalUnit(units[local.at()]); }
};

class CountingPlan {
 public:
  explicit CountingPlan(const Election& election);

  const Election& election() const { return *election_; }
  const std::vector<ContestPlan>& contests() const { return contests_; }
  // REQUIRES: `contest` is valid.
  const ContestPlan& contest(ContestIndex contest) const { return contests_[contest.at()]; }
  ContestIndex FindContest(const std::string& id) const;  // none when unknown
  GlobalUnit FindUnit(const std::string& id) const;       // none when unknown
  // The unit above `unit` (none at the root), its children (global indices), whether it is a leaf.
  // A district of a map (Unit::map) has no parent; its children are its polling stations, whose
  // parent stays their commission: a district counts them, it does not command them.
  GlobalUnit Parent(GlobalUnit unit) const { return GlobalUnit(parents_[unit.at()]); }
  // Whether `ancestor` is `unit` itself or a unit above it.
  bool IsAncestorOrSelf(GlobalUnit ancestor, GlobalUnit unit) const {
    for (GlobalUnit at = unit; at.valid(); at = Parent(at)) {
      if (at == ancestor) return true;
    }
    return false;
  }
  // The authority rule: only a unit's own commission or one above it (named by its unit's id)
  // may submit or correct its figures. False for a commission that is not a unit.
  bool MayActFor(const std::string& commission, GlobalUnit unit) const {
    const GlobalUnit by = FindUnit(commission);
    return by.valid() && IsAncestorOrSelf(by, unit);
  }
  std::span<const int> Children(GlobalUnit unit) const {
    const std::size_t at = unit.at();
    return {children_.data() + child_start_[at], static_cast<std::size_t>(child_start_[at + 1] - child_start_[at])};
  }
  bool IsLeaf(GlobalUnit unit) const { return child_start_[unit.at()] == child_start_[unit.at() + 1]; }
  // Leaves at or below each unit, and their registered voters (when given).
  int LeavesBelow(GlobalUnit unit) const { return leaves_below_[unit.at()]; }
  std::int64_t VotersBelow(GlobalUnit unit) const { return voters_below_[unit.at()]; }
  // The contests counted at a leaf: (contest index, local index) pairs.
  std::span<const std::pair<int, int>> ContestsAt(GlobalUnit leaf) const {
    const std::size_t at = leaf.at();
    return {contests_at_.data() + contests_start_[at],
            static_cast<std::size_t>(contests_start_[at + 1] - contests_start_[at])};
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
