#include "saylau/core/threshold.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace saylau::core {

namespace {

using Term = ThresholdBase::Term;

constexpr std::pair<std::string_view, BallotRole> kRoles[] = {
    {"took_part", BallotRole::kTookPart},     {"valid", BallotRole::kValid},
    {"invalid", BallotRole::kInvalid},        {"against_all", BallotRole::kAgainstAll},
    {"both_marked", BallotRole::kBothMarked}, {"options", BallotRole::kOptions}};

std::string_view RoleName(BallotRole role) {
  for (const auto& [name, known] : kRoles) {
    if (known == role) return name;
  }
  return "?";
}

}  // namespace

constexpr std::pair<std::string_view, const ThresholdBase*> kAliases[] = {
    {"valid-with-against-all", &ThresholdBase::kValidWithAgainstAll},
    {"took-part", &ThresholdBase::kTookPart},
    {"valid-options-only", &ThresholdBase::kValidOptionsOnly}};

std::string ThresholdBaseName(const ThresholdBase& base) {
  for (const auto& [name, alias] : kAliases) {
    if (*alias == base) return std::string(name);
  }
  std::string text;
  for (const Term& term : base.terms()) {
    if (!text.empty() || term.negative) text += term.negative ? (text.empty() ? "-" : " - ") : " + ";
    text += RoleName(term.role);
  }
  return text;
}

std::optional<ThresholdBase> ThresholdBaseFromName(std::string_view name) {
  for (const auto& [alias_name, alias] : kAliases) {
    if (alias_name == name) return *alias;
  }
  ThresholdBase base;
  bool negative = false;
  std::size_t at = 0;
  const auto skip = [&] {
    while (at < name.size() && name[at] == ' ') ++at;
  };
  for (;;) {
    skip();
    const std::size_t start = at;
    while (at < name.size() && ((name[at] >= 'a' && name[at] <= 'z') || name[at] == '_')) ++at;
    const std::string_view word = name.substr(start, at - start);
    const auto role = std::find_if(std::begin(kRoles), std::end(kRoles), [&](const auto& r) { return r.first == word; });
    if (role == std::end(kRoles) || !base.Add({role->second, negative})) return std::nullopt;
    skip();
    if (at == name.size()) break;
    if (name[at] != '+' && name[at] != '-') return std::nullopt;
    negative = name[at] == '-';
    ++at;
  }
  return base;
}

Result<std::int64_t> BaseTotal(const ThresholdBase& base, const Tally& tally) {
  Int128 total = 0;
  for (const Term& term : base.terms()) {
    std::optional<std::int64_t> value;
    switch (term.role) {
      case BallotRole::kTookPart: value = tally.took_part; break;
      case BallotRole::kValid: value = tally.valid; break;
      case BallotRole::kInvalid: value = tally.invalid; break;
      case BallotRole::kAgainstAll: value = tally.against_all; break;
      case BallotRole::kBothMarked: value = tally.both_marked.value_or(0); break;
      case BallotRole::kOptions: value = tally.ValidOptions(); break;
    }
    if (!value) {
      return InvalidArgument("the base '" + ThresholdBaseName(base) + "' needs the line " + std::string(RoleName(term.role)) +
                             " in the counts");
    }
    total += term.negative ? -Int128{*value} : Int128{*value};
  }
  if (total < 0 || total > INT64_MAX) {
    return InvalidArgument("the base '" + ThresholdBaseName(base) + "' is " + (total < 0 ? "negative" : "beyond 64 bits"));
  }
  return static_cast<std::int64_t>(total);
}

std::int64_t VotesNeeded(std::int64_t base, const Ratio& percent) {
  const Int128 top = Int128{percent.num} * base;
  const Int128 bottom = Int128{100} * percent.den;
  return static_cast<std::int64_t>((top + bottom - 1) / bottom);
}

}  // namespace saylau::core
