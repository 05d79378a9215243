// The elected persons as the outputs write them: the outcome's "elected" (JSON), the text
// of saylau results, and the composition's persons by party (list deputies and district
// winners, the self-nominated under their own key); nothing for a contest without lists.
#include "saylau/formats/elected_deputies.h"

#include <gtest/gtest.h>

namespace saylau::formats {
namespace {

core::Candidate Person(const std::string& id, const std::string& name) { return {.id = id, .name = {.en = name}}; }

struct Night {
  core::Contest list{.id = "list", .kind = "party_list", .unit = "kz", .rules = core::PartyListRules{.seats = 5}};
  core::Contest district{.id = "d1", .kind = "single_member", .unit = "kz", .rules = core::PluralityRules{}};
  core::Contest other{.id = "d2", .kind = "single_member", .unit = "kz", .rules = core::PluralityRules{}};
  core::Outcome list_outcome, district_outcome, other_outcome;

  Night() {
    list.options = {{.id = "a", .kind = core::OptionKind::kParty, .name = {.en = "Party A"}, .party = "a"},
                    {.id = "b", .kind = core::OptionKind::kParty, .name = {.en = "Party B"}, .party = "b"}};
    list.options[0].list = {Person("a1", "Asel"), Person("a2", "Berik"), Person("a3", "Dana"), Person("a4", "Erlan")};
    list.options[0].list[1].withdrawn = true;
    list.options[1].list = {Person("b1", "Kairat")};
    district.options = {{.id = "x", .kind = core::OptionKind::kCandidate, .name = {.en = "Xenia"}, .party = "b"},
                        {.id = "y", .kind = core::OptionKind::kCandidate, .name = {.en = "Yerlan"}}};
    other.options = district.options;
    const core::Election election("e", {}, {2023, 3, 19}, {{.id = "kz"}}, {{.id = "a"}, {.id = "b"}},
                                  {list, district, other});
    core::UnitCount count{.unit = "kz"};
    count.tally.votes = {600, 400};  // Hare: 3 and 2
    list_outcome = *core::DecideContest(election, list, std::vector<core::UnitCount>{count});
    count.tally.votes = {10, 5};
    district_outcome = *core::DecideContest(election, district, std::vector<core::UnitCount>{count});
    count.tally.votes = {5, 10};
    other_outcome = *core::DecideContest(election, other, std::vector<core::UnitCount>{count});
  }
};

TEST(ElectedDeputiesTest, JsonNamesThePersonsInListOrderAndTheVacantSeat) {
  const Night night;
  const auto& details = std::get<core::PartyListDetails>(night.list_outcome.details);
  const nlohmann::json elected = ElectedToJson(night.list, details);
  ASSERT_EQ(elected.size(), 2u);
  EXPECT_EQ(elected[0]["option"], "a");
  EXPECT_EQ(elected[0]["seats"], 3);
  EXPECT_EQ(elected[0]["vacant"], 0);
  ASSERT_EQ(elected[0]["candidates"].size(), 3u);
  EXPECT_EQ(elected[0]["candidates"][1]["id"], "a3");
  EXPECT_EQ(elected[0]["candidates"][1]["list_position"], 3);
  EXPECT_EQ(elected[0]["candidates"][1]["name"]["en"], "Dana");
  EXPECT_FALSE(elected[0]["candidates"][1].contains("placeholder"));
  EXPECT_EQ(elected[1]["vacant"], 1);
}

TEST(ElectedDeputiesTest, TextListsEachPartysDeputies) {
  const Night night;
  const std::string text =
      ElectedToText(night.list, std::get<core::PartyListDetails>(night.list_outcome.details), core::Language::kEnglish);
  EXPECT_EQ(text,
            "  elected deputies:\n"
            "    Party A (3 seats, in list order):\n"
            "        1. Asel (a1)\n"
            "        3. Dana (a3)\n"
            "        4. Erlan (a4)\n"
            "    Party B (2 seats, in list order):\n"
            "        1. Kairat (b1)\n"
            "      1 seat(s) vacant: no candidate left on the list\n");
}

TEST(ElectedDeputiesTest, AContestWithoutListsNamesNobody) {
  Night night;
  for (core::Option& option : night.list.options) option.list.clear();
  const core::Election election("e", {}, {2023, 3, 19}, {{.id = "kz"}}, {{.id = "a"}, {.id = "b"}}, {night.list});
  core::UnitCount count{.unit = "kz"};
  count.tally.votes = {600, 400};
  const core::Outcome outcome = *core::DecideContest(election, night.list, std::vector<core::UnitCount>{count});
  const auto& details = std::get<core::PartyListDetails>(outcome.details);
  EXPECT_TRUE(ElectedToJson(night.list, details).empty());
  EXPECT_EQ(ElectedToText(night.list, details, core::Language::kEnglish), "");
  EXPECT_TRUE(outcome.notes.empty());
}

TEST(ElectedDeputiesTest, TheCompositionNamesListDeputiesAndDistrictWinnersByParty) {
  const Night night;
  const std::vector<core::ContestOutcome> contests = {{&night.list, &night.list_outcome},
                                                      {&night.district, &night.district_outcome},
                                                      {&night.other, &night.other_outcome}};
  const nlohmann::json by_party = ElectedByPartyJson(contests);
  ASSERT_EQ(by_party["a"].size(), 3u);
  EXPECT_EQ(by_party["a"][2]["id"], "a4");
  EXPECT_EQ(by_party["a"][2]["contest"], "list");
  EXPECT_EQ(by_party["a"][2]["list_position"], 4);
  ASSERT_EQ(by_party["b"].size(), 2u);  // b1 from the list, Xenia from d1
  EXPECT_EQ(by_party["b"][1]["id"], "x");
  EXPECT_EQ(by_party["b"][1]["contest"], "d1");
  EXPECT_FALSE(by_party["b"][1].contains("list_position"));
  ASSERT_EQ(by_party[core::kSelfNominated].size(), 1u);
  EXPECT_EQ(by_party[core::kSelfNominated][0]["name"]["en"], "Yerlan");
  // An undecided contest names nobody.
  const core::Outcome open{.contest = "list", .decision = core::Decision::kNoCounts};
  const std::vector<core::ContestOutcome> undecided = {{&night.list, &open}};
  EXPECT_TRUE(ElectedByPartyJson(undecided).empty());
}

}  // namespace
}  // namespace saylau::formats
