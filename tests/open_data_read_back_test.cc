// Protocol forms end to end through the command line (issue 18, item 1): a night with three
// forms (tests/data/good/forms-night.toml: a referendum without "against all", a list with it,
// and a Russian-style precinct form with a warn relation). A protocol whose warn relation
// fails is accepted, counted and listed by ingest, status and the open data's warnings column;
// the open data (CSV and JSON Lines) reads back into a fresh database with the same results;
// open data whose rows do not make protocols is refused at file:line with nothing stored.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "saylau_process.h"

namespace saylau::testing {
namespace {

const std::string kDefinition = Source("tests/data/good/forms-night.toml");
const std::string kStations = Source("tests/data/good/night-stations.csv");

constexpr char kKazakhProtocols[] =
    "contest,unit,voters,received,issued,cancelled,found,valid,invalid,against_all,both_marked,a,b,x,y,yes,no\n"
    "list,s1,1000,1010,600,410,600,590,10,20,,400,170,,,,\n"
    "list,s2,1000,1010,610,400,600,590,10,25,,300,265,,,,\n"
    "list,s3,1000,1010,620,390,610,600,10,30,,350,220,,,,\n"
    "seat,s1,1000,1010,600,410,600,590,10,20,,,,300,270,,\n"
    "seat,s2,1000,1010,610,400,600,590,10,15,,,,275,300,,\n"
    "ref,s1,1000,1010,600,410,600,585,10,,5,,,,,400,185\n"
    "ref,s2,1000,1010,610,400,600,580,12,,8,,,,,300,280\n"
    "ref,s3,1000,1010,620,390,610,600,10,,0,,,,,350,250\n";

// s2's boxes hold one ballot more than was issued: boxes-within-issued (warn) fails.
constexpr char kPrecinctProtocols[] =
    R"({"contest":"president","unit":"s1","lines":{"registered":1000,"received":900,"issued_early":0,"issued_inside":600,"issued_outside":50,"cancelled":250,"portable":50,"stationary":600,"invalid":10,"valid":640,"p":500,"q":140}}
{"contest":"president","unit":"s2","lines":{"registered":1000,"received":900,"issued_early":0,"issued_inside":600,"issued_outside":50,"cancelled":250,"portable":50,"stationary":601,"invalid":10,"valid":641,"p":501,"q":140}}
{"contest":"president","unit":"s3","lines":{"registered":1000,"received":900,"issued_early":10,"issued_inside":590,"issued_outside":50,"cancelled":250,"portable":50,"stationary":590,"invalid":20,"valid":620,"p":300,"q":320}}
)";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1) {
    fields.push_back(line.substr(start, comma - start));
  }
  fields.push_back(line.substr(start));
  return fields;
}

class OpenDataReadBackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(FreshDirectory("open-data-read-back"));
    std::ofstream(Path("kz.csv")) << kKazakhProtocols;
    std::ofstream(Path("precinct.jsonl")) << kPrecinctProtocols;
    ASSERT_EQ(Init("night.db").exit_code, 0);
    ingest_ =
        new CommandRun(Saylau("ingest --db " + Path("night.db") + " " + Path("kz.csv") + " " + Path("precinct.jsonl")));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete ingest_;
  }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }
  static CommandRun Init(const std::string& db) {
    const CommandRun run = Saylau("init " + kDefinition + " --stations " + kStations + " --db " + Path(db));
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return run;
  }
  static nlohmann::json Results(const std::string& db) {
    const CommandRun run = Saylau("results --db " + Path(db) + " --format json");
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return nlohmann::json::parse(run.output);
  }

  static std::filesystem::path* dir_;
  static CommandRun* ingest_;
};
std::filesystem::path* OpenDataReadBackTest::dir_ = nullptr;
CommandRun* OpenDataReadBackTest::ingest_ = nullptr;

TEST_F(OpenDataReadBackTest, AFailedWarnRelationIsCountedAndListedByIngestAndStatus) {
  EXPECT_EQ(ingest_->exit_code, 0) << ingest_->output;
  EXPECT_NE(ingest_->output.find("11 accepted (0 corrections), 0 rejected"), std::string::npos) << ingest_->output;
  EXPECT_NE(ingest_->output.find("1 accepted with warnings (counted, flagged):\n"
                                 "  " +
                                 Path("precinct.jsonl") +
                                 ":2: protocol president at s2:\n"
                                 "      boxes-within-issued: portable (50) + stationary (601) > issued_early (0) + "
                                 "issued_inside (600) + issued_outside (50)"),
            std::string::npos)
      << ingest_->output;
  // Counted: 500 + 501 + 300 for p.
  const nlohmann::json results = Results("night.db");
  const nlohmann::json& president = results["outcomes"][3];
  ASSERT_EQ(president["contest"], "president");
  EXPECT_EQ(president["rounds"][0]["ranking"][0]["votes"], 1301);

  const CommandRun status = Saylau("status --db " + Path("night.db"));
  EXPECT_NE(status.output.find("counted protocols with warnings: 1\n  president at s2: boxes-within-issued\n"),
            std::string::npos)
      << status.output;
  const nlohmann::json json =
      nlohmann::json::parse(Saylau("status --db " + Path("night.db") + " --format json").output);
  ASSERT_EQ(json["warned"].size(), 1u) << json["warned"].dump();
  EXPECT_EQ(json["warned"][0]["unit"], "s2");
  EXPECT_EQ(json["warned"][0]["warnings"], nlohmann::json::array({"boxes-within-issued"}));
}

TEST_F(OpenDataReadBackTest, TheOpenDataHasEachFormsLinesAndTheWarnings) {
  ASSERT_EQ(Saylau("export --db " + Path("night.db") + " --format csv --out " + Path("open.csv")).exit_code, 0);
  const std::vector<std::string> lines = Lines(ReadAll(Path("open.csv")));
  ASSERT_EQ(lines.size(), 1u + 3 * 2 + 2 * 2 + 3 * 2 + 3 * 2);
  const std::vector<std::string> header = Split(lines[0]);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_LT(column("against_all"), header.size());
  ASSERT_LT(column("stationary"), header.size());
  EXPECT_EQ(header.back(), "warnings");
  int checked = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> row = Split(lines[i]);
    ASSERT_EQ(row.size(), header.size()) << lines[i];
    const std::string& contest = row[column("contest")];
    if (contest == "ref") {
      EXPECT_EQ(row[column("against_all")], "") << "a referendum has no against all: " << lines[i];
      EXPECT_NE(row[column("both_marked")], "") << lines[i];
    }
    if (contest == "list") {
      EXPECT_NE(row[column("against_all")], "") << lines[i];
    }
    if (contest == "president") {
      EXPECT_EQ(row[column("voters")], "") << "not a line of the precinct form: " << lines[i];
      EXPECT_NE(row[column("stationary")], "") << lines[i];
    } else {
      EXPECT_EQ(row[column("stationary")], "") << lines[i];
    }
    const bool warned = contest == "president" && row[column("unit")] == "s2";
    EXPECT_EQ(row.back(), warned ? "boxes-within-issued" : "") << lines[i];
    ++checked;
  }
  EXPECT_EQ(checked, 22);
}

TEST_F(OpenDataReadBackTest, TheOpenDataReadsBackIntoTheSameResults) {
  const nlohmann::json expected = Results("night.db");
  ASSERT_EQ(Saylau("export --db " + Path("night.db") + " --format csv --out " + Path("reference.csv")).exit_code, 0);
  for (const std::string format : {"csv", "jsonl"}) {
    const std::string file = Path("back." + format);
    ASSERT_EQ(Saylau("export --db " + Path("night.db") + " --format " + format + " --out " + file).exit_code, 0);
    const std::string db = "back-" + format + ".db";
    Init(db);
    const CommandRun ingest = Saylau("ingest --db " + Path(db) + " " + file);
    EXPECT_EQ(ingest.exit_code, 0) << ingest.output;
    EXPECT_NE(ingest.output.find("11 accepted (0 corrections), 0 rejected, 0 duplicates"), std::string::npos)
        << format << ": " << ingest.output;
    EXPECT_NE(ingest.output.find("1 accepted with warnings"), std::string::npos) << ingest.output;
    EXPECT_EQ(Results(db), expected) << format;
    // Read back and exported again: the same rows but for the log sequence numbers.
    ASSERT_EQ(Saylau("export --db " + Path(db) + " --format csv --out " + Path("again.csv")).exit_code, 0);
    const std::vector<std::string> again = Lines(ReadAll(Path("again.csv")));
    const std::vector<std::string> first = Lines(ReadAll(Path("reference.csv")));
    ASSERT_EQ(again.size(), first.size());
    const std::size_t seq = 9;  // election,contest,round,unit,unit_name_kk,_ru,_en,parent,version,seq
    for (std::size_t i = 0; i < again.size(); ++i) {
      std::vector<std::string> a = Split(again[i]), b = Split(first[i]);
      if (i > 0) a[seq] = b[seq] = "";
      EXPECT_EQ(a, b) << "line " << i + 1;
    }
  }
}

// The NIST export counts ballots by the form's roles: took_part as BallotsCast, invalid as
// BallotsRejected (per contest), a referendum's both_marked as its Overvotes.
TEST_F(OpenDataReadBackTest, TheNistExportCountsBallotsByTheFormsRoles) {
  ASSERT_EQ(Saylau("export --db " + Path("night.db") + " --format nist --out " + Path("nist.json")).exit_code, 0);
  const nlohmann::json election = nlohmann::json::parse(ReadAll(Path("nist.json")))["Election"][0];
  const auto ballots = [&](const std::string& contest, const std::string& unit) {
    for (const nlohmann::json& count : election["BallotCounts"]) {
      if (count["OtherType"] == "ballots of contest " + contest && count["GpUnitId"] == "gpu-" + unit) return count;
    }
    return nlohmann::json();
  };
  EXPECT_EQ(ballots("president", "s2")["BallotsCast"], 650);  // issued early + inside + outside
  EXPECT_EQ(ballots("president", "s3")["BallotsRejected"], 20);
  EXPECT_EQ(ballots("list", "c")["BallotsCast"], 1830);
  EXPECT_EQ(ballots("ref", "c")["BallotsRejected"], 32);
  int overvotes = -1;
  for (const nlohmann::json& contest : election["Contest"]) {
    if (contest["@id"] != "con-ref") {
      EXPECT_FALSE(contest.contains("OtherCounts")) << contest["@id"];
      continue;
    }
    for (const nlohmann::json& count : contest["OtherCounts"]) {
      if (count["GpUnitId"] == "gpu-c") overvotes = count["Overvotes"];
    }
  }
  EXPECT_EQ(overvotes, 13);  // both marked: 5 + 8 + 0
}

// Hostile open data: each file is refused whole (exit 2) at its file:line, and nothing of it
// is stored; a missing option row is rejected at ingest, naming the option and the row.
TEST_F(OpenDataReadBackTest, OpenDataWhoseRowsDoNotMakeProtocolsIsRefusedAtItsLine) {
  const std::string header =
      "election,contest,round,unit,parent,version,seq,stage,option,votes,voters,received,issued,issued_absentee,"
      "issued_outside,cancelled,found,valid,invalid,against_all,warnings\n";
  const std::string a = "night,list,1,s1,d1,1,1,open,a,400,1000,1010,600,0,0,410,600,590,10,20,\n";
  const std::string b = "night,list,1,s1,d1,1,1,open,b,170,1000,1010,600,0,0,410,600,590,10,20,\n";
  const std::string other = "night,list,1,s2,d1,1,2,open,a,300,1000,1010,610,0,0,400,600,590,10,25,\n";
  const std::string b_disagrees = "night,list,1,s1,d1,1,1,open,b,170,1000,1010,601,0,0,410,600,590,10,20,\n";
  struct Case {
    std::string name, rows, message;
  };
  const std::vector<Case> cases = {
      {"disagree.csv", header + a + b_disagrees,
       "disagree.csv:3: line issued of the protocol of list at s1 is 601 here but 600 on its first row (line 2)"},
      {"repeated.csv", header + a + b + b,
       "repeated.csv:4: option 'b' of the protocol of list at s1 appears twice (first at line 3)"},
      {"apart.csv", header + a + other + b,
       "apart.csv:4: the rows of the protocol of list at s1 are not together (it began at line 2)"},
      {"not-a-number.csv", header + a + "night,list,1,s1,d1,1,1,open,b,17x,1000,1010,600,0,0,410,600,590,10,20,\n",
       "not-a-number.csv:3: votes: '17x' is not a whole number"},
  };
  Init("hostile.db");
  for (const Case& c : cases) {
    std::ofstream(Path(c.name)) << c.rows;
    const CommandRun run = Saylau("ingest --db " + Path("hostile.db") + " " + Path(c.name));
    EXPECT_EQ(run.exit_code, 2) << c.name << ": " << run.output;
    EXPECT_NE(run.output.find(c.message), std::string::npos) << c.name << ": " << run.output;
  }
  // JSON Lines alike: one line's lines disagree with the first row of its protocol.
  std::ofstream(Path("disagree.jsonl"))
      << R"({"contest":"list","round":1,"unit":"s1","option":"a","votes":400,"voters":1000,"issued":600})"
         "\n"
      << R"({"contest":"list","round":1,"unit":"s1","option":"b","votes":170,"voters":1001,"issued":600})"
         "\n";
  CommandRun run = Saylau("ingest --db " + Path("hostile.db") + " " + Path("disagree.jsonl"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("disagree.jsonl:2: line voters of the protocol of list at s1 is 1001 here but 1000 on its "
                            "first row (line 1)"),
            std::string::npos)
      << run.output;
  const nlohmann::json status =
      nlohmann::json::parse(Saylau("status --db " + Path("hostile.db") + " --format json").output);
  EXPECT_EQ(status["contests"][0]["reported"], 0) << "nothing of a refused file is stored";
  EXPECT_TRUE(status["rejected"].empty());

  std::ofstream(Path("missing.csv")) << header + a;
  run = Saylau("ingest --db " + Path("hostile.db") + " " + Path("missing.csv"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("missing.csv:2: protocol list at s1:\n      options-exact: options of contest 'list' "
                            "missing: b"),
            std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace saylau::testing
