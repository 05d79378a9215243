// Open data rows from a state and the versions of its counted protocols.
#include "saylau/bundle/open_data.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "saylau/formats/csv.h"
#include "saylau/formats/submission_json.h"

namespace saylau::bundle {

Result<std::int64_t> WriteOpenDataRows(const core::Election& election, const core::ElectionNight& night,
                                       const CountedVersions& counted, OpenDataFormat format, std::ostream& out) {
  const bool csv = format == OpenDataFormat::kCsv;
  if (csv) {
    out << "election,contest,round,unit,parent,version,seq,stage,option,votes";
    for (std::string_view line : core::kLineNames) out << ',' << line;
    out << '\n';
  }
  std::int64_t rows = 0;
  std::string buffer;
  for (std::size_t c = 0; c < night.plan().contests().size(); ++c) {
    const core::ContestPlan& plan = night.plan().contests()[c];
    const std::string_view stage = core::StageName(night.StageOf(core::ContestIndex(c)));
    for (int round = 1; round <= plan.max_round; ++round) {
      for (std::size_t local = 0; local < plan.units.size(); ++local) {
        if (!night.tabulation().Reported(core::ContestIndex(c), round, core::LocalUnit(local))) continue;
        const core::Unit& unit = election.units()[plan.units[local]];
        const auto values = night.tabulation().Totals(core::ContestIndex(c), round, core::LocalUnit(local));
        const auto found = counted.find({plan.contest->id, round, unit.id});
        const auto [version, seq] = found == counted.end() ? std::pair<int, std::int64_t>() : found->second;
        for (std::size_t i = 0; i < plan.contest->options.size(); ++i) {
          buffer.clear();
          const std::string& option = plan.contest->options[i].id;
          if (csv) {
            fmt::format_to(std::back_inserter(buffer), "{},{},{},{},{},{},{},{},{},{}",
                           formats::CsvField(election.id()), formats::CsvField(plan.contest->id), round,
                           formats::CsvField(unit.id), formats::CsvField(unit.parent), version, seq, stage,
                           formats::CsvField(option), values[core::kFixedLines + i]);
            for (int line = 0; line < core::kFixedLines; ++line)
              fmt::format_to(std::back_inserter(buffer), ",{}", values[line]);
            buffer += '\n';
          } else {
            buffer = "{\"election\":" + formats::JsonString(election.id()) +
                     ",\"contest\":" + formats::JsonString(plan.contest->id) + fmt::format(",\"round\":{}", round) +
                     ",\"unit\":" + formats::JsonString(unit.id) + ",\"parent\":" + formats::JsonString(unit.parent) +
                     fmt::format(",\"version\":{},\"seq\":{},\"stage\":\"{}\"", version, seq, stage) +
                     ",\"option\":" + formats::JsonString(option) +
                     fmt::format(",\"votes\":{}", values[core::kFixedLines + i]);
            for (int line = 0; line < core::kFixedLines; ++line) {
              fmt::format_to(std::back_inserter(buffer), ",\"{}\":{}", core::kLineNames[line], values[line]);
            }
            buffer += "}\n";
          }
          out << buffer;
          ++rows;
        }
      }
    }
  }
  out.flush();
  if (!out) return Unavailable("writing the open data failed");
  return rows;
}

}  // namespace saylau::bundle
