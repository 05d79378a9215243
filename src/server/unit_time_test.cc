// A unit's time zone and polls' closing time: its own, else its nearest ancestor's; a district
// of a map (outside the tree) takes the root's.
#include "unit_time.h"

#include <gtest/gtest.h>

#include "saylau/formats/definition_toml.h"

namespace saylau::server {
namespace {

constexpr const char* kDefinition = R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[maps]]
id = "smd"
name = "Districts"

[[units]]
id = "kz"
kind = "country"
name = "Country"
time_zone = "Asia/Almaty"
polls_close = "20:00"

[[units]]
id = "west"
parent = "kz"
kind = "region"
name = "West"
time_zone = "Asia/Aqtobe"
polls_close = "21:00"

[[units]]
id = "west-1"
parent = "west"
kind = "station"
name = "West 1"
districts = { smd = "d1" }

[[units]]
id = "east"
parent = "kz"
kind = "region"
name = "East"

[[units]]
id = "east-1"
parent = "east"
kind = "station"
name = "East 1"
districts = { smd = "d1" }

[[units]]
id = "d1"
map = "smd"
kind = "district"
name = "District 1"

[[parties]]
id = "a"
name = "A"

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 7
method = "hare"
options = ["a"]
)";

TEST(UnitTimeTest, AUnitKeepsItsOwnZoneOrInheritsTheNearestAncestors) {
  Result<core::Election> election = formats::ParseDefinition(kDefinition, "t.toml");
  ASSERT_TRUE(election) << election.error().message;
  const core::CountingPlan plan(*election);
  const auto zone = [&](const char* id) { return TimeZoneOf(*election, plan, plan.FindUnit(id)); };
  const auto close = [&](const char* id) { return PollsCloseOf(*election, plan, plan.FindUnit(id)); };
  EXPECT_EQ(zone("kz"), "Asia/Almaty");
  EXPECT_EQ(zone("west"), "Asia/Aqtobe");
  EXPECT_EQ(zone("west-1"), "Asia/Aqtobe");
  EXPECT_EQ(close("west-1"), "21:00");
  EXPECT_EQ(zone("east-1"), "Asia/Almaty");
  EXPECT_EQ(close("east-1"), "20:00");
  EXPECT_EQ(zone("d1"), "Asia/Almaty");
}

TEST(UnitTimeTest, NoZoneAnywhereIsEmpty) {
  Result<core::Election> election = formats::ParseDefinition(R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"

[[units]]
id = "s"
parent = "kz"
kind = "station"
name = "S"

[[parties]]
id = "a"
name = "A"

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 7
method = "hare"
options = ["a"]
)",
                                                             "t.toml");
  ASSERT_TRUE(election) << election.error().message;
  const core::CountingPlan plan(*election);
  EXPECT_EQ(TimeZoneOf(*election, plan, plan.FindUnit("s")), "");
  EXPECT_EQ(PollsCloseOf(*election, plan, plan.FindUnit("s")), "");
}

}  // namespace
}  // namespace saylau::server
