// Synthesize: regions -> stations -> turnout -> votes, every level split exactly from the one above.
#include "saylau/synth/synth.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "saylau/base/random.h"
#include "saylau/core/protocol.h"

namespace saylau::synth {
namespace {

// Where the Kazakh protocol's lines sit in a contest form's values; -1 when the form has no
// such line (then nothing is written there and it reads as 0).
struct LineSlots {
  explicit LineSlots(const core::ProtocolForm& form)
      : voters(form.IndexOf("voters")),
        received(form.IndexOf("received")),
        issued(form.IndexOf("issued")),
        issued_absentee(form.IndexOf("issued_absentee")),
        issued_outside(form.IndexOf("issued_outside")),
        cancelled(form.IndexOf("cancelled")),
        found(form.IndexOf("found")),
        valid(form.IndexOf("valid")),
        invalid(form.IndexOf("invalid")),
        both_marked(form.IndexOf("both_marked")),
        against_all(form.against_all),
        first_option(static_cast<int>(form.lines.size())) {}
  int voters, received, issued, issued_absentee, issued_outside, cancelled, found, valid, invalid, both_marked,
      against_all, first_option;
};
void Set(std::int64_t* row, int slot, std::int64_t value) {
  if (slot >= 0) row[slot] = value;
}
std::int64_t Get(const std::int64_t* row, int slot) { return slot >= 0 ? row[slot] : 0; }
void Add(std::int64_t* row, int slot, std::int64_t delta) {
  if (slot >= 0) row[slot] += delta;
}

struct Region {
  const RegionInput* input = nullptr;
  int unit = -1;
  bool city = false;
  std::vector<int> parents;  // units that receive the stations (districts, or the region itself)
  std::int64_t registered = 0, issued = 0, invalid = 0;
  std::vector<int> stations;  // indices into the result
};

// Fills `rows` x `cols` targets so that rows sum to `row_totals` and columns to `col_totals`
// (iterative proportional fitting), then rounds to whole numbers keeping both margins exact.
std::vector<std::int64_t> FitMatrix(std::vector<double> seed, const std::vector<std::int64_t>& row_totals,
                                    const std::vector<std::int64_t>& col_totals) {
  const std::size_t rows = row_totals.size(), cols = col_totals.size();
  for (int iteration = 0; iteration < 40; ++iteration) {
    for (std::size_t r = 0; r < rows; ++r) {
      double sum = 0;
      for (std::size_t c = 0; c < cols; ++c) sum += seed[r * cols + c];
      const double scale = sum > 0 ? static_cast<double>(row_totals[r]) / sum : 0;
      for (std::size_t c = 0; c < cols; ++c) seed[r * cols + c] *= scale;
    }
    for (std::size_t c = 0; c < cols; ++c) {
      double sum = 0;
      for (std::size_t r = 0; r < rows; ++r) sum += seed[r * cols + c];
      const double scale = sum > 0 ? static_cast<double>(col_totals[c]) / sum : 0;
      for (std::size_t r = 0; r < rows; ++r) seed[r * cols + c] *= scale;
    }
  }
  // Round row by row, the largest row last: it absorbs what rounding left over.
  std::vector<std::size_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return row_totals[a] < row_totals[b]; });
  std::vector<std::int64_t> out(rows * cols, 0), left = col_totals;
  for (std::size_t k = 0; k < rows; ++k) {
    const std::size_t r = order[k];
    std::vector<std::int64_t> row;
    if (k + 1 == rows) {
      row = left;
    } else {
      row = SplitExactly(row_totals[r], std::vector<double>(seed.begin() + r * cols, seed.begin() + (r + 1) * cols),
                         &left);
    }
    for (std::size_t c = 0; c < cols; ++c) {
      out[r * cols + c] = row[c];
      left[c] -= row[c];
    }
  }
  return out;
}

double Interpolate(const std::array<std::optional<double>, core::kReportTimes>& known,
                   const std::array<double, core::kReportTimes>& curve, int time) {
  if (known[time]) return *known[time];
  int before = time - 1, after = time + 1;
  while (before >= 0 && !known[before]) --before;
  while (after < core::kReportTimes && !known[after]) ++after;
  if (before < 0 && after >= core::kReportTimes) return curve[time];
  if (before < 0) return *known[after] * curve[time] / curve[after];
  if (after >= core::kReportTimes) return *known[before];
  const double span = curve[after] - curve[before];
  const double share = span > 0 ? (curve[time] - curve[before]) / span : 0.5;
  return *known[before] + (*known[after] - *known[before]) * share;
}

}  // namespace

Result<SynthElection> Synthesize(const core::Election& election, const SynthInputs& inputs,
                                 const SynthOptions& options) {
  Random random(options.seed);
  const core::Contest* main = election.FindContest(inputs.contest);
  if (main == nullptr) return InvalidArgument("synth: contest '" + inputs.contest + "' is not in the definition");
  const auto national = [&](const std::string& line) -> Result<std::int64_t> {
    const auto it = inputs.national.find(line);
    if (it == inputs.national.end()) return InvalidArgument("synth: the national totals lack the line '" + line + "'");
    return it->second;
  };
  Result<std::int64_t> registered = national("registered"), took_part = national("took_part");
  if (!registered) return registered.error();
  if (!took_part) return took_part.error();
  std::vector<std::int64_t> option_totals;  // options, then against all
  for (const core::Option& option : main->options) {
    Result<std::int64_t> votes = national(option.id);
    if (!votes) return votes.error();
    option_totals.push_back(*votes);
  }
  option_totals.push_back(main->against_all ? national("against_all").value_or(0) : 0);
  const std::int64_t valid_total = std::accumulate(option_totals.begin(), option_totals.end(), std::int64_t{0});
  if (valid_total > *took_part || *took_part > *registered) {
    return InvalidArgument("synth: national totals do not add up (valid votes ≤ took part ≤ registered)");
  }

  // 1. Regions: voters rescaled so that both national voters and ballots issued are met while
  //    each region keeps its closing turnout p: voters_r = estimate_r * (a + b * p_r).
  std::vector<Region> regions;
  for (const RegionInput& input : inputs.regions) {
    const int unit = election.UnitIndex(input.unit);
    if (unit < 0) return InvalidArgument("synth: region '" + input.unit + "' is not a unit of the definition");
    if (!input.turnout_percent[core::kReportTimes - 1]) {
      return InvalidArgument("synth: region '" + input.unit + "' has no closing turnout");
    }
    Region region;
    region.input = &input;
    region.unit = unit;
    region.city = election.units()[unit].kind == core::UnitKind::kCity;
    for (std::size_t i = 0; i < election.units().size(); ++i) {
      if (election.units()[i].parent == input.unit) region.parents.push_back(static_cast<int>(i));
    }
    if (region.parents.empty()) region.parents.push_back(unit);
    regions.push_back(std::move(region));
  }
  if (regions.empty()) return InvalidArgument("synth: no regions with turnout were given");
  double s0 = 0, s1 = 0, s2 = 0;
  for (const Region& r : regions) {
    const double p = *r.input->turnout_percent.back() / 100;
    s0 += r.input->voters_estimate;
    s1 += r.input->voters_estimate * p;
    s2 += r.input->voters_estimate * p * p;
  }
  const double n = static_cast<double>(*registered), t = static_cast<double>(*took_part);
  const double det = s0 * s2 - s1 * s1;
  const double a = det != 0 ? (n * s2 - t * s1) / det : n / s0, b = det != 0 ? (t * s0 - n * s1) / det : 0;
  std::vector<double> weights;
  for (const Region& r : regions) {
    weights.push_back(std::max(1.0, r.input->voters_estimate * (a + b * *r.input->turnout_percent.back() / 100)));
  }
  std::vector<std::int64_t> split = SplitExactly(*registered, weights);
  weights.clear();
  std::vector<std::int64_t> caps;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    regions[i].registered = split[i];
    weights.push_back(static_cast<double>(split[i]) * *regions[i].input->turnout_percent.back());
    caps.push_back(split[i]);
  }
  split = SplitExactly(*took_part, weights, &caps);
  for (std::size_t i = 0; i < regions.size(); ++i) regions[i].issued = split[i];

  // 2. Stations: counts per region by voters, sizes lognormal (urban larger), voters exact per region.
  SynthElection out;
  weights.clear();
  for (const Region& r : regions) weights.push_back(static_cast<double>(r.registered));
  const std::vector<std::int64_t> counts = SplitExactly(options.stations, weights);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    Region& region = regions[i];
    const std::int64_t count = std::max<std::int64_t>(counts[i], static_cast<std::int64_t>(region.parents.size()));
    const std::vector<std::int64_t> per_parent = SplitExactly(count, std::vector<double>(region.parents.size(), 1.0));
    std::vector<double> sizes;
    int number = 0;
    for (std::size_t p = 0; p < region.parents.size(); ++p) {
      for (std::int64_t k = 0; k < per_parent[p]; ++k) {
        SynthStation station;
        station.number = ++number;
        station.region = region.input->unit;
        station.parent = election.units()[region.parents[p]].id;
        station.id = region.input->unit + "-" +
                     (number < 1000 ? std::string(number < 10    ? "000"
                                                  : number < 100 ? "00"
                                                                 : "0")
                                    : "") +
                     std::to_string(number);
        station.urban = region.city || random.Uniform() < 0.38;
        sizes.push_back(station.urban ? random.LogNormal(1900, 0.35) : random.LogNormal(650, 0.6));
        region.stations.push_back(static_cast<int>(out.stations.size()));
        out.stations.push_back(std::move(station));
      }
    }
    const std::vector<std::int64_t> voters = SplitExactly(region.registered, sizes);
    for (std::size_t k = 0; k < region.stations.size(); ++k) out.stations[region.stations[k]].registered = voters[k];
  }
  const std::size_t stations = out.stations.size();

  // 3. Ballots issued per station, exact per region, with urban-rural and random variation.
  std::vector<std::int64_t> issued(stations), invalid(stations), valid(stations);
  for (Region& region : regions) {
    weights.clear();
    caps.clear();
    const double p = *region.input->turnout_percent.back() / 100;
    for (int s : region.stations) {
      const SynthStation& station = out.stations[s];
      const double turnout = std::min(0.97, p * (station.urban ? 0.93 : 1.08) * std::exp(0.12 * random.Normal()));
      weights.push_back(static_cast<double>(station.registered) * turnout);
      caps.push_back(station.registered);
    }
    split = SplitExactly(region.issued, weights, &caps);
    for (std::size_t k = 0; k < region.stations.size(); ++k) issued[region.stations[k]] = split[k];
  }
  // 4. Invalid ballots: what took part beyond the valid votes, shared by ballots issued.
  weights.clear();
  caps.clear();
  for (const Region& r : regions) {
    weights.push_back(static_cast<double>(r.issued) * std::exp(0.2 * random.Normal()));
    caps.push_back(r.issued);
  }
  split = SplitExactly(*took_part - valid_total, weights, &caps);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    Region& region = regions[i];
    region.invalid = split[i];
    weights.clear();
    caps.clear();
    for (int s : region.stations) {
      weights.push_back(static_cast<double>(issued[s]) * std::exp(0.3 * random.Normal()));
      caps.push_back(issued[s]);
    }
    const std::vector<std::int64_t> per_station = SplitExactly(region.invalid, weights, &caps);
    for (std::size_t k = 0; k < region.stations.size(); ++k) {
      invalid[region.stations[k]] = per_station[k];
      valid[region.stations[k]] = issued[region.stations[k]] - per_station[k];
    }
  }

  // 5. Votes of the main contest: regions x options fitted to both margins, then stations x
  //    options within each region.
  const std::size_t options_count = option_totals.size();
  std::vector<std::int64_t> region_valid;
  std::vector<double> seed;
  for (const Region& region : regions) {
    std::int64_t sum = 0;
    for (int s : region.stations) sum += valid[s];
    region_valid.push_back(sum);
    for (std::size_t c = 0; c < options_count; ++c) {
      seed.push_back(static_cast<double>(sum) * static_cast<double>(option_totals[c]) *
                     std::exp(0.3 * random.Normal()));
    }
  }
  const std::vector<std::int64_t> by_region = FitMatrix(seed, region_valid, option_totals);
  SynthContest main_out;
  main_out.contest = main->id;
  const core::ProtocolForm& main_form = *election.FormOf(*main);
  const LineSlots slots(main_form);
  main_out.width = main_form.Width(static_cast<int>(main->options.size()));
  main_out.values.assign(stations * main_out.width, 0);
  for (std::size_t s = 0; s < stations; ++s) main_out.stations.push_back(static_cast<int>(s));
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const Region& region = regions[i];
    std::vector<std::int64_t> station_valid,
        column(by_region.begin() + i * options_count, by_region.begin() + (i + 1) * options_count);
    seed.clear();
    for (int s : region.stations) {
      station_valid.push_back(valid[s]);
      const bool urban = out.stations[s].urban;
      for (std::size_t c = 0; c < options_count; ++c) {
        const double tilt = c == 0 ? (urban ? 0.9 : 1.1) : (urban ? 1.1 : 0.92);  // the leader is stronger in villages
        seed.push_back(static_cast<double>(valid[s]) * static_cast<double>(column[c]) * tilt *
                       std::exp(0.25 * random.Normal()));
      }
    }
    const std::vector<std::int64_t> votes = FitMatrix(seed, station_valid, column);
    for (std::size_t k = 0; k < region.stations.size(); ++k) {
      std::int64_t* row = &main_out.values[region.stations[k] * main_out.width];
      for (std::size_t c = 0; c + 1 < options_count; ++c) row[slots.first_option + c] = votes[k * options_count + c];
      Set(row, slots.against_all, votes[k * options_count + options_count - 1]);
    }
  }
  // The protocol lines around the votes.
  for (std::size_t s = 0; s < stations; ++s) {
    std::int64_t* row = &main_out.values[s * main_out.width];
    const std::int64_t voters = out.stations[s].registered;
    const std::int64_t received = voters + (voters + 99) / 100;
    Set(row, slots.voters, voters);
    Set(row, slots.received, received);
    Set(row, slots.issued, issued[s]);
    Set(row, slots.issued_absentee, static_cast<std::int64_t>(issued[s] * 0.006 * random.Uniform()));
    Set(row, slots.issued_outside, static_cast<std::int64_t>(issued[s] * 0.04 * random.Uniform()));
    Set(row, slots.cancelled, received - issued[s]);
    Set(row, slots.found, issued[s]);
    Set(row, slots.valid, valid[s]);
    Set(row, slots.invalid, invalid[s]);
  }

  // 6. Turnout through the day: regional figures at each time, split down from the close.
  std::array<double, core::kReportTimes> curve{};
  for (int time = 0; time < core::kReportTimes; ++time) {
    curve[time] = Interpolate(inputs.national_turnout, {10, 20, 30, 40, 50, 60, 61}, time);
  }
  out.turnout.assign(stations * core::kReportTimes, 0);
  for (const Region& region : regions) {
    std::vector<std::int64_t> later;
    for (int s : region.stations) {
      out.turnout[s * core::kReportTimes + core::kReportTimes - 1] = issued[s];
      later.push_back(issued[s]);
    }
    std::int64_t later_total = region.issued;
    for (int time = core::kReportTimes - 2; time >= 0; --time) {
      const double percent = Interpolate(region.input->turnout_percent, curve, time);
      const std::int64_t target =
          std::min(later_total, static_cast<std::int64_t>(std::llround(region.registered * percent / 100)));
      weights.clear();
      for (std::size_t k = 0; k < region.stations.size(); ++k) {
        const bool rural = !out.stations[region.stations[k]].urban;
        weights.push_back(static_cast<double>(later[k]) * (rural && time < 3 ? 1.1 : 1.0) *
                          std::exp(0.15 * random.Normal()));
      }
      later = SplitExactly(target, weights, &later);
      for (std::size_t k = 0; k < region.stations.size(); ++k)
        out.turnout[region.stations[k] * core::kReportTimes + time] = later[k];
      later_total = target;
    }
  }

  // 7. Anomalies, listed so forensics can be scored against them.
  int leader = 0;
  for (std::size_t c = 0; c < main->options.size(); ++c) {
    if (option_totals[c] > option_totals[leader]) leader = static_cast<int>(c);
  }
  for (std::size_t s = 0; s < stations; ++s) {
    std::int64_t* row = &main_out.values[s * main_out.width];
    const std::int64_t voters = Get(row, slots.voters);
    const double draw = random.Uniform();
    std::int64_t delta = 0;
    std::string kind, detail;
    if (draw < options.stuffing) {
      const double target = std::min(
          0.97, static_cast<double>(issued[s]) / std::max<std::int64_t>(voters, 1) + 0.1 + 0.3 * random.Uniform());
      delta = std::min(static_cast<std::int64_t>(target * voters) - issued[s], Get(row, slots.cancelled));
      kind = "stuffing";
    } else if (draw < options.stuffing + options.rounding && voters > 0) {
      const std::int64_t percent = std::llround(100.0 * issued[s] / voters);
      delta = (voters * percent + 50) / 100 - issued[s];
      if (row[slots.first_option + leader] + delta < 0) delta = 0;
      kind = "rounding";
    }
    if (kind.empty() || delta == 0 || (kind == "stuffing" && delta < 0)) continue;
    const std::int64_t before = issued[s];
    for (int slot : {slots.issued, slots.found, slots.valid}) Add(row, slot, delta);
    Add(row, slots.cancelled, -delta);
    row[slots.first_option + leader] += delta;
    issued[s] += delta;
    out.turnout[s * core::kReportTimes + core::kReportTimes - 1] = issued[s];
    for (int time = 0; time + 1 < core::kReportTimes; ++time) {
      std::int64_t& value = out.turnout[s * core::kReportTimes + time];
      value = std::min(value, issued[s]);
    }
    detail = "ballots issued " + std::to_string(before) + " → " + std::to_string(issued[s]) + " of " +
             std::to_string(voters) + (kind == "stuffing" ? ", all added to " : ", difference to ") +
             main->options[leader].id;
    out.anomalies.push_back({out.stations[s].id, kind, detail});
  }
  out.contests.push_back(std::move(main_out));

  // 8. Every other contest counted at the stations (districts): synthetic votes, no totals to meet.
  for (const core::Contest& contest : election.contests()) {
    if (&contest == main) continue;
    SynthContest other;
    other.contest = contest.id;
    const core::ProtocolForm& form = *election.FormOf(contest);
    const LineSlots at(form);
    other.width = form.Width(static_cast<int>(contest.options.size()));
    std::map<std::string, bool> within;  // by parent unit: there are few parents, many stations
    for (std::size_t s = 0; s < stations; ++s) {
      const std::string& parent = out.stations[s].parent;
      auto it = within.find(parent);
      if (it == within.end()) it = within.emplace(parent, election.IsWithin(parent, contest.unit)).first;
      if (it->second) other.stations.push_back(static_cast<int>(s));
    }
    if (other.stations.empty()) continue;
    std::vector<double> base;
    for (std::size_t c = 0; c < contest.options.size(); ++c) {
      base.push_back(std::exp(-0.9 * static_cast<double>(c) + 0.4 * random.Normal()));
    }
    // The definition lists the published winner first: the first option leads clearly (at
    // least 1.5 times the next), so the district's outcome matches the official one.
    std::sort(base.begin(), base.end(), std::greater<>());
    if (base.size() > 1) base[0] = std::max(base[0], 1.5 * base[1]);
    const double against = contest.against_all ? 0.09 * std::exp(0.3 * random.Normal()) : 0;
    const bool referendum = std::holds_alternative<core::ReferendumRules>(contest.rules);
    other.values.assign(other.stations.size() * other.width, 0);
    for (std::size_t k = 0; k < other.stations.size(); ++k) {
      const int s = other.stations[k];
      std::int64_t* row = &other.values[k * other.width];
      const std::int64_t voters = out.stations[s].registered;
      const std::int64_t spoiled = static_cast<std::int64_t>(issued[s] * 0.03 * random.Uniform());
      const std::int64_t both = referendum ? spoiled / 3 : 0;
      weights.clear();
      double sum = 0;
      for (double w : base) sum += w;
      for (double w : base) weights.push_back(w / sum * (1 - against) * std::exp(0.2 * random.Normal()));
      weights.push_back(against);
      const std::vector<std::int64_t> votes = SplitExactly(issued[s] - spoiled, weights);
      for (std::size_t c = 0; c < contest.options.size(); ++c) row[at.first_option + c] = votes[c];
      Set(row, at.against_all, contest.against_all ? votes.back() : 0);
      if (!contest.against_all) row[at.first_option] += votes.back();
      const std::int64_t received = voters + (voters + 99) / 100;
      Set(row, at.voters, voters);
      Set(row, at.received, received);
      Set(row, at.issued, issued[s]);
      Set(row, at.cancelled, received - issued[s]);
      Set(row, at.found, issued[s]);
      Set(row, at.valid, issued[s] - spoiled);
      Set(row, at.invalid, spoiled - both);
      Set(row, at.both_marked, both);
    }
    out.contests.push_back(std::move(other));
  }
  return out;
}

}  // namespace saylau::synth
