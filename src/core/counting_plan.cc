// CountingPlan: each contest's subtree in local numbering, built by a walk from its unit.
#include "saylau/core/counting_plan.h"

#include <algorithm>
#include <string_view>

#include "saylau/base/check.h"
#include "saylau/core/protocol.h"

namespace saylau::core {

int ContestPlan::ValueIndexOf(std::string_view name, int expected) const {
  const int options = static_cast<int>(contest->options.size());
  if (names_apart && expected >= 0 && expected < first_option + options) {
    const std::string& there = expected < first_option ? form->lines[expected].name
                                                       : contest->options[expected - first_option].id;
    if (there == name) return expected;
  }
  if (const int line = form->IndexOf(name); line >= 0) return line;
  for (int option = 0; option < options; ++option) {
    if (contest->options[option].id == name) return first_option + option;
  }
  return -1;
}

namespace {

// Whether the form's line names and the contest's option ids are all different.
bool NamesApart(const ProtocolForm& form, const Contest& contest) {
  std::vector<std::string_view> names;
  for (const auto& line : form.lines) names.push_back(line.name);
  for (const auto& option : contest.options) names.push_back(option.id);
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) == names.end();
}

}  // namespace

LocalUnit ContestPlan::LocalOf(GlobalUnit unit) const {
  const auto it = std::lower_bound(global_to_local.begin(), global_to_local.end(), std::pair{unit.value(), -1});
  return it != global_to_local.end() && it->first == unit.value() ? LocalUnit(it->second) : LocalUnit();
}

CountingPlan::CountingPlan(const Election& election) : election_(&election) {
  const std::vector<Unit>& units = election.units();
  const int count = static_cast<int>(units.size());
  parents_.assign(count, -1);
  child_start_.assign(count + 1, 0);
  // A district of a map holds its stations as children too (a contest counted there rolls
  // them up directly), but is not their parent: the commission tree stays the authority.
  bool has_maps = false;
  for (int i = 0; i < count; ++i) {
    for (const auto& [map, district] : units[i].districts) {
      const int at = election.UnitIndex(district);
      if (at >= 0) ++child_start_[at + 1];
      has_maps = has_maps || at >= 0;
    }
    if (units[i].parent.empty()) continue;
    parents_[i] = election.UnitIndex(units[i].parent);
    if (parents_[i] >= 0) ++child_start_[parents_[i] + 1];
  }
  for (int i = 0; i < count; ++i) child_start_[i + 1] += child_start_[i];
  children_.resize(child_start_[count]);
  {
    std::vector<int> fill(child_start_.begin(), child_start_.end() - 1);
    for (int i = 0; i < count; ++i) {
      if (parents_[i] >= 0) children_[fill[parents_[i]]++] = i;
    }
    for (int i = 0; has_maps && i < count; ++i) {
      for (const auto& [map, district] : units[i].districts) {
        if (const int at = election.UnitIndex(district); at >= 0) children_[fill[at]++] = i;
      }
    }
  }
  // Leaves and voters below each unit: children after parents in a breadth-first order of the
  // tree (a map's districts are summed from their stations afterwards).
  std::vector<int> order;
  order.reserve(count);
  for (int i = 0; i < count; ++i) {
    if (parents_[i] < 0 && units[i].map.empty()) order.push_back(i);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (int child : Children(GlobalUnit(order[k]))) {
      if (parents_[child] == order[k]) order.push_back(child);
    }
  }
  leaves_below_.assign(count, 0);
  voters_below_.assign(count, 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const int unit = *it;
    if (IsLeaf(GlobalUnit(unit))) {
      leaves_below_[unit] = 1;
      voters_below_[unit] = units[unit].registered_voters.value_or(0);
    }
    if (parents_[unit] >= 0) {
      leaves_below_[parents_[unit]] += leaves_below_[unit];
      voters_below_[parents_[unit]] += voters_below_[unit];
    }
  }
  for (int i = 0; has_maps && i < count; ++i) {
    if (units[i].map.empty()) continue;
    for (int station : Children(GlobalUnit(i))) {
      leaves_below_[i] += leaves_below_[station];
      voters_below_[i] += voters_below_[station];
    }
  }

  for (const Contest& contest : election.contests()) {
    ContestPlan plan;
    plan.contest = &contest;
    plan.form = election.FormOf(contest);
    SAYLAU_CHECK(plan.form != nullptr);  // the loader refuses a contest whose form is unknown
    plan.first_option = static_cast<int>(plan.form->lines.size());
    plan.names_apart = NamesApart(*plan.form, contest);
    plan.width = plan.form->Width(static_cast<int>(contest.options.size()));
    plan.max_round = std::holds_alternative<MajorityRunoffRules>(contest.rules) ||
                             std::holds_alternative<IndirectMajorityRules>(contest.rules)
                         ? 2
                         : 1;
    const int root = election.UnitIndex(contest.unit);
    if (root >= 0) {
      plan.units.push_back(root);
      plan.parent.push_back(-1);
      for (std::size_t k = 0; k < plan.units.size(); ++k) {
        for (int child : Children(GlobalUnit(plan.units[k]))) {
          plan.units.push_back(child);
          plan.parent.push_back(static_cast<int>(k));
        }
      }
    }
    plan.units.shrink_to_fit();  // a country's list: 800,000 units, not the 1,048,576 grown to
    plan.parent.shrink_to_fit();
    const int size = static_cast<int>(plan.units.size());
    plan.counting.assign(size, false);
    plan.global_to_local.reserve(size);
    for (int local = 0; local < size; ++local) {
      const int global = plan.units[local];
      plan.global_to_local.emplace_back(global, local);
      plan.counting[local] = IsLeaf(GlobalUnit(global));
    }
    std::sort(plan.global_to_local.begin(), plan.global_to_local.end());
    contest_index_.emplace(contest.id, static_cast<int>(contests_.size()));
    contests_.push_back(std::move(plan));
  }
  // The contests at each leaf in compressed rows: counted, then filled in contest order.
  contests_start_.assign(count + 1, 0);
  for (const ContestPlan& plan : contests_) {
    for (std::size_t local = 0; local < plan.units.size(); ++local) {
      if (plan.counting[local]) ++contests_start_[plan.units[local] + 1];
    }
  }
  for (int i = 0; i < count; ++i) contests_start_[i + 1] += contests_start_[i];
  contests_at_.resize(contests_start_[count]);
  std::vector<int> fill(contests_start_.begin(), contests_start_.end() - 1);
  for (std::size_t c = 0; c < contests_.size(); ++c) {
    const ContestPlan& plan = contests_[c];
    for (std::size_t local = 0; local < plan.units.size(); ++local) {
      if (plan.counting[local]) {
        contests_at_[fill[plan.units[local]]++] = {static_cast<int>(c), static_cast<int>(local)};
      }
    }
  }
}

ContestIndex CountingPlan::FindContest(const std::string& id) const {
  const auto it = contest_index_.find(id);
  return it == contest_index_.end() ? ContestIndex() : ContestIndex(it->second);
}

GlobalUnit CountingPlan::FindUnit(const std::string& id) const { return GlobalUnit(election_->UnitIndex(id)); }

}  // namespace saylau::core
