// AddStations: validated rows appended to the definition's units.
#include "saylau/formats/stations_csv.h"

#include <algorithm>

#include "saylau/base/text.h"
#include "saylau/core/id_index.h"
#include "saylau/formats/csv_reader.h"
#include "saylau/formats/diagnostics.h"
#include "saylau/formats/submission_reader.h"

namespace saylau::formats {
namespace {

constexpr std::string_view kMapColumnPrefix = "map:";

}  // namespace

Result<core::Election> AddStations(const core::Election& election, std::string_view text,
                                   const std::string& file_name) {
  CsvReader reader(text, file_name);
  CsvRecord header;
  Result<bool> got = reader.Next(header);
  if (!got) return got.error();
  if (!*got) return InvalidArgument(file_name + ": the file is empty; expected a header line");
  Diagnostics problems;
  const auto column = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      if (header.fields[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int id = column("id"), parent = column("parent"), registered = column("registered_voters"),
            settlement = column("settlement"), kind = column("kind"), name_kk = column("name_kk"),
            name_ru = column("name_ru"), name_en = column("name_en");
  for (const char* required : {"id", "parent", "registered_voters"}) {
    if (column(required) < 0) problems.Add(file_name, header.line, required, "the header needs this column");
  }
  // Every other column is carried as an attribute of the unit (e.g. a station's "url").
  std::vector<int> attribute_columns;
  std::vector<int> map_columns;  // "map:<id>": the station's district of that map, or empty
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    if (name == "id" || name == "parent" || name == "registered_voters" || name == "settlement" || name == "kind" ||
        name == "name_kk" || name == "name_ru" || name == "name_en") {
      continue;
    }
    if (const std::optional<TextProblem> problem = CheckText(name, TextRule::kLine); problem || name.empty()) {
      problems.Add(file_name, header.line, "column " + std::to_string(i + 1),
                   problem ? DescribeTextProblem(*problem, EscapeText(Utf8Prefix(name, 60))) : "has no name");
      continue;
    }
    if (column(name) != static_cast<int>(i)) {
      problems.Add(file_name, header.line, name, "the header names this column twice");
      continue;
    }
    if (name.starts_with(kMapColumnPrefix)) {  // the station's district of a map
      const std::string map = name.substr(kMapColumnPrefix.size());
      const auto& maps = election.maps();
      if (std::none_of(maps.begin(), maps.end(), [&](const core::DistrictMap& m) { return m.id == map; })) {
        problems.Add(file_name, header.line, name, "'" + map + "' is not a map of the definition ([[maps]])");
      }
      map_columns.push_back(static_cast<int>(i));
      continue;
    }
    attribute_columns.push_back(static_cast<int>(i));
  }
  if (!problems.empty()) return problems.ToError();

  std::vector<core::Unit> units = election.units();
  const std::size_t expected = units.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  units.reserve(expected);
  // The units so far (the definition's, then each row's) by id: 8 to 16 bytes a station.
  core::IdIndex known;
  const auto id_at = [&units](std::size_t at) -> const std::string& { return units[at].id; };
  known.Reserve(expected, id_at);
  for (std::size_t at = 0; at < units.size(); ++at) (void)known.Insert(at, id_at);
  std::vector<std::string_view> row;
  int line = 0;
  while (true) {
    got = reader.NextViews(row, line);
    if (!got) return got.error();
    if (!*got) break;
    if (row.size() != header.fields.size()) {
      problems.Add(file_name, line, "", "the row has " + std::to_string(row.size()) + " fields, the header " +
                                            std::to_string(header.fields.size()));
      continue;
    }
    const auto cell = [&](int at) { return at >= 0 ? row[at] : std::string_view(); };
    core::Unit unit;
    unit.id = std::string(cell(id));
    unit.parent = std::string(cell(parent));
    unit.kind = core::UnitKind::kStation;
    // Ids and names are clean text: they are stored, compared and served as JSON.
    const auto check = [&](std::string_view field, std::string_view value, TextRule rule) {
      if (const std::optional<TextProblem> problem = CheckText(value, rule)) {
        problems.Add(file_name, line, std::string(field),
                     DescribeTextProblem(*problem, EscapeText(Utf8Prefix(value, 60))));
        return false;
      }
      return true;
    };
    if (unit.id.empty()) problems.Add(file_name, line, "id", "is empty");
    if (!check("id", unit.id, TextRule::kId)) continue;
    for (auto [field, at] :
         {std::pair{"name_kk", name_kk}, std::pair{"name_ru", name_ru}, std::pair{"name_en", name_en}}) {
      (void)check(field, cell(at), TextRule::kLine);
    }
    if (!unit.id.empty() && known.Find(unit.id, id_at) >= 0) {
      problems.Add(file_name, line, "id", "'" + unit.id + "' is already a unit");
    }
    if (known.Find(unit.parent, id_at) < 0) {
      problems.Add(file_name, line, "parent",
                   "'" + unit.parent +
                       "' is not a unit of the definition nor of an earlier row (a commission between the "
                       "definition and its stations is a row of its own, with its kind, before them)");
    }
    if (kind >= 0 && !cell(kind).empty()) {
      const std::optional<core::UnitKind> parsed = core::UnitKindFromName(cell(kind));
      if (!parsed) {
        problems.Add(file_name, line, "kind", "unknown unit kind '" + std::string(cell(kind)) + "'");
      } else {
        unit.kind = *parsed;
      }
    }
    const std::optional<std::int64_t> voters = ParseInteger(cell(registered));
    if (unit.kind != core::UnitKind::kStation && cell(registered).empty()) {
      // A commission above stations: its voters are its stations' (counted below it).
    } else if (!voters || *voters < 0) {
      problems.Add(file_name, line, "registered_voters",
                   "must be a whole number ≥ 0, got '" + std::string(cell(registered)) + "'");
    } else {
      unit.registered_voters = *voters;
    }
    const std::string_view settlement_text = cell(settlement);
    if (settlement_text == "urban") {
      unit.settlement = core::Settlement::kUrban;
    } else if (settlement_text == "rural") {
      unit.settlement = core::Settlement::kRural;
    } else if (!settlement_text.empty()) {
      problems.Add(file_name, line, "settlement", "must be urban or rural, got '" + std::string(settlement_text) + "'");
    }
    unit.name = {std::string(cell(name_kk)), std::string(cell(name_ru)), std::string(cell(name_en))};
    for (const int at : attribute_columns) {
      if (cell(at).empty() || !check(header.fields[at], cell(at), TextRule::kLine)) continue;
      unit.attributes.emplace_back(header.fields[at], std::string(cell(at)));
    }
    for (const int at : map_columns) {
      if (cell(at).empty()) continue;  // the station is not in this map's area
      const std::string map = header.fields[at].substr(kMapColumnPrefix.size());
      const core::Unit* district = election.FindUnit(std::string(cell(at)));
      if (district == nullptr || district->map != map) {
        problems.Add(file_name, line, header.fields[at],
                     "'" + EscapeText(Utf8Prefix(cell(at), 60)) + "' is not a district of map '" + map + "'");
        continue;
      }
      if (unit.kind != core::UnitKind::kStation) {
        problems.Add(file_name, line, header.fields[at], "only polling stations belong to the districts of a map");
        continue;
      }
      unit.districts.emplace_back(map, district->id);
    }
    if (problems.items().size() > 50) break;
    units.push_back(std::move(unit));
    (void)known.Insert(units.size() - 1, id_at);
  }
  if (!problems.empty()) return problems.ToError();
  return election.WithUnits(std::move(units));
}

}  // namespace saylau::formats
