// SplitExactly: capped largest-remainder apportionment of a whole number.
#include <algorithm>
#include <numeric>

#include "saylau/base/check.h"
#include "saylau/synth/synth.h"

namespace saylau::synth {

std::vector<std::int64_t> SplitExactly(std::int64_t total, const std::vector<double>& weights,
                                       const std::vector<std::int64_t>* caps) {
  const std::size_t n = weights.size();
  std::vector<std::int64_t> out(n, 0);
  if (total == 0) return out;
  SAYLAU_CHECK(n > 0 && total > 0);
  const auto cap = [&](std::size_t i) { return caps ? (*caps)[i] : total; };
  std::vector<std::size_t> active;
  for (std::size_t i = 0; i < n; ++i) {
    if (cap(i) > 0) active.push_back(i);
  }
  std::int64_t remaining = total;
  std::vector<long double> weight(n);
  for (std::size_t i = 0; i < n; ++i) weight[i] = std::max(0.0, weights[i]);
  while (true) {
    SAYLAU_CHECK(!active.empty());
    long double sum = 0;
    for (std::size_t i : active) sum += weight[i];
    if (sum <= 0) {  // no weight left: share by what each can still take
      for (std::size_t i : active) weight[i] = static_cast<long double>(cap(i));
      continue;
    }
    // Anyone whose quota reaches its cap takes the cap and leaves; repeat until nobody does.
    std::vector<std::size_t> next;
    bool capped = false;
    std::int64_t taken = 0;
    for (std::size_t i : active) {
      const long double quota = remaining * weight[i] / sum;
      if (quota >= static_cast<long double>(cap(i))) {
        out[i] = cap(i);
        taken += cap(i);
        capped = true;
      } else {
        next.push_back(i);
      }
    }
    if (capped) {
      remaining -= taken;
      active = std::move(next);
      if (remaining == 0) {
        for (std::size_t i : active) out[i] = 0;
        return out;
      }
      continue;
    }
    std::vector<std::pair<long double, std::size_t>> remainders;
    std::int64_t given = 0;
    for (std::size_t i : active) {
      const long double quota = remaining * weight[i] / sum;
      out[i] = static_cast<std::int64_t>(quota);
      given += out[i];
      remainders.emplace_back(quota - out[i], i);
    }
    std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::int64_t leftover = remaining - given;
    for (std::size_t k = 0; leftover > 0; k = (k + 1) % remainders.size()) {
      const std::size_t i = remainders[k].second;
      if (out[i] < cap(i)) {
        ++out[i];
        --leftover;
      }
    }
    return out;
  }
}

}  // namespace saylau::synth
