// Open data rows from a state and the versions of its counted protocols.
#include "saylau/bundle/open_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "saylau/bundle/protocol_warnings.h"
#include "saylau/formats/built_in_forms.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/open_data_layout.h"
#include "saylau/formats/submission_json.h"

namespace saylau::bundle {
namespace {

// The cells of an id's names (kk, ru, en) as they follow the id: ",kk,ru,en" in the CSV (the
// columns <id>_name_kk, _ru, _en of formats/open_data_layout.h), or the JSON fields (the same
// names) after the id's own field, its kind being "unit" or "option".
std::string NameCells(const core::Names& names, bool csv, std::string_view kind) {
  if (csv) {
    return formats::CsvField(names.kk.str()) + ',' + formats::CsvField(names.ru.str()) + ',' +
           formats::CsvField(names.en.str());
  }
  return fmt::format(",\"{0}_name_kk\":{1},\"{0}_name_ru\":{2},\"{0}_name_en\":{3}", kind,
                     formats::JsonString(names.kk), formats::JsonString(names.ru), formats::JsonString(names.en));
}

}  // namespace

Result<std::int64_t> WriteOpenDataRows(const core::Election& election, const core::ElectionNight& night,
                                       const CountedVersions& counted, OpenDataFormat format, std::ostream& out) {
  const auto lookup = [&](core::ContestIndex c, int round, core::LocalUnit local) {
    const core::ContestPlan& plan = night.plan().contests()[c.at()];
    const auto found = counted.find({plan.contest->id, round, election.units()[plan.units[local.at()]].id});
    return found == counted.end() ? std::pair<int, std::int64_t>() : found->second;
  };
  return WriteOpenDataRows(election, night, CountedLookup(lookup), format, out);
}

Result<std::int64_t> WriteOpenDataRows(const core::Election& election, const core::ElectionNight& night,
                                       const CountedLookup& counted, OpenDataFormat format, std::ostream& out) {
  const bool csv = format == OpenDataFormat::kCsv;
  // The CSV's line columns: every line of the forms the contests use, in the order first met
  // in the election's forms; when a contest uses a built-in Kazakh form, every built-in form
  // counts (one layout for every Kazakh election: voters ... invalid, both_marked, against_all).
  // A contest whose form lacks a column, or whose ballot has no "against all", leaves it empty.
  const auto built_in = [](const std::string& id) {
    const std::vector<core::ProtocolForm>& forms = formats::BuiltInForms();
    return std::any_of(forms.begin(), forms.end(), [&](const core::ProtocolForm& form) { return form.id == id; });
  };
  const auto used = [&](const std::string& id) {
    const auto& contests = night.plan().contests();
    return std::any_of(contests.begin(), contests.end(), [&](const core::ContestPlan& p) { return p.form->id == id; });
  };
  bool uses_built_in = false;
  for (const core::ContestPlan& plan : night.plan().contests()) uses_built_in |= built_in(plan.form->id);
  std::vector<std::string> columns;
  for (const core::ProtocolForm& form : election.forms()) {
    if (!used(form.id) && !(uses_built_in && built_in(form.id))) continue;
    for (const core::FormLine& line : form.lines) {
      if (std::find(columns.begin(), columns.end(), line.name) == columns.end()) columns.push_back(line.name);
    }
  }
  if (csv) {
    const char* separator = "";
    for (const std::string_view column : formats::kOpenDataLeadingColumns) out << std::exchange(separator, ",") << column;
    for (const std::string& line : columns) out << ',' << line;
    out << ',' << formats::kOpenDataWarningsColumn << '\n';
  }
  std::int64_t rows = 0;
  std::string buffer;
  for (std::size_t c = 0; c < night.plan().contests().size(); ++c) {
    const core::ContestPlan& plan = night.plan().contests()[c];
    std::vector<int> column_line;  // per CSV column: the line of this contest's form, or -1
    const auto applies = [&](int line) {
      return line >= 0 && (!plan.form->lines[line].when_against_all || plan.contest->against_all);
    };
    for (const std::string& column : columns) {
      const int line = plan.form->IndexOf(column);
      column_line.push_back(applies(line) ? line : -1);
    }
    const std::string_view stage = core::StageName(night.StageOf(core::ContestIndex(c)));
    std::vector<std::string> option_names;  // per option: its names' cells, written once here
    for (const core::Option& option : plan.contest->options) option_names.push_back(NameCells(option.name, csv, "option"));
    for (int round = 1; round <= plan.max_round; ++round) {
      for (std::size_t local = 0; local < plan.units.size(); ++local) {
        if (!night.tabulation().Reported(core::ContestIndex(c), round, core::LocalUnit(local))) continue;
        const core::Unit& unit = election.units()[plan.units[local]];
        const auto values = night.tabulation().Totals(core::ContestIndex(c), round, core::LocalUnit(local));
        const auto [version, seq] = counted(core::ContestIndex(c), round, core::LocalUnit(local));
        const std::string unit_names = NameCells(unit.name, csv, "unit");
        // The form's warn relations that fail on the counted values, recomputed (not copied
        // from the store), so verify's byte-for-byte comparison catches a forged list.
        const std::string warnings =
            plan.counting[local] ? WarningsField(FailedWarnings(*plan.form, values)) : std::string();
        for (std::size_t i = 0; i < plan.contest->options.size(); ++i) {
          buffer.clear();
          const std::string& option = plan.contest->options[i].id;
          if (csv) {
            fmt::format_to(std::back_inserter(buffer), "{},{},{},{},{},{},{},{},{},{},{},{}",
                           formats::CsvField(election.id()), formats::CsvField(plan.contest->id), round,
                           formats::CsvField(unit.id), unit_names, formats::CsvField(unit.parent), version, seq,
                           stage, formats::CsvField(option), option_names[i], values[plan.first_option + i]);
            for (const int line : column_line) {
              if (line < 0) {
                buffer += ',';
              } else {
                fmt::format_to(std::back_inserter(buffer), ",{}", values[line]);
              }
            }
            buffer += ',';
            buffer += formats::CsvField(warnings);
            buffer += '\n';
          } else {
            buffer = "{\"election\":" + formats::JsonString(election.id()) +
                     ",\"contest\":" + formats::JsonString(plan.contest->id) + fmt::format(",\"round\":{}", round) +
                     ",\"unit\":" + formats::JsonString(unit.id) + unit_names +
                     ",\"parent\":" + formats::JsonString(unit.parent) +
                     fmt::format(",\"version\":{},\"seq\":{},\"stage\":\"{}\"", version, seq, stage) +
                     ",\"option\":" + formats::JsonString(option) + option_names[i] +
                     fmt::format(",\"votes\":{}", values[plan.first_option + i]);
            for (std::size_t line = 0; line < plan.form->lines.size(); ++line) {
              if (!applies(static_cast<int>(line))) continue;
              fmt::format_to(std::back_inserter(buffer), ",{}:{}", formats::JsonString(plan.form->lines[line].name),
                             values[line]);
            }
            buffer += ",\"warnings\":" + formats::JsonString(warnings) + "}\n";
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
