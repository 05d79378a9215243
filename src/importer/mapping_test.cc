// Tests of ParseMapping: the Russian CEC mapping shipped in data/mappings reads, a mapping that
// leaves a required line unmapped or names what the form lacks is refused by line, and --set
// puts an election's id and date in.
#include <gtest/gtest.h>

#include "saylau/formats/csv.h"
#include "saylau/importer/mapping.h"

namespace saylau::importer {
namespace {

std::string RussianMapping() {
  Result<std::string> text = formats::ReadFile(std::string(SAYLAU_SOURCE_DIR) + "/data/mappings/ru-cec-president.toml");
  EXPECT_TRUE(text) << text.error().message;
  return text ? *text : std::string();
}

TEST(MappingTest, TheRussianCecMappingReads) {
  Result<ImportMapping> mapping = ParseMapping(RussianMapping(), "ru-cec-president.toml");
  ASSERT_TRUE(mapping) << mapping.error().message;
  EXPECT_EQ(mapping->form_id, "ru-uik-president");
  EXPECT_EQ(mapping->levels.size(), 3u);
  EXPECT_EQ(mapping->levels[2].kind, core::UnitKind::kStation);
  ASSERT_EQ(mapping->lines.size(), 12u);
  EXPECT_EQ(mapping->lines[0].line, "registered");
  EXPECT_EQ(mapping->lines[0].column, "Число избирателей, включенных в список избирателей");
  EXPECT_EQ(mapping->lines[11].line, "unaccounted");
  EXPECT_EQ(mapping->attribute_columns, std::vector<std::string>{"url"});
  EXPECT_EQ(mapping->names_language, "ru");
}

TEST(MappingTest, SettingsPutAnotherElectionIn) {
  Result<ImportMapping> mapping =
      ParseMapping(RussianMapping(), "ru.toml", {"election.id=ru-2024-03-17-president", "election.date=2024-03-17"});
  ASSERT_TRUE(mapping) << mapping.error().message;
  EXPECT_EQ(mapping->election_id, "ru-2024-03-17-president");
  EXPECT_NE(mapping->text.find("2024-03-17"), std::string::npos);
  EXPECT_EQ(mapping->text.find("2018-03-18"), std::string::npos);
  Result<ImportMapping> bad = ParseMapping(RussianMapping(), "ru.toml", {"contest.id.x=1"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("--set contest.id.x: 'id' is not a table"), std::string::npos)
      << bad.error().message;
}

TEST(MappingTest, ARequiredLineWithoutAColumnAndALineTheFormLacksAreRefused) {
  std::string text = RussianMapping();
  const std::string lost_line = "lost = \"Число утраченных избирательных бюллетеней\"\n";
  text.replace(text.find(lost_line), lost_line.size(), "spoiled = \"Испорченных\"\n");
  Result<ImportMapping> mapping = ParseMapping(text, "ru.toml");
  ASSERT_FALSE(mapping);
  const std::string& message = mapping.error().message;
  EXPECT_NE(message.find(": lost: the form's line needs a column"), std::string::npos) << message;
  EXPECT_NE(message.find(": spoiled: is not a line of the form 'ru-uik-president'"), std::string::npos) << message;
}

TEST(MappingTest, LevelsAreCheckedOneByOne) {
  std::string text = RussianMapping();
  const std::string station_level = "column = \"uik\"\nkind = \"station\"\nid = \"slug\"";
  text.replace(text.find(station_level), station_level.size(), "column = \"uik\"\nkind = \"district\"\nid = \"hash\"");
  Result<ImportMapping> mapping = ParseMapping(text, "ru.toml");
  ASSERT_FALSE(mapping);
  const std::string& message = mapping.error().message;
  EXPECT_NE(message.find("kind: the last level holds the polling stations"), std::string::npos) << message;
  EXPECT_NE(message.find("id: must be counter, slug or text, got 'hash'"), std::string::npos) << message;
}

TEST(MappingTest, NotTomlIsNamedWithItsLine) {
  Result<ImportMapping> mapping = ParseMapping("[election]\nid = \"x\"\n[[units]\n", "m.toml");
  ASSERT_FALSE(mapping);
  EXPECT_NE(mapping.error().message.find("m.toml:3: not valid TOML"), std::string::npos) << mapping.error().message;
}

}  // namespace
}  // namespace saylau::importer
