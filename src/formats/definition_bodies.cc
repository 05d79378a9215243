// The [[bodies]] of a definition (the Mazhilis, a maslikhat, the akims of a region) and the
// body each contest fills: one of them, the first by default.
#include <map>

#include "definition_internal.h"

namespace saylau::formats::internal {
namespace {

// The [[contests]] table of `id`, for the line of a message (null when absent).
const toml::table* ContestTable(const toml::table& root, const std::string& id) {
  const toml::array* array = root.get_as<toml::array>("contests");
  if (array == nullptr) return nullptr;
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (table == nullptr) continue;
    const std::optional<std::string_view> value = (*table)["id"].value<std::string_view>();
    if (value && *value == id) return table;
  }
  return nullptr;
}

}  // namespace

std::vector<core::Body> ReadBodies(TomlReader& reader, const toml::table& root, std::vector<core::Contest>& contests) {
  std::vector<core::Body> bodies;
  std::map<std::string, int> line_of;
  if (const toml::array* array = reader.TableArray(root, "bodies", false)) {
    for (const toml::node& node : *array) {
      const toml::table& table = *node.as_table();
      reader.CheckKeys(table, "[[bodies]]", {"id", "name", "kind", "notes"});
      core::Body body;
      body.id = reader.String(table, "id", true).value_or("");
      body.name = reader.NamesValue(table, "name", true);
      (void)reader.String(table, "notes", false);
      const std::string kind = reader.String(table, "kind", true).value_or("");
      if (const std::optional<core::BodyKind> parsed = core::BodyKindFromName(kind)) {
        body.kind = *parsed;
      } else if (!kind.empty()) {
        reader.Fail(reader.NodeOf(table, "kind"), "kind",
                    "unknown body kind '" + kind + "' (chamber, council, akim, office)");
      }
      if (body.id.empty()) continue;
      if (auto [it, fresh] = line_of.emplace(body.id, reader.LineOf(table)); !fresh) {
        reader.Fail(reader.NodeOf(table, "id"), "id",
                    "duplicate body id '" + body.id + "' (first defined on line " + std::to_string(it->second) + ")");
        continue;
      }
      bodies.push_back(std::move(body));
    }
  }
  for (core::Contest& contest : contests) {
    const toml::table* table = ContestTable(root, contest.id);
    const auto fail = [&](std::string message) {
      if (table != nullptr) {
        reader.Fail(reader.NodeOf(*table, "body"), "body", std::move(message));
      } else {
        reader.FailFile(std::move(message));
      }
    };
    if (contest.body.empty()) {
      if (!bodies.empty()) contest.body = bodies.front().id;  // the first body is the default
    } else if (bodies.empty()) {
      fail("contest '" + contest.id + "' names body '" + contest.body + "', but the definition has no [[bodies]]");
    } else if (line_of.count(contest.body) == 0) {
      std::string known;
      for (const core::Body& body : bodies) known += (known.empty() ? "" : ", ") + body.id;
      fail("contest '" + contest.id + "' names an unknown body '" + contest.body + "' (bodies: " + known + ")");
    }
  }
  return bodies;
}

}  // namespace saylau::formats::internal
