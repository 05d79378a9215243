// The search index alone: folding (Latin, Cyrillic and Kazakh capitals, ё, spaces), ranking
// (an exact id before a prefix before a match inside), the limit, candidates with their contest.
#include "search_index.h"

#include <gtest/gtest.h>

#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::server {
namespace {

std::vector<std::string> Ids(const SearchFound& found) {
  std::vector<std::string> ids;
  for (const SearchEntry* entry : found.entries) ids.push_back(entry->id);
  return ids;
}

// The fixture with Region 1 named in Kazakh and Russian, and a station with an address.
core::Election NamedElection() {
  std::string text = testing::FixtureDefinitionText();
  const std::string english = R"(name = { en = "Region 1" })";
  text.replace(text.find(english), english.size(),
               R"(name = { en = "Abai Region", ru = "Абайская область", kk = "Абай облысы" })");
  Result<core::Election> definition = formats::ParseDefinition(text, "night.toml");
  if (!definition) throw std::runtime_error(definition.error().message);
  Result<core::Election> election = formats::AddStations(
      *definition,
      "id,parent,registered_voters,settlement,name_en,name_ru,address\n"
      "s1,d1,1000,urban,Station 1,Участок 1,\"ул. Ёлочная, 5\"\n"
      "s2,d1,1000,rural,Station 2,Участок 2,\n"
      "s12,r2,1000,rural,Station 12,Участок 12,\n",
      "night-stations.csv");
  if (!election) throw std::runtime_error(election.error().message);
  return std::move(*election);
}

TEST(FoldForSearchTest, FoldsCaseOfLatinCyrillicAndKazakhLettersAndSpaces) {
  EXPECT_EQ(FoldForSearch("  ABAI   Region "), "abai region");
  EXPECT_EQ(FoldForSearch("АБАЙСКАЯ"), "абайская");
  EXPECT_EQ(FoldForSearch("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
  EXPECT_EQ(FoldForSearch("Ёлочная"), "елочная");
  EXPECT_EQ(FoldForSearch("ÀÉ×"), "àé×");  // × is not a letter
  EXPECT_EQ(FoldForSearch("🗳 ✓"), "🗳 ✓");  // what it does not know passes through
  EXPECT_EQ(FoldForSearch(" \t\n"), "");
}

TEST(SearchIndexTest, FindsUnitsByIdOrNameInAnyLanguage) {
  const SearchIndex index(NamedElection());
  EXPECT_EQ(Ids(index.Find("абай", 10)), std::vector<std::string>{"r1"});
  EXPECT_EQ(Ids(index.Find("ОБЛЫСЫ", 10)), std::vector<std::string>{"r1"});
  EXPECT_EQ(Ids(index.Find("abai region", 10)), std::vector<std::string>{"r1"});
  EXPECT_EQ(Ids(index.Find("елочная", 10)), std::vector<std::string>{"s1"});  // the address, ё as е
  EXPECT_TRUE(index.Find("no such place", 10).entries.empty());
  EXPECT_TRUE(index.Find("", 10).entries.empty());
}

TEST(SearchIndexTest, AnExactIdComesBeforePrefixesAndMatchesInside) {
  const SearchIndex index(NamedElection());
  // "s1" is s1's id; "Station 1" and "Station 12" start with... neither; s12's id starts with it.
  const std::vector<std::string> ids = Ids(index.Find("s1", 10));
  ASSERT_GE(ids.size(), 2u);
  EXPECT_EQ(ids[0], "s1");
  EXPECT_EQ(ids[1], "s12");
  // "Station 1" equals s1's English name; "Station 12" only starts with it.
  EXPECT_EQ(Ids(index.Find("station 1", 10)), (std::vector<std::string>{"s1", "s12"}));
  const SearchFound stations = index.Find("station", 10);
  EXPECT_EQ(Ids(stations), (std::vector<std::string>{"s1", "s2", "s12"}));
  EXPECT_EQ(stations.entries[0]->kind, SearchEntry::Kind::kStation);
  EXPECT_EQ(stations.entries[0]->parent, "d1");
}

TEST(SearchIndexTest, TheLimitCutsAndSaysSo) {
  const SearchIndex index(NamedElection());
  const SearchFound two = index.Find("station", 2);
  EXPECT_EQ(Ids(two), (std::vector<std::string>{"s1", "s2"}));
  EXPECT_TRUE(two.truncated);
  EXPECT_FALSE(index.Find("station", 3).truncated);
}

TEST(SearchIndexTest, FindsCandidatesWithTheirContest) {
  const SearchIndex index(testing::FixtureElection());
  const SearchFound found = index.Find("candidate y", 10);
  ASSERT_EQ(found.entries.size(), 1u);
  EXPECT_EQ(found.entries[0]->kind, SearchEntry::Kind::kCandidate);
  EXPECT_EQ(found.entries[0]->id, "y");
  EXPECT_EQ(found.entries[0]->contest, "seat");
  EXPECT_EQ(found.entries[0]->list_position, 0);
  EXPECT_EQ(index.KindName(found.entries[0]->kind), "candidate");
}

}  // namespace
}  // namespace saylau::server
