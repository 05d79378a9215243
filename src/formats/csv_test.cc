#include "saylau/formats/csv.h"

#include <gtest/gtest.h>

#include "saylau/formats/csv_reader.h"
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

// NextViews (the ingest's reader: fields sliced in place, in one pass over a record) gives the
// same fields and line numbers as Next (copies, the general state machine) on every shape of
// record: empty fields first and last, CRLF, blank lines, a lone CR inside a field, a quoted
// field with a comma, a quote doubled, a line break, and a last record with no line feed.
TEST(CsvTest, ViewsGiveTheFieldsAndLinesOfCopies) {
  const char* const texts[] = {
      "a,b,c\n1,2,3\n",
      "a,b\r\n1,,\r\n\r\n\n,3\r\n",
      "\xEF\xBB\xBFh1,h2\n,\n,,\n1,2",
      "x,y\n\"q,1\",2\nplain,\"say \"\"hi\"\"\"\n\"two\nlines\",3\nlast,",
      "a\rb,c\nd,e\r\n",
      "only\n",
      "\n\n,\n",
  };
  for (const char* text : texts) {
    CsvReader copies(text, "f.csv");
    CsvReader views(text, "f.csv");
    CsvRecord record;
    std::vector<std::string_view> fields;
    int records = 0;
    while (true) {
      Result<bool> want = copies.Next(record);
      int line = 0;
      Result<bool> got = views.NextViews(fields, line);
      ASSERT_TRUE(want && got) << text;
      ASSERT_EQ(*got, *want) << text << " after " << records << " records";
      if (!*want) break;
      ++records;
      EXPECT_EQ(line, record.line) << text;
      ASSERT_EQ(fields.size(), record.fields.size()) << text << " record " << records;
      for (std::size_t i = 0; i < fields.size(); ++i) EXPECT_EQ(fields[i], record.fields[i]) << text;
      EXPECT_EQ(views.position(), copies.position()) << text << " record " << records;
    }
    EXPECT_GT(records, 0) << text;
  }
}

// A record without a line feed at the end of the text whose last byte is a CR: the views drop
// it as they drop a CR before a line feed (the copies keep a lone CR).
TEST(CsvTest, ViewsDropACarriageReturnAtTheEndOfTheText) {
  CsvReader views("a,b\r", "f.csv");
  std::vector<std::string_view> fields;
  int line = 0;
  Result<bool> got = views.NextViews(fields, line);
  ASSERT_TRUE(got && *got);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[1], "b");
  EXPECT_EQ(line, 1);
  got = views.NextViews(fields, line);
  ASSERT_TRUE(got);
  EXPECT_FALSE(*got);
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
