// The [[forms]] part of a definition (and of data/forms/kz-forms.toml): protocol forms with
// their lines, control relations and bases, every problem reported as file:line: field.
#include <map>
#include <set>

#include "definition_internal.h"

namespace saylau::formats::internal {
namespace {

constexpr std::string_view kBaseNames[] = {"registered", "took_part", "valid", "invalid"};

// Every {name} in a relation's text must be a line of the form or `options`.
void CheckTextPlaceholders(TomlReader& reader, const toml::table& table, const core::ProtocolForm& form,
                           const std::string& text) {
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    if (name != "options" && form.IndexOf(name) < 0) {
      reader.Fail(reader.NodeOf(table, "text"), "text", "{" + name + "} is not a line of form '" + form.id + "'");
    }
  }
}

void ReadLines(TomlReader& reader, const toml::table& table, core::ProtocolForm& form) {
  const toml::array* lines = reader.TableArray(table, "lines", true);
  if (lines == nullptr) return;
  for (const toml::node& node : *lines) {
    const toml::table& line_table = *node.as_table();
    reader.CheckKeys(line_table, "[[forms.lines]]", {"name", "label", "required", "when"});
    core::FormLine line;
    line.name = reader.String(line_table, "name", true).value_or("");
    line.label = reader.NamesValue(line_table, "label", false);
    line.required = reader.Boolean(line_table, "required").value_or(true);
    if (const auto when = reader.String(line_table, "when", false)) {
      if (*when == "against-all") {
        line.when_against_all = true;
        line.required = false;
      } else {
        reader.Fail(reader.NodeOf(line_table, "when"), "when", "unknown condition '" + *when + "' (against-all)");
      }
    }
    if (line.name.empty()) continue;
    if (!core::IsLineName(line.name) || line.name == "options") {
      reader.Fail(reader.NodeOf(line_table, "name"), "name",
                  "'" + line.name + "' is not a line name ([a-z][a-z0-9_]*, not 'options')");
      continue;
    }
    if (form.IndexOf(line.name) >= 0) {
      reader.Fail(reader.NodeOf(line_table, "name"), "name",
                  "line '" + line.name + "' is named twice in form '" + form.id + "'");
      continue;
    }
    form.lines.push_back(std::move(line));
  }
}

void ReadRelations(TomlReader& reader, const toml::table& table, core::ProtocolForm& form) {
  const toml::array* relations = reader.TableArray(table, "relations", false);
  if (relations == nullptr) return;
  std::set<std::string> names;
  for (const toml::node& node : *relations) {
    const toml::table& relation_table = *node.as_table();
    reader.CheckKeys(relation_table, "[[forms.relations]]", {"name", "check", "severity", "text"});
    const std::string name = reader.String(relation_table, "name", true).value_or("");
    const std::string check = reader.String(relation_table, "check", true).value_or("");
    const std::string severity_text = reader.String(relation_table, "severity", false).value_or("reject");
    core::Severity severity = core::Severity::kReject;
    if (severity_text == "warn") {
      severity = core::Severity::kWarn;
    } else if (severity_text != "reject") {
      reader.Fail(reader.NodeOf(relation_table, "severity"), "severity",
                  "unknown severity '" + severity_text + "' (reject, warn)");
    }
    if (!name.empty() && !names.insert(name).second) {
      reader.Fail(reader.NodeOf(relation_table, "name"), "name",
                  "relation '" + name + "' is named twice in form '" + form.id + "'");
    }
    if (name.empty() || check.empty()) continue;
    Result<core::FormRelation> relation = core::ParseRelation(name, check, severity, form);
    if (!relation) {
      reader.Fail(reader.NodeOf(relation_table, "check"), "check", relation.error().message);
      continue;
    }
    relation->text = reader.String(relation_table, "text", false).value_or("");
    CheckTextPlaceholders(reader, relation_table, form, relation->text);
    form.relations.push_back(std::move(*relation));
  }
}

void ReadBases(TomlReader& reader, const toml::table& table, core::ProtocolForm& form) {
  const toml::table* bases = reader.SubTable(table, "bases", true);
  if (bases == nullptr) return;
  reader.CheckKeys(*bases, "[forms.bases]", {"registered", "took_part", "valid", "invalid"});
  core::LineExpression* targets[] = {&form.bases.registered, &form.bases.took_part, &form.bases.valid,
                                     &form.bases.invalid};
  for (std::size_t i = 0; i < std::size(kBaseNames); ++i) {
    const std::string_view key = kBaseNames[i];
    const auto text = reader.String(*bases, key, false);
    if (!text) {
      if (bases->get(key) == nullptr) {
        reader.Fail(*bases, std::string(key), "base '" + std::string(key) + "' is required in form '" + form.id + "'");
      }
      continue;
    }
    Result<core::LineExpression> expression = core::ParseLineExpression(*text, form);
    if (!expression) {
      reader.Fail(reader.NodeOf(*bases, key), std::string(key), expression.error().message);
      continue;
    }
    *targets[i] = std::move(*expression);
  }
}

}  // namespace

std::vector<core::ProtocolForm> ReadForms(TomlReader& reader, const toml::table& root,
                                          const std::vector<core::ProtocolForm>& known) {
  std::vector<core::ProtocolForm> forms;
  const toml::array* array = reader.TableArray(root, "forms", false);
  if (array == nullptr) return forms;
  std::set<std::string> ids;
  for (const core::ProtocolForm& form : known) ids.insert(form.id);
  for (const toml::node& node : *array) {
    const toml::table& table = *node.as_table();
    reader.CheckKeys(table, "[[forms]]", {"id", "name", "source", "against_all", "lines", "relations", "bases"});
    core::ProtocolForm form;
    form.id = reader.String(table, "id", true).value_or("");
    form.name = reader.NamesValue(table, "name", false);
    form.source = reader.String(table, "source", false).value_or("");
    ReadLines(reader, table, form);
    if (const auto against_all = reader.String(table, "against_all", false); against_all && !against_all->empty()) {
      form.against_all = form.IndexOf(*against_all);
      if (form.against_all < 0) {
        reader.Fail(reader.NodeOf(table, "against_all"), "against_all",
                    "'" + *against_all + "' is not a line of form '" + form.id + "'");
      }
    }
    ReadRelations(reader, table, form);
    ReadBases(reader, table, form);
    if (form.id.empty()) continue;
    if (!ids.insert(form.id).second) {
      reader.Fail(reader.NodeOf(table, "id"), "id", "duplicate form id '" + form.id + "'");
      continue;
    }
    forms.push_back(std::move(form));
  }
  return forms;
}

}  // namespace saylau::formats::internal
