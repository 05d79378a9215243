// CompactString: empty without allocating, deep copies, and the string operations the
// definition's loaders and readers use on a unit's polls_close, time_zone and map.
#include "saylau/core/compact_string.h"

#include <gtest/gtest.h>

#include <sstream>
#include <utility>
#include <vector>

#include "saylau/core/model.h"

namespace saylau::core {
namespace {

TEST(CompactStringTest, IsOnePointerAndEmptyByDefault) {
  static_assert(sizeof(CompactString) == sizeof(void*));
  const CompactString none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.view(), "");
  EXPECT_EQ(none, "");
  EXPECT_TRUE(CompactString(std::string()).empty());  // an empty text allocates nothing either
}

TEST(CompactStringTest, HoldsItsTextAndComparesWithStrings) {
  const CompactString zone = std::string("Asia/Almaty");
  EXPECT_FALSE(zone.empty());
  EXPECT_EQ(zone.size(), 11u);
  EXPECT_EQ(zone, "Asia/Almaty");
  EXPECT_EQ(zone, std::string("Asia/Almaty"));
  EXPECT_EQ(zone, std::string_view("Asia/Almaty"));
  EXPECT_NE(zone, "Asia/Aqtobe");
  EXPECT_EQ(zone.str(), "Asia/Almaty");
  const CompactString close = "20:00";
  EXPECT_EQ(close[2], ':');
  EXPECT_TRUE(close > "00:00");
  EXPECT_TRUE(close < "23:59");
  EXPECT_FALSE(close < "19:59");
  EXPECT_EQ("map '" + CompactString("m") + "'", "map 'm'");
  EXPECT_EQ(std::string("a ") + CompactString("b") + " c", "a b c");
  std::ostringstream out;
  out << zone;
  EXPECT_EQ(out.str(), "Asia/Almaty");
}

TEST(CompactStringTest, CopiesAreDeepAndMovesLeaveTheSourceEmpty) {
  CompactString original = "astana-council";
  CompactString copy = original;
  EXPECT_EQ(copy, original);
  EXPECT_NE(copy.data(), original.data());
  CompactString moved = std::move(original);
  EXPECT_EQ(moved, "astana-council");
  EXPECT_TRUE(original.empty());  // NOLINT: a moved-from CompactString is empty by contract
  copy = moved;
  const CompactString& same = copy;
  copy = same;  // self-assignment keeps the text
  EXPECT_EQ(copy, "astana-council");
  copy = "";
  EXPECT_TRUE(copy.empty());
  // Texts with zero bytes and non-ASCII are kept byte for byte.
  const std::string bytes("a\0b\xD2\x9B", 5);
  EXPECT_EQ(CompactString(bytes).view(), bytes);
}

TEST(CompactStringTest, UnitsKeepTheirFieldsThroughCopiesOfTheElection) {
  std::vector<Unit> units = {{.id = "kz", .kind = UnitKind::kCountry, .polls_close = "20:00", .time_zone = "Asia/Almaty"},
                             {.id = "s1", .parent = "kz", .kind = UnitKind::kStation},
                             {.id = "d1", .kind = UnitKind::kDistrict, .map = "m"}};
  const Election election("e", {}, {}, units, {}, {});
  const Election copy = election.WithUnits(units);
  for (const Election* e : {&election, &copy}) {
    EXPECT_EQ(e->FindUnit("kz")->polls_close, "20:00");
    EXPECT_EQ(e->FindUnit("kz")->time_zone, "Asia/Almaty");
    EXPECT_TRUE(e->FindUnit("s1")->time_zone.empty());
    EXPECT_EQ(e->FindUnit("d1")->map, "m");
  }
}

}  // namespace
}  // namespace saylau::core
