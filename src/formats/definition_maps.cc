// District maps in a definition: the [[maps]] (a council's districts, drawn apart from the
// commission tree), a district's `map` and a polling station's `districts`, one of each map.
#include <map>
#include <set>

#include "definition_internal.h"

namespace saylau::formats::internal {

void ReadUnitMaps(TomlReader& reader, const toml::table& table, core::Unit& unit) {
  unit.map = reader.String(table, "map", false).value_or("");
  if (!unit.map.empty() && !unit.parent.empty()) {
    reader.Fail(reader.NodeOf(table, "parent"), "parent",
                "unit '" + unit.id + "' is a district of map '" + unit.map +
                    "': a map's districts stand outside the commission tree and have no parent");
  }
  const toml::node* node = table.get("districts");
  if (node == nullptr) return;
  const toml::table* districts = node->as_table();
  if (districts == nullptr) {
    reader.Fail(*node, "districts", "must be a table of map id = district id, e.g. { astana-council = \"ac-07\" }");
    return;
  }
  for (const auto& [map, district] : *districts) {
    const std::optional<std::string_view> value = district.value<std::string_view>();
    if (!value || value->empty()) {
      reader.Fail(district, "districts." + std::string(map.str()), "must be a district's id (a string)");
      continue;
    }
    unit.districts.emplace_back(std::string(map.str()), std::string(*value));
  }
}

std::vector<core::DistrictMap> ReadMaps(TomlReader& reader, const toml::table& root,
                                        const std::vector<core::Unit>& units) {
  std::vector<core::DistrictMap> maps;
  std::set<std::string> ids;
  if (const toml::array* array = reader.TableArray(root, "maps", false)) {
    for (const toml::node& node : *array) {
      const toml::table& table = *node.as_table();
      reader.CheckKeys(table, "[[maps]]", {"id", "name", "notes"});
      core::DistrictMap map;
      map.id = reader.String(table, "id", true).value_or("");
      map.name = reader.NamesValue(table, "name", true);
      (void)reader.String(table, "notes", false);
      if (map.id.empty()) continue;
      if (!ids.insert(map.id).second) {
        reader.Fail(reader.NodeOf(table, "id"), "id", "duplicate map id '" + map.id + "'");
        continue;
      }
      maps.push_back(std::move(map));
    }
  }
  const toml::array* array = root.get_as<toml::array>("units");
  if (array == nullptr) return maps;
  std::map<std::string, const core::Unit*> by_id;
  std::set<std::string> with_children;
  for (const core::Unit& unit : units) {
    by_id.emplace(unit.id, &unit);
    if (!unit.parent.empty()) with_children.insert(unit.parent);
  }
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (table == nullptr) continue;
    const std::optional<std::string_view> id = (*table)["id"].value<std::string_view>();
    const auto found = id ? by_id.find(std::string(*id)) : by_id.end();
    if (found == by_id.end()) continue;
    const core::Unit& unit = *found->second;
    if (!unit.map.empty() && ids.count(unit.map.str()) == 0) {
      reader.Fail(reader.NodeOf(*table, "map"), "map",
                  "unit '" + unit.id + "' is a district of map '" + unit.map + "', which is not among the [[maps]]");
    }
    if (!unit.districts.empty() && (!unit.map.empty() || with_children.count(unit.id) != 0)) {
      reader.Fail(reader.NodeOf(*table, "districts"), "districts",
                  "unit '" + unit.id + "' is not a polling station; only stations belong to the districts of a map");
      continue;
    }
    if (const auto parent = by_id.find(unit.parent); parent != by_id.end() && !parent->second->map.empty()) {
      reader.Fail(reader.NodeOf(*table, "parent"), "parent",
                  "unit '" + unit.id + "' has district '" + unit.parent + "' of map '" + parent->second->map +
                      "' as its parent; a station names its district with districts = { " + parent->second->map +
                      " = \"" + unit.parent + "\" } and its commission as its parent");
    }
    for (const auto& [map, district] : unit.districts) {
      const std::string field = "districts." + map;
      if (ids.count(map) == 0) {
        reader.Fail(reader.NodeOf(*table, "districts"), field,
                    "unit '" + unit.id + "' names an unknown map '" + map + "'");
        continue;
      }
      const auto target = by_id.find(district);
      if (target == by_id.end() || target->second->map != map) {
        reader.Fail(reader.NodeOf(*table, "districts"), field,
                    "unit '" + unit.id + "': '" + district + "' is not a district of map '" + map + "'");
      }
    }
  }
  return maps;
}

}  // namespace saylau::formats::internal
