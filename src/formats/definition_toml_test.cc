#include "saylau/formats/definition_toml.h"

#include <gtest/gtest.h>

namespace saylau::formats {
namespace {

constexpr const char* kHeader = R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"
)";

TEST(DefinitionTomlTest, LoadsUnitsPartiesAndContestRules) {
  const std::string text = std::string(kHeader) + R"(
[[parties]]
id = "a"
name = { kk = "А", ru = "А", en = "A" }

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 7
method = "modified-sainte-lague"
first_divisor = 1.4
threshold = { percent = "5.5", base = "valid-options-only" }
options = ["a"]
)";
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_TRUE(got) << got.error().message;
  const core::Contest& contest = got->contests().at(0);
  const auto& rules = std::get<core::PartyListRules>(contest.rules);
  EXPECT_EQ(rules.method, core::Method::kModifiedSainteLague);
  EXPECT_EQ(rules.first_divisor, (core::Ratio{7, 5}));  // exact, though written as a float
  EXPECT_EQ(rules.threshold.percent, (core::Ratio{11, 2}));
  EXPECT_EQ(rules.threshold.base, core::ThresholdBase::kValidOptionsOnly);
  EXPECT_EQ(contest.options.at(0).name.kk, "А");
}

// A first divisor of 3 or more is refused at its line: it is not below the second divisor, so
// quotients would not fall seat by seat (core refuses to allocate with it too).
TEST(DefinitionTomlTest, AFirstDivisorOfThreeOrMoreIsRefusedAtItsLine) {
  const std::string text = std::string(kHeader) + R"(
[[parties]]
id = "a"
name = { kk = "А", ru = "А", en = "A" }

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 7
method = "modified-sainte-lague"
first_divisor = 4
options = ["a"]
)";
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("first_divisor: must be below 3"), std::string::npos) << got.error().message;
  EXPECT_NE(got.error().message.find("t.toml:"), std::string::npos) << got.error().message;
}

// [election] double_entry: false when absent, true or false as written, and a value that is not
// a boolean is an error at its line.
TEST(DefinitionTomlTest, DoubleEntryIsABooleanOfTheElection) {
  const std::string header = kHeader;
  const std::size_t after_name = header.find("name = \"T\"\n") + 11;
  const auto with = [&](const std::string& line) {
    return header.substr(0, after_name) + line + header.substr(after_name);
  };
  Result<core::Election> absent = ParseDefinitionWithoutContests(header, "t.toml");
  ASSERT_TRUE(absent) << absent.error().message;
  EXPECT_FALSE(absent->double_entry());
  Result<core::Election> on = ParseDefinitionWithoutContests(with("double_entry = true\n"), "t.toml");
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_TRUE(on->double_entry());
  EXPECT_TRUE(on->WithUnits(on->units()).double_entry()) << "kept when stations are added";
  Result<core::Election> off = ParseDefinitionWithoutContests(with("double_entry = false\n"), "t.toml");
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->double_entry());
  for (const std::string value : {"\"yes\"", "1", "\"true\""}) {
    Result<core::Election> bad = ParseDefinitionWithoutContests(with("double_entry = " + value + "\n"), "t.toml");
    ASSERT_FALSE(bad) << value;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.error().message.find("t.toml:5: double_entry: must be true or false"), std::string::npos)
        << bad.error().message;
  }
}

TEST(DefinitionTomlTest, ReportsEveryErrorWithItsLineInOnePass) {
  const std::string text = std::string(kHeader) + R"(
[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "nowhere"
seats = -1
method = "hare"
options = ["ghost"]
)";
  Result<core::Election> got = ParseDefinition(text, "t.toml");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  const std::string& message = got.error().message;
  EXPECT_NE(message.find("t.toml:15: unit: contest 'list' is counted over unit 'nowhere'"), std::string::npos)
      << message;
  EXPECT_NE(message.find("t.toml:16: seats: is -1"), std::string::npos) << message;
  EXPECT_NE(message.find("t.toml:18: options: unknown party 'ghost'"), std::string::npos) << message;
}

TEST(DefinitionTomlTest, AMissingFileIsNotFound) {
  Result<core::Election> got = LoadDefinition("/nonexistent/definition.toml");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
}

// Found by fuzz/definition_toml (checked_toml.h): toml++ 3.3.0 reached __builtin_unreachable
// for a non-ASCII letter where a key or a value starts, and an assertion (an abort in a debug
// build) on a table header "[[[". Each is now a plain TOML error with its line, in every build.
TEST(DefinitionTomlTest, InputsThatBrokeTomlPlusPlusAreTomlErrors) {
  for (const std::string text : {"name = Север\n", "[election]\nСевер = 1\n", "s = \"\"\"\\\n§\"\"\"\n\xcc\xaa",
                                 "[[[1]]]\n", "[[=\n"}) {
    Result<core::Election> got = ParseDefinition(text, "t.toml");
    ASSERT_FALSE(got) << text;
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(got.error().message.find("t.toml:"), std::string::npos) << got.error().message;
  }
}

}  // namespace
}  // namespace saylau::formats
