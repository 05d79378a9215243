// Tests of saylau import-contests' core: 360 generated akims added to a definition from CSV,
// and every bad row of either file named by file, line and column, with nothing written.
#include "saylau/importer/contests_import.h"

#include <gtest/gtest.h>

#include "saylau/formats/definition_toml.h"
#include "saylau/testing/akims_night.h"

namespace saylau::importer {
namespace {

core::Election Load(const std::string& text) {
  Result<core::Election> election = formats::ParseDefinitionWithoutContests(text, "night.toml");
  EXPECT_TRUE(election) << election.error().message;
  return election ? std::move(*election) : core::Election();
}

TEST(ContestsImportTest, ThreeHundredSixtyAkimsComeFromCsvInOneCall) {
  const testing::AkimsNight night = testing::GenerateAkimsNight();
  const core::Election definition = Load(night.definition);
  Result<ImportedContests> got = ImportContests(definition, night.definition, "out.toml",
                                                {night.contests, "contests.csv", night.candidates, "candidates.csv"});
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->contests, 360);
  EXPECT_EQ(got->candidates, 720);
  const core::Election imported = Load(got->definition);
  ASSERT_EQ(imported.contests().size(), 360u);
  const core::Contest* akim = imported.FindContest("akim-07-11");
  ASSERT_NE(akim, nullptr);
  EXPECT_EQ(akim->kind, "plurality");
  EXPECT_EQ(akim->body, "akims");
  EXPECT_EQ(akim->unit, "region-07-11");
  EXPECT_EQ(akim->name.ru, "Аким 07-11");
  ASSERT_EQ(akim->options.size(), 2u);
  EXPECT_EQ(akim->options[0].party, "amanat");
  EXPECT_EQ(akim->options[0].list.at(0).gender, 'f');
  EXPECT_EQ(akim->options[1].name.en, "Candidate B");
}

TEST(ContestsImportTest, NamesWithQuotesAndBackslashesSurviveTheToml) {
  const testing::AkimsNight night = testing::GenerateAkimsNight(1, 1);
  Result<ImportedContests> got =
      ImportContests(Load(night.definition), night.definition, "out.toml",
                     {"id,kind,unit,name_ru\nakim-x,plurality,region-01-01,\"Аким \"\"Сарыарка\"\" \\ 1\"\n",
                      "contests.csv", "contest,id,name_en\nakim-x,c1,\"O\"\"Brien\"\n", "candidates.csv"});
  ASSERT_TRUE(got) << got.error().message;
  const core::Election imported = Load(got->definition);
  EXPECT_EQ(imported.FindContest("akim-x")->name.ru, "Аким \"Сарыарка\" \\ 1");
  EXPECT_EQ(imported.FindContest("akim-x")->options.at(0).name.en, "O\"Brien");
  EXPECT_EQ(imported.FindContest("akim-x")->body, "akims");  // the first body by default
}

TEST(ContestsImportTest, EveryBadRowIsNamedByFileLineAndColumn) {
  const testing::AkimsNight night = testing::GenerateAkimsNight(1, 2);
  const core::Election definition = Load(night.definition);
  const std::string contests =
      "id,body,kind,unit,name_en\n"
      "akim-ok,akims,plurality,region-01-01,Fine\n"   // 2
      "akim-ok,akims,plurality,region-01-02,Again\n"  // 3: duplicate id
      "akim-2,senate,plurality,region-01-02,Body\n"   // 4: unknown body
      "akim-3,akims,party_list,region-01-02,Kind\n"   // 5: kind not imported
      "akim-4,akims,plurality,nowhere,Unit\n"         // 6: unknown unit
      "akim 5,akims,plurality,region-01-02,Id\n"      // 7: not an id
      "akim-6,akims,plurality,region-01-02,\n"        // 8: no name
      "akim-7,akims,plurality,region-01-02,No one\n"  // 9: no candidate
      "akim-8,akims,plurality\n";                     // 10: short row
  const std::string candidates =
      "contest,id,name_en,party,gender\n"
      "akim-ok,a,A,amanat,f\n"    // 2
      "akim-ok,a,A again,,m\n"    // 3: duplicate candidate
      "akim-ok,b,B,nur-otan,m\n"  // 4: unknown party
      "akim-ok,c,C,,x\n"          // 5: bad gender
      "akim-99,d,D,,\n"           // 6: unknown contest
      "akim-ok,e,,,\n";           // 7: no name
  Result<ImportedContests> got =
      ImportContests(definition, night.definition, "out.toml", {contests, "c.csv", candidates, "k.csv"});
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  const std::string& message = got.error().message;
  for (const std::string expected : {
           "c.csv:3: id: 'akim-ok' is already on line 2",
           "c.csv:4: body: 'senate' is not a body of out.toml (akims)",
           "c.csv:5: kind: 'party_list' is not a kind imported from CSV",
           "c.csv:6: unit: 'nowhere' is not a unit of out.toml",
           "c.csv:7: id:",
           "c.csv:8: name_kk: the contest needs a name",
           "c.csv:9: id: contest 'akim-7' has no candidate in k.csv",
           "c.csv:10: the row has 3 fields, the header 5",
           "k.csv:3: id: 'a' is already a candidate of contest 'akim-ok'",
           "k.csv:4: party: 'nur-otan' is not a party of out.toml",
           "k.csv:5: gender: must be f or m, got 'x'",
           "k.csv:6: contest: 'akim-99' is not a contest of c.csv",
           "k.csv:7: name_kk: the candidate needs a name",
       }) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\nin:\n" << message;
  }
  EXPECT_EQ(message.find("c.csv:2:"), std::string::npos) << message;
  EXPECT_EQ(message.find("k.csv:2:"), std::string::npos) << message;
}

TEST(ContestsImportTest, AHeaderWithoutItsColumnsOrWithStrangeOnesIsRefused) {
  const testing::AkimsNight night = testing::GenerateAkimsNight(1, 1);
  Result<ImportedContests> got =
      ImportContests(Load(night.definition), night.definition, "out.toml", {"id,kind,seats\n", "c.csv", "", "k.csv"});
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("c.csv:1: seats: unknown column"), std::string::npos) << got.error().message;
  EXPECT_NE(got.error().message.find("c.csv:1: unit: the header needs this column"), std::string::npos);
  EXPECT_NE(got.error().message.find("k.csv:1: the file is empty"), std::string::npos);
}

}  // namespace
}  // namespace saylau::importer
