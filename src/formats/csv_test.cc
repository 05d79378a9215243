#include "saylau/formats/csv.h"

#include <gtest/gtest.h>

#include "saylau/formats/votes_csv.h"

namespace saylau::formats {
namespace {

TEST(CsvTest, ReadsRfc4180QuotingAndKeepsLineNumbers) {
  Result<std::vector<CsvRecord>> got =
      ParseCsv("\xEF\xBB\xBFoption,votes\r\n\"Ақ жол, \"\"Bright Path\"\"\",5\r\n\r\n\"two\nlines\",7\n", "f.csv");
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[1].fields[0], "Ақ жол, \"Bright Path\"");
  EXPECT_EQ((*got)[1].line, 2);
  EXPECT_EQ((*got)[2].fields[0], "two\nlines");
  EXPECT_EQ((*got)[2].line, 4);
}

TEST(CsvTest, NamesTheLineOfAnUnclosedQuote) {
  Result<std::vector<CsvRecord>> got = ParseCsv("a,b\n1,2\n\"open,3\n", "f.csv");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message, "f.csv:3: a quoted field is never closed");
}

TEST(VotesCsvTest, ParsesOptionsInFileOrder) {
  Result<std::vector<core::ListVotes>> got = ParseVotesCsv("option,votes\nB,2\nA,10\n", "v.csv");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].id, "B");
  EXPECT_EQ((*got)[1].votes, 10);
}

TEST(VotesCsvTest, RejectsSignsSpacesAndSeparatorsInCounts) {
  for (const char* bad : {"+5", " 5", "5 ", "5,000", "1e3", "0x10", ""}) {
    EXPECT_FALSE(ParseCount(bad).has_value()) << bad;
  }
  EXPECT_EQ(ParseCount("0"), 0);
  EXPECT_EQ(ParseCount("6366441"), 6'366'441);
}

}  // namespace
}  // namespace saylau::formats
