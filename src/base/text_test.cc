#include "saylau/base/text.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace saylau {
namespace {

TEST(TextTest, AcceptsUtf8AndFindsTheFirstBadByte) {
  EXPECT_TRUE(IsValidUtf8("Алматы, Қазақстан 😀"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_EQ(FindInvalidUtf8("ab\xD1\xF2"), 2u);        // CP1251 "ст": a lead byte, no continuation
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);     // a surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xE2\x82"), 0u);          // cut short
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);              // a stray continuation byte
}

TEST(TextTest, NamesTheProblemAndWhere) {
  const auto cp1251 = CheckText("\xD1\xF2. 12");
  ASSERT_TRUE(cp1251);
  EXPECT_TRUE(cp1251->encoding);
  EXPECT_EQ(cp1251->message, "not UTF-8 at byte 1 (0xD1 0xF2 0x2E 0x20)");
  const auto nul = CheckText(std::string_view("ab\0c", 4));
  ASSERT_TRUE(nul);
  EXPECT_FALSE(nul->encoding);
  EXPECT_EQ(nul->message, "control character U+0000 at byte 3");
  EXPECT_TRUE(CheckText("\xC2\x85"));  // C1 NEXT LINE
  EXPECT_TRUE(CheckText("a\tb"));
  EXPECT_FALSE(CheckText("a\tb\r\nc", TextRule::kMultiline));
  EXPECT_TRUE(CheckText("a\x7F", TextRule::kMultiline));
  EXPECT_FALSE(CheckText("almaty-12_0457.a:b", TextRule::kId));
  EXPECT_TRUE(CheckText("almaty 12", TextRule::kId));
  EXPECT_TRUE(CheckText("алматы", TextRule::kId));
  EXPECT_TRUE(CheckText(std::string(kMaxIdBytes + 1, 'a'), TextRule::kId));
}

TEST(TextTest, EscapingGivesValidUtf8AndLeavesCleanTextAlone) {
  EXPECT_EQ(EscapeText("Алматы"), "Алматы");
  EXPECT_EQ(EscapeText("\xD1\xF2. 12"), "\\xD1\\xF2. 12");
  EXPECT_EQ(EscapeText(std::string_view("a\0b\n", 4)), "a\\x00b\\x0A");
  EXPECT_EQ(EscapeText("a\nb", TextRule::kMultiline), "a\nb");
  EXPECT_EQ(EscapeText("\xC2\x85"), "\\u0085");
  EXPECT_EQ(Utf8Prefix("Алматы", 3), "А");
}

RC_GTEST_PROP(TextProperty, EscapedTextIsAlwaysCleanAndCleanTextIsKept, ()) {
  const std::string bytes = *rc::gen::container<std::string>(rc::gen::cast<char>(rc::gen::inRange(0, 256)));
  for (TextRule rule : {TextRule::kLine, TextRule::kMultiline}) {
    const std::string escaped = EscapeText(bytes, rule);
    RC_ASSERT(IsValidUtf8(escaped));
    RC_ASSERT(!CheckText(escaped, rule));
    if (!CheckText(bytes, rule)) RC_ASSERT(escaped == bytes);
    RC_ASSERT(IsValidUtf8(Utf8Prefix(escaped, bytes.size() / 2)));
  }
}

}  // namespace
}  // namespace saylau
