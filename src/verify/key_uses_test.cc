// KeyUses and RowIndex: rows found by their text (the first of two equal ones), a key's first
// entry kept whatever its later uses, a key used as the kind of key its list does not hold
// reported without a position, and every key that signed visited by its first entry.
#include "key_uses.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace saylau::bundle {
namespace {

TEST(RowIndexTest, FindsEveryRowAndTheFirstOfEqualTexts) {
  std::vector<std::string> rows;
  for (int i = 0; i < 1000; ++i) rows.push_back("key-" + std::to_string(i));
  rows.push_back("key-7");  // row 1000 repeats row 7
  const RowIndex index(rows.size(), [&](std::size_t row) { return std::string_view(rows[row]); });

  for (std::size_t row = 0; row < 1000; ++row) EXPECT_EQ(index.Find(rows[row]), row) << rows[row];
  EXPECT_EQ(index.Find("key-7"), 7u);
  EXPECT_EQ(index.Find("key-1000"), std::nullopt);
  EXPECT_EQ(index.Find(""), std::nullopt);
  EXPECT_EQ(RowIndex().Find("key-1"), std::nullopt);
}

class KeyUsesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    uses_.Index(
        keys_.size(), [this](std::size_t row) { return std::string_view(keys_[row]); }, observers_.size(),
        [this](std::size_t row) { return std::string_view(observers_[row]); });
  }
  std::vector<KeyUses::Use> Visited() const {
    std::vector<KeyUses::Use> visited;
    uses_.ForEachInOrder([&](const KeyUses::Use& use) { visited.push_back(use); });
    return visited;
  }

  std::vector<std::string> keys_ = {"A", "B", "C"};
  std::vector<std::string> observers_ = {"O", "P"};
  KeyUses uses_;
};

TEST_F(KeyUsesTest, PositionsByList) {
  EXPECT_EQ(uses_.Position("C", false), 2u);
  EXPECT_EQ(uses_.Position("P", true), 1u);
  EXPECT_EQ(uses_.Position("P", false), std::nullopt);
  EXPECT_EQ(uses_.Position("A", true), std::nullopt);
}

TEST_F(KeyUsesTest, EachKeyByItsFirstEntryInLogOrder) {
  uses_.Record("C", false, 4);
  uses_.Record("P", true, 9);
  uses_.Record("C", false, 1);  // not its first: 4 stays
  uses_.Record("A", false, 6);
  uses_.Record("A", true, 2);   // A's later use as an observer's key is not a new key

  const std::vector<KeyUses::Use> visited = Visited();

  ASSERT_EQ(visited.size(), 3u);
  EXPECT_EQ(visited[0].key, "C");
  EXPECT_EQ(visited[0].first_entry, 4u);
  EXPECT_EQ(visited[0].position, 2u);
  EXPECT_FALSE(visited[0].observer);
  EXPECT_EQ(visited[1].key, "A");
  EXPECT_EQ(visited[1].first_entry, 6u);
  EXPECT_EQ(visited[2].key, "P");
  EXPECT_EQ(visited[2].first_entry, 9u);
  EXPECT_EQ(visited[2].position, 1u);
  EXPECT_TRUE(visited[2].observer);
}

TEST_F(KeyUsesTest, AKeyUsedAsTheOtherKindHasNoPosition) {
  uses_.Record("B", true, 3);   // a commission's key used as an observer's
  uses_.Record("Z", false, 0);  // listed nowhere
  uses_.Record("B", false, 5);  // already used

  const std::vector<KeyUses::Use> visited = Visited();

  ASSERT_EQ(visited.size(), 2u);
  EXPECT_EQ(visited[0].key, "Z");
  EXPECT_EQ(visited[0].position, std::nullopt);
  EXPECT_EQ(visited[1].key, "B");
  EXPECT_EQ(visited[1].first_entry, 3u);
  EXPECT_TRUE(visited[1].observer);
  EXPECT_EQ(visited[1].position, std::nullopt);
}

}  // namespace
}  // namespace saylau::bundle
