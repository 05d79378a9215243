#include "toml_reader.h"

#include <cstdio>

#include "saylau/base/text.h"

namespace saylau::formats::internal {
namespace {

// Every field named `id` is an identifier; notes, sources and a referendum's question may span
// lines; every other string is one line of text.
TextRule RuleFor(std::string_view key) {
  if (key == "id") return TextRule::kId;
  if (key == "notes" || key == "sources" || key == "question") return TextRule::kMultiline;
  return TextRule::kLine;
}

}  // namespace

bool TomlReader::CheckClean(const toml::node& node, std::string_view key, std::string_view value, TextRule rule) {
  const std::optional<TextProblem> problem = CheckText(value, rule);
  if (!problem) return true;
  Fail(node, std::string(key), DescribeTextProblem(*problem, EscapeText(Utf8Prefix(value, 60))));
  return false;
}

const toml::node& TomlReader::NodeOf(const toml::table& table, std::string_view key) const {
  const toml::node* node = table.get(key);
  return node != nullptr ? *node : static_cast<const toml::node&>(table);
}

void TomlReader::CheckKeys(const toml::table& table, std::string_view where,
                           std::initializer_list<std::string_view> known) {
  for (const auto& [key, node] : table) {
    bool found = false;
    for (std::string_view k : known) found = found || key.str() == k;
    if (!found) {
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Fail(node, std::string(key.str()), "unknown key in " + std::string(where) + " (known keys: " + list + ")");
    }
  }
}

std::optional<std::string> TomlReader::String(const toml::table& table, std::string_view key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required");
    return std::nullopt;
  }
  if (!node->is_string()) {
    Fail(*node, std::string(key), "must be a string");
    return std::nullopt;
  }
  std::string value = std::string(*node->value<std::string_view>());
  if (!CheckClean(*node, key, value, RuleFor(key))) return std::nullopt;
  if (required && value.empty()) {
    Fail(*node, std::string(key), "must not be empty");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> TomlReader::Integer(const toml::table& table, std::string_view key, bool required,
                                                std::int64_t min, std::int64_t max) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required");
    return std::nullopt;
  }
  if (!node->is_integer()) {
    Fail(*node, std::string(key), "must be a whole number");
    return std::nullopt;
  }
  const std::int64_t value = *node->value<std::int64_t>();
  if (value < min || value > max) {
    Fail(*node, std::string(key),
         "is " + std::to_string(value) + "; it must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TomlReader::Boolean(const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    Fail(*node, std::string(key), "must be true or false");
    return std::nullopt;
  }
  return *node->value<bool>();
}

std::optional<core::Date> TomlReader::DateValue(const toml::table& table, std::string_view key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required");
    return std::nullopt;
  }
  if (!node->is_date()) {
    Fail(*node, std::string(key), "must be a date written YYYY-MM-DD (without quotes)");
    return std::nullopt;
  }
  const toml::date date = *node->value<toml::date>();
  return core::Date{date.year, date.month, date.day};
}

std::optional<core::Ratio> TomlReader::RatioValue(const toml::table& table, std::string_view key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required");
    return std::nullopt;
  }
  std::string text;
  if (node->is_integer()) {
    text = std::to_string(*node->value<std::int64_t>());
  } else if (node->is_floating_point()) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", *node->value<double>());
    text = buffer;
  } else if (node->is_string()) {
    text = std::string(*node->value<std::string_view>());
  } else {
    Fail(*node, std::string(key), "must be a number or a string such as \"1.4\" or \"2/3\"");
    return std::nullopt;
  }
  Result<core::Ratio> ratio = core::ParseRatio(text);
  if (!ratio) {
    Fail(*node, std::string(key), ratio.error().message);
    return std::nullopt;
  }
  return *ratio;
}

core::Names TomlReader::NamesValue(const toml::table& table, std::string_view key, bool required) {
  core::Names names;
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required (a table with kk, ru and en)");
    return names;
  }
  if (node->is_string()) {
    names.en = std::string(*node->value<std::string_view>());
    if (!CheckClean(*node, key, names.en, RuleFor(key))) names.en = {};
    return names;
  }
  const toml::table* names_table = node->as_table();
  if (names_table == nullptr) {
    Fail(*node, std::string(key), "must be a string or a table { kk = ..., ru = ..., en = ... }");
    return names;
  }
  CheckKeys(*names_table, std::string(key), {"kk", "ru", "en"});
  for (auto [language, target] : {std::pair{"kk", &names.kk}, std::pair{"ru", &names.ru}, std::pair{"en", &names.en}}) {
    const toml::node* text = names_table->get(language);
    if (text == nullptr) continue;
    if (!text->is_string()) {
      Fail(*text, language, "must be a string");
      continue;
    }
    *target = std::string(*text->value<std::string_view>());
    if (!CheckClean(*text, std::string(key) + "." + language, *target, RuleFor(key))) *target = {};
  }
  if (names.kk.empty() && names.ru.empty() && names.en.empty()) {
    Fail(*node, std::string(key), "needs at least one of kk, ru, en");
  }
  return names;
}

std::vector<std::string> TomlReader::StringList(const toml::table& table, std::string_view key, bool required) {
  std::vector<std::string> values;
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required");
    return values;
  }
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    Fail(*node, std::string(key), "must be a list of strings");
    return values;
  }
  for (const toml::node& item : *array) {
    if (!item.is_string()) {
      Fail(item, std::string(key), "must contain only strings");
      continue;
    }
    const std::string_view value = *item.value<std::string_view>();
    if (CheckClean(item, key, value, TextRule::kLine)) values.emplace_back(value);
  }
  return values;
}

const toml::array* TomlReader::TableArray(const toml::table& table, std::string_view key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required ([[" + std::string(key) + "]] entries)");
    return nullptr;
  }
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    Fail(*node, std::string(key), "must be a list of tables ([[" + std::string(key) + "]])");
    return nullptr;
  }
  return array;
}

const toml::table* TomlReader::SubTable(const toml::table& table, std::string_view key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) Fail(table, std::string(key), "is required");
    return nullptr;
  }
  if (!node->is_table()) {
    Fail(*node, std::string(key), "must be a table");
    return nullptr;
  }
  return node->as_table();
}

}  // namespace saylau::formats::internal
