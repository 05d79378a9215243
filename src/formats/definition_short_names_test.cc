// A party's `short_name`: one string for every language, or a table { kk, ru, en } (the
// dashboard shows the page's language; the CLI and the open data the English one). A language
// left out takes the short name the CLI shows.
#include <gtest/gtest.h>

#include "saylau/formats/definition_toml.h"

namespace saylau::formats {
namespace {

std::string WithParty(const std::string& short_name) {
  return R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"

[[parties]]
id = "a"
name = { kk = "«Ауыл» партиясы", ru = "Партия «Ауыл»", en = "Auyl party" }
)" + short_name + R"(

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 7
method = "hare"
options = ["a"]
)";
}

TEST(DefinitionShortNamesTest, AStringIsEveryLanguagesATableEachOnes) {
  Result<core::Election> one = ParseDefinition(WithParty(R"(short_name = "AMANAT")"), "t.toml");
  ASSERT_TRUE(one) << one.error().message;
  const core::Party& amanat = one->parties().at(0);
  EXPECT_EQ(amanat.short_name, "AMANAT");
  EXPECT_EQ(amanat.short_names.kk, "AMANAT");
  EXPECT_EQ(amanat.short_names.ru, "AMANAT");
  Result<core::Election> each = ParseDefinition(WithParty(R"(short_name = { kk = "Ауыл", ru = "Ауыл", en = "Auyl" })"), "t.toml");
  ASSERT_TRUE(each) << each.error().message;
  EXPECT_EQ(each->parties().at(0).short_name, "Auyl");
  EXPECT_EQ(each->parties().at(0).short_names.kk, "Ауыл");
  Result<core::Election> no_en = ParseDefinition(WithParty(R"(short_name = { ru = "НПК" })"), "t.toml");
  ASSERT_TRUE(no_en) << no_en.error().message;
  EXPECT_EQ(no_en->parties().at(0).short_name, "НПК");
  EXPECT_EQ(no_en->parties().at(0).short_names.kk, "НПК");
  Result<core::Election> none = ParseDefinition(WithParty(""), "t.toml");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(none->parties().at(0).short_name, "");
}

TEST(DefinitionShortNamesTest, HostileShortNamesAreRefusedAtTheirLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"(short_name = { de = "A" })", "t.toml:14: short_name"},
      {R"(short_name = { kk = 5 })", "t.toml:14: kk: must be a string"},
      {R"(short_name = {})", "t.toml:14: short_name: needs at least one of kk, ru, en"},
      {"short_name = 7", "t.toml:14: short_name: must be a string or a table"},
      {"short_name = \"A\\u0007B\"", "t.toml:14: short_name"},
  };
  for (const auto& [line, expected] : cases) {
    Result<core::Election> got = ParseDefinition(WithParty(line), "t.toml");
    ASSERT_FALSE(got) << line;
    EXPECT_NE(got.error().message.find(expected), std::string::npos) << line << " gave " << got.error().message;
  }
}

}  // namespace
}  // namespace saylau::formats
