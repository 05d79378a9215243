// Tabulation: difference propagation up the contest's subtree.
#include "saylau/core/tabulation.h"

#include <algorithm>

#include "saylau/base/check.h"

namespace saylau::core {

Tabulation::Tabulation(const CountingPlan& plan) : plan_(&plan) {
  tables_.resize(plan.contests().size());
  int widest = 0;
  for (const ContestPlan& contest : plan.contests()) widest = std::max(widest, contest.width);
  zeros_.assign(widest, 0);
}

Tabulation::Table& Tabulation::TableFor(ContestIndex contest, int round) {
  std::vector<Table>& rounds = tables_[contest.at()];
  if (static_cast<int>(rounds.size()) < round) rounds.resize(round);
  Table& table = rounds[round - 1];
  if (table.reported.empty()) {
    const ContestPlan& plan = plan_->contest(contest);
    const std::size_t units = plan.units.size();
    table.values.assign(units * plan.width, 0);
    table.reported.assign(units, 0);
    table.voters_reported.assign(units, 0);
    table.dirty.assign(units, 0);
  }
  return table;
}

const Tabulation::Table* Tabulation::FindTable(ContestIndex contest, int round) const {
  const std::vector<Table>& rounds = tables_[contest.at()];
  if (round < 1 || static_cast<int>(rounds.size()) < round || rounds[round - 1].reported.empty()) return nullptr;
  return &rounds[round - 1];
}

void Tabulation::Apply(ContestIndex contest, int round, LocalUnit station, std::span<const std::int64_t> values) {
  const ContestPlan& plan = plan_->contest(contest);
  const int local = static_cast<int>(station.at());
  SAYLAU_CHECK(static_cast<int>(values.size()) == plan.width && plan.counting[local]);
  Table& table = TableFor(contest, round);
  const int width = plan.width;
  std::int64_t delta[256];
  std::vector<std::int64_t> wide;
  std::int64_t* diff = delta;
  if (width > 256) {
    wide.resize(width);
    diff = wide.data();
  }
  std::int64_t* own = &table.values[static_cast<std::size_t>(local) * width];
  bool wraps = false;
  for (int i = 0; i < width; ++i) wraps |= __builtin_sub_overflow(values[i], own[i], &diff[i]);
  SAYLAU_CHECK(!wraps);
  const bool first = table.reported[local] == 0;
  // The registered base as the form gives it, before and after (a base need not be one line).
  const std::int64_t voters_delta = plan.form->BaseValue(BaseRole::kRegistered, values) -
                                    plan.form->BaseValue(BaseRole::kRegistered, {own, static_cast<std::size_t>(width)});
  // Accepted lines are at most 10^12 (CheckProtocol), so sums wrap only beyond 9 million
  // stations; should one ever wrap, nothing is changed and the check fails loudly.
  for (int unit = local; unit >= 0; unit = plan.parent[unit]) {
    const std::int64_t* row = &table.values[static_cast<std::size_t>(unit) * width];
    std::int64_t sum;
    for (int i = 0; i < width; ++i) wraps |= __builtin_add_overflow(row[i], diff[i], &sum);
    SAYLAU_CHECK(!wraps);
  }
  for (int unit = local; unit >= 0; unit = plan.parent[unit]) {
    std::int64_t* row = &table.values[static_cast<std::size_t>(unit) * width];
    for (int i = 0; i < width; ++i) row[i] += diff[i];
    if (first) ++table.reported[unit];
    table.voters_reported[unit] += voters_delta;
    if (!table.dirty[unit]) {
      table.dirty[unit] = 1;
      changed_.push_back({contest, round, LocalUnit(unit)});
    }
  }
}

std::span<const std::int64_t> Tabulation::Totals(ContestIndex contest, int round, LocalUnit local) const {
  const int width = plan_->contest(contest).width;
  const Table* table = FindTable(contest, round);
  if (table == nullptr) return {zeros_.data(), static_cast<std::size_t>(width)};
  return {&table->values[local.at() * width], static_cast<std::size_t>(width)};
}

Progress Tabulation::ProgressAt(ContestIndex contest, int round, LocalUnit local) const {
  const GlobalUnit unit = plan_->contest(contest).GlobalOf(local);
  Progress progress;
  progress.expected = plan_->LeavesBelow(unit);
  progress.voters_expected = plan_->VotersBelow(unit);
  if (const Table* table = FindTable(contest, round)) {
    progress.reported = table->reported[local.at()];
    progress.voters_reported = table->voters_reported[local.at()];
  }
  return progress;
}

bool Tabulation::Reported(ContestIndex contest, int round, LocalUnit local) const {
  const Table* table = FindTable(contest, round);
  return table != nullptr && plan_->contest(contest).counting[local.at()] && table->reported[local.at()] > 0;
}

bool Tabulation::HasRound(ContestIndex contest, int round) const { return FindTable(contest, round) != nullptr; }

std::vector<Tabulation::Changed> Tabulation::TakeChanged() {
  std::vector<Changed> changed;
  changed.swap(changed_);
  for (const Changed& c : changed) tables_[c.contest.at()][c.round - 1].dirty[c.local.at()] = 0;
  return changed;
}

}  // namespace saylau::core
