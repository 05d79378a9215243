// Choosing the top k of a set of options by an exact key, with ties at the boundary settled
// by a TieRule (or reported as unresolved). Used for remainders, plurality winners and the
// two candidates of a runoff. Header-only template; pure, safe from any thread.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "saylau/core/allocation.h"

namespace saylau::core {

struct Selection {
  std::vector<int> chosen;       // option indices, best first
  std::optional<TieReport> tie;  // set when equal keys straddled the boundary
  int unresolved = 0;            // places left open by an unresolved tie
};

// Picks the `k` best of `candidates`; compare(a, b) > 0 when a's key is better than b's.
// Equal keys that straddle the k-th place are a tie: kOrder prefers the lower index, kLot the
// lower lot_rank[index], kUnresolved leaves those places open.
template <typename Compare>
Selection SelectTop(int k, std::vector<int> candidates, Compare compare, TieRule rule,
                    std::span<const int> lot_rank = {}) {
  Selection selection;
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) { return compare(a, b) > 0; });
  const int n = static_cast<int>(candidates.size());
  if (k <= 0) return selection;
  if (k >= n) {
    selection.chosen = std::move(candidates);
    return selection;
  }
  const int boundary = candidates[k - 1];
  int lo = k - 1;
  while (lo > 0 && compare(candidates[lo - 1], boundary) == 0) --lo;
  int hi = k;
  while (hi < n && compare(candidates[hi], boundary) == 0) ++hi;
  selection.chosen.assign(candidates.begin(), candidates.begin() + lo);
  if (hi == k) {  // everyone equal to the boundary fits
    selection.chosen.insert(selection.chosen.end(), candidates.begin() + lo, candidates.begin() + k);
    return selection;
  }
  TieReport tie;
  tie.contenders.assign(candidates.begin() + lo, candidates.begin() + hi);
  std::sort(tie.contenders.begin(), tie.contenders.end());
  tie.seats_at_stake = k - lo;
  tie.rule = rule;
  if (rule == TieRule::kUnresolved) {
    selection.unresolved = tie.seats_at_stake;
  } else {
    std::vector<int> order = tie.contenders;
    if (rule == TieRule::kLot) {
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return lot_rank[a] < lot_rank[b]; });
    }
    tie.winners.assign(order.begin(), order.begin() + tie.seats_at_stake);
    selection.chosen.insert(selection.chosen.end(), tie.winners.begin(), tie.winners.end());
  }
  selection.tie = std::move(tie);
  return selection;
}

}  // namespace saylau::core
