// The boundary's parsing of request targets and its JSON output: bad escapes and text that is
// not UTF-8 are refused with the parameter named; nothing dumps with an exception.
#include "request_target.h"

#include <gtest/gtest.h>

#include "json_text.h"

namespace saylau::server {
namespace {

TEST(RequestTargetTest, DecodesThePathAndTheQuery) {
  const Result<RequestTarget> target = ParseRequestTarget("/api/v1/units?parent=r%C3%BC+1&contest=list&empty");
  ASSERT_TRUE(target) << target.error().message;
  EXPECT_EQ(target->path, "/api/v1/units");
  EXPECT_EQ(target->query.Value("parent"), "r\xC3\xBC 1");
  EXPECT_EQ(target->query.Value("contest"), "list");
  EXPECT_EQ(target->query.Value("empty"), "");
  EXPECT_EQ(target->query.Value("missing"), "");
  EXPECT_EQ(ParseRequestTarget("/a?x=1&x=2")->query.Value("x"), "1");
}

TEST(RequestTargetTest, RefusesBadEscapesNamingTheParameter) {
  for (const char* target : {"/api/v1/protocols?unit=%zz1", "/api/v1/protocols?a=1&unit=%", "/api/v1/protocols?unit=%4"}) {
    const Result<RequestTarget> parsed = ParseRequestTarget(target);
    ASSERT_FALSE(parsed) << target;
    EXPECT_NE(parsed.error().message.find("'unit'"), std::string::npos) << parsed.error().message;
  }
  const Result<RequestTarget> path = ParseRequestTarget("/api/%zz/units");
  ASSERT_FALSE(path);
  EXPECT_NE(path.error().message.find("path"), std::string::npos) << path.error().message;
}

TEST(RequestTargetTest, RefusesTextThatIsNotUtf8OrHoldsControlCharacters) {
  for (const char* target : {"/api/v1/results?contest=%FFx", "/api/v1/results?contest=%C0%AF", "/api/v1/results?contest=a%00",
                             "/api/v1/results?contest=%ED%A0%80"}) {
    const Result<RequestTarget> parsed = ParseRequestTarget(target);
    ASSERT_FALSE(parsed) << target;
    EXPECT_NE(parsed.error().message.find("'contest'"), std::string::npos) << parsed.error().message;
  }
  EXPECT_FALSE(ParseRequestTarget("/api/v1/\xFF"));
  EXPECT_FALSE(ParseRequestTarget("/api/v1/%FF"));
  EXPECT_FALSE(ParseRequestTarget("/api/v1/results?contest=\xD0\x90"));  // raw bytes: escape them
  EXPECT_FALSE(ParseRequestTarget("http://example.org/"));              // origin-form only
  EXPECT_FALSE(ParseRequestTarget(""));
}

TEST(RequestTargetTest, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Қазақстан Республикасы"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x87\xB0"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xD0"));              // cut short
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xCF\xF0\xE8"));  // "При" in CP1251
}

TEST(RequestTargetTest, PrintableEscapesEverythingElse) {
  EXPECT_EQ(Printable("unit\xFF\n"), "unit%FF%0A");
  EXPECT_EQ(Printable(std::string(100, 'a'), 10), std::string(10, 'a') + "...");
}

TEST(JsonTextTest, DumpingTextThatIsNotUtf8NeverThrows) {
  const nlohmann::json value = {{"name", "Station \xFF\xFE 1"}, {"ok", "Қазақ"}};
  std::string text;
  ASSERT_NO_THROW(text = DumpJson(value));
  EXPECT_EQ(text, "{\"name\":\"Station \xEF\xBF\xBD\xEF\xBF\xBD 1\",\"ok\":\"Қазақ\"}");
}

}  // namespace
}  // namespace saylau::server
