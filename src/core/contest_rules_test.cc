// Contest kinds beyond the real cases: quorum and repeat vote (Senate), runoff (President),
// plurality ties, a rejected referendum, and the 30 % quota on named deputies.
#include <gtest/gtest.h>

#include "saylau/core/outcome.h"

namespace saylau::core {
namespace {

Contest Candidates(std::string kind, ContestRules rules, int count) {
  Contest contest{.id = "c", .kind = std::move(kind), .unit = "kz", .rules = std::move(rules), .against_all = true};
  for (int i = 0; i < count; ++i) {
    contest.options.push_back({.id = std::string(1, static_cast<char>('a' + i)), .kind = OptionKind::kCandidate});
  }
  return contest;
}

Outcome Decide(const Contest& contest, std::vector<UnitCount> counts) {
  const Election election("e", {}, {2023, 1, 14}, {{.id = "kz"}}, {}, {contest});
  Result<Outcome> outcome = DecideContest(election, contest, counts);
  EXPECT_TRUE(outcome) << outcome.error().message;
  return *outcome;
}

UnitCount Count(std::vector<std::int64_t> votes, std::int64_t against_all = 0, int round = 1,
                std::optional<std::int64_t> took_part = std::nullopt,
                std::optional<std::int64_t> registered = std::nullopt) {
  UnitCount count{.unit = "kz", .round = round};
  count.tally.votes = std::move(votes);
  count.tally.against_all = against_all;
  count.tally.took_part = took_part;
  count.tally.registered = registered;
  return count;
}

TEST(ContestRulesTest, SenateWithoutQuorumDecidesNothing) {
  const Contest senate = Candidates("indirect_majority", IndirectMajorityRules{.electors = 263}, 2);
  const Outcome outcome =
      Decide(senate, {Count({100, 20}, 0, 1, /*took_part=*/131)});  // 131 of 263 is not more than half
  EXPECT_EQ(outcome.decision, Decision::kNoQuorum);
  EXPECT_FALSE(*std::get<CandidateDetails>(outcome.details).quorum_met);
}

TEST(ContestRulesTest, SenateWithoutMajorityGoesToARepeatVoteBetweenTheTopTwo) {
  const Contest senate = Candidates("indirect_majority", IndirectMajorityRules{.electors = 100}, 3);
  // 40 + 35 + 15 + 10 against all: nobody has more than half of 100.
  const Outcome first = Decide(senate, {Count({40, 35, 15}, 10, 1, 100)});
  EXPECT_EQ(first.decision, Decision::kRunoffNeeded);
  EXPECT_EQ(std::get<CandidateDetails>(first.details).runoff, (std::vector<int>{0, 1}));
  const Outcome second = Decide(senate, {Count({40, 35, 15}, 10, 1, 100), Count({45, 52, 0}, 3, 2, 100)});
  EXPECT_EQ(second.decision, Decision::kDecided);
  EXPECT_EQ(second.winners, std::vector<std::string>{"b"});
}

TEST(ContestRulesTest, RepeatVoteForSomeoneOutsideTheRunoffIsAnError) {
  const Contest senate = Candidates("indirect_majority", IndirectMajorityRules{.electors = 100}, 3);
  const Election election("e", {}, {2023, 1, 14}, {{.id = "kz"}}, {}, {senate});
  const std::vector<UnitCount> counts = {Count({40, 35, 15}, 10, 1, 100), Count({45, 50, 5}, 0, 2, 100)};
  Result<Outcome> outcome = DecideContest(election, senate, counts);
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("'c', who is not in it"), std::string::npos);
}

TEST(ContestRulesTest, AgainstAllCanForceAPresidentialRunoff) {
  const Contest president = Candidates("majority_runoff", MajorityRunoffRules{}, 2);
  // 50 of 100 is not more than half: against all keeps the leader under the majority.
  const Outcome outcome = Decide(president, {Count({50, 30}, 20)});
  EXPECT_EQ(outcome.decision, Decision::kRunoffNeeded);
  const Outcome without = Decide(president, {Count({51, 30}, 19)});
  EXPECT_EQ(without.decision, Decision::kDecided);
}

TEST(ContestRulesTest, PluralityTieIsUnresolved) {
  const Contest district = Candidates("single_member", PluralityRules{}, 3);
  const Outcome outcome = Decide(district, {Count({500, 500, 20})});
  EXPECT_EQ(outcome.decision, Decision::kUnresolved);
  EXPECT_TRUE(outcome.winners.empty());
}

TEST(ContestRulesTest, ReferendumNeedsTwoThirdsOfUnitsRoundedUp) {
  Contest referendum{.id = "r", .kind = "referendum", .unit = "kz"};
  ReferendumRules rules;
  std::vector<Unit> units = {{.id = "kz"}};
  std::vector<UnitCount> counts;
  for (int i = 0; i < 4; ++i) {  // 2/3 of 4 = 2.67 -> 3 units needed
    const std::string id = "u" + std::to_string(i);
    units.push_back({.id = id, .parent = "kz"});
    rules.qualifying_units.push_back(id);
    UnitCount count{.unit = id};
    const bool yes = i < 2;  // only two units say yes
    count.tally = {
        .registered = 100, .took_part = 60, .invalid = 0, .both_marked = 0, .votes = {yes ? 40 : 20, yes ? 20 : 40}};
    counts.push_back(count);
  }
  referendum.rules = rules;
  referendum.options = {{.id = "yes", .kind = OptionKind::kYes}, {.id = "no", .kind = OptionKind::kNo}};
  const Election election("e", {}, {2022, 6, 5}, units, {}, {referendum});
  Result<Outcome> outcome = DecideContest(election, referendum, counts);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->decision, Decision::kRejected);
  const auto& details = std::get<ReferendumDetails>(outcome->details);
  EXPECT_EQ(details.units_needed, 3);
  EXPECT_EQ(details.units_yes, 2);
  EXPECT_TRUE(details.turnout_valid);  // 240 of 400 took part
}

TEST(ContestRulesTest, NamedDeputiesUnderTheQuotaFailTheChecks) {
  Contest list{.id = "l", .kind = "party_list", .unit = "kz"};
  list.rules =
      PartyListRules{.seats = 4, .threshold = {{5, 1}, ThresholdBase::kValidWithAgainstAll}, .quota = ListQuota{}};
  Option party{.id = "p", .kind = OptionKind::kParty};
  for (int i = 0; i < 6; ++i) {
    party.list.push_back({.id = "m" + std::to_string(i), .birth_date = Date{1970, 1, 1}, .gender = i == 0 ? 'f' : 'm'});
  }
  party.named_deputies = {"m0", "m1", "m2", "m3"};  // one woman of four: 25 % < 30 %
  list.options = {party, {.id = "q", .kind = OptionKind::kParty}};
  const Outcome outcome = Decide(list, {Count({900, 10})});
  EXPECT_EQ(std::get<PartyListDetails>(outcome.details).seats[0], 4);
  EXPECT_TRUE(outcome.checks_failed);
}

}  // namespace
}  // namespace saylau::core
