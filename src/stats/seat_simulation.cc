#include "saylau/stats/seat_simulation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "saylau/base/random.h"
#include "saylau/core/allocation.h"
#include "saylau/core/threshold.h"

namespace saylau::stats {
namespace {

// Lower-triangular L with L L^T = covariance; pivots that are (numerically) zero give a zero
// column, so the singular covariance of shares that sum to one is handled.
std::vector<double> Cholesky(const std::vector<double>& covariance, std::size_t k) {
  std::vector<double> l(k * k, 0);
  for (std::size_t j = 0; j < k; ++j) {
    double diagonal = covariance[j * k + j];
    for (std::size_t p = 0; p < j; ++p) diagonal -= l[j * k + p] * l[j * k + p];
    const double scale = std::max(covariance[j * k + j], 1e-300);
    if (diagonal <= 1e-12 * scale) continue;
    l[j * k + j] = std::sqrt(diagonal);
    for (std::size_t i = j + 1; i < k; ++i) {
      double sum = covariance[i * k + j];
      for (std::size_t p = 0; p < j; ++p) sum -= l[i * k + p] * l[j * k + p];
      l[i * k + j] = sum / l[j * k + j];
    }
  }
  return l;
}

// The threshold's base for a draw: every valid vote, or the options' votes only.
std::int64_t DrawBase(const core::PartyListRules& rules, std::size_t options, std::span<const std::int64_t> votes) {
  std::int64_t base = 0;
  for (std::size_t c = 0; c < votes.size(); ++c) {
    if (c < options || rules.threshold.base != core::ThresholdBase::kValidOptionsOnly) base += votes[c];
  }
  return base;
}

}  // namespace

void AllocateDraw(const core::Contest& contest, const core::PartyListRules& rules, std::span<const std::int64_t> votes,
                  std::vector<int>& seats) {
  core::FastAllocator fast;
  AllocateDraw(contest, rules, votes, seats, fast);
}

void AllocateDraw(const core::Contest& contest, const core::PartyListRules& rules, std::span<const std::int64_t> votes,
                  std::vector<int>& seats, core::FastAllocator& fast) {
  const std::size_t options = contest.options.size();
  seats.assign(options, 0);
  const std::int64_t base = DrawBase(rules, options, votes);
  int admitted[64];
  std::size_t count = 0;
  std::int64_t admitted_votes = 0;
  for (std::size_t c = 0; c < options; ++c) {
    if (votes[c] > 0 && core::PassesThreshold(votes[c], base, rules.threshold.percent)) {
      if (count == 64) break;
      admitted[count++] = static_cast<int>(c);
      admitted_votes += votes[c];
    }
  }
  if (count == 0) return;
  if (rules.method == core::Method::kHare && rules.ties == core::TieRule::kOrder) {
    // Whole quotas v*S/V, then the largest remainders (v*S mod V); equal remainders go to
    // the list registered first.
    const core::Int128 S = rules.seats, V = admitted_votes;
    core::Int128 remainder[64];
    int given = 0;
    for (std::size_t a = 0; a < count; ++a) {
      const core::Int128 scaled = votes[admitted[a]] * S;
      seats[admitted[a]] = static_cast<int>(scaled / V);
      remainder[a] = scaled % V;
      given += seats[admitted[a]];
    }
    for (int left = rules.seats - given; left > 0; --left) {
      std::size_t best = count;
      for (std::size_t a = 0; a < count; ++a) {
        if (remainder[a] < 0) continue;
        if (best == count || remainder[a] > remainder[best] ||
            (remainder[a] == remainder[best] &&
             contest.options[admitted[a]].registration_order.value_or(admitted[a]) <
                 contest.options[admitted[best]].registration_order.value_or(admitted[best]))) {
          best = a;
        }
      }
      if (best == count) break;
      ++seats[admitted[best]];
      remainder[best] = -1;
    }
    return;
  }
  if (core::HasFastPath(rules.method)) {
    // The seats alone; a tie (or a rule the fast path refuses) goes on to core::Allocate and
    // its tie rule.
    std::int64_t admitted_list[64];
    for (std::size_t a = 0; a < count; ++a) admitted_list[a] = votes[admitted[a]];
    const core::FastRule rule{.method = rules.method, .seats = rules.seats, .first_divisor = rules.first_divisor};
    if (fast.Allocate(rule, std::span<const std::int64_t>(admitted_list, count)) == core::FastStatus::kDecided) {
      for (std::size_t a = 0; a < count; ++a) seats[admitted[a]] = fast.seats()[a];
      return;
    }
  }
  std::vector<core::ListVotes> lists;
  core::AllocationOptions allocation{rules.method, rules.seats, rules.first_divisor, rules.ties, {}};
  for (std::size_t a = 0; a < count; ++a) {
    lists.push_back({contest.options[admitted[a]].id, votes[admitted[a]]});
    if (rules.ties == core::TieRule::kLot) {
      const auto it = std::find(rules.lot.begin(), rules.lot.end(), contest.options[admitted[a]].id);
      allocation.lot_rank.push_back(static_cast<int>(it - rules.lot.begin()));
    }
  }
  auto result = core::Allocate(allocation, lists);
  if (!result.has_value()) return;
  for (std::size_t a = 0; a < count; ++a) seats[admitted[a]] = result.value().seats[a];
}

Result<SeatProjection> SimulateSeats(const core::Contest& contest, const Estimate& estimate,
                                     const SimulationOptions& options) {
  const auto* rules = std::get_if<core::PartyListRules>(&contest.rules);
  if (rules == nullptr)
    return InvalidArgument("contest " + contest.id + " is not a party-list contest: no seats to simulate");
  std::vector<std::string> columns;
  for (const core::Option& option : contest.options) columns.push_back(option.id);
  if (contest.against_all) columns.push_back("against_all");
  const std::size_t k = columns.size();
  if (estimate.shares.size() != k) {
    return InvalidArgument("the estimate has " + std::to_string(estimate.shares.size()) + " shares; contest " +
                           contest.id + " has " + std::to_string(k) + " options");
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (estimate.shares[c].name != columns[c]) {
      return InvalidArgument("the estimate's share " + std::to_string(c + 1) + " is '" + estimate.shares[c].name +
                             "', contest " + contest.id + " has '" + columns[c] + "' there");
    }
  }
  if (options.draws < 1) return InvalidArgument("--draws must be at least 1");
  const std::vector<double> l = Cholesky(estimate.covariance, k);
  SeatProjection out;
  out.contest = contest.id;
  out.seats = rules->seats;
  out.majority = rules->seats / 2 + 1;
  out.draws = options.draws;
  if (rules->runner_up != core::RunnerUpRule::kNone) {
    out.notes.push_back(
        "the runner-up rule is not simulated: when one list alone passes, the draws give it every seat");
  }
  const std::size_t lists = contest.options.size();
  std::vector<std::vector<std::int64_t>> histogram(lists, std::vector<std::int64_t>(rules->seats + 1, 0));
  std::vector<std::int64_t> passed(lists, 0), most(lists, 0), majority(lists, 0);
  std::vector<double> z(k), share(k);
  std::vector<std::int64_t> votes(k);
  std::vector<int> seats;
  core::FastAllocator fast;
  Random random(options.seed);
  const double base = static_cast<double>(options.base_votes);
  for (int draw = 0; draw < options.draws; ++draw) {
    for (std::size_t i = 0; i < k; i += 2) {  // Box-Muller gives two normals per pair of uniforms
      const double u = 1.0 - random.Uniform(), v = 6.283185307179586 * random.Uniform();
      const double radius = std::sqrt(-2.0 * std::log(u));
      z[i] = radius * std::cos(v);
      if (i + 1 < k) z[i + 1] = radius * std::sin(v);
    }
    double total = 0;
    for (std::size_t i = 0; i < k; ++i) {
      double s = estimate.shares[i].value;
      for (std::size_t p = 0; p <= i; ++p) s += l[i * k + p] * z[p];
      share[i] = std::max(s, 0.0);
      total += share[i];
    }
    for (std::size_t i = 0; i < k; ++i) votes[i] = total > 0 ? std::llround(share[i] / total * base) : 0;
    AllocateDraw(contest, *rules, votes, seats, fast);
    const std::int64_t threshold_base = DrawBase(*rules, lists, votes);
    int top = 0, top_count = 0, given = 0;
    for (std::size_t c = 0; c < lists; ++c) {
      given += seats[c];
      ++histogram[c][seats[c]];
      passed[c] += votes[c] > 0 && core::PassesThreshold(votes[c], threshold_base, rules->threshold.percent);
      majority[c] += seats[c] >= out.majority;
      if (seats[c] > top) top = seats[c], top_count = 0;
      top_count += seats[c] == top;
    }
    if (given == 0) ++out.no_allocation;
    for (std::size_t c = 0; c < lists; ++c) most[c] += top > 0 && top_count == 1 && seats[c] == top;
  }
  for (std::size_t c = 0; c < lists; ++c) {
    ListProjection p;
    p.id = contest.options[c].id;
    const double n = options.draws;
    p.pass_probability = passed[c] / n;
    p.most_seats_probability = most[c] / n;
    p.majority_probability = majority[c] / n;
    std::int64_t cumulative = 0;
    double sum = 0;
    bool low = false, median = false, high = false;
    for (int s = 0; s <= rules->seats; ++s) {
      sum += static_cast<double>(s) * histogram[c][s];
      cumulative += histogram[c][s];
      if (!low && cumulative * 20 > options.draws) p.seats_low = s, low = true;
      if (!median && cumulative * 2 >= options.draws) p.seats_median = s, median = true;
      if (!high && cumulative * 20 >= options.draws * 19) p.seats_high = s, high = true;
    }
    p.mean_seats = sum / n;
    p.seat_histogram = std::move(histogram[c]);
    out.lists.push_back(std::move(p));
  }
  return out;
}

}  // namespace saylau::stats
