// Tests of BuildImport: a small stations-and-results CSV under a mapping becomes the
// definition, the stations CSV (commissions as rows, then stations) and the protocols; and
// hostile data (a station twice, a missing column, a number that is not whole, an overlong
// field, a CP1251 file) is refused with file:line messages.
#include "saylau/importer/import.h"

#include <gtest/gtest.h>

#include "saylau/formats/submission_reader.h"
#include "saylau/importer/slug.h"

namespace saylau::importer {
namespace {

const char* const kMapping = R"(
[election]
id = "xx-2020-president"
date = 2020-05-01
name = { ru = "Выборы", en = "An election" }

[root]
id = "xx"
name = { en = "Country" }

[contest]
id = "president"
kind = "majority_runoff"
name = { en = "President" }
majority_base = "valid + invalid"
majority_percent = 50

[[forms]]
id = "xx-form"
name = { en = "Station protocol" }
[[forms.lines]]
name = "registered"
label = { en = "Voters" }
[[forms.lines]]
name = "issued"
label = { en = "Issued" }
[[forms.lines]]
name = "valid"
label = { en = "Valid" }
[[forms.lines]]
name = "invalid"
label = { en = "Invalid" }
[[forms.lines]]
name = "lost"
label = { en = "Lost" }
required = false
[[forms.relations]]
name = "valid-equals-options"
check = "valid == options"
severity = "reject"
[forms.bases]
registered = "registered"
took_part = "issued"
valid = "valid"
invalid = "invalid"

[[units]]
column = "Регион"
kind = "region"
id = "counter"
prefix = "r"
qualified = false

[[units]]
column = "ТИК"
kind = "district"
id = "slug"

[[units]]
column = "УИК"
id = "slug"

[columns]
names = "ru"
attributes = ["url", "absent"]
ignore = ["note"]

[columns.lines]
registered = "Избирателей"
issued = "Выдано"
valid = "Действительных"
invalid = "Недействительных"

[[skip]]
column = "Избирателей"
equals = [""]
)";

const char* const kHeader = "Регион,ТИК,УИК,Избирателей,Выдано,Недействительных,Действительных,Иванов Иван,Пётр Щукин,note,url\n";

ImportMapping Mapping() {
  Result<ImportMapping> mapping = ParseMapping(kMapping, "map.toml");
  EXPECT_TRUE(mapping) << mapping.error().message;
  return mapping ? *mapping : ImportMapping{};
}

std::string ErrorOf(const std::string& data) {
  Result<ImportFiles> files = BuildImport(Mapping(), data, "data.csv");
  return files ? std::string("no error") : files.error().message;
}

TEST(ImportTest, RowsBecomeCommissionsStationsAndProtocols) {
  const std::string data = std::string(kHeader) +
                           "Север,ТИК №1,УИК №1,100,60,2,58,40,18,a,http://x/1\n"
                           "Север,ТИК №1,УИК №2,50,30,0,30,10,20,,\n"
                           "Юг,ТИК №1,\"УИК №1\",70,20,1,19,9,10,b,http://x/3\n"
                           "Юг,ТИК №2,УИК 1,10,5,0,5,5,0,,\n"
                           "Юг,ТИК №2,,,,,,,,,\n";  // skipped: no data (the registered column is empty)
  Result<ImportFiles> files = BuildImport(Mapping(), data, "data.csv");
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(files->rows, 5);
  EXPECT_EQ(files->skipped, 1);
  EXPECT_EQ(files->commissions, 5);
  EXPECT_EQ(files->stations_count, 4);
  EXPECT_EQ(files->option_ids, (std::vector<std::string>{"ivanov-ivan", "petr-shchukin"}));
  // Regions by a global counter (r1, r2), TIKs by slug under their region, stations by slug
  // under their TIK ("УИК 1" and "УИК №1" are different texts with one slug: the later gets -2).
  EXPECT_EQ(files->stations,
            "id,parent,registered_voters,kind,name_ru,url\n"
            "r1,xx,,region,Север,\n"
            "r2,xx,,region,Юг,\n"
            "r1-tik-1,r1,,district,ТИК №1,\n"
            "r2-tik-1,r2,,district,ТИК №1,\n"
            "r2-tik-2,r2,,district,ТИК №2,\n"
            "r1-tik-1-uik-1,r1-tik-1,100,station,УИК №1,http://x/1\n"
            "r1-tik-1-uik-2,r1-tik-1,50,station,УИК №2,\n"
            "r2-tik-1-uik-1,r2-tik-1,70,station,УИК №1,http://x/3\n"
            "r2-tik-2-uik-1,r2-tik-2,10,station,УИК 1,\n");
  EXPECT_EQ(files->protocols,
            "contest,unit,registered,issued,valid,invalid,ivanov-ivan,petr-shchukin\n"
            "president,r1-tik-1-uik-1,100,60,58,2,40,18\n"
            "president,r1-tik-1-uik-2,50,30,30,0,10,20\n"
            "president,r2-tik-1-uik-1,70,20,19,1,9,10\n"
            "president,r2-tik-2-uik-1,10,5,5,0,5,0\n");
  const std::string& definition = files->definition;
  for (const char* expected : {"id = \"xx-2020-president\"", "date = 2020-05-01", "[[forms]]", "id = \"xx-form\"",
                               "form = \"xx-form\"", "unit = \"xx\"", "[[contests.candidates]]",
                               "id = \"petr-shchukin\"", "ru = \"Пётр Щукин\"", "kind = \"country\"",
                               "check = \"valid == options\"", "majority_base = \"valid + invalid\""}) {
    EXPECT_NE(definition.find(expected), std::string::npos) << expected << "\n" << definition;
  }
}

// `saylau import --db` hands the import's protocols to the ingest without parsing protocols.csv
// back: each must be the submission the CSV reader makes of the same row.
TEST(ImportTest, ProtocolsHandedOverAreWhatTheReaderReadsFromProtocolsCsv) {
  const std::string data = std::string(kHeader) +
                           "Север,ТИК №1,УИК №1,100,60,2,58,40,-18,a,http://x/1\n"
                           "Юг,ТИК №1,\"УИК, №1\",70,20,1,19,9223372036854775807,10,b,http://x/3\n"
                           "Юг,ТИК №2,УИК 1,10,5,0,5,5,0,,\n";
  Result<ImportFiles> files = BuildImport(Mapping(), data, "data.csv");
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_TRUE(ProtocolsReadAsWritten(*files));
  const std::string name = "out dir/protocols.csv";
  Result<std::unique_ptr<formats::SubmissionReader>> reader = formats::OpenSubmissions(files->protocols, name);
  ASSERT_TRUE(reader) << reader.error().message;
  std::size_t index = 0;
  for (formats::Submission read;; ++index) {
    Result<bool> got = (*reader)->Next(read);
    ASSERT_TRUE(got) << got.error().message;
    if (!*got) break;
    ASSERT_LT(index, files->protocol_units.size());
    const core::ProtocolSubmission given = ProtocolOf(*files, index, name);
    const core::ProtocolSubmission& expected = std::get<core::ProtocolSubmission>(read);
    EXPECT_EQ(given.contest, expected.contest);
    EXPECT_EQ(given.unit, expected.unit);
    EXPECT_EQ(given.round, expected.round);
    EXPECT_EQ(given.commission, expected.commission);
    EXPECT_EQ(given.reason, expected.reason);
    EXPECT_EQ(given.photo, expected.photo);
    EXPECT_EQ(given.lines, expected.lines);
    EXPECT_EQ(given.unreadable, expected.unreadable);
    EXPECT_TRUE(expected.read_problems.empty() && given.read_problems.empty());
    EXPECT_EQ(given.origin, expected.origin);
  }
  EXPECT_EQ(index, 3u);
  EXPECT_EQ(ProtocolOf(*files, 1, name).origin, "out dir/protocols.csv:3");
  EXPECT_EQ(ProtocolOf(*files, 0, name).lines.back(), (std::pair<std::string, std::int64_t>{"petr-shchukin", -18}));
  // An option the reader would take for the photo's column: the text is read instead.
  Result<ImportMapping> photo =
      ParseMapping(std::string(kMapping) + "\n[columns.option_ids]\n\"Пётр Щукин\" = \"photo_sha256\"\n", "map.toml");
  ASSERT_TRUE(photo) << photo.error().message;
  Result<ImportFiles> odd = BuildImport(*photo, data, "data.csv");
  ASSERT_TRUE(odd) << odd.error().message;
  EXPECT_FALSE(ProtocolsReadAsWritten(*odd));
}

TEST(ImportTest, CountersArePaddedToOneWidthPerLevel) {
  std::string mapping_text = kMapping;
  const std::string slug_level = "column = \"УИК\"\nid = \"slug\"";
  mapping_text.replace(mapping_text.find(slug_level), slug_level.size(),
                       "column = \"УИК\"\nid = \"counter\"\nprefix = \"s\"\nqualified = false");
  Result<ImportMapping> mapping = ParseMapping(mapping_text, "map.toml");
  ASSERT_TRUE(mapping) << mapping.error().message;
  std::string data = kHeader;
  for (int i = 1; i <= 12; ++i) data += "Север,ТИК,УИК " + std::to_string(i) + ",1,1,0,1,1,0,,\n";
  Result<ImportFiles> files = BuildImport(*mapping, data, "data.csv");
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_NE(files->stations.find("\ns01,r1-tik,1,station,УИК 1,\n"), std::string::npos) << files->stations;
  EXPECT_NE(files->stations.find("\ns12,r1-tik,1,station,УИК 12,\n"), std::string::npos) << files->stations;
}

TEST(ImportTest, AStationGivenTwiceIsNamedWithBothLines) {
  const std::string message = ErrorOf(std::string(kHeader) +
                                      "Север,ТИК №1,УИК №1,100,60,2,58,40,18,,\n"
                                      "Юг,ТИК №1,УИК №1,100,60,2,58,40,18,,\n"
                                      "Север,ТИК №1,УИК №1,100,60,2,58,40,18,,\n");
  EXPECT_NE(message.find("data.csv:4: УИК: the station 'Север / ТИК №1 / УИК №1' is already on line 2"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("data.csv:3"), std::string::npos) << message;
}

TEST(ImportTest, AMappedColumnMissingFromTheHeaderIsNamed) {
  std::string header = kHeader;
  header.replace(header.find("Выдано"), std::string("Выдано").size(), "Выдано бюллетеней");
  const std::string message = ErrorOf(header + "Север,ТИК,УИК,1,1,0,1,1,0,,\n");
  EXPECT_NE(message.find("data.csv:1: Выдано: no such column in the header (the mapping names it as line issued)"),
            std::string::npos)
      << message;
}

TEST(ImportTest, AValueThatIsNotAWholeNumberIsNamedWithItsLineAndColumn) {
  const std::string message = ErrorOf(std::string(kHeader) +
                                      "Север,ТИК,УИК 1,1,1,0,1,1,0,,\n"
                                      "Север,ТИК,УИК 2,100,60.5,2,58,40,18,,\n"
                                      "Север,ТИК,УИК 3,100,60,2,58,сорок,18,,\n"
                                      "Север,ТИК,УИК 4,100,60,2,58,99999999999999999999,18,,\n"
                                      "Север,ТИК,УИК 5,-3,0,0,0,0,0,,\n");
  EXPECT_NE(message.find("data.csv:3: Выдано: '60.5' is not a whole number"), std::string::npos) << message;
  EXPECT_NE(message.find("data.csv:4: Иванов Иван: 'сорок' is not a whole number"), std::string::npos) << message;
  EXPECT_NE(message.find("data.csv:5: Иванов Иван: '99999999999999999999' is not a whole number"), std::string::npos)
      << message;
  EXPECT_NE(message.find("data.csv:6: Избирателей: registered voters must be ≥ 0, got -3"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("data.csv:2"), std::string::npos) << message;
}

TEST(ImportTest, AnOverlongFieldAndARowOfTheWrongWidthAreRefused) {
  const std::string message = ErrorOf(std::string(kHeader) + "Север,ТИК,УИК 1,1,1,0,1,1,0,," +
                                      std::string(kMaxFieldBytes + 1, 'x') + "\nСевер,ТИК,УИК 2,1,1,0,1,1,0\n" +
                                      "Север,,УИК 3,1,1,0,1,1,0,,\n");
  EXPECT_NE(message.find("data.csv:2: url: 4097 bytes, longer than the limit of 4096"), std::string::npos)
      << message;
  EXPECT_NE(message.find("data.csv:3: the row has 9 fields, the header 11"), std::string::npos) << message;
  EXPECT_NE(message.find("data.csv:4: ТИК: is empty"), std::string::npos) << message;
}

TEST(ImportTest, DataThatIsNotUtf8IsNamedWithItsLineAndByteAndTheFix) {
  // "Север" in CP1251 on the third line.
  const std::string message =
      ErrorOf(std::string(kHeader) + "Юг,ТИК,УИК 1,1,1,0,1,1,0,,\nx,\xD1\xE5\xE2\xE5\xF0,УИК 2,1,1,0,1,1,0,,\n");
  EXPECT_NE(message.find("data.csv:3: not UTF-8 at byte 3 (0xD1 0xE5 0xE2 0xE5) of the line, byte "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("iconv -f cp1251 -t utf-8"), std::string::npos) << message;
}

TEST(ImportTest, OptionIdsMustNotClashWithTheFormsLines) {
  std::string header = kHeader;
  header.replace(header.find("Пётр Щукин"), std::string("Пётр Щукин").size(), "Valid");
  const std::string message = ErrorOf(header + "Север,ТИК,УИК,1,1,0,1,1,0,,\n");
  EXPECT_NE(message.find("data.csv:1: Valid: its option id 'valid' is already the form's line valid"),
            std::string::npos)
      << message;
}

TEST(SlugTest, CyrillicIsSpelledInLatinAndOtherCharactersSeparate) {
  EXPECT_EQ(Slug("УИК №554"), "uik-554");
  EXPECT_EQ(Slug("Путин Владимир Владимирович"), "putin-vladimir-vladimirovich");
  EXPECT_EQ(Slug("Жириновский Владимир Вольфович"), "zhirinovskii-vladimir-volfovich");
  EXPECT_EQ(Slug("Республика Адыгея (Адыгея)"), "respublika-adygeia-adygeia");
  EXPECT_EQ(Slug("Қасым-Жомарт Тоқаев"), "qasym-zhomart-toqaev");
  EXPECT_EQ(Slug("  --  "), "");
  EXPECT_EQ(Slug("Aa Bb Cc Dd", 7), "aa-bb");
}

}  // namespace
}  // namespace saylau::importer
