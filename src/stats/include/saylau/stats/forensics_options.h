// What saylau's forensics count and how (forensics.h): the base of the leader's share, what
// turnout counts, which stations are kept, which are left out by id or by a unit attribute, how
// plots are weighted, and presets that set all of these as a published paper did. Pure values
// and parsers; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/stats/estimate.h"  // ShareBase: the denominator of the leader's share (the result)
#include "saylau/stats/station_results.h"

namespace saylau::stats {

// The numerator of turnout; the denominator is always the registered voters.
enum class TurnoutBase {
  kTookPart,         // "took_part": ballots issued
  kValidAndInvalid,  // "valid+invalid": the ballots found in the boxes
};

// How the histograms and the fingerprint drawn first are weighted (both are computed).
enum class PlotWeight { kStations, kVoters };

// Which reported stations the tests keep. Every comparison is exact (whole numbers).
struct Inclusion {
  std::int64_t min_registered = 1;         // keep registered >= this
  bool took_part_above_zero = false;       // keep only turnout's count > 0
  std::optional<int> max_turnout_percent;  // keep 100 x turnout's count <= this x registered
  std::optional<int> max_result_percent;   // keep 100 x the leader's votes <= this x the share base
};

struct UnitAttribute {
  std::string name, value;  // core::Unit::attributes holds (name, value)
};

struct ForensicsOptions {
  int simulations = 0;     // unused: the whole-percent null is exact (kept so that older initialisers compile)
  std::uint64_t seed = 1;  // unused, as simulations
  double alpha = 0.05;
  int threads = 0;  // threads for the exact null's sums; 0: all cores
  ShareBase share_base = ShareBase::kValid;
  TurnoutBase turnout_base = TurnoutBase::kTookPart;
  Inclusion inclusion;
  std::vector<std::string> leave_out;          // station (unit) ids left out
  std::vector<UnitAttribute> leave_out_where;  // stations whose unit has any of these attributes
  PlotWeight weight = PlotWeight::kStations;
  std::string preset;  // the preset these options started from ("" when none)
};

// The presets, by name:
//   kobak2016   Kobak, Shpilkin & Pshenichnikov, Ann. Appl. Stat. 10(1), 2016: turnout = ballots
//               issued / registered, result = the leader's votes / (valid + invalid); keep
//               stations with ballots issued > 0, registered >= 100, turnout <= 99 % and
//               result <= 99 %; plots by stations.
//   klimek2012  Klimek, Yegorov, Hanel & Thurner, PNAS 109(41), 2012: turnout = ballots issued
//               / registered, the leader's share of the valid votes, every station with voters;
//               the fingerprint weighted by voters.
// Errors: kNotFound naming the presets there are.
Result<ForensicsOptions> ForensicsPreset(std::string_view name);
std::vector<std::string> ForensicsPresetNames();

// Parse and name the enums as the command line and forensics.json spell them (above; the share
// base by ShareBaseFromName and ShareBaseName of estimate.h).
Result<TurnoutBase> ParseTurnoutBase(std::string_view text);
Result<PlotWeight> ParsePlotWeight(std::string_view text);  // "stations", "voters"
std::string_view NameOf(TurnoutBase base);
std::string_view NameOf(PlotWeight weight);

// "name=value" as a UnitAttribute. Errors: kInvalidArgument when there is no '=' or no name.
Result<UnitAttribute> ParseUnitAttribute(std::string_view text);

// The counts one station's tests work on under `options`.
struct StationFigures {
  std::int64_t registered = 0;
  std::int64_t turnout_count = 0;  // ballots issued or found, by TurnoutBase
  std::int64_t share_base = 0;     // by ShareBase
};
StationFigures FiguresOf(const StationRow& row, const ForensicsOptions& options);

}  // namespace saylau::stats
