// saylau import as scripts see it: a small file imports and ingests into a database with every
// protocol accepted (exit 0); a CP1251 file and a mapping that names a column the data lacks
// stop it with exit 2 and file:line, and nothing is written.
#include <gtest/gtest.h>

#include "saylau_process.h"

namespace saylau::testing {
namespace {

constexpr const char* kHeader =
    "region,tik,uik,Число избирателей,Получено,Досрочно,В помещении,Вне помещения,Погашено,В переносных,"
    "В стационарных,Недействительных,Действительных,Утрачено,Не учтено,Иванов Иван,Петров Пётр\n";

// The Russian mapping with short header texts (the form and the contest as shipped).
std::string SmallMapping() {
  std::string text = ReadAll(Source("data/mappings/ru-cec-president.toml"));
  const std::size_t lines = text.find("[columns.lines]");
  const std::size_t skip = text.find("[[skip]]", lines);
  text.replace(lines, skip - lines,
               "[columns.lines]\nregistered = \"Число избирателей\"\nreceived = \"Получено\"\n"
               "issued_early = \"Досрочно\"\nissued_inside = \"В помещении\"\nissued_outside = \"Вне помещения\"\n"
               "cancelled = \"Погашено\"\nin_portable = \"В переносных\"\nin_stationary = \"В стационарных\"\n"
               "invalid = \"Недействительных\"\nvalid = \"Действительных\"\nlost = \"Утрачено\"\n"
               "unaccounted = \"Не учтено\"\n\n");
  const std::size_t column = text.find("column = \"Число избирателей, включенных в список избирателей\"");
  text.replace(column, std::string("column = \"Число избирателей, включенных в список избирателей\"").size(),
               "column = \"Число избирателей\"");
  return text;
}

TEST(ImportCliTest, ASmallFileImportsAndIngestsWithEveryProtocolAccepted) {
  const std::filesystem::path dir = FreshDirectory("import-cli");
  std::ofstream(dir / "map.toml") << SmallMapping();
  // registered, received, early, inside, outside, cancelled, portable, stationary, invalid,
  // valid, lost, unaccounted, the two candidates.
  std::ofstream(dir / "data.csv") << kHeader << "Область,ТИК №1,УИК №1,100,100,0,60,5,35,5,60,1,64,0,0,40,24\n"
                                  << "Область,ТИК №1,УИК №2,50,50,0,30,0,20,0,30,0,30,0,0,10,20\n"
                                  << "Край,ТИК №1,УИК №1,10,10,0,5,0,5,0,5,0,5,0,0,5,0\n"
                                  << "Край,ТИК №2" << std::string(15, ',') << "\n";  // no data: skipped
  const std::string db = (dir / "x.db").string();
  const CommandRun run = Saylau("import " + (dir / "data.csv").string() + " --mapping " +
                                (dir / "map.toml").string() + " --out " + (dir / "out").string() + " --db " + db);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("imported 4 rows (1 skipped): 4 commissions, 3 polling stations, 2 options"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("3 accepted, 0 rejected"), std::string::npos) << run.output;
  const std::string stations = ReadAll(dir / "out" / "stations.csv");
  EXPECT_NE(stations.find("r1-t1-uik-1,r1-t1,100,station,УИК №1\n"), std::string::npos) << stations;
  // Filled alone under a rollback journal (store::NewFileJournal): everything is in the file
  // itself when the command ends, no WAL or journal beside it, and the file was never put in WAL
  // (its header's read and write versions, bytes 18 and 19, are 2 in a WAL file, 1 otherwise).
  for (const char* side : {"-wal", "-shm", "-journal"}) EXPECT_FALSE(std::filesystem::exists(db + side)) << side;
  const std::string header = ReadAll(db).substr(0, 20);
  ASSERT_EQ(header.size(), 20u);
  EXPECT_EQ(header[18], 1);
  EXPECT_EQ(header[19], 1);
  const CommandRun results = Saylau("results --db " + db + " --format csv");
  EXPECT_NE(results.output.find("president,ivanov-ivan,55,"), std::string::npos) << results.output;
  std::filesystem::remove_all(dir);
}

// The database is made while the definition is checked; when the definition does not load (a
// majority above 100 %, which the mapping passes on as written), the file made is removed again.
TEST(ImportCliTest, ADefinitionThatDoesNotLoadLeavesNoDatabase) {
  const std::filesystem::path dir = FreshDirectory("import-cli-no-load");
  std::string mapping = SmallMapping();
  mapping.replace(mapping.find("majority_percent = 50"), std::string("majority_percent = 50").size(),
                  "majority_percent = 500");
  std::ofstream(dir / "map.toml") << mapping;
  std::ofstream(dir / "data.csv") << kHeader << "Область,ТИК №1,УИК №1,100,100,0,60,5,35,5,60,1,64,0,0,40,24\n";
  const std::string db = (dir / "x.db").string();
  const std::string command = "import " + (dir / "data.csv").string() + " --mapping " + (dir / "map.toml").string() +
                              " --out " + (dir / "out").string() + " --db " + db;
  const CommandRun run = Saylau(command);
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("majority_percent"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(db)) << run.output;
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(db + "-shm"));
  // A file that is there already is left as it was.
  std::ofstream(db) << "not ours";
  const CommandRun again = Saylau(command);
  EXPECT_NE(again.exit_code, 0) << again.output;
  EXPECT_EQ(ReadAll(db), "not ours");
  std::filesystem::remove_all(dir);
}

TEST(ImportCliTest, Cp1251DataAndAMissingColumnStopItWithExit2AndFileLine) {
  const std::filesystem::path dir = FreshDirectory("import-cli-bad");
  std::ofstream(dir / "map.toml") << SmallMapping();
  std::ofstream(dir / "cp1251.csv") << kHeader << "\xCE\xE1\xEB\xE0\xF1\xF2\xFC,1,1,1,1,0,1,0,0,0,1,0,1,0,0,1,0\n";
  CommandRun run = Saylau("import " + (dir / "cp1251.csv").string() + " --mapping " + (dir / "map.toml").string() +
                          " --out " + (dir / "out").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("cp1251.csv:2: not UTF-8 at byte 1 (0xCE 0xE1 0xEB 0xE0) of the line"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("iconv -f cp1251 -t utf-8"), std::string::npos) << run.output;

  std::string header = kHeader;
  header.replace(header.find("Погашено"), std::string("Погашено").size(), "Погашенных");
  std::ofstream(dir / "renamed.csv") << header << "Область,ТИК,УИК,1,1,0,1,0,0,0,1,0,1,0,0,1,0\n";
  run = Saylau("import " + (dir / "renamed.csv").string() + " --mapping " + (dir / "map.toml").string() + " --out " +
               (dir / "out").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("renamed.csv:1: Погашено: no such column in the header (the mapping names it as line "
                            "cancelled)"),
            std::string::npos)
      << run.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace saylau::testing
