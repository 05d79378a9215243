// Reading JSON that an attacker may have written (a bundle's files): a member of the type
// expected, or a default, never nlohmann's value(), which throws when the type differs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace saylau::bundle {

// value[name], or null when `value` is not an object or has no such member.
inline nlohmann::json MemberOf(const nlohmann::json& value, const char* name) {
  return value.is_object() && value.contains(name) ? value[name] : nlohmann::json();
}
// The member as text; empty when it is missing or not a string.
inline std::string TextField(const nlohmann::json& value, const char* name) {
  const nlohmann::json member = MemberOf(value, name);
  return member.is_string() ? member.get<std::string>() : std::string();
}
// The member as a whole number >= 0; `otherwise` when it is missing or not one.
inline std::uint64_t CountField(const nlohmann::json& value, const char* name, std::uint64_t otherwise = 0) {
  const nlohmann::json member = MemberOf(value, name);
  return member.is_number_unsigned() ? member.get<std::uint64_t>() : otherwise;
}

}  // namespace saylau::bundle
