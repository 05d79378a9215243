// An exit poll known only from what its author published: each option's share, the number of
// interviews and of polling stations (clusters), perhaps the strata. No station-level data, so
// the interval is the textbook one for a cluster sample:
//   SE = sqrt(deff * p (1 - p) / n),   deff = 1 + (m - 1) rho   (Kish 1965),
// m = n / stations the interviews per station and rho the intraclass correlation of the vote
// between stations (kDefaultIntraclassCorrelation, measured as docs/statistics.md says), or a
// design effect given outright. The strata are checked and reported; without shares per
// stratum their gain cannot be computed and is left out (the intervals err on the wide side).
// Then each published share beside the official one. Floating point: estimates, never
// decisions. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/stats/estimate.h"

namespace saylau::stats {

// rho: the between-station variance of a candidate's share over p (1 - p), measured on the
// Russian 2018 presidential stations (97,699; 0.003 to 0.038 by candidate, 0.038 for the leader
// and 0.031 for the runner-up), rounded to the larger candidates'.
inline constexpr double kDefaultIntraclassCorrelation = 0.03;

struct PublishedShare {
  std::string option;  // as published (a name or an option id)
  double share = 0;    // a fraction, 0.5346 for 53.46 %
};

struct ExitPollStratum {
  std::string name;  // "urban"
  std::int64_t stations = 0;
};

struct ExitPollDesign {
  std::int64_t interviews = 0;
  std::int64_t stations = 0;
  std::optional<double> design_effect;  // given; else 1 + (m - 1) rho
  double intraclass_correlation = kDefaultIntraclassCorrelation;
  std::vector<ExitPollStratum> strata;  // when given, their stations add up to `stations`
};

struct ExitPollEstimate {
  std::int64_t interviews = 0, stations = 0;
  double cluster_size = 0;  // m = interviews per station
  double intraclass_correlation = 0;
  double design_effect = 0;
  bool design_effect_given = false;
  double effective_interviews = 0;  // n / deff
  std::vector<ExitPollStratum> strata;
  std::vector<RatioEstimate> shares;  // in the published order, names as published
  double published_total = 0;         // the sum of the shares (what is not there was not published)
  std::vector<std::string> notes;
};

// Errors: kInvalidArgument when there are no shares, a share is outside [0, 1] or named twice,
// the shares add up to more than 100.5 %, interviews or stations are below 1, stations exceed
// interviews, rho is outside [0, 1], a given design effect is not above 0, or the strata's
// stations do not add up.
Result<ExitPollEstimate> EstimateFromPublishedShares(const std::vector<PublishedShare>& shares,
                                                     const ExitPollDesign& design);

// The option id of each published name in `contest`: the id itself, the option's or its party's
// name in any language, or the party's short name, compared without regard to ASCII case; a name
// with a part in parentheses ("Nationwide Social Democratic Party (JSDP/OSDP)") also by the part
// before it and by each '/'-separated word inside; "against all" (or "against_all") when the
// contest has that line. Errors: kInvalidArgument naming a published option that matches no
// option, or two that match the same one.
Result<std::vector<std::string>> MatchPublishedOptions(const std::vector<PublishedShare>& shares,
                                                       const core::Election& election, const core::Contest& contest);

// One published share against the official one.
struct ExitPollComparison {
  std::string published_name;
  std::string option;  // the option id
  double official = 0;
  RatioEstimate estimate;
  bool inside = true;
  double outside_by = 0;  // official minus the nearest end of the interval (signed; 0 inside)
  double z = 0;           // (official - published) / standard error
};

// `options`: the option id of each estimate (MatchPublishedOptions); `official`: official shares
// by option id. An option without an official share is left out.
std::vector<ExitPollComparison> CompareExitPoll(const ExitPollEstimate& estimate,
                                                const std::vector<std::string>& options,
                                                const std::map<std::string, double>& official);

}  // namespace saylau::stats
