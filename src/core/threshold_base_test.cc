// Threshold and majority bases as sums of ballot roles: the old names are aliases of sums, a
// sum reads the tally's roles exactly, and what is not a sum of ballot roles is refused.
#include <gtest/gtest.h>

#include "saylau/core/tally.h"
#include "saylau/core/threshold.h"

namespace saylau::core {
namespace {

Tally ATally() {
  Tally tally;
  tally.registered = 1000;
  tally.took_part = 600;
  tally.valid = 580;
  tally.invalid = 20;
  tally.against_all = 30;
  tally.votes = {400, 150};
  return tally;
}

TEST(ThresholdBaseTest, TheOldNamesAreAliasesOfSums) {
  EXPECT_EQ(ThresholdBaseFromName("valid-with-against-all"), ThresholdBase::kValidWithAgainstAll);
  EXPECT_EQ(ThresholdBaseFromName("options + against_all"), ThresholdBase::kValidWithAgainstAll);
  EXPECT_EQ(ThresholdBaseFromName("took_part"), ThresholdBase::kTookPart);
  EXPECT_EQ(ThresholdBaseFromName("options"), ThresholdBase::kValidOptionsOnly);
  EXPECT_EQ(ThresholdBaseName(ThresholdBase::kTookPart), "took-part");
  EXPECT_EQ(*BaseTotal(ThresholdBase::kValidWithAgainstAll, ATally()), 580);
  EXPECT_EQ(*BaseTotal(ThresholdBase::kValidOptionsOnly, ATally()), 550);
  EXPECT_EQ(*BaseTotal(ThresholdBase::kTookPart, ATally()), 600);
}

TEST(ThresholdBaseTest, ASumReadsTheRolesOfTheTally) {
  const std::optional<ThresholdBase> base = ThresholdBaseFromName("valid + invalid");
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(ThresholdBaseName(*base), "valid + invalid");
  EXPECT_EQ(*BaseTotal(*base, ATally()), 600);
  const std::optional<ThresholdBase> less = ThresholdBaseFromName("took_part - invalid");
  ASSERT_TRUE(less.has_value());
  EXPECT_EQ(*BaseTotal(*less, ATally()), 580);
  EXPECT_EQ(*BaseTotal(*ThresholdBaseFromName("options + both_marked"), ATally()), 550) << "no line: 0";
}

TEST(ThresholdBaseTest, AMissingRoleIsAnErrorNamingIt) {
  Tally counts = ATally();
  counts.valid.reset();
  const Result<std::int64_t> got = BaseTotal(*ThresholdBaseFromName("valid + invalid"), counts);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().message, "the base 'valid + invalid' needs the line valid in the counts");
}

TEST(ThresholdBaseTest, WhatIsNotASumOfBallotRolesIsRefused) {
  for (const char* text : {"registered", "voters", "valid +", "valid * 2", "", "valid invalid", "2"}) {
    EXPECT_FALSE(ThresholdBaseFromName(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace saylau::core
