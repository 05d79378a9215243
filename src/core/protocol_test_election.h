// For the protocol tests: a small election with one contest of every kind (party list,
// single-member plurality, presidential majority with a runoff, indirect majority, referendum),
// counted at three polling stations, and protocols for it that satisfy every relation.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/core/protocol.h"
#include "saylau/formats/built_in_forms.h"

namespace saylau::core::fixtures {

inline Option MakeOption(std::string id, OptionKind kind) {
  Option option;
  option.id = id;
  option.kind = kind;
  option.name.en = id;
  if (kind == OptionKind::kParty) option.party = std::move(id);
  return option;
}

inline Contest MakeContest(std::string id, std::string kind, std::string unit, ContestRules rules,
                           std::vector<Option> options, bool against_all) {
  Contest contest;
  contest.id = std::move(id);
  contest.kind = std::move(kind);
  contest.name.en = contest.id;
  contest.unit = std::move(unit);
  contest.rules = std::move(rules);
  contest.options = std::move(options);
  contest.against_all = against_all;
  return contest;
}

// Country c; regions r1 (stations s1, s2) and r2 (station s3); 1,000 registered voters each.
// Contests: list (a, b, against all), seat (x, y, against all; in r1), president (p, q, r,
// against all; two rounds), senate (e, f; two rounds), ref (yes, no). Each contest has the
// built-in Kazakh form of its kind.
inline Election SmallElection() {
  std::vector<Unit> units = {{.id = "c", .kind = UnitKind::kCountry},
                             {.id = "r1", .parent = "c", .kind = UnitKind::kRegion},
                             {.id = "r2", .parent = "c", .kind = UnitKind::kRegion}};
  for (const auto& [id, parent] : {std::pair{"s1", "r1"}, std::pair{"s2", "r1"}, std::pair{"s3", "r2"}}) {
    units.push_back({.id = id, .parent = parent, .kind = UnitKind::kStation, .registered_voters = 1000});
  }
  std::vector<Party> parties = {{.id = "a", .registration_order = 1}, {.id = "b", .registration_order = 2}};
  std::vector<Contest> contests;
  contests.push_back(MakeContest("list", "party_list", "c", PartyListRules{.seats = 10},
                                 {MakeOption("a", OptionKind::kParty), MakeOption("b", OptionKind::kParty)}, true));
  contests.push_back(MakeContest("seat", "single_member", "r1", PluralityRules{},
                                 {MakeOption("x", OptionKind::kCandidate), MakeOption("y", OptionKind::kCandidate)},
                                 true));
  contests.push_back(MakeContest("president", "majority_runoff", "c", MajorityRunoffRules{},
                                 {MakeOption("p", OptionKind::kCandidate), MakeOption("q", OptionKind::kCandidate),
                                  MakeOption("r", OptionKind::kCandidate)},
                                 true));
  contests.push_back(MakeContest("senate", "indirect_majority", "c", IndirectMajorityRules{},
                                 {MakeOption("e", OptionKind::kCandidate), MakeOption("f", OptionKind::kCandidate)},
                                 false));
  contests.push_back(MakeContest("ref", "referendum", "c", ReferendumRules{},
                                 {MakeOption("yes", OptionKind::kYes), MakeOption("no", OptionKind::kNo)}, false));
  return Election("small", {.en = "Small"}, {2023, 3, 19}, std::move(units), std::move(parties),
                  std::move(contests), formats::BuiltInForms());
}

// A protocol of `contest` at `unit` that satisfies every relation: 1000 voters, 600 issued,
// 410 cancelled, 600 found, 10 invalid (6 and 4 both marked in a referendum), the valid
// ballots split over the options (the first gets `first`) and against all (20) when on the
// ballot.
inline ProtocolSubmission GoodProtocol(const Contest& contest, const std::string& unit, std::int64_t first = 300) {
  ProtocolSubmission p;
  p.contest = contest.id;
  p.unit = unit;
  p.origin = "test";
  const bool referendum = std::holds_alternative<ReferendumRules>(contest.rules);
  std::int64_t valid = 590;
  p.lines = {{"voters", 1000}, {"received", 1010}, {"issued", 600}, {"cancelled", 410},
             {"found", 600},   {"valid", valid},   {"invalid", referendum ? 6 : 10}};
  if (referendum) p.lines.push_back({"both_marked", 4});
  if (contest.against_all) {
    p.lines.push_back({"against_all", 20});
    valid -= 20;
  }
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const std::int64_t votes = i + 1 == contest.options.size() ? valid : std::min(first, valid);
    p.lines.push_back({contest.options[i].id, votes});
    valid -= votes;
  }
  return p;
}

inline void SetLine(ProtocolSubmission& p, const std::string& line, std::int64_t value) {
  for (auto& [name, v] : p.lines) {
    if (name == line) {
      v = value;
      return;
    }
  }
  p.lines.push_back({line, value});
}

}  // namespace saylau::core::fixtures
