#include "saylau/stats/rule_changes.h"

#include <charconv>

#include "saylau/core/ratio.h"

namespace saylau::stats {
namespace {

std::string MethodNames() {
  std::string names;
  for (core::Method method : core::AllMethods())
    names += (names.empty() ? "" : ", ") + std::string(core::MethodName(method));
  return names;
}

Status Apply(core::PartyListRules& rules, const RuleChange& change) {
  const std::string& value = change.value;
  const auto bad = [&](const std::string& allowed) {
    return InvalidArgument("--set " + change.key + "=" + value + ": " + allowed);
  };
  if (change.key == "method") {
    const auto method = core::MethodFromName(value);
    if (!method) return bad("unknown method; one of " + MethodNames());
    rules.method = *method;
  } else if (change.key == "threshold") {
    auto percent = core::ParseRatio(value);
    if (!percent.has_value()) return bad("the threshold is a percent such as 7 or 5.5");
    rules.threshold.percent = percent.value();
  } else if (change.key == "threshold_base") {
    const auto base = core::ThresholdBaseFromName(value);
    if (!base) return bad("one of valid-with-against-all, took-part, valid-options-only");
    rules.threshold.base = *base;
  } else if (change.key == "seats") {
    int seats = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seats);
    if (error != std::errc{} || end != value.data() + value.size() || seats < 1 || seats > core::kMaxSeats) {
      return bad("seats is a whole number from 1 to " + std::to_string(core::kMaxSeats));
    }
    rules.seats = seats;
  } else if (change.key == "first_divisor") {
    auto divisor = core::ParseRatio(value);
    if (!divisor.has_value() || divisor.value().num == 0)
      return bad("the first divisor is a positive number such as 1.4");
    rules.first_divisor = divisor.value();
  } else if (change.key == "ties") {
    if (value == "order") {
      rules.ties = core::TieRule::kOrder;
    } else if (value == "unresolved") {
      rules.ties = core::TieRule::kUnresolved;
    } else {
      return bad("one of order, unresolved");
    }
  } else if (change.key == "runner_up") {
    if (value == "none") {
      rules.runner_up = core::RunnerUpRule::kNone;
    } else if (value == "kz2009") {
      rules.runner_up = core::RunnerUpRule::kKz2009;
    } else {
      return bad("one of none, kz2009");
    }
  } else {
    return InvalidArgument("--set " + change.key + "=" + value + ": unknown rule; the rules that can change are " +
                           RuleChangeKeys());
  }
  return {};
}

}  // namespace

std::string RuleChangeKeys() { return "method, threshold, threshold_base, seats, first_divisor, ties, runner_up"; }

Result<RuleChange> ParseRuleChange(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return InvalidArgument("--set '" + text + "': write key=value, e.g. method=dhondt or threshold=7");
  }
  return RuleChange{text.substr(0, equals), text.substr(equals + 1)};
}

Result<core::Election> ChangeRules(const core::Election& election, const std::string& contest,
                                   const std::vector<RuleChange>& changes) {
  if (!contest.empty() && election.FindContest(contest) == nullptr) {
    return InvalidArgument("unknown contest '" + contest + "'");
  }
  std::vector<core::Contest> contests = election.contests();
  int changed = 0;
  for (core::Contest& c : contests) {
    if (!contest.empty() && c.id != contest) continue;
    auto* rules = std::get_if<core::PartyListRules>(&c.rules);
    if (rules == nullptr) {
      if (!contest.empty()) return InvalidArgument("contest '" + contest + "' is not a party-list contest");
      continue;
    }
    for (const RuleChange& change : changes) {
      if (Status status = Apply(*rules, change); !status.ok()) return status.error();
    }
    ++changed;
  }
  if (changed == 0) return InvalidArgument("the election has no party-list contest whose rules could change");
  return core::Election(election.id(), election.name(), election.date(), election.units(), election.parties(),
                        std::move(contests), election.forms(), election.bodies(), election.maps());
}

}  // namespace saylau::stats
