// Tests of bodies and district maps in a definition (issue 19): each contest's body, a map's
// districts outside the commission tree, stations naming their district of each map (in the
// TOML or the stations CSV), how contests in those districts are counted, and what is refused.
#include <gtest/gtest.h>

#include "saylau/core/counting_plan.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"

namespace saylau::formats {
namespace {

const std::string kGood = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";

core::Election CalendarNight() {
  Result<core::Election> election = LoadDefinition(kGood + "calendar-night.toml");
  EXPECT_TRUE(election) << election.error().message;
  Result<std::string> stations = ReadFile(kGood + "calendar-night-stations.csv");
  EXPECT_TRUE(stations);
  Result<core::Election> added = AddStations(*election, *stations, "calendar-night-stations.csv");
  EXPECT_TRUE(added) << added.error().message;
  return std::move(*added);
}

TEST(DefinitionBodiesTest, EachContestFillsItsOwnBody) {
  const core::Election night = CalendarNight();
  ASSERT_EQ(night.bodies().size(), 4u);
  EXPECT_EQ(night.bodies()[1].id, "astana-maslikhat");
  EXPECT_EQ(night.bodies()[1].kind, core::BodyKind::kCouncil);
  EXPECT_EQ(night.bodies()[3].kind, core::BodyKind::kAkim);
  EXPECT_EQ(night.bodies()[1].name.en, "Astana city maslikhat");
  EXPECT_EQ(night.FindContest("mazhilis-list")->body, "mazhilis");
  EXPECT_EQ(night.FindContest("astana-c-2")->body, "astana-maslikhat");
  EXPECT_EQ(night.FindContest("akim-botakara")->body, "akims");
  EXPECT_EQ(night.FindBody("nowhere"), nullptr);
}

TEST(DefinitionBodiesTest, WithoutBodiesEveryContestIsInTheElectionsOneChamber) {
  Result<core::Election> night = LoadDefinition(kGood + "night.toml");
  ASSERT_TRUE(night) << night.error().message;
  ASSERT_EQ(night->bodies().size(), 1u);
  EXPECT_EQ(night->bodies()[0].id, "night");
  EXPECT_EQ(night->bodies()[0].kind, core::BodyKind::kChamber);
  for (const core::Contest& contest : night->contests()) EXPECT_EQ(contest.body, "night") << contest.id;
}

TEST(DefinitionBodiesTest, StationsNameTheirDistrictOfEachMapInTheStationsFile) {
  const core::Election night = CalendarNight();
  ASSERT_EQ(night.maps().size(), 2u);
  EXPECT_EQ(night.maps()[0].id, "astana-council");
  const core::Unit* district = night.FindUnit("astana-c-1");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(district->map, "astana-council");
  EXPECT_TRUE(district->parent.empty());
  const core::Unit* station = night.FindUnit("as-3");
  ASSERT_NE(station, nullptr);
  EXPECT_EQ(station->parent, "astana-2");
  ASSERT_EQ(station->districts.size(), 1u);
  EXPECT_EQ(station->districts[0], (std::pair<std::string, std::string>{"astana-council", "astana-c-1"}));
  EXPECT_TRUE(night.FindUnit("kr-1")->districts.empty());   // an empty cell: not in that map's area
  EXPECT_TRUE(night.FindUnit("as-3")->attributes.empty());  // a map column is not an attribute
}

TEST(DefinitionBodiesTest, AContestInAMapDistrictCountsItsStationsAcrossTheTree) {
  const core::Election night = CalendarNight();
  const core::CountingPlan plan(night);
  const core::ContestPlan& council = plan.contest(plan.FindContest("astana-c-1"));
  // The district, then its stations: as-1 (Mazhilis district astana-1) and as-3 (astana-2).
  ASSERT_EQ(council.units.size(), 3u);
  EXPECT_EQ(night.units()[council.units[0]].id, "astana-c-1");
  EXPECT_EQ(night.units()[council.units[1]].id, "as-1");
  EXPECT_EQ(night.units()[council.units[2]].id, "as-3");
  EXPECT_EQ(council.parent, (std::vector<int>{-1, 0, 0}));
  EXPECT_EQ(council.counting, (std::vector<bool>{false, true, true}));
  EXPECT_EQ(plan.LeavesBelow(council.GlobalOf(core::LocalUnit(0))), 2);
  EXPECT_EQ(plan.VotersBelow(council.GlobalOf(core::LocalUnit(0))), 2000);
  EXPECT_FALSE(council.LocalOf(plan.FindUnit("as-2")).valid());
  // The tree is as before: the district is nobody's parent and adds nothing to the country.
  EXPECT_EQ(plan.LeavesBelow(plan.FindUnit("kz")), 10);
  EXPECT_EQ(plan.VotersBelow(plan.FindUnit("kz")), 8000);
  EXPECT_EQ(plan.LeavesBelow(plan.contest(plan.FindContest("mazhilis-list")).GlobalOf(core::LocalUnit(0))), 10);
  EXPECT_EQ(plan.contest(plan.FindContest("mazhilis-list")).units.size(), 23u);  // the tree: 1 + 4 + 5 + 3 + 10
  EXPECT_EQ(plan.Parent(plan.FindUnit("as-3")), plan.FindUnit("astana-2"));
  EXPECT_EQ(plan.LeavesBelow(plan.FindUnit("astana-c-2")), 2);
  EXPECT_FALSE(plan.IsLeaf(plan.FindUnit("astana-c-1")));
  // Who may submit stays the tree's commissions, never a map's district.
  EXPECT_TRUE(plan.MayActFor("astana-2", plan.FindUnit("as-3")));
  EXPECT_FALSE(plan.MayActFor("astana-c-1", plan.FindUnit("as-3")));
  // At as-1: the Mazhilis list and district, the Astana list and its council district.
  EXPECT_EQ(plan.ContestsAt(plan.FindUnit("as-1")).size(), 4u);
  EXPECT_EQ(plan.ContestsAt(plan.FindUnit("kr-2")).size(), 2u);
}

constexpr const char* kHeader = R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"

[[units]]
id = "s1"
parent = "kz"
kind = "station"
name = "Station"
)";

// A contest with `extra` keys after its unit.
std::string Contest(const std::string& extra = "") {
  return "\n[[contests]]\nid = \"akim\"\nkind = \"plurality\"\nname = \"Akim\"\nunit = \"kz\"\n" + extra +
         "\n[[contests.candidates]]\nid = \"x\"\nname = \"X\"\n";
}
const std::string kContest = Contest();

std::string Refusal(const std::string& text) {
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  EXPECT_FALSE(got);
  if (got) return "";
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  return got.error().message;
}

TEST(DefinitionBodiesTest, HostileBodiesAreRefusedAtTheirLine) {
  const std::string bodies = R"(
[[bodies]]
id = "akims"
name = "Akims"
kind = "akim"
)";
  EXPECT_NE(Refusal(std::string(kHeader) + bodies + Contest("body = \"council\"\n"))
                .find("t.toml:27: body: contest 'akim' names an unknown body 'council' (bodies: akims)"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + Contest("body = \"akims\"\n"))
                .find("names body 'akims', but the definition has no [[bodies]]"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + bodies + bodies + kContest)
                .find("t.toml:23: id: duplicate body id 'akims' (first defined on line 17)"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + "\n[[bodies]]\nid = \"b\"\nname = \"B\"\nkind = \"senate\"\n" + kContest)
                .find("t.toml:20: kind: unknown body kind 'senate' (chamber, council, akim, office)"),
            std::string::npos);
  EXPECT_NE(
      Refusal(std::string(kHeader) + "\n[[bodies]]\nid = \"b\"\nname = \"B\"\nkind = \"akim\"\nseats = 3\n" + kContest)
          .find("unknown key in [[bodies]]"),
      std::string::npos);
}

TEST(DefinitionBodiesTest, HostileMapsAreRefusedAtTheirLine) {
  const std::string map = "\n[[maps]]\nid = \"m\"\nname = \"M\"\n";
  const std::string district = "\n[[units]]\nid = \"d1\"\nmap = \"m\"\nkind = \"district\"\nname = \"D1\"\n";
  // A district with a parent.
  EXPECT_NE(Refusal(std::string(kHeader) + map +
                    "\n[[units]]\nid = \"d1\"\nparent = \"kz\"\nmap = \"m\"\nkind = "
                    "\"district\"\nname = \"D1\"\n" +
                    kContest)
                .find("t.toml:23: parent: unit 'd1' is a district of map 'm': a map's districts stand outside the "
                      "commission tree and have no parent"),
            std::string::npos);
  // A district of a map that is not declared.
  EXPECT_NE(Refusal(std::string(kHeader) + district + kContest)
                .find("t.toml:19: map: unit 'd1' is a district of map 'm', which is not among the [[maps]]"),
            std::string::npos);
  // A station naming an unknown map, or a unit that is not a district of that map.
  const std::string station = "\n[[units]]\nid = \"s2\"\nparent = \"kz\"\nkind = \"station\"\nname = \"S2\"\n";
  EXPECT_NE(Refusal(std::string(kHeader) + map + district + station + "districts = { other = \"d1\" }\n" + kContest)
                .find("districts.other: unit 's2' names an unknown map 'other'"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + map + district + station + "districts = { m = \"kz\" }\n" + kContest)
                .find("districts.m: unit 's2': 'kz' is not a district of map 'm'"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + map + district + station + "districts = { m = 7 }\n" + kContest)
                .find("districts.m: must be a district's id (a string)"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + map + district + station + "districts = \"d1\"\n" + kContest)
                .find("districts: must be a table of map id = district id"),
            std::string::npos);
  // Only stations belong to districts; a station is not placed under a district by nesting.
  EXPECT_NE(Refusal(std::string(kHeader) + map + district +
                    "\n[[units]]\nid = \"r\"\nparent = \"kz\"\nkind = \"region\"\nname = \"R\"\ndistricts = { m = "
                    "\"d1\" }\n\n[[units]]\nid = \"s3\"\nparent = \"r\"\nkind = \"station\"\nname = \"S3\"\n" +
                    kContest)
                .find("districts: unit 'r' is not a polling station; only stations belong to the districts of a map"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kHeader) + map + district +
                    "\n[[units]]\nid = \"s4\"\nparent = \"d1\"\nkind = "
                    "\"station\"\nname = \"S4\"\n" +
                    kContest)
                .find("parent: unit 's4' has district 'd1' of map 'm' as its parent; a station names its district "
                      "with districts = { m = \"d1\" }"),
            std::string::npos);
  // Well-formed, the same pieces load.
  Result<core::Election> good = ParseDefinition(
      std::string(kHeader) + map + district + station + "districts = { m = \"d1\" }\n" + kContest, "t.toml");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->FindUnit("s2")->districts.size(), 1u);
}

TEST(DefinitionBodiesTest, HostileMapColumnsOfTheStationsFileAreRefusedAtTheirLine) {
  Result<core::Election> night = LoadDefinition(kGood + "calendar-night.toml");
  ASSERT_TRUE(night) << night.error().message;
  const auto refusal = [&](const std::string& text) {
    Result<core::Election> got = AddStations(*night, text, "st.csv");
    EXPECT_FALSE(got);
    return got ? std::string() : got.error().message;
  };
  EXPECT_NE(refusal("id,parent,registered_voters,map:senate\ns1,astana-1,10,x\n")
                .find("st.csv:1: map:senate: 'senate' is not a map of the definition ([[maps]])"),
            std::string::npos);
  const std::string bad = refusal(
      "id,parent,registered_voters,kind,map:astana-council\n"
      "s1,astana-1,10,,astana-c-1\n"
      "s2,astana-1,10,,almaty-c-1\n"
      "s3,astana-1,10,,astana-1\n"
      "t1,astana-1,,district,astana-c-2\n");
  EXPECT_NE(bad.find("st.csv:3: map:astana-council: 'almaty-c-1' is not a district of map 'astana-council'"),
            std::string::npos)
      << bad;
  EXPECT_NE(bad.find("st.csv:4: map:astana-council: 'astana-1' is not a district of map 'astana-council'"),
            std::string::npos)
      << bad;
  EXPECT_NE(bad.find("st.csv:5: map:astana-council: only polling stations belong to the districts of a map"),
            std::string::npos)
      << bad;
  EXPECT_EQ(bad.find("st.csv:2:"), std::string::npos) << bad;
}

}  // namespace
}  // namespace saylau::formats
