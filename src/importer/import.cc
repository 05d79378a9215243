// BuildImport: reads the data's rows once, names the units (a commission the first time a row
// names it, a station once), keeps each station's values, then writes the three files.
#include "saylau/importer/import.h"

#include <algorithm>
#include <unordered_map>

#include "import_internal.h"
#include "saylau/base/text.h"
#include "saylau/core/model.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/csv_reader.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/importer/slug.h"

namespace saylau::importer {
namespace {

using internal::DataUnit;
using internal::OptionColumn;

// "file:LINE: not UTF-8 at byte B of the line (...)": where the first bad byte is, for a file
// that is usually CP1251.
std::optional<Error> CheckEncoding(std::string_view data, const std::string& data_name) {
  const std::optional<TextProblem> problem = CheckText(data, TextRule::kMultiline);
  if (!problem) return std::nullopt;
  const std::string_view before = data.substr(0, problem->offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  TextProblem in_line = *CheckText(data.substr(line_start, problem->offset - line_start + 4), TextRule::kMultiline);
  std::string message = data_name + ":" + std::to_string(line) + ": " + in_line.message + " of the line, byte " +
                        std::to_string(problem->offset + 1) + " of the file";
  if (problem->encoding) message += "; the data must be UTF-8: " + std::string(kUtf8Hint);
  return InvalidArgument(std::move(message));
}

// The data's columns, found by header text.
struct Columns {
  std::vector<int> levels, lines, attributes;
  std::vector<std::string> attribute_names;  // those of the mapping's attributes the data has
  std::vector<OptionColumn> options;
  std::vector<std::pair<int, const SkipRule*>> skip;
  int registered = -1;  // index into `lines`
};

Columns FindColumns(const ImportMapping& mapping, const formats::CsvRecord& header, const std::string& data_name,
                    formats::Diagnostics& problems) {
  Columns found;
  std::vector<bool> used(header.fields.size(), false);
  const auto find = [&](const std::string& text, const std::string& what) {
    int at = -1;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (header.fields[i] != text) continue;
      if (at >= 0) problems.Add(data_name, header.line, text, "the header names this column twice");
      at = static_cast<int>(i);
    }
    if (at < 0) {
      problems.Add(data_name, header.line, text, "no such column in the header (the mapping names it as " + what + ")");
    } else {
      used[at] = true;
    }
    return at;
  };
  for (const LevelMapping& level : mapping.levels) found.levels.push_back(find(level.column, "a unit level"));
  for (const LineColumn& line : mapping.lines) {
    found.lines.push_back(find(line.column, "line " + line.line));
    if (line.line == mapping.registered_voters_line) found.registered = static_cast<int>(found.lines.size()) - 1;
  }
  for (const std::string& column : mapping.attribute_columns) {  // optional: carried when the data has them
    if (std::find(header.fields.begin(), header.fields.end(), column) == header.fields.end()) continue;
    found.attributes.push_back(find(column, "an attribute"));
    found.attribute_names.push_back(column);
  }
  for (const std::string& column : mapping.ignore_columns) (void)find(column, "ignored");
  for (const SkipRule& rule : mapping.skip) found.skip.emplace_back(find(rule.column, "a [[skip]] column"), &rule);
  for (const LevelMapping& level : mapping.levels) used[found.levels[&level - mapping.levels.data()]] = true;
  std::vector<int> option_columns;
  if (mapping.options_rest) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (!used[i]) option_columns.push_back(static_cast<int>(i));
    }
  } else {
    for (const std::string& column : mapping.option_columns) option_columns.push_back(find(column, "an option"));
  }
  std::unordered_map<std::string, std::string> ids;  // option id -> its header
  for (const std::string& line : mapping.form_lines) ids[line] = "the form's line " + line;
  for (const char* reserved : {"contest", "unit", "round", "commission", "reason", "time"}) {
    ids[reserved] = "a protocol column";
  }
  for (const int column : option_columns) {
    if (column < 0) continue;
    OptionColumn option{column, header.fields[column], ""};
    const auto given = mapping.option_ids.find(option.header);
    option.id = given != mapping.option_ids.end() ? given->second : Slug(option.header, 64);
    if (option.id.empty()) {
      problems.Add(data_name, header.line, option.header,
                   "no option id can be made from this header; give one in [columns.option_ids]");
    } else if (const auto [at, fresh] = ids.emplace(option.id, "'" + option.header + "'"); !fresh) {
      problems.Add(data_name, header.line, option.header,
                   "its option id '" + option.id + "' is already " + at->second +
                       "; give another in [columns.option_ids] (or list it in [columns] ignore)");
    }
    found.options.push_back(std::move(option));
  }
  if (found.options.empty()) problems.Add(data_name, header.line, "", "no option columns: nothing to count");
  return found;
}

// formats::CsvField appended in place: no string made per field (or, quoted, per character).
void AppendCsvField(std::string& out, const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void WriteStations(const ImportMapping& mapping, const Columns& columns, const std::vector<DataUnit>& units,
                   const std::vector<std::int64_t>& registered, const std::vector<std::vector<std::string>>& attributes,
                   const std::vector<int>& stations, ImportFiles& files) {
  std::string& out = files.stations;
  out = "id,parent,registered_voters,kind,name_" + mapping.names_language;
  for (const std::string& column : columns.attribute_names) out += "," + formats::CsvField(column);
  out += "\n";
  const auto parent_of = [&](const DataUnit& unit) -> const std::string& {
    return unit.parent >= 0 ? units[unit.parent].id : mapping.root_id;
  };
  // Commissions first, top level first, so each parent comes before its children.
  for (std::size_t level = 0; level + 1 < mapping.levels.size(); ++level) {
    for (const DataUnit& unit : units) {
      if (unit.level != static_cast<int>(level)) continue;
      out += unit.id + "," + parent_of(unit) + ",," + std::string(core::UnitKindName(mapping.levels[level].kind)) +
             "," + formats::CsvField(unit.text) + std::string(columns.attribute_names.size(), ',') + "\n";
      ++files.commissions;
    }
  }
  for (std::size_t s = 0; s < stations.size(); ++s) {
    const DataUnit& unit = units[stations[s]];
    out += unit.id;
    out += ',';
    out += parent_of(unit);
    out += ',';
    out += std::to_string(registered[s]);
    out += ",station,";
    AppendCsvField(out, unit.text);
    for (const std::string& value : attributes[s]) {
      out += ',';
      AppendCsvField(out, value);
    }
    out += '\n';
  }
  files.stations_count = static_cast<std::int64_t>(stations.size());
}

void WriteProtocols(const ImportMapping& mapping, const Columns& columns, const std::vector<DataUnit>& units,
                    const std::vector<int>& stations, const std::vector<std::int64_t>& values, ImportFiles& files) {
  std::string& out = files.protocols;
  out = "contest,unit";
  for (const LineColumn& line : mapping.lines) out += "," + line.line;
  for (const OptionColumn& option : columns.options) out += "," + option.id;
  out += "\n";
  const std::size_t width = columns.lines.size() + columns.options.size();
  for (std::size_t s = 0; s < stations.size(); ++s) {
    out += mapping.contest_id + "," + units[stations[s]].id;
    for (std::size_t k = 0; k < width; ++k) (out += ',') += std::to_string(values[s * width + k]);
    out += "\n";
  }
}

}  // namespace

Result<ImportFiles> BuildImport(const ImportMapping& mapping, std::string_view data, const std::string& data_name,
                                const ImportProgress& progress) {
  if (std::optional<Error> encoding = CheckEncoding(data, data_name)) return *encoding;
  formats::CsvReader reader(data, data_name);
  formats::CsvRecord header;
  Result<bool> got = reader.Next(header);
  if (!got) return got.error();
  if (!*got) return InvalidArgument(data_name + ": the file is empty; expected a header line");
  formats::Diagnostics problems;
  const Columns columns = FindColumns(mapping, header, data_name, problems);
  if (!problems.empty()) return problems.ToError();

  ImportFiles files;
  std::vector<DataUnit> units;
  std::unordered_map<std::string, int> known;  // parent index + '\x1f' + text -> unit
  std::vector<int> stations;                   // units that are stations, in the data's order
  std::vector<std::int64_t> values, registered;
  std::vector<std::vector<std::string>> attributes;
  std::vector<std::string_view> row;
  int line = 0;
  while (problems.items().size() < 50) {
    got = reader.NextViews(row, line);
    if (!got) return got.error();
    if (!*got) break;
    ++files.rows;
    if (progress && files.rows % 4096 == 0) progress(reader.position(), reader.size());
    if (row.size() != header.fields.size()) {
      problems.Add(data_name, line, "",
                   "the row has " + std::to_string(row.size()) + " fields, the header " +
                       std::to_string(header.fields.size()));
      continue;
    }
    bool readable = true;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i].size() <= kMaxFieldBytes) continue;
      problems.Add(data_name, line, header.fields[i],
                   std::to_string(row[i].size()) + " bytes, longer than the limit of " +
                       std::to_string(kMaxFieldBytes) + ": '" + std::string(Utf8Prefix(row[i], 40)) + "…'");
      readable = false;
    }
    if (!readable) continue;
    if (std::any_of(columns.skip.begin(), columns.skip.end(), [&](const auto& skip) {
          const auto& equals = skip.second->equals;
          return std::find(equals.begin(), equals.end(), row[skip.first]) != equals.end();
        })) {
      ++files.skipped;
      continue;
    }
    // The values first: a row that cannot be read names no unit.
    const std::size_t first_value = values.size();
    const auto read_value = [&](int column) {
      const std::optional<std::int64_t> value = formats::ParseInteger(row[column]);
      if (!value) {
        problems.Add(data_name, line, header.fields[column],
                     "'" + std::string(Utf8Prefix(row[column], 40)) + "' is not a whole number");
        readable = false;
      }
      values.push_back(value.value_or(0));
    };
    for (const int column : columns.lines) read_value(column);
    for (const OptionColumn& option : columns.options) read_value(option.column);
    const std::int64_t voters = values[first_value + columns.registered];
    if (readable && voters < 0) {
      problems.Add(data_name, line, header.fields[columns.lines[columns.registered]],
                   "registered voters must be ≥ 0, got " + std::to_string(voters));
      readable = false;
    }
    int parent = -1;
    std::string path;  // for messages: "region / tik / uik"
    for (std::size_t level = 0; readable && level < mapping.levels.size(); ++level) {
      const std::string_view text = row[columns.levels[level]];
      path += (level == 0 ? "" : " / ") + std::string(text);
      if (text.empty()) {
        problems.Add(data_name, line, mapping.levels[level].column, "is empty: the row names no unit at this level");
        readable = false;
        break;
      }
      if (const std::optional<TextProblem> problem = CheckText(text, TextRule::kLine)) {
        problems.Add(data_name, line, mapping.levels[level].column,
                     DescribeTextProblem(*problem, EscapeText(Utf8Prefix(text, 60))));
        readable = false;
        break;
      }
      std::string key = std::to_string(parent) + '\x1f' + std::string(text);
      const bool station = level + 1 == mapping.levels.size();
      const auto [at, fresh] = known.emplace(std::move(key), static_cast<int>(units.size()));
      if (fresh) {
        units.push_back({static_cast<int>(level), parent, std::string(text), line, ""});
      } else if (station) {
        problems.Add(data_name, line, mapping.levels[level].column,
                     "the station '" + path + "' is already on line " + std::to_string(units[at->second].line));
        readable = false;
      }
      parent = at->second;
    }
    if (!readable) {
      values.resize(first_value);
      continue;
    }
    stations.push_back(parent);
    registered.push_back(voters);
    std::vector<std::string>& carried = attributes.emplace_back();
    for (const int column : columns.attributes) {
      if (const std::optional<TextProblem> problem = CheckText(row[column], TextRule::kLine)) {
        problems.Add(data_name, line, header.fields[column],
                     DescribeTextProblem(*problem, EscapeText(Utf8Prefix(row[column], 60))));
      }
      carried.emplace_back(row[column]);
    }
  }
  if (problems.items().size() >= 50) problems.Add(data_name, line, "", "stopped after 50 problems");
  if (progress) progress(reader.size(), reader.size());
  if (problems.empty() && stations.empty()) problems.Add(data_name, 0, "", "no polling station rows");
  if (!problems.empty()) return problems.ToError();
  internal::AssignUnitIds(mapping, data_name, units, problems);
  if (!problems.empty()) return problems.ToError();

  Result<std::string> definition = internal::WriteDefinition(mapping, columns.options);
  if (!definition) return definition.error();
  files.definition = std::move(*definition);
  WriteStations(mapping, columns, units, registered, attributes, stations, files);
  WriteProtocols(mapping, columns, units, stations, values, files);
  for (const OptionColumn& option : columns.options) files.option_ids.push_back(option.id);
  return files;
}

}  // namespace saylau::importer
