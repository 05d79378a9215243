#include "saylau/base/result.h"

#include <gtest/gtest.h>

namespace saylau {
namespace {

Result<int> ParsePositive(int x) {
  if (x <= 0) return InvalidArgument("not positive: " + std::to_string(x));
  return x;
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> good = ParsePositive(3);
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 3);

  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "not positive: -1");
}

TEST(ResultTest, ReadingTheWrongSideIsABug) {
  Result<int> bad = ParsePositive(0);
  EXPECT_THROW((void)bad.value(), InternalError);
  Result<int> good = ParsePositive(1);
  EXPECT_THROW((void)good.error(), InternalError);
}

TEST(StatusTest, DefaultIsOk) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status failed = NotFound("contest x");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace saylau
