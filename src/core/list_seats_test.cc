// Who takes a list's seats (list order, withdrawals, vacancies, the party's named deputies)
// and the checks on a list: its length, the quota with each person counted once, a person
// on two lists.
#include "saylau/core/list_seats.h"

#include <gtest/gtest.h>

#include "saylau/core/outcome.h"

namespace saylau::core {
namespace {

const Date kElectionDay{2023, 3, 19};

Candidate Person(std::string id, char gender = 'm', Date birth = {1970, 1, 1}, bool disability = false) {
  Candidate person{.id = id, .name = {.en = "Person " + id}, .birth_date = birth, .gender = gender};
  person.disability = disability;
  return person;
}

Option ListOf(std::string id, std::vector<Candidate> people) {
  return {.id = id, .kind = OptionKind::kParty, .party = id, .list = std::move(people)};
}

std::vector<std::string> ElectedIds(const Option& option, const ListSeats& seats) {
  std::vector<std::string> ids;
  for (int index : seats.elected) ids.push_back(option.list[index].id);
  return ids;
}

TEST(ListSeatsTest, SeatsGoToTheFirstCandidatesInListOrder) {
  const Option option = ListOf("a", {Person("a1"), Person("a2"), Person("a3"), Person("a4")});
  const ListSeats seats = AssignListSeats(option, 2);
  EXPECT_EQ(ElectedIds(option, seats), (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(seats.vacant, 0);
  EXPECT_FALSE(seats.designated);
}

TEST(ListSeatsTest, AWithdrawnCandidateIsSkippedForTheNextOnTheList) {
  Option option = ListOf("a", {Person("a1"), Person("a2"), Person("a3"), Person("a4")});
  option.list[0].withdrawn = true;  // before the vote
  option.list[2].withdrawn = true;  // after it, on a date
  option.list[2].withdrawn_on = Date{2023, 3, 21};
  const ListSeats seats = AssignListSeats(option, 2);
  EXPECT_EQ(ElectedIds(option, seats), (std::vector<std::string>{"a2", "a4"}));
  EXPECT_EQ(seats.vacant, 0);
}

TEST(ListSeatsTest, SeatsBeyondTheCandidatesLeftStayVacant) {
  Option option = ListOf("a", {Person("a1"), Person("a2"), Person("a3")});
  option.list[1].withdrawn = true;
  const ListSeats seats = AssignListSeats(option, 4);
  EXPECT_EQ(ElectedIds(option, seats), (std::vector<std::string>{"a1", "a3"}));
  EXPECT_EQ(seats.vacant, 2);
}

TEST(ListSeatsTest, NamedDeputiesAreThePartysChoiceNotTheListOrder) {
  Option option = ListOf("a", {Person("a1"), Person("a2"), Person("a3")});
  option.named_deputies = {"a3", "a1"};
  const ListSeats seats = AssignListSeats(option, 2);
  EXPECT_TRUE(seats.designated);
  EXPECT_EQ(ElectedIds(option, seats), (std::vector<std::string>{"a3", "a1"}));
}

TEST(ListSeatsTest, WithoutAListNobodyIsNamedAndNoSeatIsCalledVacant) {
  const ListSeats seats = AssignListSeats(ListOf("a", {}), 5);
  EXPECT_TRUE(seats.elected.empty());
  EXPECT_EQ(seats.vacant, 0);
}

TEST(ListSeatsTest, ListLengthIsSeatsPlusTheShareRoundedUp) {
  EXPECT_EQ(MaxListLength(69, {30, 1}), 90);    // 69 + 20.7 -> 90, the 2023 Mazhilis
  EXPECT_EQ(MaxListLength(10, {30, 1}), 13);    // exact
  EXPECT_EQ(MaxListLength(145, {30, 1}), 189);  // 145 + 43.5
  EXPECT_EQ(MaxListLength(1, {30, 1}), 2);
  EXPECT_EQ(MaxListLength(7, {0, 1}), 7);
}

TEST(ListSeatsTest, AListLongerThanTheLawAllowsIsReported) {
  std::vector<Candidate> people;
  for (int i = 0; i < 120; ++i) people.push_back(Person("p" + std::to_string(i), i % 2 ? 'f' : 'm'));
  const PartyListRules rules{.seats = 69, .list_length_over_seats_percent = Ratio{30, 1}};
  std::vector<Finding> findings = CheckPartyList(ListOf("a", people), rules, kElectionDay);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].field, "candidates");
  EXPECT_NE(findings[0].message.find("list length: the list of 'a' has 120 candidates; the law allows at most 90"),
            std::string::npos)
      << findings[0].message;
  people.resize(90);
  EXPECT_TRUE(CheckPartyList(ListOf("a", people), rules, kElectionDay).empty());
}

TEST(ListSeatsTest, QuotaNeedsTheShareOfTheListRoundedUp) {
  EXPECT_EQ(QuotaPeopleNeeded(10, {30, 1}), 3);
  EXPECT_EQ(QuotaPeopleNeeded(11, {30, 1}), 4);  // 3.3 -> 4
  EXPECT_EQ(QuotaPeopleNeeded(90, {30, 1}), 27);
  const PartyListRules rules{.seats = 10, .quota = ListQuota{}};
  // 11 names, 3 women: 3 < 4 needed.
  std::vector<Candidate> people;
  for (int i = 0; i < 11; ++i) people.push_back(Person("p" + std::to_string(i), i < 3 ? 'f' : 'm'));
  std::vector<Finding> findings = CheckPartyList(ListOf("a", people), rules, kElectionDay);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("has 3 of 11 candidates"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].message.find("at least 4 (30 %, rounded up)"), std::string::npos) << findings[0].message;
  people[3].gender = 'f';
  EXPECT_TRUE(CheckPartyList(ListOf("a", people), rules, kElectionDay).empty());
}

TEST(ListSeatsTest, QuotaCountsAYoungDisabledWomanOnce) {
  const PartyListRules rules{.seats = 10, .quota = ListQuota{}};
  // 10 names: one young disabled woman, one young man, one disabled man: 3 people, not 5.
  std::vector<Candidate> people = {Person("w", 'f', {2000, 1, 1}, true), Person("y", 'm', {2000, 1, 1}),
                                   Person("d", 'm', {1970, 1, 1}, true)};
  for (int i = 0; i < 7; ++i) people.push_back(Person("m" + std::to_string(i)));
  EXPECT_TRUE(CheckPartyList(ListOf("a", people), rules, kElectionDay).empty());
  people.push_back(Person("m7"));  // 3 of 11: 4 needed
  std::vector<Finding> findings = CheckPartyList(ListOf("a", people), rules, kElectionDay);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("has 3 of 11"), std::string::npos) << findings[0].message;
  // Aged 29 on election day is no longer young (the law says under 29).
  people = {Person("t", 'm', {1994, 3, 19})};
  EXPECT_EQ(CheckPartyList(ListOf("a", people), rules, kElectionDay).size(), 1u);
}

TEST(ListSeatsTest, APersonOnTwoListsIsFoundByIdAndByNameAndBirthDate) {
  Contest contest{.id = "list", .kind = "party_list", .rules = PartyListRules{.seats = 5}};
  contest.options = {ListOf("a", {Person("x1"), Person("x2")}), ListOf("b", {Person("x1")})};
  std::vector<Finding> findings = FindPeopleOnTwoLists(contest);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "b");
  EXPECT_NE(findings[0].message.find("candidate 'x1' is on the list of 'a' and on the list of 'b'"), std::string::npos)
      << findings[0].message;

  Candidate again = Person("other-id");
  again.name = {.en = "Person x2"};  // the same name and birth date as a's x2
  contest.options[1].list = {again};
  findings = FindPeopleOnTwoLists(contest);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("'Person x2', born 1970-01-01, is on the list of 'a'"), std::string::npos)
      << findings[0].message;

  again.birth_date = Date{1971, 1, 1};  // a namesake: another person
  contest.options[1].list = {again};
  EXPECT_TRUE(FindPeopleOnTwoLists(contest).empty());
}

TEST(ListSeatsTest, AnOutcomeNamesTheElectedAndTheVacantSeats) {
  Contest contest{.id = "list", .kind = "party_list", .unit = "kz", .rules = PartyListRules{.seats = 5}};
  contest.options = {ListOf("a", {Person("a1"), Person("a2"), Person("a3"), Person("a4")}),
                     ListOf("b", {Person("b1")})};
  contest.options[0].list[1].withdrawn = true;
  const Election election("e", {}, kElectionDay, {{.id = "kz"}}, {{.id = "a"}, {.id = "b"}}, {contest});
  UnitCount count{.unit = "kz"};
  count.tally.votes = {600, 400};  // Hare: 3 and 2
  const std::vector<UnitCount> counts = {count};
  Result<Outcome> outcome = DecideContest(election, contest, counts);
  ASSERT_TRUE(outcome) << outcome.error().message;
  const auto& details = std::get<PartyListDetails>(outcome->details);
  ASSERT_EQ(details.seats, (std::vector<int>{3, 2}));
  EXPECT_EQ(ElectedIds(contest.options[0], details.list_seats[0]), (std::vector<std::string>{"a1", "a3", "a4"}));
  EXPECT_EQ(ElectedIds(contest.options[1], details.list_seats[1]), (std::vector<std::string>{"b1"}));
  EXPECT_EQ(details.list_seats[1].vacant, 1);
  ASSERT_EQ(outcome->notes.size(), 1u);
  EXPECT_EQ(outcome->notes[0], "b won 2 seats but has 1 candidates left on its list; 1 seat(s) stay vacant");
  EXPECT_EQ(outcome->decision, Decision::kDecided);
}

TEST(ListSeatsTest, DeputiesElectedInListOrderUnderTheQuotaFailTheChecks) {
  Contest contest{
      .id = "list", .kind = "party_list", .unit = "kz", .rules = PartyListRules{.seats = 3, .quota = ListQuota{}}};
  // The list meets 30 % (2 of 5) but its first three, who take the seats, are men.
  contest.options = {ListOf("a", {Person("a1"), Person("a2"), Person("a3"), Person("a4", 'f'), Person("a5", 'f')})};
  const Election election("e", {}, kElectionDay, {{.id = "kz"}}, {{.id = "a"}}, {contest});
  UnitCount count{.unit = "kz"};
  count.tally.votes = {1000};
  const std::vector<UnitCount> counts = {count};
  Result<Outcome> outcome = DecideContest(election, contest, counts);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_TRUE(outcome->checks_failed);
  const auto& details = std::get<PartyListDetails>(outcome->details);
  ASSERT_EQ(details.quota_findings.size(), 1u);
  EXPECT_NE(details.quota_findings[0].find("0 of 3 deputies elected in list order"), std::string::npos)
      << details.quota_findings[0];
}

}  // namespace
}  // namespace saylau::core
