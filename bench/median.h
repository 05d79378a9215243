// The median of a benchmark's rounds (the mean of the two middle ones for an even count; 0 for
// none): the figure each benchmark that alternates ours and a baseline prints.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace saylau::bench {

inline double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace saylau::bench
