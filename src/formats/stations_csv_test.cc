// Tests of the stations CSV: commissions between the definition and the stations declared as
// rows of their own (a country's territorial commissions), each before its stations.
#include "saylau/formats/stations_csv.h"

#include <gtest/gtest.h>

#include "saylau/core/counting_plan.h"
#include "saylau/formats/definition_toml.h"

namespace saylau::formats {
namespace {

core::Election Night() {
  Result<core::Election> election = LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/night.toml");
  EXPECT_TRUE(election) << election.error().message;
  return std::move(*election);
}

TEST(StationsCsvTest, ACommissionDeclaredInTheFileCarriesTheStationsBelowIt) {
  const core::Election night = Night();
  const std::string stations =
      "id,parent,registered_voters,kind,name_ru\n"
      "t1,d1,,district,ТИК 1\n"
      "t1-a,t1,700,station,\n"
      "t1-b,t1,300,,\n"
      "s9,d1,500,station,\n";
  Result<core::Election> added = AddStations(night, stations, "st.csv");
  ASSERT_TRUE(added) << added.error().message;
  const core::Unit* commission = added->FindUnit("t1");
  ASSERT_NE(commission, nullptr);
  EXPECT_EQ(commission->kind, core::UnitKind::kDistrict);
  EXPECT_EQ(commission->parent, "d1");
  EXPECT_EQ(commission->name.ru, "ТИК 1");
  EXPECT_EQ(added->FindUnit("t1-b")->kind, core::UnitKind::kStation);
  // Counted at the stations below it: the commission is not a leaf, its voters are theirs.
  const core::CountingPlan plan(*added);
  const core::GlobalUnit t1 = plan.FindUnit("t1");
  ASSERT_TRUE(t1.valid());
  EXPECT_FALSE(plan.IsLeaf(t1));
  EXPECT_EQ(plan.LeavesBelow(t1), 2);
  EXPECT_EQ(plan.VotersBelow(t1), 1000);
  EXPECT_TRUE(plan.MayActFor("t1", plan.FindUnit("t1-a")));
  EXPECT_FALSE(plan.MayActFor("t1", plan.FindUnit("s9")));
}

TEST(StationsCsvTest, ACommissionMustComeBeforeItsStationsAndAStationNeedsItsVoters) {
  const core::Election night = Night();
  const std::string stations =
      "id,parent,registered_voters,kind\n"
      "t1-a,t1,700,station\n"
      "t1,d1,,district\n"
      "s9,d1,,station\n"
      "t2,nowhere,,district\n";
  Result<core::Election> added = AddStations(night, stations, "st.csv");
  ASSERT_FALSE(added);
  const std::string& message = added.error().message;
  EXPECT_NE(message.find("st.csv:2: parent: 't1' is not a unit of the definition nor of an earlier row"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("st.csv:4: registered_voters: must be a whole number"), std::string::npos) << message;
  EXPECT_NE(message.find("st.csv:5: parent: 'nowhere'"), std::string::npos) << message;
  EXPECT_EQ(message.find("st.csv:3:"), std::string::npos) << message;  // the commission itself is fine
}

TEST(StationsCsvTest, ExtraColumnsBecomeTheUnitsAttributesInTheirOrder) {
  const core::Election night = Night();
  const std::string stations =
      "url,id,parent,registered_voters,kind,electronic\n"
      "http://cec.example/t1,t1,d1,,district,\n"
      "http://cec.example/a,t1-a,t1,700,station,yes\n"
      ",t1-b,t1,300,,no\n";
  Result<core::Election> added = AddStations(night, stations, "st.csv");
  ASSERT_TRUE(added) << added.error().message;
  using Attributes = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(added->FindUnit("t1")->attributes, (Attributes{{"url", "http://cec.example/t1"}}));
  EXPECT_EQ(added->FindUnit("t1-a")->attributes,
            (Attributes{{"url", "http://cec.example/a"}, {"electronic", "yes"}}));
  EXPECT_EQ(added->FindUnit("t1-b")->attributes, (Attributes{{"electronic", "no"}}));  // empty cells are left out
  EXPECT_TRUE(added->FindUnit("d1")->attributes.empty());
}

TEST(StationsCsvTest, AnAttributeMustBeCleanTextAndItsColumnNamedOnce) {
  const core::Election night = Night();
  Result<core::Election> bad_value =
      AddStations(night, "id,parent,registered_voters,url\ns1,d1,5,\xCF\xE5\n", "st.csv");
  ASSERT_FALSE(bad_value);
  EXPECT_NE(bad_value.error().message.find("st.csv:2: url: not UTF-8 at byte 1"), std::string::npos)
      << bad_value.error().message;
  Result<core::Election> twice = AddStations(night, "id,parent,registered_voters,url,url\ns1,d1,5,a,b\n", "st.csv");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("st.csv:1: url: the header names this column twice"), std::string::npos)
      << twice.error().message;
}

}  // namespace
}  // namespace saylau::formats
