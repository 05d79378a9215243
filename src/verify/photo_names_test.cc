// PhotoNames: a SHA-256 name found again after it is kept as bytes, the first entry naming a
// photo kept, names that are not 64 lower-case hex digits kept as text, and every name visited
// once in the order of the text.
#include "photo_names.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace saylau::bundle {
namespace {

const std::string kA = std::string(63, 'a') + "1";
const std::string kB = "0f" + std::string(62, 'e');
const std::string kUpper = std::string(64, 'A');

TEST(PhotoNamesTest, EachNameOnceWithItsFirstEntryInTextOrder) {
  PhotoNames names;
  names.Add(kA, 7);
  names.Add("scan", 3);
  names.Add(kB, 9);
  names.Add(kA, 2);  // an earlier entry named it too (entries come in order; the smallest stays)
  names.Add("scan", 8);
  names.Add(kUpper, 5);

  std::vector<std::pair<std::string, std::size_t>> visited;
  names.ForEach([&](const std::string& name, std::size_t entry) { visited.emplace_back(name, entry); });

  const std::vector<std::pair<std::string, std::size_t>> expected = {{kB, 9}, {kUpper, 5}, {kA, 2}, {"scan", 3}};
  EXPECT_EQ(visited, expected);
}

TEST(PhotoNamesTest, ContainsWhatWasAddedOnly) {
  PhotoNames names;
  names.Add(kA, 0);
  names.Add("not-a-hash", 0);
  names.Add(kUpper, 0);

  EXPECT_TRUE(names.Contains(kA));
  EXPECT_TRUE(names.Contains("not-a-hash"));
  EXPECT_TRUE(names.Contains(kUpper));
  EXPECT_FALSE(names.Contains(kB));
  EXPECT_FALSE(names.Contains(std::string(64, 'a')));  // lower case of kUpper: another name
  EXPECT_FALSE(names.Contains(""));
  names.Add(kB, 1);  // added after a lookup sorted the rest
  EXPECT_TRUE(names.Contains(kB));
}

}  // namespace
}  // namespace saylau::bundle
