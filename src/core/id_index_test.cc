// IdIndex: positions by id without copies of the ids; the first of a repeated id wins; the
// table grows as ids are added; Election's unit lookups go through it.
#include "saylau/core/id_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "saylau/core/model.h"

namespace saylau::core {
namespace {

TEST(IdIndexTest, FindsEveryIdAndNothingElse) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) ids.push_back("station-" + std::to_string(i));
  const auto id_of = [&ids](std::size_t at) -> const std::string& { return ids[at]; };
  IdIndex index;
  index.Build(ids.size(), id_of);
  EXPECT_EQ(index.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(index.Find(ids[i], id_of), static_cast<int>(i)) << ids[i];
  EXPECT_EQ(index.Find("station-20000", id_of), -1);
  EXPECT_EQ(index.Find("", id_of), -1);
  EXPECT_EQ(index.Find("station-1 ", id_of), -1);
  EXPECT_EQ(IdIndex().Find("station-1", id_of), -1);  // an empty index finds nothing
}

TEST(IdIndexTest, ARepeatedIdKeepsItsFirstPosition) {
  const std::vector<std::string> ids = {"a", "b", "a", "c", "b"};
  const auto id_of = [&ids](std::size_t at) -> const std::string& { return ids[at]; };
  IdIndex index;
  index.Build(ids.size(), id_of);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Find("a", id_of), 0);
  EXPECT_EQ(index.Find("b", id_of), 1);
  EXPECT_EQ(index.Find("c", id_of), 3);
}

TEST(IdIndexTest, InsertGrowsTheTableAndRefusesAnIndexedId) {
  std::vector<std::string> ids;
  const auto id_of = [&ids](std::size_t at) -> const std::string& { return ids[at]; };
  IdIndex index;
  for (int i = 0; i < 5000; ++i) {
    ids.push_back(std::to_string(i * 7919));
    ASSERT_TRUE(index.Insert(ids.size() - 1, id_of));
    ASSERT_EQ(index.Find(ids.back(), id_of), i);
  }
  ids.push_back("0");  // the id of position 0 again
  EXPECT_FALSE(index.Insert(ids.size() - 1, id_of));
  EXPECT_EQ(index.Find("0", id_of), 0);
  EXPECT_EQ(index.size(), 5000u);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(index.Find(std::to_string(i * 7919), id_of), i);
}

TEST(IdIndexTest, ElectionFindsItsUnitsAfterCopiesAndMoves) {
  std::vector<Unit> units = {{.id = "kz"}};
  for (int i = 0; i < 1000; ++i) units.push_back({.id = "s" + std::to_string(i), .parent = "kz"});
  Election election("e", {}, {}, units, {}, {});
  const Election copy = election;
  const Election moved = std::move(election);
  const Election with = moved.WithUnits({units[0], units[500]});
  for (const Election* e : {&copy, &moved}) {
    EXPECT_EQ(e->UnitIndex("kz"), 0);
    EXPECT_EQ(e->UnitIndex("s999"), 1000);
    EXPECT_EQ(e->FindUnit("s10")->parent, "kz");
    EXPECT_EQ(e->FindUnit("s1000"), nullptr);
  }
  EXPECT_EQ(with.UnitIndex("s499"), 1);
  EXPECT_EQ(with.UnitIndex("s10"), -1);
  EXPECT_TRUE(with.IsWithin("s499", "kz"));
}

// UnitIndex tries the unit after the last one found first: the answers stay the index's, in
// order, backwards, interleaved with another election's, and with a repeated id.
TEST(IdIndexTest, ElectionUnitLookupsInAnyOrderGiveTheIndexsAnswer) {
  std::vector<Unit> units = {{.id = "kz"}};
  for (int i = 0; i < 300; ++i) units.push_back({.id = "s" + std::to_string(i), .parent = "kz"});
  const Election election("e", {}, {}, units, {}, {});
  std::vector<Unit> reversed(units.rbegin(), units.rend());
  const Election other("o", {}, {}, reversed, {}, {});
  for (int i = 0; i < 300; ++i) {
    const std::string id = "s" + std::to_string(i);
    ASSERT_EQ(election.UnitIndex(id), i + 1) << id;
    ASSERT_EQ(other.UnitIndex(id), 300 - i - 1) << id;
    ASSERT_EQ(election.UnitIndex("s" + std::to_string(299 - i)), 300 - i) << id;
  }
  EXPECT_EQ(election.UnitIndex("s299"), 300);
  EXPECT_EQ(election.UnitIndex("s300"), -1);  // past the last unit: nothing, not the hint's
  EXPECT_EQ(election.UnitIndex("kz"), 0);
  // A repeated id: the first position, even right after the unit before its second one.
  const Election repeated("r", {}, {}, {{.id = "kz"}, {.id = "a"}, {.id = "b"}, {.id = "a"}}, {}, {});
  EXPECT_EQ(repeated.UnitIndex("a"), 1);
  EXPECT_EQ(repeated.UnitIndex("b"), 2);
  EXPECT_EQ(repeated.UnitIndex("a"), 1);
}

}  // namespace
}  // namespace saylau::core
