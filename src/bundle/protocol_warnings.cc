// The failed warn relations of a counted protocol, from its values and its form.
#include "saylau/bundle/protocol_warnings.h"

namespace saylau::bundle {

std::vector<std::string> FailedWarnings(const core::ProtocolForm& form, std::span<const std::int64_t> values) {
  std::vector<std::string> names;
  const int line_count = static_cast<int>(form.lines.size());
  for (const core::FormRelation& relation : form.relations) {
    if (relation.severity == core::Severity::kWarn && !core::Holds(relation, values, line_count)) {
      names.push_back(relation.name);
    }
  }
  return names;
}

std::string WarningsField(const std::vector<std::string>& names) {
  std::string field;
  for (const std::string& name : names) field += (field.empty() ? "" : ";") + name;
  return field;
}

}  // namespace saylau::bundle
