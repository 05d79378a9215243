// WriteDefinition: the definition's TOML, made with toml++ from the mapping's own tables so
// that whatever the mapping says (names in three languages, sources, the contest's rules, the
// form) reaches the definition exactly, with the generated parts added.
#include <sstream>

#include "checked_toml.h"
#include "import_internal.h"

namespace saylau::importer::internal {
namespace {

// toml++'s defaults less literal strings and indentation: the file reads like a hand-written one.
constexpr toml::format_flags kFlags = toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings &
                                      ~toml::format_flags::indentation;

toml::table NameTable(const ImportMapping& mapping, const std::string& text) {
  toml::table names{{mapping.names_language, text}};
  names.is_inline(true);
  return names;
}

}  // namespace

Result<std::string> WriteDefinition(const ImportMapping& mapping, const std::vector<OptionColumn>& options) {
  toml::table source;
  try {
    source = toml::parse(mapping.text, mapping.file);
  } catch (const toml::parse_error& error) {
    return InvalidArgument(mapping.file + ": not valid TOML: " + std::string(error.description()));
  }
  toml::table definition;
  definition.insert("election", *source["election"].as_table());
  toml::table root = *source["root"].as_table();
  if (!root.contains("kind")) root.insert("kind", "country");
  definition.insert("units", toml::array{std::move(root)});
  definition.insert("forms", *source["forms"].as_array());

  toml::table contest = *source["contest"].as_table();
  contest.insert_or_assign("unit", mapping.root_id);
  contest.insert_or_assign("form", mapping.form_id);
  if (mapping.contest_kind == "party_list") {
    toml::array parties, ids;
    for (const OptionColumn& option : options) {
      parties.push_back(toml::table{{"id", option.id}, {"name", NameTable(mapping, option.header)}});
      ids.push_back(option.id);
    }
    definition.insert("parties", std::move(parties));
    contest.insert_or_assign("options", std::move(ids));
  } else if (mapping.contest_kind != "referendum") {  // a referendum's options are yes and no
    toml::array candidates;
    for (const OptionColumn& option : options) {
      candidates.push_back(toml::table{{"id", option.id}, {"name", NameTable(mapping, option.header)}});
    }
    contest.insert_or_assign("candidates", std::move(candidates));
  }
  definition.insert("contests", toml::array{std::move(contest)});

  std::ostringstream out;
  out << "# Made by saylau import from the mapping " << mapping.file.substr(mapping.file.find_last_of('/') + 1)
      << " and the data's columns.\n\n"
      << toml::toml_formatter{definition, kFlags} << "\n";
  return out.str();
}

}  // namespace saylau::importer::internal
