// BuildImport: reads the data's rows once, names the units (a commission the first time a row
// names it, a station once), keeps each station's values, then writes the three files.
#include "saylau/importer/import.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <future>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

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
  return internal::EncodingError(*problem, problem->offset, line,
                                 data.substr(line_start, problem->offset - line_start + 4), data_name);
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
  for (const int column : found.levels) {
    if (column >= 0) used[column] = true;  // -1: missing, named above
  }
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

// std::to_string(number) appended in place.
void AppendNumber(std::string& out, std::int64_t number) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
}

// formats::CsvField appended in place: no string made per field (or, quoted, per character).
void AppendCsvField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
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

// What the data's rows name and hold, read before the units have ids.
struct Rows {
  Columns columns;
  std::vector<DataUnit> units;
  std::vector<int> stations;                // units that are stations, in the data's order
  std::vector<std::int64_t> values;         // a station's lines then options, station after station
  std::vector<std::int64_t> registered;     // a station's registered voters
  std::string attribute_text;               // a station's attribute columns, station after station,
  std::vector<std::size_t> attribute_ends;  // one string (not one allocation a field): where each ends
  std::int64_t rows = 0, skipped = 0;
};

void WriteStations(const ImportMapping& mapping, const Rows& read, ImportFiles& files) {
  const Columns& columns = read.columns;
  const std::vector<DataUnit>& units = read.units;
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
  // Reserved once: the text regrown (and its pages touched anew) cost as much as writing it.
  std::size_t bytes = out.size() + read.attribute_text.size() + 3 * read.attribute_ends.size();
  for (const DataUnit& unit : units) bytes += unit.id.size() + parent_of(unit).size() + unit.text.size() + 40;
  out.reserve(bytes);
  const std::size_t width = columns.attributes.size();
  const std::string_view attribute_text = read.attribute_text;
  for (std::size_t s = 0; s < read.stations.size(); ++s) {
    const DataUnit& unit = units[read.stations[s]];
    out += unit.id;
    out += ',';
    out += parent_of(unit);
    out += ',';
    AppendNumber(out, read.registered[s]);
    out += ",station,";
    AppendCsvField(out, unit.text);
    for (std::size_t k = 0; k < width; ++k) {
      out += ',';
      const std::size_t field = s * width + k, start = field == 0 ? 0 : read.attribute_ends[field - 1];
      AppendCsvField(out, attribute_text.substr(start, read.attribute_ends[field] - start));
    }
    out += '\n';
  }
  files.stations_count = static_cast<std::int64_t>(read.stations.size());
}

std::string WriteProtocols(const ImportMapping& mapping, const Rows& read) {
  std::string out = "contest,unit";
  for (const LineColumn& line : mapping.lines) out += "," + line.line;
  for (const OptionColumn& option : read.columns.options) out += "," + option.id;
  out += "\n";
  const std::size_t width = read.columns.lines.size() + read.columns.options.size();
  // Reserved once (numbers guessed at 7 bytes; a text that outgrows it grows as usual).
  out.reserve(out.size() + read.stations.size() * (mapping.contest_id.size() + 8 * width + 2) +
              std::accumulate(read.stations.begin(), read.stations.end(), std::size_t{0},
                              [&](std::size_t sum, int unit) { return sum + read.units[unit].id.size(); }));
  for (std::size_t s = 0; s < read.stations.size(); ++s) {
    out += mapping.contest_id;
    out += ',';
    out += read.units[read.stations[s]].id;
    for (std::size_t k = 0; k < width; ++k) {
      out += ',';
      AppendNumber(out, read.values[s * width + k]);
    }
    out += '\n';
  }
  return out;
}

// "region / tik / uik": the units a row names down to `level`, for messages.
std::string UnitPath(const Columns& columns, const std::vector<std::string_view>& row, std::size_t level) {
  std::string path;
  for (std::size_t l = 0; l <= level; ++l) (path += l == 0 ? "" : " / ") += row[columns.levels[l]];
  return path;
}

// The next piece of the data's text (each after the first starting where a record starts), or
// nullopt after the last.
using NextPiece = std::function<std::optional<std::string_view>()>;

// The rows of the data under `mapping`: each unit named once, each station's values. Errors as
// BuildImport's, but the text's encoding as a whole is the caller's to check (a row's own fields
// are checked here). `size` is the text's size (or a guess) for progress.
Result<Rows> ReadRows(const ImportMapping& mapping, const NextPiece& next_piece, std::size_t size,
                      const std::string& data_name, const ImportProgress& progress) {
  formats::CsvReader reader(next_piece().value_or(std::string_view()), data_name);
  std::size_t before = 0;  // the bytes of the pieces before the reader's
  // The next record's fields, from the next piece when this one is read.
  const auto next_row = [&](std::vector<std::string_view>& fields, int& line) -> Result<bool> {
    while (true) {
      Result<bool> got = reader.NextViews(fields, line);
      if (!got || *got) return got;
      const std::optional<std::string_view> more = next_piece();
      if (!more) return false;
      before += reader.size();
      reader.Continue(*more);
    }
  };
  formats::CsvRecord header;
  Result<bool> got = reader.Next(header);
  if (!got) return got.error();
  if (!*got) return InvalidArgument(data_name + ": the file is empty; expected a header line");
  formats::Diagnostics problems;
  Rows read;
  read.columns = FindColumns(mapping, header, data_name, problems);
  if (!problems.empty()) return problems.ToError();
  const Columns& columns = read.columns;
  std::vector<DataUnit>& units = read.units;
  std::vector<std::int64_t>& values = read.values;
  std::unordered_map<std::string, int> known;  // parent index + '\x1f' + text -> unit
  std::string key;                             // one buffer for every probe of `known`
  std::vector<std::string_view> row;
  int line = 0;
  while (problems.items().size() < 50) {
    got = next_row(row, line);
    if (!got) return got.error();
    if (!*got) break;
    ++read.rows;
    if (progress && read.rows % 4096 == 0) {
      progress(before + reader.position(), std::max(size, before + reader.size()));
    }
    if (row.size() != header.fields.size()) {
      problems.Add(
          data_name, line, "",
          "the row has " + std::to_string(row.size()) + " fields, the header " + std::to_string(header.fields.size()));
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
      ++read.skipped;
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
    for (std::size_t level = 0; readable && level < mapping.levels.size(); ++level) {
      const std::string_view text = row[columns.levels[level]];
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
      key.clear();
      AppendNumber(key, parent);
      (key += '\x1f') += text;
      const bool station = level + 1 == mapping.levels.size();
      auto at = known.find(key);
      if (at == known.end()) {
        at = known.emplace(key, static_cast<int>(units.size())).first;
        units.push_back({static_cast<int>(level), parent, std::string(text), line, ""});
      } else if (station) {
        problems.Add(data_name, line, mapping.levels[level].column,
                     "the station '" + UnitPath(columns, row, level) + "' is already on line " +
                         std::to_string(units[at->second].line));
        readable = false;
      }
      parent = at->second;
    }
    if (!readable) {
      values.resize(first_value);
      continue;
    }
    read.stations.push_back(parent);
    read.registered.push_back(voters);
    for (const int column : columns.attributes) {
      if (const std::optional<TextProblem> problem = CheckText(row[column], TextRule::kLine)) {
        problems.Add(data_name, line, header.fields[column],
                     DescribeTextProblem(*problem, EscapeText(Utf8Prefix(row[column], 60))));
      }
      read.attribute_text += row[column];
      read.attribute_ends.push_back(read.attribute_text.size());
    }
  }
  if (problems.items().size() >= 50) problems.Add(data_name, line, "", "stopped after 50 problems");
  if (progress) progress(before + reader.size(), before + reader.size());
  if (problems.empty() && read.stations.empty()) problems.Add(data_name, 0, "", "no polling station rows");
  if (!problems.empty()) return problems.ToError();
  return read;
}

// The three files of what `read` holds, its units given ids.
Result<ImportFiles> WriteFiles(const ImportMapping& mapping, const std::string& data_name, Rows& read) {
  formats::Diagnostics problems;
  internal::AssignUnitIds(mapping, data_name, read.units, problems);
  if (!problems.empty()) return problems.ToError();
  // protocols.csv is written on a second thread while the definition and stations.csv are
  // written here (both only read `read`).
  std::future<std::string> protocols =
      std::async(std::launch::async, [&mapping, &read] { return WriteProtocols(mapping, read); });
  ImportFiles files;
  files.rows = read.rows;
  files.skipped = read.skipped;
  Result<std::string> definition = internal::WriteDefinition(mapping, read.columns.options);
  if (!definition) return definition.error();
  files.definition = std::move(*definition);
  WriteStations(mapping, read, files);
  files.protocols = protocols.get();
  for (const OptionColumn& option : read.columns.options) files.option_ids.push_back(option.id);
  // What protocols.csv holds, kept for ProtocolOf (moved: `read` is done with).
  files.contest = mapping.contest_id;
  for (const LineColumn& line : mapping.lines) files.protocol_columns.push_back(line.line);
  for (const OptionColumn& option : read.columns.options) files.protocol_columns.push_back(option.id);
  files.protocol_units.reserve(read.stations.size());
  for (const int unit : read.stations) files.protocol_units.push_back(std::move(read.units[unit].id));
  files.protocol_values = std::move(read.values);
  return files;
}

// Text the CSV reader gives back as it is: clean, and needing no quotes.
bool ReadsBack(std::string_view text) {
  return text.find_first_of(",\"\n\r") == std::string_view::npos && !CheckText(text, TextRule::kLine);
}

}  // namespace

Result<ImportFiles> BuildImport(const ImportMapping& mapping, std::string_view data, const std::string& data_name,
                                const ImportProgress& progress) {
  // The whole text's encoding is checked on a second thread while the rows are read here; when
  // the text is not UTF-8, that is the answer, whatever reading the rows found.
  std::future<std::optional<Error>> encoding =
      std::async(std::launch::async, [data, &data_name] { return CheckEncoding(data, data_name); });
  bool given = false;
  Result<Rows> read = ReadRows(
      mapping,
      [&]() -> std::optional<std::string_view> {
        return std::exchange(given, true) ? std::nullopt : std::optional(data);
      },
      data.size(), data_name, progress);
  if (std::optional<Error> not_utf8 = encoding.get()) return *not_utf8;
  if (!read) return read.error();
  return WriteFiles(mapping, data_name, *read);
}

bool ProtocolsReadAsWritten(const ImportFiles& files) {
  // The columns formats::OpenSubmissions takes for something else than a line.
  static constexpr std::string_view kNotLines[] = {"contest", "unit",         "round", "commission",
                                                   "reason",  "photo_sha256", "time"};
  std::unordered_set<std::string_view> names;
  for (const std::string& column : files.protocol_columns) {
    if (column.empty() || !ReadsBack(column) || !names.insert(column).second ||
        std::find(std::begin(kNotLines), std::end(kNotLines), column) != std::end(kNotLines)) {
      return false;
    }
  }
  return !files.contest.empty() && ReadsBack(files.contest) &&
         files.protocol_values.size() == files.protocol_units.size() * files.protocol_columns.size() &&
         std::all_of(files.protocol_units.begin(), files.protocol_units.end(),
                     [](const std::string& unit) { return !unit.empty() && ReadsBack(unit); });
}

core::ProtocolSubmission ProtocolOf(const ImportFiles& files, std::size_t index, const std::string& file_name) {
  core::ProtocolSubmission protocol;
  protocol.contest = files.contest;
  protocol.unit = files.protocol_units[index];
  protocol.origin = EscapeText(file_name) + ":" + std::to_string(index + 2);  // after the header line
  const std::size_t width = files.protocol_columns.size();
  protocol.lines.reserve(width);
  for (std::size_t k = 0; k < width; ++k) {
    protocol.lines.emplace_back(files.protocol_columns[k], files.protocol_values[index * width + k]);
  }
  return protocol;
}

Result<ImportFiles> ImportDataFile(const ImportMapping& mapping, const std::string& path,
                                   const ImportProgress& progress, std::size_t piece_bytes) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".gz") != 0) {
    Result<std::string> text = formats::ReadFile(path);
    if (!text) return text.error();
    return BuildImport(mapping, *text, path, progress);
  }
  Result<std::unique_ptr<internal::GzipPieces>> pieces = internal::GzipPieces::Open(path, piece_bytes);
  if (!pieces) return pieces.error();
  Result<Rows> read = ReadRows(
      mapping, [&] { return (*pieces)->Next(); }, (*pieces)->size_hint(), path, progress);
  // The gzip stream's failure first, then the text's encoding, as ReadDataFile then BuildImport.
  if (Status ok = (*pieces)->Finish(); !ok) return ok.error();
  if (!read) return read.error();
  pieces->reset();  // the text is no longer needed
  return WriteFiles(mapping, path, *read);
}

}  // namespace saylau::importer
