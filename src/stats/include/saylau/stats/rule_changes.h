// "What if" the rules were different: the parameters of party-list contests changed by name,
// giving a new Election whose outcomes can be set beside the real ones. Keys: method (hare,
// dhondt, sainte-lague, ...), threshold (percent, "7" or "5.5"), threshold_base
// (valid-with-against-all, took-part, valid-options-only), seats, first_divisor (modified
// Sainte-Laguë), ties (order, unresolved), runner_up (none, kz2009). Pure.
#pragma once

#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::stats {

struct RuleChange {
  std::string key;
  std::string value;
};

// Parses "key=value". Errors: kInvalidArgument naming the text when there is no '='.
Result<RuleChange> ParseRuleChange(const std::string& text);

// The keys ChangeRules knows, for --help.
std::string RuleChangeKeys();

// `contest` empty: every party-list contest. Errors: kInvalidArgument for an unknown key or
// value (naming both and what is allowed), an unknown contest, or a contest that is not a
// party list.
Result<core::Election> ChangeRules(const core::Election& election, const std::string& contest,
                                   const std::vector<RuleChange>& changes);

}  // namespace saylau::stats
