// Tests of ImportDataFile: a .gz file read in pieces (down to a byte) on a second thread gives
// the files of BuildImport over the whole text, byte for byte; and every problem of hostile data
// (not UTF-8 at a piece's edge, a station twice across pieces, a quote left open, a gzip stream
// cut short or damaged) is the same error, with the same file, line and byte.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "saylau/importer/data_file.h"
#include "saylau/importer/import.h"

namespace saylau::importer {
namespace {

const char* const kMapping = R"(
[election]
id = "xx-2020-president"
date = 2020-05-01
name = { en = "An election" }

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
name = "valid"
label = { en = "Valid" }
[forms.bases]
registered = "registered"
took_part = "valid"
valid = "valid"
invalid = "valid"

[[units]]
column = "Регион"
kind = "region"
id = "counter"
prefix = "r"

[[units]]
column = "УИК"
id = "slug"

[columns]
names = "ru"
attributes = ["url"]
ignore = ["note"]

[columns.lines]
registered = "Избирателей"
valid = "Действительных"
)";

// A BOM, a quoted header, blank lines, quoted fields with commas, doubled quotes and line breaks
// (the ignored note), CRLF endings: what a piece may be cut in the middle of.
std::string Data(int stations) {
  std::string data = "\xEF\xBB\xBF\"Регион\",УИК,Избирателей,Действительных,Иванов Иван,note,url\n\n";
  for (int i = 1; i <= stations; ++i) {
    const std::string n = std::to_string(i);
    data += (i % 3 == 0 ? "\"Юг, край\"" : "Север") + std::string(",УИК №") + n + "," + n + "0," + n + "," + n + "," +
            (i % 4 == 0 ? "\"a \"\"note\"\",\nover two lines\"" : "") + ",http://x/" + n + (i % 5 == 0 ? "\r\n" : "\n");
    if (i % 7 == 0) data += "\n";
  }
  return data;
}

void WriteGzip(const std::filesystem::path& path, std::string_view text) {
  gzFile file = gzopen(path.string().c_str(), "wb");
  ASSERT_NE(file, nullptr);
  if (!text.empty())
    ASSERT_EQ(gzwrite(file, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  ASSERT_EQ(gzclose(file), Z_OK);
}

std::filesystem::path Directory() {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("saylau-data-pieces-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  return dir;
}

ImportMapping Mapping() {
  Result<ImportMapping> mapping = ParseMapping(kMapping, "map.toml");
  EXPECT_TRUE(mapping) << mapping.error().message;
  return mapping ? *mapping : ImportMapping{};
}

std::string Outcome(const Result<ImportFiles>& files) {
  if (!files) return "error: " + files.error().message;
  return files->definition + "\n--\n" + files->stations + "\n--\n" + files->protocols + "\n--\n" +
         std::to_string(files->rows) + " " + std::to_string(files->skipped) + " " + std::to_string(files->commissions) +
         " " + std::to_string(files->stations_count);
}

// ImportDataFile of `text` as a .gz file in pieces of 1 to 40 bytes and of a megabyte, each
// against BuildImport of the whole text under the same name.
void ExpectTheSameInEveryPieceSize(const std::string& text) {
  const std::filesystem::path path = Directory() / "data.csv.gz";
  WriteGzip(path, text);
  const std::string whole = Outcome(BuildImport(Mapping(), text, path.string()));
  for (const std::size_t piece :
       {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{5}, std::size_t{8}, std::size_t{13},
        std::size_t{21}, std::size_t{34}, std::size_t{40}, std::size_t{1} << 20}) {
    EXPECT_EQ(Outcome(ImportDataFile(Mapping(), path.string(), {}, piece)), whole) << "pieces of " << piece;
  }
  std::filesystem::remove_all(path.parent_path());
}

TEST(ImportDataFileTest, AGzipFileReadInPiecesGivesTheFilesOfTheWholeText) {
  const std::string text = Data(60);
  const std::string whole = Outcome(BuildImport(Mapping(), text, "x"));
  ASSERT_EQ(whole.rfind("error", 0), std::string::npos) << whole;
  EXPECT_NE(whole.find("r2-uik-3,r2,30,station,УИК №3,http://x/3\n"), std::string::npos) << whole;
  ExpectTheSameInEveryPieceSize(text);
}

TEST(ImportDataFileTest, APlainFileIsReadWhole) {
  const std::filesystem::path path = Directory() / "data.csv";
  std::ofstream(path, std::ios::binary) << Data(10);
  EXPECT_EQ(Outcome(ImportDataFile(Mapping(), path.string())),
            Outcome(BuildImport(Mapping(), Data(10), path.string())));
  std::filesystem::remove_all(path.parent_path());
}

TEST(ImportDataFileTest, EveryProblemIsTheOneOfTheWholeText) {
  const std::string good = Data(12);
  const std::size_t line_end = good.find("\n", good.find("УИК №5"));
  const std::vector<std::string> texts = {
      good.substr(0, line_end) + "\xD1" + good.substr(line_end),               // a lead byte before a line feed
      good.substr(0, line_end) + "\xD1\xE5" + good.substr(line_end),           // CP1251 at a line's end
      good + "Север,\xD1\xE5\xE2\xE5\xF0,1,1,1,,\n",                           // CP1251 on the last line
      good + "Север,УИК,1,1,1,,x\x01y\n",                                      // a control character
      good + "Север,УИК №2,1,1,1,,\n",                                         // a station twice
      good + "Север,УИК №99,1,1,1,\"a note left open,\n1,2\n",                 // a quote left open
      good + "Север,УИК №99,1,1,1,\"x\"y,\n",                                  // text after a closing quote
      good + "Север,УИК №99,1,1\n",                                            // a row too short
      good + "Север,УИК №99,1,один,1,,\n" + good.substr(good.find('\n') + 1),  // not a number, stations twice
      "",                                                                      // empty
      "\n\n\n",                                                                // blank
      good.substr(0, good.find('\n') + 1),                                     // a header alone
      "\xEF\xBB\xBF\xD1\xE5\xE2,УИК\n",                                        // a CP1251 header
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.substr(0, 80));
    const std::string whole = Outcome(BuildImport(Mapping(), text, "x"));
    EXPECT_EQ(whole.rfind("error: ", 0), 0u) << whole;
    ExpectTheSameInEveryPieceSize(text);
  }
}

TEST(ImportDataFileTest, AGzipStreamCutShortOrDamagedIsNamedAsReadDataFileNamesIt) {
  const std::filesystem::path dir = Directory();
  WriteGzip(dir / "whole.csv.gz", Data(2000));
  std::ifstream in(dir / "whole.csv.gz", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string damaged = bytes;
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 16; ++i) damaged[i] = static_cast<char>(~damaged[i]);
  for (const auto& [name, content] :
       {std::pair{"cut.csv.gz", bytes.substr(0, bytes.size() / 2)}, std::pair{"damaged.csv.gz", damaged},
        std::pair{"trailer.csv.gz", bytes.substr(0, bytes.size() - 3)}}) {
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << content;
    const Result<std::string> read = ReadDataFile(path);
    ASSERT_FALSE(read) << name;
    for (const std::size_t piece : {std::size_t{100}, std::size_t{1} << 20}) {
      const Result<ImportFiles> files = ImportDataFile(Mapping(), path, {}, piece);
      ASSERT_FALSE(files) << name;
      EXPECT_EQ(files.error().message, read.error().message) << name;
      EXPECT_EQ(files.error().code, ErrorCode::kInvalidArgument) << name;
    }
  }
  const Result<ImportFiles> absent = ImportDataFile(Mapping(), (dir / "absent.csv.gz").string());
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().code, ErrorCode::kNotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace saylau::importer
