// Totals of every contest at every unit of its subtree, kept incrementally: replacing the
// counted protocol of one polling station adds the difference to the station and each of its
// ancestors, O(lines x depth). Also tracks stations reported and voters covered. Not
// thread-safe; one writer, readers after it (the service serialises access).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "saylau/core/counting_plan.h"
#include "saylau/core/protocol.h"

namespace saylau::core {

struct Progress {
  int reported = 0;                   // counting units with an accepted protocol
  int expected = 0;                   // counting units at or below the unit
  std::int64_t voters_reported = 0;   // voters on the list at the reported units (protocol line)
  std::int64_t voters_expected = 0;   // registered voters of all counting units (definition)
  bool complete() const { return expected > 0 && reported == expected; }
};

class Tabulation {
 public:
  explicit Tabulation(const CountingPlan& plan);

  // Replaces the counted values of counting unit `station` of `contest` in `round` by `values`
  // (width of the contest) and updates every ancestor.
  void Apply(ContestIndex contest, int round, LocalUnit station, std::span<const std::int64_t> values);

  // The totals at local unit `local`: width values (zero when nothing was reported).
  std::span<const std::int64_t> Totals(ContestIndex contest, int round, LocalUnit local) const;
  Progress ProgressAt(ContestIndex contest, int round, LocalUnit local) const;
  bool Reported(ContestIndex contest, int round, LocalUnit local) const;
  bool HasRound(ContestIndex contest, int round) const;

  // Units changed since the last call (for persisting aggregate totals), as (contest, round,
  // local) triples; the list is cleared.
  struct Changed {
    ContestIndex contest;
    int round = 1;
    LocalUnit local;
  };
  std::vector<Changed> TakeChanged();

  const CountingPlan& plan() const { return *plan_; }

 private:
  struct Table {
    std::vector<std::int64_t> values;  // units x width
    std::vector<std::int32_t> reported;
    std::vector<std::int64_t> voters_reported;
    std::vector<std::uint8_t> dirty;
  };
  Table& TableFor(ContestIndex contest, int round);
  const Table* FindTable(ContestIndex contest, int round) const;

  const CountingPlan* plan_;
  std::vector<std::vector<Table>> tables_;  // [contest][round - 1]
  std::vector<Changed> changed_;
  std::vector<std::int64_t> zeros_;
};

}  // namespace saylau::core
