// Party lists in a definition: candidates in list order with the quota's attributes and
// withdrawals; the law's checks (list length, the 30 % quota, a person on two lists, a
// withdrawn deputy) refused at the list's line naming the party and the rule.
#include <gtest/gtest.h>

#include <algorithm>

#include "saylau/formats/definition_toml.h"

namespace saylau::formats {
namespace {

constexpr const char* kHead = R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"

[[parties]]
id = "a"
name = "A"

[[parties]]
id = "b"
name = "B"

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
method = "hare"
options = ["a", "b"]
list_quota = { share_percent = 30 }
)";

// `count` candidates of party `party` (ids party1, party2 ...), every third a woman.
std::string ListOf(const std::string& party, int count, const std::string& extra = "") {
  std::string text = "\n[[contests.lists]]\nparty = \"" + party + "\"\n";
  for (int i = 1; i <= count; ++i) {
    const std::string id = party + std::to_string(i);
    text += "[[contests.lists.candidates]]\nid = \"" + id + "\"\nname = \"Person " + id + "\"\ngender = \"" +
            (i % 3 == 1 ? "f" : "m") + "\"\nbirth_date = 1970-01-01\n";
    if (i == 1) text += extra;
  }
  return text;
}

std::string Definition(int seats, const std::string& rules, const std::string& lists) {
  return std::string(kHead) + "seats = " + std::to_string(seats) + "\n" + rules + lists;
}

int LineOf(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  return at == std::string::npos ? -1 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

TEST(DefinitionListsTest, ReadsCandidatesInListOrderWithWithdrawals) {
  const std::string text = Definition(5, "", ListOf("a", 4, "withdrawn = true\n") + R"(
[[contests.lists]]
party = "b"
[[contests.lists.candidates]]
id = "b1"
name = { kk = "Бір", ru = "Один", en = "One" }
gender = "m"
birth_date = 2000-05-01
disability = true
withdrawn = 2023-03-25
[[contests.lists.candidates]]
id = "b2"
name = "Two"
gender = "f"
birth_date = 1980-01-01
)");
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_TRUE(got) << got.error().message;
  const core::Contest& contest = got->contests().at(0);
  const core::Option& a = contest.options.at(0);
  ASSERT_EQ(a.list.size(), 4u);
  EXPECT_EQ(a.list[0].id, "a1");
  EXPECT_TRUE(a.list[0].withdrawn);
  EXPECT_FALSE(a.list[0].withdrawn_on);
  EXPECT_EQ(a.list[3].id, "a4");
  EXPECT_FALSE(a.list[3].withdrawn);
  const core::Candidate& b1 = contest.options.at(1).list.at(0);
  EXPECT_EQ(b1.name.ru, "Один");
  EXPECT_EQ(b1.birth_date, (core::Date{2000, 5, 1}));
  EXPECT_EQ(b1.disability, true);
  EXPECT_TRUE(b1.withdrawn);
  EXPECT_EQ(b1.withdrawn_on, (core::Date{2023, 3, 25}));
}

TEST(DefinitionListsTest, AListLongerThanTheLawAllowsIsRefusedNamingThePartyAndTheRule) {
  const std::string rules = "list_length = { seats_plus_percent = 30 }\n";
  const std::string text = Definition(69, rules, ListOf("a", 120));
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  // At the list's candidates (their first line).
  const std::string where =
      "t.toml:" + std::to_string(LineOf(text, "[[contests.lists.candidates]]\nid = \"a1\"")) + ": candidates: ";
  EXPECT_NE(got.error().message.find(where + "list length: the list of 'a' has 120 candidates; the law allows at "
                                             "most 90 (69 seats + 30 %, rounded up)"),
            std::string::npos)
      << got.error().message;
  // 90 names are allowed; without the rule, 120 are too.
  EXPECT_TRUE(ParseDefinition(Definition(69, rules, ListOf("a", 90)), "t.toml"));
  EXPECT_TRUE(ParseDefinition(Definition(69, "", ListOf("a", 120)), "t.toml"));
}

TEST(DefinitionListsTest, AListUnderTheQuotaIsRefusedWithTheNumbersNeeded) {
  // 11 names, every third a woman: 4 women (1, 4, 7, 10) meet ceil(30 % of 11) = 4.
  EXPECT_TRUE(ParseDefinition(Definition(10, "", ListOf("a", 11)), "t.toml"));
  // 12 names whose 10th is a man: 3 women, ceil(3.6) = 4 needed.
  std::string list = ListOf("a", 12);
  const std::size_t tenth = list.find("id = \"a10\"");
  list.replace(list.find("gender = \"f\"", tenth), 12, "gender = \"m\"");
  Result<core::Election> got = ParseDefinition(Definition(10, "", list), "t.toml");
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("candidates: list quota: the list of 'a' has 3 of 12 candidates who are women, "
                                     "under 29 or have a disability (each person counted once); at least 4 (30 %, "
                                     "rounded up) are required"),
            std::string::npos)
      << got.error().message;
}

TEST(DefinitionListsTest, APersonOnTwoListsIsRefusedAtTheSecondList) {
  std::string b = ListOf("b", 3);
  b.replace(b.find("id = \"b2\""), 9, "id = \"a2\"");
  const std::string text = Definition(5, "", ListOf("a", 3) + b);
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_FALSE(got);
  const std::string where =
      "t.toml:" + std::to_string(LineOf(text, "[[contests.lists.candidates]]\nid = \"b1\"")) + ": candidates: ";
  EXPECT_NE(got.error().message.find(where + "a person on two lists: candidate 'a2' is on the list of 'a' and on "
                                             "the list of 'b'"),
            std::string::npos)
      << got.error().message;
}

TEST(DefinitionListsTest, AWithdrawalMustBeTrueFalseOrADate) {
  for (const std::string value : {"\"yes\"", "3", "2023-03-25T10:00:00"}) {
    Result<core::Election> got =
        ParseDefinition(Definition(5, "", ListOf("a", 3, "withdrawn = " + value + "\n")), "t.toml");
    ASSERT_FALSE(got) << value;
    EXPECT_NE(got.error().message.find("withdrawn: candidate 'a1': must be true, false or the date of withdrawal"),
              std::string::npos)
        << value << ": " << got.error().message;
  }
}

TEST(DefinitionListsTest, AWithdrawnCandidateCannotBeANamedDeputy) {
  const std::string lists = ListOf("a", 3, "withdrawn = 2023-03-01\n") + "named_deputies = [\"a1\"]\n";
  // named_deputies belongs to the list table: put it before the candidates.
  std::string text = Definition(5, "", lists);
  text.erase(text.find("named_deputies = [\"a1\"]\n"), 24);
  text.insert(text.find("party = \"a\"\n") + 12, "named_deputies = [\"a1\"]\n");
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("named_deputies: 'a1' is named a deputy of 'a' but has withdrawn from the list"),
            std::string::npos)
      << got.error().message;
}

TEST(DefinitionListsTest, OnlyAListsCandidatesCanBeWithdrawn) {
  const std::string text = std::string(kHead).substr(0, std::string(kHead).find("[[contests]]")) + R"([[contests]]
id = "d1"
kind = "single_member"
name = "District 1"
unit = "kz"
[[contests.candidates]]
id = "x"
name = "X"
withdrawn = true
[[contests.candidates]]
id = "y"
name = "Y"
)";
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_FALSE(got);
  EXPECT_NE(
      got.error().message.find("withdrawn: candidate 'x': only a party list's candidates can be marked withdrawn"),
      std::string::npos)
      << got.error().message;
}

TEST(DefinitionListsTest, AListLengthRuleMustBeAPercentage) {
  for (const std::string rule :
       {"list_length = { seats_plus_percent = -5 }", "list_length = { seats_plus_percent = \"x\" }",
        "list_length = { seats_plus = 30 }", "list_length = 30"}) {
    Result<core::Election> got = ParseDefinition(Definition(5, rule + "\n", ListOf("a", 3)), "t.toml");
    ASSERT_FALSE(got) << rule;
    EXPECT_NE(got.error().message.find("t.toml:"), std::string::npos) << got.error().message;
  }
}

}  // namespace
}  // namespace saylau::formats
