// A unit's `time_zone` in the definition (docs/definition-format.md): an IANA name, checked
// against the tz database's names compiled into saylau; anything else is refused at its line,
// and a refused definition gives no election.
#include <gtest/gtest.h>

#include "saylau/formats/definition_toml.h"

namespace saylau::formats {
namespace {

std::string Definition(const std::string& country_zone, const std::string& region_extra) {
  return R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"
)" + country_zone +
         R"(

[[units]]
id = "west"
parent = "kz"
kind = "region"
name = "West"
)" + region_extra +
         R"(

[[parties]]
id = "a"
name = "A"

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 7
method = "hare"
options = ["a"]
)";
}

TEST(DefinitionTimeZoneTest, KnownZonesAreKeptAsWrittenAndAnEmptyOneIsInherited) {
  Result<core::Election> got = ParseDefinition(
      Definition(R"(time_zone = "Asia/Almaty")", "time_zone = \"Asia/Aqtobe\"\npolls_close = \"21:00\""), "t.toml");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->units().at(0).time_zone, "Asia/Almaty");
  EXPECT_EQ(got->units().at(1).time_zone, "Asia/Aqtobe");
  EXPECT_EQ(got->units().at(1).polls_close, "21:00");
  Result<core::Election> inherited = ParseDefinition(Definition(R"(time_zone = "UTC")", ""), "t.toml");
  ASSERT_TRUE(inherited) << inherited.error().message;
  EXPECT_EQ(inherited->units().at(1).time_zone, "");  // the parent's (resolved where it is shown)
}

TEST(DefinitionTimeZoneTest, AnUnknownZoneIsRefusedAtItsLine) {
  Result<core::Election> got = ParseDefinition(Definition("", R"(time_zone = "Mars/Olympus_Mons")"), "t.toml");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(got.error().message.find("t.toml:17: time_zone: unknown time zone 'Mars/Olympus_Mons'"),
            std::string::npos)
      << got.error().message;
}

// Near misses of real names, paths, legacy names, offsets and bytes meant to break a message.
TEST(DefinitionTimeZoneTest, HostileZonesAreRefusedByName) {
  const std::vector<std::string> hostile = {
      "asia/almaty", "Asia/Almaty ", " Asia/Almaty", "Asia/Almaty\\u0000", "../../etc/passwd", "/usr/share/zoneinfo/UTC",
      "EST",         "UTC+6",        "+06:00",       "Asia",               "Asia/",            std::string(5000, 'x'),
      "Asia/Almaty\\n[[units]]", "Asia/\\u202EytlamlA"};
  for (const std::string& zone : hostile) {
    Result<core::Election> got = ParseDefinition(Definition("", "time_zone = \"" + zone + "\""), "t.toml");
    ASSERT_FALSE(got) << zone;
    const std::string& message = got.error().message;
    // Unknown, or (a control character) refused as any text field is; one line, named.
    EXPECT_EQ(message.rfind("t.toml:17: time_zone: ", 0), 0u) << message;
    EXPECT_LT(message.size(), 400u) << "a long zone is cut in the message";
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one error, no raw newline: " << message;
  }
}

TEST(DefinitionTimeZoneTest, AZoneThatIsNotAStringIsRefused) {
  for (const std::string& value : {"6", "true", "[\"Asia/Almaty\"]", "{ kk = \"Asia/Almaty\" }"}) {
    Result<core::Election> got = ParseDefinition(Definition("", "time_zone = " + value), "t.toml");
    ASSERT_FALSE(got) << value;
    EXPECT_NE(got.error().message.find("t.toml:17: time_zone"), std::string::npos) << got.error().message;
  }
}

}  // namespace
}  // namespace saylau::formats
