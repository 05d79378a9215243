// Internal: typed reading of toml++ nodes that records every problem, with its line, in
// Diagnostics, so the definition loader reads as a list of fields.
#pragma once

#include "checked_toml.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "saylau/base/text.h"
#include "saylau/core/names.h"
#include "saylau/core/ratio.h"
#include "saylau/formats/diagnostics.h"

namespace saylau::formats::internal {

class TomlReader {
 public:
  TomlReader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

  int LineOf(const toml::node& node) const { return static_cast<int>(node.source().begin.line); }
  void Fail(const toml::node& node, std::string field, std::string message) {
    diagnostics_.Add(file_, LineOf(node), std::move(field), std::move(message));
  }
  void FailAt(int line, std::string field, std::string message) {
    diagnostics_.Add(file_, line, std::move(field), std::move(message));
  }
  void FailFile(std::string message) { diagnostics_.Add(file_, 0, "", std::move(message)); }
  const std::string& file() const { return file_; }
  std::size_t error_count() const { return diagnostics_.items().size(); }

  // Whether `value` is clean text under `rule` (valid UTF-8, no control characters; an id's
  // charset); if not, reports it with its line and returns false.
  bool CheckClean(const toml::node& node, std::string_view key, std::string_view value, TextRule rule);

  // Reports keys of `table` that are not in `known` (typos would otherwise be ignored).
  void CheckKeys(const toml::table& table, std::string_view where, std::initializer_list<std::string_view> known);

  std::optional<std::string> String(const toml::table& table, std::string_view key, bool required);
  std::optional<std::int64_t> Integer(const toml::table& table, std::string_view key, bool required, std::int64_t min,
                                      std::int64_t max);
  std::optional<bool> Boolean(const toml::table& table, std::string_view key);
  std::optional<core::Date> DateValue(const toml::table& table, std::string_view key, bool required);
  // A number or a string ("1.4", "2/3"), read exactly; floats through their shortest text.
  std::optional<core::Ratio> RatioValue(const toml::table& table, std::string_view key, bool required);
  core::Names NamesValue(const toml::table& table, std::string_view key, bool required);
  std::vector<std::string> StringList(const toml::table& table, std::string_view key, bool required);
  // The array of tables under `key` (empty when absent; an error when it is something else).
  const toml::array* TableArray(const toml::table& table, std::string_view key, bool required);
  const toml::table* SubTable(const toml::table& table, std::string_view key, bool required);

  // The node of `key` for line numbers, or `table` itself when the key is absent.
  const toml::node& NodeOf(const toml::table& table, std::string_view key) const;

 private:
  std::string file_;
  Diagnostics& diagnostics_;
};

}  // namespace saylau::formats::internal
