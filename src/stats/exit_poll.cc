// Intervals for an exit poll from its published shares, and the comparison with the official
// result (exit_poll.h).
#include "saylau/stats/exit_poll.h"

#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

namespace saylau::stats {
namespace {

// 95.53 for 0.9553.
std::string PercentText(double share) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(2) << 100 * share;
  return text.str();
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// The forms a published name may be matched by: itself, the part before "(", the words in it.
std::vector<std::string> Keys(const std::string& name) {
  std::vector<std::string> keys = {Lower(Trim(name))};
  const auto open = name.find('(');
  const auto close = name.find(')', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return keys;
  keys.push_back(Lower(Trim(name.substr(0, open))));
  const std::string inside = name.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= inside.size()) {
    const std::size_t end = std::min(inside.find('/', start), inside.size());
    if (const std::string word = Lower(Trim(inside.substr(start, end - start))); !word.empty()) keys.push_back(word);
    start = end + 1;
  }
  return keys;
}

// Every name an option is known by, lower-cased.
std::set<std::string> NamesOf(const core::Election& election, const core::Option& option) {
  std::set<std::string> names = {Lower(option.id), Lower(option.name.kk.str()), Lower(option.name.ru.str()),
                                 Lower(option.name.en.str())};
  if (const core::Party* party = option.party.empty() ? nullptr : election.FindParty(option.party)) {
    for (const std::string_view name : {std::string_view(party->id), party->name.kk.view(), party->name.ru.view(),
                                        party->name.en.view(), std::string_view(party->short_name)})
      names.insert(Lower(std::string(name)));
  }
  names.erase("");
  return names;
}

}  // namespace

Result<ExitPollEstimate> EstimateFromPublishedShares(const std::vector<PublishedShare>& shares,
                                                     const ExitPollDesign& design) {
  if (shares.empty()) return InvalidArgument("the exit poll has no published shares");
  if (design.interviews < 1 || design.stations < 1) {
    return InvalidArgument("an exit poll needs at least one interview and one polling station (got " +
                           std::to_string(design.interviews) + " interviews at " + std::to_string(design.stations) +
                           " stations)");
  }
  if (design.stations > design.interviews) {
    return InvalidArgument(std::to_string(design.stations) + " polling stations for " +
                           std::to_string(design.interviews) + " interviews: fewer than one interview a station");
  }
  if (!(design.intraclass_correlation >= 0 && design.intraclass_correlation <= 1))
    return InvalidArgument("the intraclass correlation must lie in [0, 1]");
  if (design.design_effect && !(*design.design_effect > 0)) return InvalidArgument("the design effect must be above 0");
  if (!design.strata.empty()) {
    std::int64_t stations = 0;
    for (const ExitPollStratum& h : design.strata) {
      if (h.stations < 1) return InvalidArgument("stratum '" + h.name + "' has no polling stations");
      stations += h.stations;
    }
    if (stations != design.stations) {
      return InvalidArgument("the strata have " + std::to_string(stations) + " polling stations, the poll " +
                             std::to_string(design.stations));
    }
  }

  ExitPollEstimate out;
  out.interviews = design.interviews;
  out.stations = design.stations;
  out.strata = design.strata;
  out.cluster_size = static_cast<double>(design.interviews) / static_cast<double>(design.stations);
  out.intraclass_correlation = design.intraclass_correlation;
  out.design_effect_given = design.design_effect.has_value();
  out.design_effect = design.design_effect.value_or(1 + (out.cluster_size - 1) * design.intraclass_correlation);
  out.effective_interviews = static_cast<double>(design.interviews) / out.design_effect;
  std::set<std::string> seen;
  for (const PublishedShare& s : shares) {
    if (!(s.share >= 0 && s.share <= 1)) {
      return InvalidArgument("the share of '" + s.option + "' (" + PercentText(s.share) + " %) is not a percentage");
    }
    if (!seen.insert(s.option).second) return InvalidArgument("'" + s.option + "' is published twice");
    out.published_total += s.share;
    const double se = std::sqrt(out.design_effect * s.share * (1 - s.share) / static_cast<double>(design.interviews));
    out.shares.push_back({s.option, s.share, se, s.share - kZ95 * se, s.share + kZ95 * se});
  }
  if (out.published_total > 1.005) {
    return InvalidArgument("the published shares add up to " + PercentText(out.published_total) + " %");
  }
  if (out.published_total < 0.995) {
    out.notes.push_back("the published shares add up to " + PercentText(out.published_total) +
                        " %: the rest (against all, other answers, refusals) was not published");
  }
  if (!design.strata.empty()) {
    out.notes.push_back(
        "strata reported, not used: without the shares in each stratum their gain in precision cannot be computed, "
        "so the intervals err on the wide side");
  }
  return out;
}

Result<std::vector<std::string>> MatchPublishedOptions(const std::vector<PublishedShare>& shares,
                                                       const core::Election& election, const core::Contest& contest) {
  std::vector<std::string> ids;
  std::set<std::string> taken;
  for (const PublishedShare& s : shares) {
    std::string id;
    for (const std::string& key : Keys(s.option)) {
      for (const core::Option& option : contest.options) {
        if (NamesOf(election, option).contains(key)) id = option.id;
      }
      if (id.empty() && contest.against_all && (key == "against all" || key == "against_all")) id = "against_all";
      if (!id.empty()) break;
    }
    if (id.empty()) {
      return InvalidArgument("published option '" + s.option + "' is not an option of contest " + contest.id +
                             " (by id, name or short name)");
    }
    if (!taken.insert(id).second) {
      return InvalidArgument("published option '" + s.option + "' is option " + id + " of contest " + contest.id +
                             ", which another published row already is");
    }
    ids.push_back(id);
  }
  return ids;
}

std::vector<ExitPollComparison> CompareExitPoll(const ExitPollEstimate& estimate,
                                                const std::vector<std::string>& options,
                                                const std::map<std::string, double>& official) {
  std::vector<ExitPollComparison> rows;
  for (std::size_t i = 0; i < estimate.shares.size() && i < options.size(); ++i) {
    const auto it = official.find(options[i]);
    if (it == official.end()) continue;
    const RatioEstimate& e = estimate.shares[i];
    ExitPollComparison row{e.name, options[i], it->second, e};
    row.inside = row.official >= e.low && row.official <= e.high;
    row.outside_by = row.official < e.low ? row.official - e.low : row.official > e.high ? row.official - e.high : 0;
    row.z = e.standard_error > 0 ? (row.official - e.value) / e.standard_error : 0;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace saylau::stats
