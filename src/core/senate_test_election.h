// For the attendance and Senate summary tests: a Senate of two sittings (Astana with 31
// electors in the definition and a quorum of more than half; Ulytau with the electors from the
// reports and a quorum of at least half), attendance reports and protocols of a sitting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"
#include "saylau/formats/built_in_forms.h"

namespace saylau::core::fixtures {

inline Option CandidateOption(std::string id, std::optional<char> gender) {
  Option option;
  option.id = std::move(id);
  option.kind = OptionKind::kCandidate;
  option.name.en = option.id;
  Candidate person;
  person.id = option.id;
  person.name = option.name;
  person.gender = gender;
  option.list = {person};
  return option;
}

inline Contest Sitting(std::string id, std::string unit, IndirectMajorityRules rules) {
  Contest contest;
  contest.id = std::move(id);
  contest.kind = "indirect_majority";
  contest.name.en = contest.id;
  contest.unit = std::move(unit);
  contest.rules = rules;
  contest.options = {CandidateOption(contest.id + "-1", 'f'), CandidateOption(contest.id + "-2", 'm'),
                     CandidateOption(contest.id + "-3", std::nullopt)};
  contest.against_all = true;
  return contest;
}

// Country kz with two sittings, each with candidates -1 (a woman), -2 (a man) and -3 (not given):: astana (31 electors
// in the definition, quorum more than half) and ulytau (electors from the reports, quorum at least half).
inline Election SenateElection() {
  std::vector<Unit> units = {{.id = "kz", .kind = UnitKind::kCountry},
                             {.id = "astana", .parent = "kz", .kind = UnitKind::kCity},
                             {.id = "ulytau", .parent = "kz", .kind = UnitKind::kRegion}};
  std::vector<Contest> contests = {Sitting("senate-astana", "astana", IndirectMajorityRules{.electors = 31}),
                                   Sitting("senate-ulytau", "ulytau", IndirectMajorityRules{.quorum_strict = false})};
  return Election("senate", {.en = "Senate"}, {2023, 1, 14}, std::move(units), {}, std::move(contests),
                  formats::BuiltInForms());
}

inline TurnoutSubmission Attendance(std::string unit, std::string time, std::int64_t electors, std::int64_t present) {
  return {.unit = std::move(unit), .time = std::move(time), .voters = electors, .issued = present, .origin = "test"};
}

// A sitting's protocol: `took_part` ballots found, one invalid, one against all, `first` for
// the first candidate, `third` for the third and the remainder for the second.
inline ProtocolSubmission Vote(std::string contest, std::string unit, std::int64_t electors, std::int64_t took_part,
                               std::int64_t first, std::int64_t third = 0) {
  ProtocolSubmission p;
  p.contest = contest;
  p.unit = unit;
  p.origin = "test";
  const std::int64_t valid = took_part - 1;
  p.lines = {{"voters", electors},    {"received", electors},
             {"issued", took_part},   {"cancelled", electors - took_part},
             {"found", took_part},    {"valid", valid},
             {"invalid", 1},          {"against_all", 1},
             {contest + "-1", first}, {contest + "-2", valid - 1 - first - third},
             {contest + "-3", third}};
  return p;
}

}  // namespace saylau::core::fixtures
