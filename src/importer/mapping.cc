// ParseMapping: the mapping TOML read field by field; every problem reported with its line.
// The tables copied into the definition ([election], [root], [contest], [[forms]]) are only
// checked here for what the import itself needs; the definition loader checks the rest.
#include "saylau/importer/mapping.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "checked_toml.h"
#include "saylau/base/text.h"
#include "saylau/formats/diagnostics.h"
#include "toml_reader.h"

namespace saylau::importer {
namespace {

using formats::internal::TomlReader;

// The [[forms]] entry the contest uses: its id and its lines (name, required).
void ReadForm(TomlReader& reader, const toml::table& root, const toml::table* contest, ImportMapping& mapping,
              std::vector<std::pair<std::string, bool>>& lines) {
  const toml::array* forms = reader.TableArray(root, "forms", true);
  if (forms == nullptr) return;
  if (contest != nullptr) mapping.form_id = reader.String(*contest, "form", false).value_or("");
  if (mapping.form_id.empty() && forms->size() != 1) {
    reader.Fail(contest != nullptr ? static_cast<const toml::node&>(*contest) : root, "form",
                "the mapping has " + std::to_string(forms->size()) + " [[forms]]; [contest] must name its form");
    return;
  }
  for (const toml::node& node : *forms) {
    const toml::table& form = *node.as_table();
    const std::string id = reader.String(form, "id", true).value_or("");
    if (!mapping.form_id.empty() && id != mapping.form_id) continue;
    mapping.form_id = id;
    const toml::array* form_lines = reader.TableArray(form, "lines", true);
    if (form_lines == nullptr) return;
    for (const toml::node& line_node : *form_lines) {
      const toml::table& line = *line_node.as_table();
      const std::string name = reader.String(line, "name", true).value_or("");
      const bool conditional = line.get("when") != nullptr;
      lines.emplace_back(name, reader.Boolean(line, "required").value_or(true) && !conditional);
      mapping.form_lines.push_back(name);
    }
    return;
  }
  reader.Fail(contest != nullptr ? reader.NodeOf(*contest, "form") : root, "form",
              "no [[forms]] entry has id '" + mapping.form_id + "'");
}

void ReadLevels(TomlReader& reader, const toml::table& root, ImportMapping& mapping) {
  const toml::array* units = reader.TableArray(root, "units", true);
  if (units == nullptr) return;
  if (units->empty() || units->size() > 8) {
    reader.Fail(root, "units", "needs 1 to 8 [[units]] levels (top first; the last holds the polling stations)");
  }
  for (std::size_t i = 0; i < units->size(); ++i) {
    const toml::table& table = *(*units)[i].as_table();
    reader.CheckKeys(table, "[[units]]", {"column", "kind", "id", "prefix", "qualified"});
    LevelMapping level;
    level.line = reader.LineOf(table);
    level.column = reader.String(table, "column", true).value_or("");
    const bool last = i + 1 == units->size();
    const std::string kind = reader.String(table, "kind", false).value_or(last ? "station" : "");
    if (const std::optional<core::UnitKind> parsed = core::UnitKindFromName(kind)) {
      level.kind = *parsed;
      if ((level.kind == core::UnitKind::kStation) != last) {
        reader.Fail(reader.NodeOf(table, "kind"), "kind",
                    last ? "the last level holds the polling stations: its kind is station"
                         : "only the last level holds polling stations; a commission above them is a region, "
                           "district, city, ...");
      }
      if (level.kind == core::UnitKind::kCountry) {
        reader.Fail(reader.NodeOf(table, "kind"), "kind", "the country is [root], not a level of the data");
      }
    } else {
      reader.Fail(reader.NodeOf(table, "kind"), "kind", "unknown unit kind '" + kind + "'");
    }
    const std::string scheme = reader.String(table, "id", false).value_or("counter");
    if (scheme == "counter") {
      level.id = IdScheme::kCounter;
    } else if (scheme == "slug") {
      level.id = IdScheme::kSlug;
    } else if (scheme == "text") {
      level.id = IdScheme::kText;
    } else {
      reader.Fail(reader.NodeOf(table, "id"), "id", "must be counter, slug or text, got '" + scheme + "'");
    }
    level.prefix = reader.String(table, "prefix", false).value_or("");
    if (!level.prefix.empty() && CheckText(level.prefix, TextRule::kId)) {
      reader.Fail(reader.NodeOf(table, "prefix"), "prefix", "must be letters, digits and - _ . : only");
    }
    if (level.id == IdScheme::kCounter && level.prefix.empty()) {
      reader.Fail(table, "prefix", "a counter needs a prefix (e.g. \"t\" for t001, t002, ...)");
    }
    level.qualified = i > 0 && reader.Boolean(table, "qualified").value_or(true);
    mapping.levels.push_back(std::move(level));
  }
}

void ReadColumns(TomlReader& reader, const toml::table& root, const std::vector<std::pair<std::string, bool>>& lines,
                 ImportMapping& mapping) {
  const toml::table* columns = reader.SubTable(root, "columns", true);
  if (columns == nullptr) return;
  reader.CheckKeys(*columns, "[columns]",
                   {"lines", "options", "option_ids", "attributes", "ignore", "registered_voters", "names"});
  if (const toml::table* by_line = reader.SubTable(*columns, "lines", true)) {
    for (const auto& [key, node] : *by_line) {
      const std::string name(key.str());
      if (std::none_of(lines.begin(), lines.end(), [&](const auto& line) { return line.first == name; })) {
        reader.Fail(node, name, "is not a line of the form '" + mapping.form_id + "'");
      }
    }
    for (const auto& [name, required] : lines) {
      if (by_line->get(name) == nullptr) {
        if (required) reader.Fail(*by_line, name, "the form's line needs a column (its header text)");
        continue;
      }
      mapping.lines.push_back({name, reader.String(*by_line, name, true).value_or("")});
    }
  }
  if (const toml::node* options = columns->get("options"); options != nullptr && options->is_string()) {
    if (*options->value<std::string_view>() != "rest") {
      reader.Fail(*options, "options", "must be \"rest\" (every other column) or a list of header texts");
    }
  } else if (options != nullptr) {
    mapping.options_rest = false;
    mapping.option_columns = reader.StringList(*columns, "options", true);
  }
  if (const toml::table* ids = reader.SubTable(*columns, "option_ids", false)) {
    for (const auto& [key, node] : *ids) {
      if (const std::optional<std::string> id = reader.String(*ids, key.str(), true)) {
        if (CheckText(*id, TextRule::kId)) {
          reader.Fail(node, std::string(key.str()), "'" + *id + "' is not an id (letters, digits, - _ . :)");
        }
        mapping.option_ids[std::string(key.str())] = *id;
      }
    }
  }
  mapping.attribute_columns = reader.StringList(*columns, "attributes", false);
  mapping.ignore_columns = reader.StringList(*columns, "ignore", false);
  mapping.registered_voters_line = reader.String(*columns, "registered_voters", false).value_or("registered");
  if (std::none_of(mapping.lines.begin(), mapping.lines.end(),
                   [&](const LineColumn& line) { return line.line == mapping.registered_voters_line; })) {
    reader.Fail(reader.NodeOf(*columns, "registered_voters"), "registered_voters",
                "'" + mapping.registered_voters_line + "' is not a mapped line (it gives each station's voters)");
  }
  mapping.names_language = reader.String(*columns, "names", false).value_or("en");
  if (mapping.names_language != "kk" && mapping.names_language != "ru" && mapping.names_language != "en") {
    reader.Fail(reader.NodeOf(*columns, "names"), "names", "must be kk, ru or en (the language of the data's names)");
  }
}

void ReadSkips(TomlReader& reader, const toml::table& root, ImportMapping& mapping) {
  const toml::array* skips = reader.TableArray(root, "skip", false);
  if (skips == nullptr) return;
  for (const toml::node& node : *skips) {
    const toml::table& table = *node.as_table();
    reader.CheckKeys(table, "[[skip]]", {"column", "equals"});
    SkipRule rule;
    rule.column = reader.String(table, "column", true).value_or("");
    rule.equals = reader.StringList(table, "equals", true);
    mapping.skip.push_back(std::move(rule));
  }
}

// Puts "a.b.c=value" into `root`. Returns a message when it cannot.
std::optional<std::string> ApplySetting(toml::table& root, const std::string& setting) {
  const std::size_t equals = setting.find('=');
  if (equals == std::string::npos || equals == 0) return "must be KEY=VALUE, e.g. election.id=ru-2024";
  const std::string key = setting.substr(0, equals), value = setting.substr(equals + 1);
  if (CheckText(value, TextRule::kLine)) return "the value is not clean UTF-8 text";
  toml::table* table = &root;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) return "an empty part in the key";
    if (dot == std::string::npos) {
      const toml::node* existing = table->get(part);
      int year = 0, month = 0, day = 0;
      char tail = 0;
      if (value.size() == 10 && std::sscanf(value.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3) {
        table->insert_or_assign(part, toml::date{year, month, day});
      } else if (existing != nullptr && existing->is_boolean() && (value == "true" || value == "false")) {
        table->insert_or_assign(part, value == "true");
      } else if (existing != nullptr && existing->is_integer() && !value.empty() &&
                 value.find_first_not_of("0123456789") == std::string::npos && value.size() < 19) {
        table->insert_or_assign(part, std::stoll(value));
      } else {
        table->insert_or_assign(part, value);
      }
      return std::nullopt;
    }
    toml::node* next = table->get(part);
    if (next == nullptr) next = &table->insert_or_assign(part, toml::table{}).first->second;
    if (!next->is_table()) return "'" + part + "' is not a table in the mapping";
    table = next->as_table();
    start = dot + 1;
  }
}

}  // namespace

Result<ImportMapping> ParseMapping(std::string_view text, const std::string& file_name,
                                   const std::vector<std::string>& settings) {
  formats::Diagnostics diagnostics;
  TomlReader reader(file_name, diagnostics);
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& error) {
    std::string message = "not valid TOML: " + std::string(error.description());
    if (!IsValidUtf8(text)) message += "; the file is not UTF-8: " + std::string(kUtf8Hint);
    diagnostics.Add(file_name, static_cast<int>(error.source().begin.line), "", std::move(message));
    return diagnostics.ToError();
  }
  for (const std::string& setting : settings) {
    if (std::optional<std::string> problem = ApplySetting(root, setting)) {
      diagnostics.Add("--set " + setting.substr(0, setting.find('=')), 0, "", *problem);
    }
  }
  if (!diagnostics.empty()) return diagnostics.ToError();
  ImportMapping mapping;
  mapping.file = file_name;
  if (settings.empty()) {
    mapping.text = std::string(text);
  } else {
    std::ostringstream out;  // the mapping as changed, for the parts the definition copies
    out << toml::toml_formatter{root};
    mapping.text = out.str();
  }
  reader.CheckKeys(root, "the mapping", {"election", "root", "contest", "forms", "units", "columns", "skip"});
  if (const toml::table* election = reader.SubTable(root, "election", true)) {
    mapping.election_id = reader.String(*election, "id", true).value_or("");
  }
  if (const toml::table* unit = reader.SubTable(root, "root", true)) {
    reader.CheckKeys(*unit, "[root]", {"id", "kind", "name", "registered_voters", "polls_close"});
    mapping.root_id = reader.String(*unit, "id", true).value_or("");
  }
  const toml::table* contest = reader.SubTable(root, "contest", true);
  if (contest != nullptr) {
    mapping.contest_id = reader.String(*contest, "id", true).value_or("");
    mapping.contest_kind = reader.String(*contest, "kind", true).value_or("");
    for (const char* generated : {"unit", "candidates", "options"}) {
      if (contest->get(generated) != nullptr) {
        reader.Fail(*contest->get(generated), generated, "is made by the import (from [root] and the option columns)");
      }
    }
  }
  std::vector<std::pair<std::string, bool>> lines;
  ReadForm(reader, root, contest, mapping, lines);
  ReadLevels(reader, root, mapping);
  ReadColumns(reader, root, lines, mapping);
  ReadSkips(reader, root, mapping);
  if (!diagnostics.empty()) return diagnostics.ToError();
  return mapping;
}

}  // namespace saylau::importer
