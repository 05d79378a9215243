// SynthesizeSitting: attendance through the morning and the votes of every Senate sitting.
#include "saylau/synth/sitting.h"

#include <algorithm>

#include "saylau/base/random.h"

namespace saylau::synth {
namespace {

// A protocol of the Senate form: `took_part` of `electors`, `invalid`, `against_all` and the
// candidates' `votes` (option id, votes) whose sum with against all is the valid ballots.
core::ProtocolSubmission Protocol(const core::Contest& contest, int round, std::int64_t electors,
                                  std::int64_t took_part, std::int64_t invalid, std::int64_t against_all,
                                  const std::vector<std::pair<std::string, std::int64_t>>& votes) {
  core::ProtocolSubmission p;
  p.contest = contest.id;
  p.unit = contest.unit;
  p.round = round;
  p.origin = "synth";
  p.lines = {
      {"voters", electors}, {"received", electors},         {"issued", took_part}, {"cancelled", electors - took_part},
      {"found", took_part}, {"valid", took_part - invalid}, {"invalid", invalid}};
  if (contest.against_all) p.lines.push_back({"against_all", against_all});
  for (const auto& [option, count] : votes) p.lines.push_back({option, count});
  return p;
}

// Splits `total` over `options` from the second on, the first getting `first`.
std::vector<std::pair<std::string, std::int64_t>> Split(const core::Contest& contest, std::int64_t first,
                                                        std::int64_t total, Random& random) {
  std::vector<std::pair<std::string, std::int64_t>> votes = {{contest.options[0].id, first}};
  std::int64_t left = total - first;
  for (std::size_t i = 1; i < contest.options.size(); ++i) {
    const bool last = i + 1 == contest.options.size();
    const std::int64_t share =
        last ? left : static_cast<std::int64_t>(random.Below(static_cast<std::uint64_t>(left) + 1));
    votes.push_back({contest.options[i].id, share});
    left -= share;
  }
  return votes;
}

}  // namespace

Result<SittingNight> SynthesizeSitting(const core::Election& election, const SittingSynthPlan& plan,
                                       std::uint64_t seed) {
  if (plan.times.size() < 2) return InvalidArgument("a synthetic sitting needs at least two attendance times");
  Random random(seed);
  SittingNight night;
  bool repeat_found = plan.repeat_vote.empty();
  std::vector<std::vector<core::TurnoutSubmission>> by_time(plan.times.size());
  for (const core::Contest& contest : election.contests()) {
    const auto* rules = std::get_if<core::IndirectMajorityRules>(&contest.rules);
    if (rules == nullptr) continue;
    std::int64_t electors = rules->electors.value_or(0);
    if (electors == 0) {
      const auto found = plan.electors.find(contest.unit);
      if (found == plan.electors.end()) {
        return InvalidArgument("sitting '" + contest.unit + "' (contest '" + contest.id +
                               "') has no electors: give them in the definition or in [synth] electors");
      }
      electors = found->second;
    }
    if (electors < 10) return InvalidArgument("sitting '" + contest.unit + "' has fewer than 10 electors");
    if (contest.options.size() < 2)
      return InvalidArgument("contest '" + contest.id + "' has fewer than two candidates");
    // Attendance: about 30 % at the first report, about half at the middle ones (the quorum
    // reached there or not), nearly everyone at the last.
    const std::int64_t last = electors - static_cast<std::int64_t>(random.Below(4));
    std::int64_t present = 0;
    for (std::size_t t = 0; t < plan.times.size(); ++t) {
      std::int64_t now;
      if (t + 1 == plan.times.size()) {
        now = last;
      } else if (t == 0) {
        now = electors * (25 + static_cast<std::int64_t>(random.Below(11))) / 100;
      } else {
        now = electors * (45 + static_cast<std::int64_t>(random.Below(11))) / 100;
      }
      present = std::clamp(now, present, last);
      core::TurnoutSubmission report;
      report.unit = contest.unit;
      report.time = plan.times[t];
      report.voters = electors;
      report.issued = present;
      report.origin = "synth";
      by_time[t].push_back(std::move(report));
    }
    // The vote of the electors present at the last report.
    const std::int64_t took_part = last;
    const std::int64_t invalid = static_cast<std::int64_t>(random.Below(3));
    const std::int64_t valid = took_part - invalid;
    const std::int64_t against_all =
        contest.against_all ? valid * (1 + static_cast<std::int64_t>(random.Below(4))) / 100 : 0;
    const std::int64_t candidates = valid - against_all;
    if (contest.unit == plan.repeat_vote) {
      repeat_found = true;
      // Nobody has more than half: the leader 40 %, the second 35 % of the base, the rest to
      // the others and against all (all of it to against all when there are only two).
      const std::int64_t first = valid * 40 / 100, second = valid * 35 / 100, rest = valid - first - second;
      if (contest.options.size() == 2 && !contest.against_all) {
        return InvalidArgument("contest '" + contest.id + "': a repeat vote with two candidates needs against all");
      }
      const std::int64_t against = contest.options.size() == 2 ? rest : contest.against_all ? valid * 3 / 100 : 0;
      std::vector<std::pair<std::string, std::int64_t>> votes = {{contest.options[0].id, first},
                                                                 {contest.options[1].id, second}};
      std::int64_t left = rest - against;
      for (std::size_t i = 2; i < contest.options.size(); ++i) {
        const std::int64_t count = i + 1 == contest.options.size() ? left : left / 2;
        votes.push_back({contest.options[i].id, count});
        left -= count;
      }
      night.votes.push_back(Protocol(contest, 1, electors, took_part, invalid, against, votes));
      const std::int64_t again_against = contest.against_all ? valid / 50 : 0;
      const std::int64_t winner = (valid - again_against) * 60 / 100;
      night.repeat_votes.push_back(
          Protocol(contest, 2, electors, took_part, invalid, again_against,
                   {{votes[0].first, winner}, {votes[1].first, valid - again_against - winner}}));
      continue;
    }
    // Elected in the first vote with 61.7 % to 90.9 % of the base (valid with against all).
    const std::int64_t share_permille = 617 + static_cast<std::int64_t>(random.Below(909 - 617 + 1));
    std::int64_t first = std::min(candidates, valid * share_permille / 1000);
    if (first * 2 <= valid) first = std::min(candidates, valid / 2 + 1);  // more than half, whatever the rounding
    night.votes.push_back(
        Protocol(contest, 1, electors, took_part, invalid, against_all, Split(contest, first, candidates, random)));
  }
  if (!repeat_found) return InvalidArgument("[synth] repeat_vote '" + plan.repeat_vote + "' is not a sitting's unit");
  for (auto& reports : by_time) {
    for (auto& report : reports) night.attendance.push_back(std::move(report));
  }
  return night;
}

}  // namespace saylau::synth
