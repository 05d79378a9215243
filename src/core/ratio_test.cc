#include "saylau/core/ratio.h"

#include <gtest/gtest.h>

namespace saylau::core {
namespace {

TEST(RatioTest, ParsesDecimalsAndFractionsExactly) {
  EXPECT_EQ(*ParseRatio("5"), (Ratio{5, 1}));
  EXPECT_EQ(*ParseRatio("1.4"), (Ratio{7, 5}));
  EXPECT_EQ(*ParseRatio("2/3"), (Ratio{2, 3}));
  EXPECT_EQ(*ParseRatio("0.05"), (Ratio{1, 20}));
}

TEST(RatioTest, RejectsWhatIsNotANumber) {
  for (const char* text : {"", "-1", "1e3", "1.2.3", "abc", "1/0", " 5", "5%"}) {
    Result<Ratio> got = ParseRatio(text);
    EXPECT_FALSE(got) << text;
    if (!got) {
      EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(RatioTest, FormatsAsShortestDecimal) {
  EXPECT_EQ(FormatRatio({14, 10}), "1.4");
  EXPECT_EQ(FormatRatio({5, 1}), "5");
  EXPECT_EQ(FormatRatio({2, 3}), "2/3");
  EXPECT_EQ(FormatRatio({1, 8}), "0.125");
}

TEST(RatioTest, PercentComparisonsAreExactAtTheBoundary) {
  // 5 % of 6,366,441 is 318,322.05: 318,322 is below, 318,323 passes.
  EXPECT_FALSE(AtLeastPercent(318'322, 6'366'441, {5, 1}));
  EXPECT_TRUE(AtLeastPercent(318'323, 6'366'441, {5, 1}));
  EXPECT_TRUE(AtLeastPercent(50, 1000, {5, 1}));
  EXPECT_FALSE(MoreThanPercent(50, 100, {50, 1}));
  EXPECT_TRUE(MoreThanPercent(51, 100, {50, 1}));
}

}  // namespace
}  // namespace saylau::core
