// A synthetic but realistic election night at polling-station level: stations with realistic
// sizes, urban and rural, under the definition's regions and districts; protocols for every
// contest counted there; turnout reports through the day. The national totals of one contest
// (and national voters and ballots issued) equal given real totals exactly, each region keeps
// its published turnout, and optional anomalies (ballot stuffing, turnout rounded to whole
// percents) are injected and listed, for testing forensics. Deterministic for a seed (own
// random generator, not std distributions). Pure: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/core/turnout.h"

namespace saylau::synth {

struct RegionInput {
  std::string unit;
  std::array<std::optional<double>, core::kReportTimes> turnout_percent;  // at 10:00 ... close
  double voters_estimate = 0;
};

struct SynthInputs {
  std::string contest;                           // the contest whose national totals are given
  std::map<std::string, std::int64_t> national;  // registered, took_part, invalid?, option ids, against_all
  std::vector<RegionInput> regions;
  std::array<std::optional<double>, core::kReportTimes> national_turnout;
};

struct SynthOptions {
  std::uint64_t seed = 1;
  int stations = 10100;
  double stuffing = 0;  // share of stations with ballots stuffed for the leader
  double rounding = 0;  // share of stations whose turnout is set to a whole percent
};

struct SynthStation {
  std::string id;
  std::string parent;
  int number = 0;  // within its region
  std::string region;
  std::int64_t registered = 0;
  bool urban = false;
};

// The protocols of one contest: one row of values (the form's lines, then the options) per
// station in `stations`.
struct SynthContest {
  std::string contest;
  std::vector<int> stations;          // indices into SynthElection::stations
  std::vector<std::int64_t> values;   // stations.size() x width
  int width = 0;
};

struct SynthAnomaly {
  std::string unit;
  std::string kind;  // "stuffing" or "rounding"
  std::string detail;
};

struct SynthElection {
  std::vector<SynthStation> stations;
  std::vector<SynthContest> contests;
  std::vector<std::int64_t> turnout;  // stations x kReportTimes: ballots issued by each time
  std::vector<SynthAnomaly> anomalies;
};

// Errors: kInvalidArgument when the inputs do not fit the definition (an unknown region or
// contest, totals that do not add up, fewer stations than districts).
Result<SynthElection> Synthesize(const core::Election& election, const SynthInputs& inputs,
                                 const SynthOptions& options);

// Shares `total` in proportion to `weights` (>= 0, not all 0), each share at most `caps[i]`
// when caps are given (their sum must reach `total`): floors, then the largest remainders.
// Exact: the shares sum to `total`.
std::vector<std::int64_t> SplitExactly(std::int64_t total, const std::vector<double>& weights,
                                       const std::vector<std::int64_t>* caps = nullptr);

}  // namespace saylau::synth
