// The presets and parsers of forensics_options.h, and which stations the tests keep.
#include "saylau/stats/forensics_options.h"

#include <algorithm>
#include <unordered_set>

#include "forensics_internal.h"

namespace saylau::stats {

Result<ForensicsOptions> ForensicsPreset(std::string_view name) {
  ForensicsOptions options;
  options.preset = std::string(name);
  if (name == "kobak2016") {
    options.share_base = ShareBase::kValidAndInvalid;
    options.turnout_base = TurnoutBase::kTookPart;
    options.inclusion = {100, true, 99, 99};
    options.weight = PlotWeight::kStations;
    return options;
  }
  if (name == "klimek2012") {
    options.share_base = ShareBase::kValid;
    options.turnout_base = TurnoutBase::kTookPart;
    options.weight = PlotWeight::kVoters;
    return options;
  }
  std::string known;
  for (const std::string& preset : ForensicsPresetNames()) known += (known.empty() ? "" : ", ") + preset;
  return NotFound("no forensics preset '" + std::string(name) + "' (there are " + known + ")");
}

std::vector<std::string> ForensicsPresetNames() { return {"kobak2016", "klimek2012"}; }

Result<TurnoutBase> ParseTurnoutBase(std::string_view text) {
  for (TurnoutBase base : {TurnoutBase::kTookPart, TurnoutBase::kValidAndInvalid}) {
    if (text == NameOf(base)) return base;
  }
  return InvalidArgument("turnout '" + std::string(text) + "': expected took_part or valid+invalid");
}

Result<PlotWeight> ParsePlotWeight(std::string_view text) {
  if (text == "stations") return PlotWeight::kStations;
  if (text == "voters") return PlotWeight::kVoters;
  return InvalidArgument("weight '" + std::string(text) + "': expected stations or voters");
}

std::string_view NameOf(TurnoutBase base) { return base == TurnoutBase::kTookPart ? "took_part" : "valid+invalid"; }

std::string_view NameOf(PlotWeight weight) { return weight == PlotWeight::kStations ? "stations" : "voters"; }

Result<UnitAttribute> ParseUnitAttribute(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return InvalidArgument("'" + std::string(text) + "': expected name=value (an attribute of the stations' units)");
  }
  return UnitAttribute{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

StationFigures FiguresOf(const StationRow& row, const ForensicsOptions& options) {
  StationFigures figures;
  figures.registered = row.registered;
  figures.turnout_count = options.turnout_base == TurnoutBase::kTookPart ? row.took_part : row.base + row.invalid;
  figures.share_base = ShareBaseOf(row, options.share_base);
  return figures;
}

namespace internal {

std::vector<std::size_t> KeptStations(const StationResults& results, int leader, const ForensicsOptions& options,
                                      const core::Election* definition, LeftOut& left_out) {
  const std::unordered_set<std::string> listed(options.leave_out.begin(), options.leave_out.end());
  const auto has_attribute = [&](const StationRow& row) {
    if (definition == nullptr || options.leave_out_where.empty() || row.unit < 0 ||
        row.unit >= static_cast<int>(definition->units().size())) {
      return false;
    }
    const auto& attributes = definition->units()[row.unit].attributes;
    return std::any_of(options.leave_out_where.begin(), options.leave_out_where.end(), [&](const UnitAttribute& a) {
      return std::find(attributes.begin(), attributes.end(), std::pair{a.name, a.value}) != attributes.end();
    });
  };
  const Inclusion& rules = options.inclusion;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    const StationRow& row = results.rows[r];
    const StationFigures f = FiguresOf(row, options);
    const std::int64_t leader_votes = leader >= 0 ? results.VotesOf(r)[leader] : 0;
    if (!row.reported) {
      ++left_out.not_reported;
    } else if (listed.count(row.id)) {
      ++left_out.by_id;
    } else if (has_attribute(row)) {
      ++left_out.by_attribute;
    } else if (f.registered <= 0) {
      ++left_out.no_voters;
    } else if (f.registered < rules.min_registered) {
      ++left_out.below_min_registered;
    } else if (rules.took_part_above_zero && f.turnout_count <= 0) {
      ++left_out.no_took_part;
    } else if (f.share_base <= 0) {
      ++left_out.no_valid_votes;
    } else if (rules.max_turnout_percent && 100 * f.turnout_count > *rules.max_turnout_percent * f.registered) {
      ++left_out.above_turnout_cap;
    } else if (rules.max_result_percent && 100 * leader_votes > *rules.max_result_percent * f.share_base) {
      ++left_out.above_result_cap;
    } else {
      rows.push_back(r);
    }
  }
  return rows;
}

}  // namespace internal
}  // namespace saylau::stats
