// CompactVector: empty without allocating, grows, iterates and compares like a std::vector,
// copies deeply; and the sizes of a unit's fields that 800,000 polling stations multiply.
#include "saylau/core/compact_vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "saylau/core/model.h"

namespace saylau::core {
namespace {

using Pair = std::pair<std::string, std::string>;

TEST(CompactVectorTest, IsOnePointerAndEmptyByDefault) {
  static_assert(sizeof(CompactVector<Pair>) == sizeof(void*));
  const CompactVector<Pair> none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_TRUE(none.ToVector().empty());
  EXPECT_TRUE(CompactVector<Pair>(std::vector<Pair>{}).empty());
  int visited = 0;
  for (const Pair& item : none) visited += static_cast<int>(item.first.size()) + 1;
  EXPECT_EQ(visited, 0);
}

TEST(CompactVectorTest, GrowsAndReadsLikeAVector) {
  CompactVector<Pair> items;
  items.emplace_back("url", "https://example.kz/1");
  items.push_back({"map:council", "d-03"});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_FALSE(items.empty());
  EXPECT_EQ(items[0].first, "url");
  EXPECT_EQ(items.front().second, "https://example.kz/1");
  EXPECT_EQ(items.back(), Pair("map:council", "d-03"));
  std::vector<std::string> keys;
  for (const auto& [key, value] : items) keys.push_back(key + "=" + value);
  EXPECT_EQ(keys, (std::vector<std::string>{"url=https://example.kz/1", "map:council=d-03"}));
  EXPECT_NE(std::find(items.begin(), items.end(), Pair("map:council", "d-03")), items.end());
  EXPECT_EQ(std::find(items.begin(), items.end(), Pair("map:council", "d-04")), items.end());
  EXPECT_EQ(items.ToVector(), (std::vector<Pair>{{"url", "https://example.kz/1"}, {"map:council", "d-03"}}));
  items.clear();
  EXPECT_TRUE(items.empty());
}

TEST(CompactVectorTest, CopiesAreDeepAndCompareByContent) {
  CompactVector<Pair> original(std::vector<Pair>{{"a", "1"}});
  CompactVector<Pair> copy = original;
  EXPECT_EQ(copy, original);
  EXPECT_NE(copy.begin(), original.begin());
  copy.emplace_back("b", "2");
  EXPECT_FALSE(copy == original);
  EXPECT_EQ(original.size(), 1u);
  CompactVector<Pair> moved = std::move(copy);
  EXPECT_EQ(moved.size(), 2u);
  original = moved;
  EXPECT_EQ(original, moved);
  const CompactVector<Pair>& same = original;
  original = same;  // self-assignment keeps the items
  EXPECT_EQ(original.size(), 2u);
  // An emptied vector equals one never filled.
  CompactVector<Pair> emptied(std::vector<Pair>{{"x", "y"}});
  emptied.clear();
  EXPECT_EQ(emptied, CompactVector<Pair>());
  EXPECT_FALSE(CompactVector<Pair>() == original);
}

TEST(CompactVectorTest, AUnitStaysSmall) {
  // 800,000 polling stations: each byte of a unit is 0.8 MB of the loaded definition.
  static_assert(sizeof(Names) == 3 * sizeof(void*));
  static_assert(sizeof(UnitKind) == 1 && sizeof(Settlement) == 1);
  EXPECT_LE(sizeof(Unit), 160u);
  Unit station;
  station.name = {"№ 1 сайлау учаскесі", "Избирательный участок № 1", "Polling station No. 1"};
  EXPECT_EQ(station.name.In(Language::kRussian, "x"), "Избирательный участок № 1");
  station.name.ru = {};
  EXPECT_EQ(station.name.In(Language::kRussian, "x"), "Polling station No. 1");  // English next
  station.name = {};
  EXPECT_EQ(station.name.In(Language::kKazakh, "station-1"), "station-1");
}

}  // namespace
}  // namespace saylau::core
