// Ratio estimates from stratified samples of polling stations (estimate.h): the combined
// ratio estimator and its linearised variance, PVTs from protocols, exit polls from interviews.
#include "saylau/stats/estimate.h"

#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace saylau::stats {
namespace {

RatioEstimate Interval(std::string name, double value, double variance) {
  const double se = std::sqrt(std::max(variance, 0.0));
  return {std::move(name), value, se, value - kZ95 * se, value + kZ95 * se};
}

}  // namespace

Result<Estimate> EstimateRatios(const std::vector<Stratum>& strata, const std::vector<ClusterObservation>& sample,
                                const std::vector<std::string>& names) {
  const std::size_t k = names.size(), H = strata.size();
  std::vector<std::vector<const ClusterObservation*>> by_stratum(H);
  for (const ClusterObservation& observation : sample) by_stratum[observation.stratum].push_back(&observation);
  Estimate out;
  // Weighted totals: each observed station stands for N_h / n_h stations of its stratum.
  std::vector<double> totals(k, 0);
  double denominator = 0;
  for (std::size_t h = 0; h < H; ++h) {
    const double n = static_cast<double>(by_stratum[h].size());
    if (n == 0) {
      if (strata[h].population > 0) {
        out.notes.push_back("stratum " + strata[h].name + " has no observed station: left out of the estimate");
      }
      continue;
    }
    const double weight = static_cast<double>(strata[h].population) / n;
    for (const ClusterObservation* o : by_stratum[h]) {
      for (std::size_t j = 0; j < k; ++j) totals[j] += weight * o->numerators[j];
      denominator += weight * o->denominator;
    }
  }
  if (denominator <= 0) return InvalidArgument("no observed station has a denominator above 0: nothing to estimate");
  std::vector<double> ratio(k);
  for (std::size_t j = 0; j < k; ++j) ratio[j] = totals[j] / denominator;

  // Linearised variance: residuals e_j = y_j - R_j x, their within-stratum covariance,
  // scaled by N_h^2 (1 - n_h/N_h) / n_h and divided by the estimated denominator squared.
  out.covariance.assign(k * k, 0);
  std::vector<double> mean(k), residual(k);
  for (std::size_t h = 0; h < H; ++h) {
    const std::size_t n = by_stratum[h].size();
    if (n == 0 || static_cast<std::int64_t>(n) >= strata[h].population) continue;  // complete: no variance
    if (n < 2) {
      out.notes.push_back("stratum " + strata[h].name + " has one observed station: its variance is not estimated");
      continue;
    }
    std::fill(mean.begin(), mean.end(), 0);
    for (const ClusterObservation* o : by_stratum[h]) {
      for (std::size_t j = 0; j < k; ++j) mean[j] += (o->numerators[j] - ratio[j] * o->denominator) / n;
    }
    std::vector<double> cov(k * k, 0);
    for (const ClusterObservation* o : by_stratum[h]) {
      for (std::size_t j = 0; j < k; ++j) residual[j] = o->numerators[j] - ratio[j] * o->denominator - mean[j];
      for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = a; b < k; ++b) cov[a * k + b] += residual[a] * residual[b];
      }
    }
    const double N = static_cast<double>(strata[h].population);
    const double factor = N * N * (1 - static_cast<double>(n) / N) / static_cast<double>(n) / (n - 1.0);
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = a; b < k; ++b) {
        out.covariance[a * k + b] += factor * cov[a * k + b];
      }
    }
  }
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a; b < k; ++b) {
      out.covariance[a * k + b] /= denominator * denominator;
      out.covariance[b * k + a] = out.covariance[a * k + b];
    }
  }
  for (std::size_t j = 0; j < k; ++j) out.shares.push_back(Interval(names[j], ratio[j], out.covariance[j * k + j]));
  out.stations_sampled = static_cast<std::int64_t>(sample.size());
  out.stations_used = static_cast<std::int64_t>(sample.size());
  return out;
}

std::string_view ShareBaseName(ShareBase base) {
  switch (base) {
    case ShareBase::kValid:
      return "valid";
    case ShareBase::kValidAndInvalid:
      return "valid+invalid";
    case ShareBase::kTookPart:
      return "took_part";
  }
  return "valid";
}

std::optional<ShareBase> ShareBaseFromName(std::string_view name) {
  for (ShareBase base : {ShareBase::kValid, ShareBase::kValidAndInvalid, ShareBase::kTookPart}) {
    if (ShareBaseName(base) == name) return base;
  }
  return std::nullopt;
}

std::int64_t ShareBaseOf(const StationRow& row, ShareBase base) {
  switch (base) {
    case ShareBase::kValid:
      return row.base;
    case ShareBase::kValidAndInvalid:
      return row.base + row.invalid;
    case ShareBase::kTookPart:
      return row.took_part;
  }
  return row.base;
}

Result<Estimate> EstimateFromProtocols(const SampleDesign& design, const StationResults& results, ShareBase base) {
  // The row of each sampled station, found in one pass over the rows (cheap for repeated samples).
  std::unordered_map<std::string_view, std::size_t> sampled;
  for (std::size_t s = 0; s < design.stations.size(); ++s) sampled.emplace(design.stations[s].unit, s);
  constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
  std::vector<std::size_t> row_of(design.stations.size(), kNoRow);
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    if (const auto it = sampled.find(results.rows[r].id); it != sampled.end()) row_of[it->second] = r;
  }
  std::vector<ClusterObservation> shares, turnout;
  std::vector<std::string> missing;
  for (std::size_t s = 0; s < design.stations.size(); ++s) {
    const SampledStation& station = design.stations[s];
    if (row_of[s] == kNoRow) {
      return InvalidArgument("sampled station '" + station.unit + "' does not count contest " + results.contest +
                             " (was the sample drawn for another election?)");
    }
    const StationRow& row = results.rows[row_of[s]];
    if (!row.reported) {
      missing.push_back(station.unit);
      continue;
    }
    ClusterObservation o{station.stratum, {}, static_cast<double>(ShareBaseOf(row, base))};
    const std::int64_t* votes = results.VotesOf(row_of[s]);
    for (int c = 0; c < results.width(); ++c) o.numerators.push_back(static_cast<double>(votes[c]));
    shares.push_back(std::move(o));
    turnout.push_back({station.stratum, {static_cast<double>(row.took_part)}, static_cast<double>(row.registered)});
  }
  auto estimate = EstimateRatios(design.strata, shares, results.columns);
  if (!estimate.has_value()) return estimate;
  Estimate out = std::move(estimate).value();
  out.source = "pvt";
  auto turnout_estimate = EstimateRatios(design.strata, turnout, {"turnout"});
  if (turnout_estimate.has_value()) out.turnout = turnout_estimate.value().shares;
  out.stations_sampled = static_cast<std::int64_t>(design.stations.size());
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 5; ++i) list += (i ? ", " : "") + missing[i];
    out.notes.push_back(std::to_string(missing.size()) + " sampled stations have not reported and are left out (" +
                        list + (missing.size() > 5 ? ", ..." : "") + ")");
  }
  return out;
}

Result<Estimate> EstimateFromInterviews(const SampleDesign& design, const std::vector<std::string>& columns,
                                        const std::map<std::string, std::vector<std::int64_t>>& interviews) {
  std::unordered_set<std::string> sampled;
  for (const SampledStation& station : design.stations) sampled.insert(station.unit);
  for (const auto& [unit, counts] : interviews) {
    if (counts.size() != columns.size()) {
      return InvalidArgument("interviews at station '" + unit + "': " + std::to_string(counts.size()) + " counts for " +
                             std::to_string(columns.size()) + " options");
    }
    if (!sampled.contains(unit))
      return InvalidArgument("interviews at station '" + unit + "', which is not in the sample");
  }
  std::vector<ClusterObservation> sample;
  std::size_t missing = 0;
  for (const SampledStation& station : design.stations) {
    const auto it = interviews.find(station.unit);
    std::int64_t total = 0;
    if (it != interviews.end()) {
      for (std::int64_t count : it->second) total += count;
    }
    if (total == 0) {
      ++missing;
      continue;
    }
    const double size = static_cast<double>(std::max<std::int64_t>(station.registered, 1));
    ClusterObservation o{station.stratum, {}, size};
    for (std::int64_t count : it->second) o.numerators.push_back(size * static_cast<double>(count) / total);
    sample.push_back(std::move(o));
  }
  auto estimate = EstimateRatios(design.strata, sample, columns);
  if (!estimate.has_value()) return estimate;
  Estimate out = std::move(estimate).value();
  out.source = "exit-poll";
  out.stations_sampled = static_cast<std::int64_t>(design.stations.size());
  if (missing > 0)
    out.notes.push_back(std::to_string(missing) + " sampled stations have no interviews and are left out");
  return out;
}

std::vector<Comparison> CompareWithOfficial(const std::vector<RatioEstimate>& estimates,
                                            const std::map<std::string, double>& official) {
  std::vector<Comparison> rows;
  for (const RatioEstimate& e : estimates) {
    const auto it = official.find(e.name);
    if (it == official.end()) continue;
    Comparison row{e.name, it->second, e.value, e.low, e.high};
    row.inside = row.official >= e.low && row.official <= e.high;
    row.outside_by = row.official < e.low ? e.low - row.official : row.official > e.high ? row.official - e.high : 0;
    row.z = e.standard_error > 0 ? (row.official - e.value) / e.standard_error : 0;
    rows.push_back(row);
  }
  return rows;
}

std::map<std::string, double> OfficialShares(const StationResults& results, ShareBase share_base) {
  std::vector<std::int64_t> totals(results.width(), 0);
  std::int64_t base = 0, took_part = 0, registered = 0;
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    if (!results.rows[r].reported) continue;
    for (int c = 0; c < results.width(); ++c) totals[c] += results.VotesOf(r)[c];
    base += ShareBaseOf(results.rows[r], share_base);
    took_part += results.rows[r].took_part;
    registered += results.rows[r].registered;
  }
  std::map<std::string, double> shares;
  if (base > 0) {
    for (int c = 0; c < results.width(); ++c) shares[results.columns[c]] = static_cast<double>(totals[c]) / base;
  }
  if (registered > 0) shares["turnout"] = static_cast<double>(took_part) / registered;
  return shares;
}

}  // namespace saylau::stats
