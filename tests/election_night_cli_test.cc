// The election night through the command line, as a commission would run it: synth -> init ->
// ingest -> status / results / certify / recount / history / export / rebuild, on the
// 10,100-station synthetic 2023 Mazhilis election whose national totals are the official ones.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "saylau_process.h"

namespace saylau::testing {
namespace {

const std::string kDefinition = Source("elections/kz/2023-03-19-mazhilis.toml");

class ElectionNightCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(FreshDirectory("night-cli"));
    const CommandRun synth = Saylau("synth " + kDefinition + " --seed 7 --out " + Path("night"));
    ASSERT_EQ(synth.exit_code, 0) << synth.output;
    const CommandRun init = Saylau("init " + kDefinition + " --stations " + Path("night/stations.csv") + " --db " +
                                   Path("night.db"));
    ASSERT_EQ(init.exit_code, 0) << init.output;
    ingest_ = new CommandRun(
        Saylau("ingest --db " + Path("night.db") + " " + Path("night/turnout.csv") + " " + Path("night/protocols.csv")));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete ingest_;
  }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }
  static nlohmann::json ListResults(const std::string& db = "night.db") {
    const CommandRun run = Saylau("results --db " + Path(db) + " --contest mazhilis-list --format json");
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return nlohmann::json::parse(run.output)["outcomes"][0];
  }

  static std::filesystem::path* dir_;
  static CommandRun* ingest_;
};
std::filesystem::path* ElectionNightCliTest::dir_ = nullptr;
CommandRun* ElectionNightCliTest::ingest_ = nullptr;

TEST_F(ElectionNightCliTest, SyntheticNightReproducesTheOfficialNationalResult) {
  ASSERT_EQ(ingest_->exit_code, 0) << ingest_->output;
  EXPECT_NE(ingest_->output.find("90 900 accepted"), std::string::npos) << ingest_->output;
  EXPECT_NE(ingest_->output.find("0 rejected"), std::string::npos);

  const nlohmann::json outcome = ListResults();
  EXPECT_EQ(outcome["partial"], false);
  EXPECT_EQ(outcome["progress"]["reported"], 10100);
  EXPECT_EQ(outcome["progress"]["expected"], 10100);
  EXPECT_EQ(outcome["progress"]["voters_reported"], 12035578);
  EXPECT_EQ(outcome["base"]["total"], 6366441);
  const std::map<std::string, std::pair<std::int64_t, int>> official = {
      {"amanat", {3431510, 40}},  {"auyl", {693938, 8}},         {"respublica", {547154, 6}}, {"ak-zhol", {535139, 6}},
      {"peoples-party", {432920, 5}}, {"jsdp", {331058, 4}}, {"baytaq", {146431, 0}}};
  int checked = 0;
  for (const nlohmann::json& option : outcome["options"]) {
    const auto it = official.find(option["option"]);
    ASSERT_NE(it, official.end()) << option.dump();
    EXPECT_EQ(option["votes"], it->second.first) << option["option"];
    EXPECT_EQ(option["seats"], it->second.second) << option["option"];
    ++checked;
  }
  EXPECT_EQ(checked, 7);
  EXPECT_EQ(outcome["tally"]["against_all"], 248291);
  EXPECT_EQ(outcome["tally"]["took_part"], 6521860);
  EXPECT_EQ(outcome["tally"]["registered"], 12035578);
}

TEST_F(ElectionNightCliTest, SynthIsDeterministicForASeed) {
  ASSERT_EQ(Saylau("synth " + kDefinition + " --seed 7 --stations 500 --out " + Path("a")).exit_code, 0);
  ASSERT_EQ(Saylau("synth " + kDefinition + " --seed 7 --stations 500 --out " + Path("b")).exit_code, 0);
  ASSERT_EQ(Saylau("synth " + kDefinition + " --seed 8 --stations 500 --out " + Path("c")).exit_code, 0);
  for (const char* file : {"stations.csv", "protocols.csv", "turnout.csv"}) {
    EXPECT_EQ(ReadAll(Path("a/") + file), ReadAll(Path("b/") + file)) << file;
  }
  EXPECT_NE(ReadAll(Path("a/protocols.csv")), ReadAll(Path("c/protocols.csv")));
}

TEST_F(ElectionNightCliTest, AnomaliesAreInjectedAndListed) {
  const CommandRun run = Saylau("synth " + kDefinition + " --seed 3 --stations 2000 --anomalies stuffing=0.05,rounding=0.02 --out " +
                                Path("odd"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string list = ReadAll(Path("odd/anomalies.csv"));
  int stuffing = 0, rounding = 0;
  for (std::size_t at = list.find(",stuffing,"); at != std::string::npos; at = list.find(",stuffing,", at + 1)) ++stuffing;
  for (std::size_t at = list.find(",rounding,"); at != std::string::npos; at = list.find(",rounding,", at + 1)) ++rounding;
  EXPECT_GT(stuffing, 60);
  EXPECT_LT(stuffing, 140);
  EXPECT_GT(rounding, 15);
  EXPECT_LT(rounding, 60);
  EXPECT_EQ(Saylau("synth " + kDefinition + " --anomalies stuffing=2 --out " + Path("x")).exit_code, 2);
}

TEST_F(ElectionNightCliTest, StatusShowsEveryStageAndTheDeadline) {
  // A smaller night of the same election (national totals still exact) keeps this workflow quick.
  ASSERT_EQ(Saylau("synth " + kDefinition + " --seed 11 --stations 400 --out " + Path("small")).exit_code, 0);
  ASSERT_EQ(Saylau("init " + kDefinition + " --stations " + Path("small/stations.csv") + " --db " + Path("small.db"))
                .exit_code,
            0);
  ASSERT_EQ(Saylau("ingest --db " + Path("small.db") + " " + Path("small/turnout.csv") + " " +
                   Path("small/protocols.csv"))
                .exit_code,
            0);
  const std::string db = " --db " + Path("small.db");
  CommandRun status = Saylau("status" + db + " --contest mazhilis-list");
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("stage: open"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("final result due by 2023-03-29"), std::string::npos);
  EXPECT_NE(status.output.find("close  54.19 %"), std::string::npos) << status.output;

  ASSERT_EQ(Saylau("certify" + db + " --stage preliminary --at 2023-03-20T10:00:00+06:00").exit_code, 0);
  status = Saylau("status" + db + " --contest mazhilis-list");
  EXPECT_NE(status.output.find("stage: preliminary"), std::string::npos) << status.output;
  EXPECT_EQ(ListResults("small.db")["stage"], "preliminary");

  const CommandRun final_run = Saylau("certify" + db + " --stage final --at 2023-03-27T12:00:00+06:00");
  ASSERT_EQ(final_run.exit_code, 0) << final_run.output;
  status = Saylau("status" + db + " --contest mazhilis-list");
  EXPECT_NE(status.output.find("stage: final"), std::string::npos) << status.output;
  EXPECT_EQ(ListResults("small.db")["stage"], "final");
  EXPECT_EQ(Saylau("certify" + db + " --stage final").exit_code, 3) << "already final";

  // After certification a change needs a recount order.
  const std::string correction = Path("correction.csv");
  std::ofstream(correction) << "contest,unit,commission,reason,voters,received,issued,cancelled,found,valid,invalid,"
                               "against_all,amanat,auyl,respublica,ak-zhol,peoples-party,jsdp,baytaq\n"
                               "mazhilis-list,astana-0001,astana,recount,1000,1010,500,510,500,490,10,10,400,20,20,10,10,10,10\n";
  CommandRun ingest = Saylau("ingest" + db + " " + correction);
  EXPECT_EQ(ingest.exit_code, 1) << ingest.output;
  EXPECT_NE(ingest.output.find("certified-final"), std::string::npos) << ingest.output;
  ASSERT_EQ(Saylau("recount" + db + " --contest mazhilis-list --unit astana --reason \"court ruling 1\"").exit_code, 0);
  ingest = Saylau("ingest" + db + " " + correction);
  EXPECT_EQ(ingest.exit_code, 0) << ingest.output;
  EXPECT_NE(ingest.output.find("1 accepted (1 correction)"), std::string::npos) << ingest.output;
  const CommandRun history = Saylau("history" + db + " --unit astana-0001 --contest mazhilis-list");
  EXPECT_NE(history.output.find("version 3: accepted, by astana"), std::string::npos) << history.output;
  EXPECT_NE(history.output.find("REJECTED"), std::string::npos);
  EXPECT_NE(history.output.find("amanat: "), std::string::npos);
  EXPECT_EQ(Saylau("rebuild" + db + " --check").exit_code, 0);
}

TEST_F(ElectionNightCliTest, IngestingAgainFindsOnlyDuplicates) {
  const CommandRun again = Saylau("ingest --db " + Path("night.db") + " " + Path("night/turnout.csv"));
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("0 accepted (0 corrections), 0 rejected, 70 700 duplicates"), std::string::npos)
      << again.output;
}

TEST_F(ElectionNightCliTest, ExportHasOneRowPerStationContestAndOption) {
  const CommandRun run = Saylau("export --db " + Path("night.db") + " --format csv --out " + Path("open.csv"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string csv = ReadAll(Path("open.csv"));
  const std::size_t rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
  EXPECT_EQ(rows, 10100u * 7 + 10100u * 3);  // list: 7 parties; every station also votes in its district (3)
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "election,contest,round,unit,unit_name_kk,unit_name_ru,unit_name_en,parent,version,seq,stage,option,"
            "option_name_kk,option_name_ru,option_name_en,votes,voters,received,issued,"
            "issued_absentee,issued_outside,cancelled,found,valid,invalid,both_marked,against_all,warnings");
  const CommandRun jsonl = Saylau("export --db " + Path("night.db") + " --format jsonl --out " + Path("open.jsonl"));
  ASSERT_EQ(jsonl.exit_code, 0);
  const std::string text = ReadAll(Path("open.jsonl"));
  const nlohmann::json first = nlohmann::json::parse(text.substr(0, text.find('\n')));
  EXPECT_EQ(first["contest"], "mazhilis-list");
  EXPECT_TRUE(first.contains("votes"));
}

TEST_F(ElectionNightCliTest, BadProtocolFilesAreStoredAsRejectedOrRefusedWhole) {
  const std::string db = Path("bad.db");
  ASSERT_EQ(Saylau("init " + Source("tests/data/good/night.toml") + " --stations " +
                   Source("tests/data/good/night-stations.csv") + " --db " + db)
                .exit_code,
            0);
  EXPECT_EQ(Saylau("init " + Source("tests/data/good/night.toml") + " --db " + db).exit_code, 3) << "exists";
  const std::string rows = Path("rows.csv");
  std::ofstream(rows) << "contest,unit,voters,received,issued,cancelled,found,valid,invalid,against_all,a,b\n"
                         "list,s1,1000,1010,600,410,600,590,10,20,400,170\n"
                         "list,s2,1000,1010,600,410,600,590,10,20,4x0,170\n"
                         "list,s3,1000,1010,600,410,600,590,10,20,400\n";
  CommandRun run = Saylau("ingest --db " + db + " " + rows);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("1 accepted"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("2 rejected"), std::string::npos);
  EXPECT_NE(run.output.find("rows.csv:3"), std::string::npos);
  EXPECT_NE(run.output.find("readable-lines: not whole numbers in range: a='4x0'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("the row has 11 fields, the header 12"), std::string::npos);
  const CommandRun status = Saylau("status --db " + db);
  EXPECT_NE(status.output.find("rejected protocols not yet set right: 2"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("missing (2): s2, s3"), std::string::npos) << status.output;

  const std::string header = Path("header.csv");
  std::ofstream(header) << "contest,station,voters\nlist,s1,5\n";
  run = Saylau("ingest --db " + db + " " + header);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("header.csv:1: the header needs a 'unit' column"), std::string::npos) << run.output;

  const std::string jsonl = Path("p.jsonl");
  std::ofstream(jsonl) << "{\"contest\":\"list\",\"unit\":\"s2\",\"lines\":{\"voters\":1000,\"received\":1010,"
                          "\"issued\":600,\"cancelled\":410,\"found\":600,\"valid\":590,\"invalid\":10,"
                          "\"against_all\":20,\"a\":400,\"b\":170}}\nnot json\n";
  run = Saylau("ingest --db " + db + " " + jsonl);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("p.jsonl:2"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 accepted"), std::string::npos) << run.output;
  EXPECT_EQ(Saylau("status --db " + Path("missing.db")).exit_code, 2);
}

// Text that is not UTF-8 (a CP1251 export of office software) or holds control characters:
// init refuses it in ids and names; ingest stores such a row as rejected under `utf8` with its
// place, its field and the fix, and the other rows as usual; what is stored replays (ingesting
// again finds only duplicates; rebuild agrees); submit refuses to sign it.
TEST_F(ElectionNightCliTest, TextThatIsNotUtf8IsRejectedWithItsPlaceNeverAnInternalError) {
  const std::string definition = Source("tests/data/good/night.toml");
  const std::string stations = Path("cp1251-stations.csv");
  std::ofstream(stations, std::ios::binary) << "id,parent,registered_voters,name_ru\n"
                                            << "s1,d1,1000,\xD3\xF7\xE0\xF1\xF2\xEE\xEA 1\n"  // "Участок 1"
                                            << std::string("s\0002,d1,1000,ok\n", 15);
  CommandRun init = Saylau("init " + definition + " --stations " + stations + " --db " + Path("cp1251-refused.db"));
  EXPECT_EQ(init.exit_code, 2) << init.output;
  EXPECT_NE(init.output.find("cp1251-stations.csv:2: name_ru: not UTF-8 at byte 1 (0xD3 0xF7 0xE0 0xF1)"),
            std::string::npos)
      << init.output;
  EXPECT_NE(init.output.find("convert with iconv -f cp1251 -t utf-8"), std::string::npos) << init.output;
  EXPECT_NE(init.output.find("cp1251-stations.csv:3: id: control character U+0000 at byte 2"), std::string::npos)
      << init.output;
  EXPECT_FALSE(std::filesystem::exists(Path("cp1251-refused.db")));

  const std::string db = Path("cp1251.db");
  ASSERT_EQ(Saylau("init " + definition + " --stations " + Source("tests/data/good/night-stations.csv") + " --db " + db)
                .exit_code,
            0);
  const std::string rows = Path("cp1251.csv");
  std::ofstream(rows, std::ios::binary)
      << "contest,unit,reason,voters,received,issued,cancelled,found,valid,invalid,against_all,a,b\n"
         "list,s1,,1000,1010,600,410,600,590,10,20,400,170\n"
         "list,s2,\xCF\xE5\xF0\xE5\xF1\xF7\xE5\xF2,1000,1010,600,410,600,590,10,20,400,170\n"  // "Пересчет"
         "list,s3,,1000,1010,600,410,600,590,10,20,400,170\n";
  CommandRun run = Saylau("ingest --db " + db + " " + rows);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("2 accepted"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 rejected"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cp1251.csv:3: protocol list at s2:\n      utf8: reason: not UTF-8 at byte 1 (0xCF 0xE5 "
                            "0xF0 0xE5): '\\xCF\\xE5\\xF0\\xE5\\xF1\\xF7\\xE5\\xF2'; convert with iconv -f "
                            "cp1251 -t utf-8"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("json.exception"), std::string::npos) << run.output;
  // What was stored decodes again: opening the database replays it, and the same rows are
  // judged the same (duplicates, not stored again); rebuild agrees.
  run = Saylau("ingest --db " + db + " " + rows);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("0 accepted (0 corrections), 0 rejected, 3 duplicates"), std::string::npos) << run.output;
  EXPECT_EQ(Saylau("rebuild --db " + db + " --check").exit_code, 0);

  // JSON Lines: bytes that are not UTF-8 in a value, a number past 64 bits, a line that is not JSON.
  const std::string jsonl = Path("cp1251.jsonl");
  std::ofstream(jsonl, std::ios::binary)
      << "{\"contest\":\"list\",\"unit\":\"s3\",\"commission\":\"c\",\"reason\":\"\xCF\xE5\xF0\",\"lines\":{}}\n"
         "{\"contest\":\"list\",\"unit\":\"s2\",\"lines\":{\"voters\":1000,\"received\":1010,\"issued\":600,"
         "\"cancelled\":410,\"found\":600,\"valid\":590,\"invalid\":10,\"against_all\":20,"
         "\"a\":18446744073709551615,\"b\":170}}\n"
         "{\"contest\": oops}\n";
  run = Saylau("ingest --db " + db + " " + jsonl);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("3 rejected"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cp1251.jsonl:1: protocol list at s3:\n      utf8: reason: not UTF-8"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("readable-lines: not whole numbers in range: a=18446744073709551615 (out of range)"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("is negative"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cp1251.jsonl:3: a line that could not be read:\n      readable-lines: line 3 is not JSON"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("contest ''"), std::string::npos) << run.output;

  run = Saylau("ingest --db " + db + " " + jsonl);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("0 accepted (0 corrections), 0 rejected, 3 duplicates"), std::string::npos) << run.output;
  EXPECT_EQ(Saylau("rebuild --db " + db + " --check").exit_code, 0);

  // submit signs exactly what a commission wrote, so it refuses the row and signs nothing.
  ASSERT_EQ(Saylau("keys gen --all --db " + db + " --out " + Path("cp1251-keys")).exit_code, 0);
  run = Saylau("submit --keys " + Path("cp1251-keys") + " --sign-only " + Path("cp1251.signed") + " " + rows);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("cp1251.csv:3: utf8: reason: not UTF-8 at byte 1"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("nothing was signed or sent"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace saylau::testing
