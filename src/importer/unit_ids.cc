// AssignUnitIds: ids for the units the data names, level by level (a parent's id is made
// before its children's, so a qualified id can start with it).
#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "import_internal.h"
#include "saylau/base/text.h"
#include "saylau/importer/slug.h"

namespace saylau::importer::internal {
namespace {

std::string Padded(std::int64_t number, std::size_t width) {
  std::string text = std::to_string(number);
  if (text.size() < width) text.insert(0, width - text.size(), '0');
  return text;
}

}  // namespace

void AssignUnitIds(const ImportMapping& mapping, const std::string& data_name, std::vector<DataUnit>& units,
                   formats::Diagnostics& problems) {
  // Views of the ids made so far (the units' own strings, which stay where they are).
  std::unordered_set<std::string_view> taken = {mapping.root_id};
  for (int level = 0; level < static_cast<int>(mapping.levels.size()); ++level) {
    const LevelMapping& scheme = mapping.levels[level];
    // A scope is the parent (qualified ids) or the whole level.
    const auto scope_of = [&](const DataUnit& unit) { return scheme.qualified ? unit.parent : -1; };
    std::unordered_map<int, std::int64_t> counted;
    std::int64_t largest = 0;
    for (const DataUnit& unit : units) {
      if (unit.level == level) largest = std::max(largest, ++counted[scope_of(unit)]);
    }
    const std::size_t width = std::to_string(largest).size();
    counted.clear();
    std::unordered_map<std::string, int> slugs_used;  // scope + '\x1f' + slug -> how many so far
    std::string key;                                  // one buffer for every probe of `slugs_used`
    for (DataUnit& unit : units) {
      if (unit.level != level) continue;
      std::string own;
      switch (scheme.id) {
        case IdScheme::kCounter:
          own = scheme.prefix + Padded(++counted[scope_of(unit)], width);
          break;
        case IdScheme::kSlug: {
          const std::string slug = Slug(unit.text, 40);
          if (slug.empty()) {
            problems.Add(data_name, unit.line, scheme.column,
                         "'" + unit.text + "' has no letter or digit to make an id from; use id = \"counter\"");
            continue;
          }
          own = scheme.prefix + slug;
          // Two texts with one slug in a scope ("Школа 1", "школа-1"): the later gets -2, -3, ...
          key = std::to_string(scope_of(unit));
          (key += '\x1f') += own;
          const auto at = slugs_used.find(key);
          const int seen = at == slugs_used.end() ? (slugs_used.emplace(key, 1), 1) : ++at->second;
          if (seen > 1) own += "-" + std::to_string(seen);
          break;
        }
        case IdScheme::kText:
          own = scheme.prefix + unit.text;
          break;
      }
      unit.id = scheme.qualified && unit.parent >= 0 ? units[unit.parent].id + "-" + own : own;
      if (const std::optional<TextProblem> problem = CheckText(unit.id, TextRule::kId)) {
        problems.Add(data_name, unit.line, scheme.column,
                     "the id '" + EscapeText(Utf8Prefix(unit.id, 60)) + "' " + problem->message +
                         (scheme.id == IdScheme::kText ? "; use id = \"slug\" or \"counter\"" : ""));
      } else if (!taken.insert(unit.id).second) {
        problems.Add(data_name, unit.line, scheme.column,
                     "the id '" + unit.id + "' is made twice; set a prefix or qualified = true for this level");
      }
    }
  }
}

}  // namespace saylau::importer::internal
