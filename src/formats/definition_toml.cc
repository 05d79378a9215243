#include "saylau/formats/definition_toml.h"

#include <map>
#include <set>

#include "definition_internal.h"
#include "time_zones.h"
#include "saylau/base/text.h"
#include "saylau/formats/built_in_forms.h"
#include "saylau/formats/csv.h"

namespace saylau::formats {
namespace internal {

std::vector<core::Unit> ReadUnits(TomlReader& reader, const toml::table& root) {
  std::vector<core::Unit> units;
  const toml::array* array = reader.TableArray(root, "units", true);
  if (array == nullptr) return units;
  std::map<std::string, int> line_of;
  for (const toml::node& node : *array) {
    const toml::table& table = *node.as_table();
    reader.CheckKeys(table, "[[units]]",
                     {"id", "parent", "kind", "name", "registered_voters", "polls_close", "time_zone", "map", "districts"});
    core::Unit unit;
    unit.id = reader.String(table, "id", true).value_or("");
    unit.parent = reader.String(table, "parent", false).value_or("");
    const std::string kind = reader.String(table, "kind", true).value_or("");
    if (auto parsed = core::UnitKindFromName(kind)) {
      unit.kind = *parsed;
    } else if (!kind.empty()) {
      reader.Fail(
          reader.NodeOf(table, "kind"), "kind",
          "unknown unit kind '" + kind + "' (country, region, city, constituency, district, settlement, station)");
    }
    unit.name = reader.NamesValue(table, "name", true);
    unit.registered_voters = reader.Integer(table, "registered_voters", false, 0, 2'000'000'000);
    unit.polls_close = reader.String(table, "polls_close", false).value_or("");
    if (!unit.polls_close.empty() && (unit.polls_close.size() != 5 || unit.polls_close[2] != ':' ||
                                      unit.polls_close < "00:00" || unit.polls_close > "23:59")) {
      reader.Fail(reader.NodeOf(table, "polls_close"), "polls_close", "must be a local time HH:MM");
    }
    unit.time_zone = reader.String(table, "time_zone", false).value_or("");
    if (!unit.time_zone.empty() && !IsKnownTimeZone(unit.time_zone)) {
      reader.Fail(reader.NodeOf(table, "time_zone"), "time_zone",
                  "unknown time zone '" + EscapeText(Utf8Prefix(unit.time_zone, 60)) +
                      "' (an IANA name such as \"Asia/Almaty\")");
    }
    ReadUnitMaps(reader, table, unit);  // definition_maps.cc
    if (unit.id.empty()) continue;
    if (auto [it, fresh] = line_of.emplace(unit.id, reader.LineOf(table)); !fresh) {
      reader.Fail(reader.NodeOf(table, "id"), "id",
                  "duplicate unit id '" + unit.id + "' (first defined on line " + std::to_string(it->second) + ")");
      continue;
    }
    units.push_back(std::move(unit));
  }
  // Parents must exist, exactly one root, and no cycles.
  int roots = 0;
  for (const core::Unit& unit : units) {
    const int line = line_of[unit.id];
    if (!unit.map.empty()) continue;  // a district of a map: outside the tree (definition_maps.cc)
    if (unit.parent.empty()) {
      ++roots;
      if (roots > 1)
        reader.FailAt(line, "parent", "unit '" + unit.id + "' has no parent, but there is already a root unit");
    } else if (line_of.count(unit.parent) == 0) {
      reader.FailAt(line, "parent", "unit '" + unit.id + "' has an unknown parent '" + unit.parent + "'");
    }
  }
  if (!units.empty() && roots == 0) reader.FailFile("no root unit: exactly one unit must have no parent");
  std::map<std::string, std::string> parent_of;
  for (const core::Unit& unit : units) parent_of[unit.id] = unit.parent;
  for (const core::Unit& unit : units) {
    std::string current = unit.parent;
    for (std::size_t steps = 0; !current.empty() && parent_of.count(current) != 0; ++steps) {
      if (current == unit.id || steps > units.size()) {
        reader.FailAt(line_of[unit.id], "parent", "unit '" + unit.id + "' is its own ancestor (a cycle)");
        break;
      }
      current = parent_of[current];
    }
  }
  return units;
}

std::vector<core::Party> ReadParties(TomlReader& reader, const toml::table& root) {
  std::vector<core::Party> parties;
  const toml::array* array = reader.TableArray(root, "parties", false);
  if (array == nullptr) return parties;
  std::set<std::string> ids;
  std::map<std::int64_t, std::string> by_order;
  for (const toml::node& node : *array) {
    const toml::table& table = *node.as_table();
    reader.CheckKeys(table, "[[parties]]", {"id", "name", "short_name", "registration_order", "color"});
    core::Party party;
    party.id = reader.String(table, "id", true).value_or("");
    party.name = reader.NamesValue(table, "name", true);
    // A string (every language) or a table { kk, ru, en }: the English one is the CLI's.
    party.short_names = reader.NamesValue(table, "short_name", false);
    party.short_name = !party.short_names.en.empty()   ? party.short_names.en
                       : !party.short_names.ru.empty() ? party.short_names.ru
                                                       : party.short_names.kk;
    for (core::CompactString* name : {&party.short_names.kk, &party.short_names.ru, &party.short_names.en}) {
      if (name->empty()) *name = party.short_name;
    }
    const auto order = reader.Integer(table, "registration_order", false, 1, 1'000'000);
    party.registration_order = static_cast<int>(order.value_or(static_cast<std::int64_t>(parties.size()) + 1));
    if (order) {
      if (auto [it, fresh] = by_order.emplace(*order, party.id); !fresh) {
        reader.Fail(reader.NodeOf(table, "registration_order"), "registration_order",
                    "parties '" + it->second + "' and '" + party.id + "' have the same registration order");
      }
    }
    party.color = reader.String(table, "color", false).value_or("");
    if (!party.color.empty() && (party.color.size() != 7 || party.color[0] != '#')) {
      reader.Fail(reader.NodeOf(table, "color"), "color", "must be written #rrggbb");
    }
    if (party.id.empty()) continue;
    if (!ids.insert(party.id).second) {
      reader.Fail(reader.NodeOf(table, "id"), "id", "duplicate party id '" + party.id + "'");
      continue;
    }
    parties.push_back(std::move(party));
  }
  return parties;
}

}  // namespace internal

namespace {

Result<core::Election> Parse(std::string_view text, const std::string& file_name, bool contests_required) {
  Diagnostics diagnostics;
  internal::TomlReader reader(file_name, diagnostics);
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& error) {
    std::string message = "not valid TOML: " + std::string(error.description());
    if (!IsValidUtf8(text)) message += "; the file is not UTF-8: " + std::string(kUtf8Hint);
    diagnostics.Add(file_name, static_cast<int>(error.source().begin.line), "", std::move(message));
    return diagnostics.ToError();
  }
  reader.CheckKeys(root, "the definition",
                   {"election", "bodies", "maps", "units", "parties", "forms", "contests", "synth"});
  const toml::table* election = reader.SubTable(root, "election", true);
  std::string id;
  core::Names name;
  core::Date date;
  bool double_entry = false;
  if (election != nullptr) {
    reader.CheckKeys(*election, "[election]", {"id", "name", "date", "sources", "notes", "double_entry"});
    double_entry = reader.Boolean(*election, "double_entry").value_or(false);
    id = reader.String(*election, "id", true).value_or("");
    name = reader.NamesValue(*election, "name", true);
    date = reader.DateValue(*election, "date", true).value_or(core::Date{});
    (void)reader.String(*election, "sources", false);
    (void)reader.String(*election, "notes", false);
  }
  std::vector<core::Unit> units = internal::ReadUnits(reader, root);
  std::vector<core::Party> parties = internal::ReadParties(reader, root);
  std::vector<core::ProtocolForm> forms = BuiltInForms();
  for (core::ProtocolForm& form : internal::ReadForms(reader, root, forms)) forms.push_back(std::move(form));
  std::vector<core::Contest> contests;
  if (contests_required || root.contains("contests"))
    contests = internal::ReadContests(reader, root, date, units, parties, forms);
  std::vector<core::Body> bodies = internal::ReadBodies(reader, root, contests);
  std::vector<core::DistrictMap> maps = internal::ReadMaps(reader, root, units);
  if (!diagnostics.empty()) return diagnostics.ToError();
  core::Election parsed(std::move(id), std::move(name), date, std::move(units), std::move(parties), std::move(contests),
                        std::move(forms), std::move(bodies), std::move(maps));
  parsed.set_double_entry(double_entry);
  return parsed;
}

}  // namespace

Result<core::Election> ParseDefinition(std::string_view text, const std::string& file_name) {
  return Parse(text, file_name, true);
}

Result<core::Election> ParseDefinitionWithoutContests(std::string_view text, const std::string& file_name) {
  return Parse(text, file_name, false);
}

Result<core::Election> LoadDefinition(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text) return NotFound(path + ": cannot read the definition file");
  return ParseDefinition(*text, path);
}

}  // namespace saylau::formats
