// LoadSittingSynth: the [synth] table of a Senate definition.
#include "saylau/formats/sitting_synth_inputs.h"

#include "checked_toml.h"
#include "saylau/core/attendance.h"

namespace saylau::formats {

Result<std::optional<synth::SittingSynthPlan>> LoadSittingSynth(const std::string& definition) {
  toml::table root;
  try {
    root = toml::parse_file(definition);
  } catch (const toml::parse_error& error) {
    return InvalidArgument(definition + ": " + std::string(error.description()));
  }
  const toml::table* table = root["synth"].as_table();
  if (table == nullptr || (*table)["kind"].value<std::string>() != "sitting")
    return std::optional<synth::SittingSynthPlan>();
  const auto fail = [&](const std::string& key, const std::string& why) {
    return InvalidArgument(definition + ": [synth] " + key + ": " + why);
  };
  synth::SittingSynthPlan plan;
  if (const toml::node* node = table->get("repeat_vote")) {
    const std::optional<std::string> unit = node->value<std::string>();
    if (!unit) return fail("repeat_vote", "must be a unit id (a string)");
    plan.repeat_vote = *unit;
  }
  if (const toml::node* node = table->get("electors")) {
    const toml::table* electors = node->as_table();
    if (electors == nullptr) return fail("electors", "must be a table of unit = number of electors");
    for (const auto& [unit, value] : *electors) {
      const std::optional<std::int64_t> count = value.value<std::int64_t>();
      if (!count || *count < 1 || *count > 1'000'000) {
        return fail("electors." + std::string(unit.str()), "must be a whole number from 1 to 1000000");
      }
      plan.electors[std::string(unit.str())] = *count;
    }
  }
  if (const toml::node* node = table->get("times")) {
    const toml::array* times = node->as_array();
    if (times == nullptr) return fail("times", "must be an array of \"HH:MM\"");
    plan.times.clear();
    int previous = -1;
    for (const toml::node& item : *times) {
      const std::optional<std::string> time = item.value<std::string>();
      const std::optional<int> minute =
          time && time->size() == 5 ? core::AttendanceMinute(*time, {2000, 1, 1}) : std::nullopt;
      if (!minute) return fail("times", "'" + time.value_or("?") + "' is not a time \"HH:MM\"");
      if (*minute <= previous) return fail("times", "'" + *time + "' is not after the time before it");
      previous = *minute;
      plan.times.push_back(*time);
    }
  }
  return std::optional<synth::SittingSynthPlan>(std::move(plan));
}

}  // namespace saylau::formats
