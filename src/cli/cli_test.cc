// The saylau command as scripts see it: exit codes, the allocate contract, and a corpus of bad
// inputs that must each give exit code 2 and a message naming the place.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "saylau_process.h"

namespace {

using saylau::testing::CommandRun;
using saylau::testing::ReadAll;
using saylau::testing::Saylau;
using saylau::testing::Source;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / ("saylau-cli-test-" + name);
  std::ofstream(path) << text;
  return path.string();
}

TEST(CliTest, HelpTeachesEachSubcommand) {
  for (const char* command : {"check", "results", "allocate", "init", "ingest", "status", "export", "certify",
                              "recount", "rebuild", "history", "synth"}) {
    CommandRun run = Saylau(std::string(command) + " --help");
    EXPECT_EQ(run.exit_code, 0) << command;
    EXPECT_NE(run.output.find("Example:"), std::string::npos) << command;
  }
  EXPECT_EQ(Saylau("").exit_code, 2);  // a subcommand is required
  EXPECT_EQ(Saylau("frobnicate").exit_code, 2);
}

TEST(CliTest, EveryShippedDefinitionIsValid) {
  for (const auto& entry : std::filesystem::directory_iterator(Source("elections/kz"))) {
    CommandRun run = Saylau("check " + entry.path().string());
    EXPECT_EQ(run.exit_code, 0) << entry.path() << "\n" << run.output;
  }
}

TEST(CliTest, CheckSaysWhatItCouldNotCheck) {
  CommandRun run = Saylau("check " + Source("elections/kz/2022-11-20-president.toml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("not checked:"), std::string::npos);
  EXPECT_NE(run.output.find("eligibility of 'dairabayev' (birth_date"), std::string::npos) << run.output;
  CommandRun small = Saylau("check " + Source("tests/data/good/small.toml"));
  EXPECT_EQ(small.output.find("not checked:"), std::string::npos) << small.output;
}

TEST(CliTest, AllocateJsonMapsEveryOptionToItsSeatsIncludingZero) {
  const std::string votes =
      WriteTemp("mazhilis.csv",
                "option,votes\nAMANAT,3431510\n\"Auyl, People's Party\",693938\nRespublica,547154\n"
                "Ak Zhol,535139\nPeople's Party,432920\nJSDP,331058\nBaytaq,146431\n");
  CommandRun run =
      Saylau("allocate --method hare --seats 69 --threshold 5 --threshold-base 6366441 --format json " + votes);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json out = nlohmann::json::parse(run.output);
  EXPECT_EQ(out["seats"]["AMANAT"], 40);
  EXPECT_EQ(out["seats"]["Auyl, People's Party"], 8);
  EXPECT_EQ(out["seats"]["Respublica"], 6);
  EXPECT_EQ(out["seats"]["Ak Zhol"], 6);
  EXPECT_EQ(out["seats"]["People's Party"], 5);
  EXPECT_EQ(out["seats"]["JSDP"], 4);
  EXPECT_EQ(out["seats"]["Baytaq"], 0);
  EXPECT_EQ(out["seats"].size(), 7u);
  EXPECT_EQ(out["threshold"]["votes_needed"], 318323);
  EXPECT_FALSE(out["threshold"]["passed"]["Baytaq"].get<bool>());
  EXPECT_TRUE(out["explanation"].contains("quota"));
}

TEST(CliTest, AllocateEveryMethodGivesAllSeats) {
  const std::string votes = WriteTemp("four.csv", "option,votes\nA,100000\nB,80000\nC,30000\nD,20000\n");
  for (const char* method : {"hare", "droop", "hagenbach-bischoff", "imperiali", "dhondt", "sainte-lague",
                             "modified-sainte-lague", "danish", "huntington-hill", "adams"}) {
    CommandRun run = Saylau(std::string("allocate --method ") + method + " --seats 8 --format json " + votes);
    ASSERT_EQ(run.exit_code, 0) << method << run.output;
    const nlohmann::json out = nlohmann::json::parse(run.output);
    int total = 0;
    for (const auto& [option, seats] : out["seats"].items()) total += seats.get<int>();
    EXPECT_EQ(total, 8) << method;
  }
  CommandRun dhondt = Saylau("allocate --method dhondt --seats 8 --format json " + votes);
  EXPECT_EQ(nlohmann::json::parse(dhondt.output)["seats"]["A"], 4);
}

TEST(CliTest, AllocateUnresolvedTieExitsOne) {
  const std::string votes = WriteTemp("tie.csv", "option,votes\nA,300\nB,300\n");
  CommandRun open = Saylau("allocate --method dhondt --seats 3 --tie-break unresolved --format json " + votes);
  EXPECT_EQ(open.exit_code, 1) << open.output;
  EXPECT_EQ(nlohmann::json::parse(open.output)["unresolved_seats"], 1);
  CommandRun ordered = Saylau("allocate --method dhondt --seats 3 --tie-break order --format json " + votes);
  EXPECT_EQ(ordered.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(ordered.output)["seats"]["A"], 2);
}

TEST(CliTest, AllocateRejectsBadArguments) {
  const std::string votes = WriteTemp("ok.csv", "option,votes\nA,1\n");
  EXPECT_EQ(Saylau("allocate --method dhont --seats 3 " + votes).exit_code, 2);
  EXPECT_EQ(Saylau("allocate --method hare --seats 0 " + votes).exit_code, 2);
  EXPECT_EQ(Saylau("allocate --method hare --seats 3 --threshold 101 " + votes).exit_code, 2);
  EXPECT_EQ(Saylau("allocate --method hare --seats 3 --threshold-base 0 " + votes).exit_code, 2);
  EXPECT_EQ(Saylau("allocate --method hare --seats 3 /nonexistent/votes.csv").exit_code, 2);
  CommandRun none_pass = Saylau("allocate --method hare --seats 3 --threshold 50 --threshold-base 10 " + votes);
  EXPECT_EQ(none_pass.exit_code, 1) << none_pass.output;
}

// The NDI handbook's Peru 2001 example with its rounded z = 2.58 (formula: 160,717.26 voters).
TEST(CliTest, PvtSizeGivesThePeruSampleAndRefusesBadInput) {
  CommandRun peru = Saylau("pvt size --voters 14570774 --margin 0.32 --confidence 99 --z 2.58 --format json");
  ASSERT_EQ(peru.exit_code, 0) << peru.output;
  const nlohmann::json size = nlohmann::json::parse(peru.output);
  EXPECT_EQ(size["voters"], 160718);
  EXPECT_NEAR(size["exact_voters"].get<double>(), 160717.26, 0.01);
  ASSERT_EQ(size["stations"].size(), 3u);
  EXPECT_EQ(size["stations"][0]["voters_per_station"], 160);
  EXPECT_EQ(size["stations"][0]["stations"], 1005);
  CommandRun bad = Saylau("pvt size --voters 14570774 --margin 0");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("margin of error"), std::string::npos) << bad.output;
  EXPECT_EQ(Saylau("pvt size --voters 0 --margin 0.32").exit_code, 2);
  EXPECT_EQ(Saylau("pvt size --margin 0.32").exit_code, 2);  // --voters is required
}

TEST(CliTest, EveryMalformedDefinitionExitsTwoNamingTheLine) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Source("tests/data/bad/definitions"))) {
    const std::string text = ReadAll(entry.path());
    const std::string expected = text.substr(9, text.find('\n') - 9);  // "# expect: ..."
    CommandRun run = Saylau("check " + entry.path().string());
    EXPECT_EQ(run.exit_code, 2) << entry.path() << "\n" << run.output;
    EXPECT_NE(run.output.find(expected), std::string::npos)
        << entry.path() << "\nwanted: " << expected << "\ngot: " << run.output;
    // The message names the file, and a line unless the whole file is at fault.
    EXPECT_NE(run.output.find(entry.path().filename().string() + ":"), std::string::npos) << run.output;
    ++checked;
  }
  EXPECT_GE(checked, 25);
}

TEST(CliTest, EveryMalformedVotesFileExitsTwoNamingTheLine) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Source("tests/data/bad/votes"))) {
    if (entry.path().extension() != ".csv") continue;
    std::filesystem::path expect_file = entry.path();
    expect_file.replace_extension(".expect");
    std::string expected = ReadAll(expect_file);
    expected.erase(expected.find_last_not_of('\n') + 1);
    CommandRun run = Saylau("allocate --method hare --seats 5 " + entry.path().string());
    EXPECT_EQ(run.exit_code, 2) << entry.path() << "\n" << run.output;
    EXPECT_NE(run.output.find(expected), std::string::npos)
        << entry.path() << "\nwanted: " << expected << "\ngot: " << run.output;
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

TEST(CliTest, ResultsPrintsOfficialSeatsAndNamesInKazakh) {
  CommandRun run = Saylau("results " + Source("elections/kz/2023-03-19-mazhilis.toml") + " --counts " +
                          Source("data/kz/counts/mazhilis-2023-list-national.csv") + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json out = nlohmann::json::parse(run.output);
  const nlohmann::json& list = out["outcomes"][0];
  EXPECT_EQ(list["seats"]["amanat"], 40);
  EXPECT_EQ(list["seats"]["jsdp"], 4);
  EXPECT_EQ(list["decision"], "decided");
  CommandRun kazakh = Saylau("results " + Source("elections/kz/2022-06-05-referendum.toml") + " --counts " +
                             Source("data/kz/counts/referendum-2022-regions-reconstructed.csv") + " --lang kk");
  EXPECT_EQ(kazakh.exit_code, 0);
  EXPECT_NE(kazakh.output.find("Түркістан облысы"), std::string::npos);
}

// Equal remainders for the last seat, settled as the definition says.
TEST(CliTest, DefinitionTieRulesDecideEqualRemainders) {
  const std::string base = R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"

[[parties]]
id = "a"
name = "A"
registration_order = 2

[[parties]]
id = "b"
name = "B"
registration_order = 1

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 1
method = "hare"
options = ["a", "b"]
)";
  const std::string counts = WriteTemp("tie-counts.csv", "contest,unit,line,value\nlist,kz,a,500\nlist,kz,b,500\n");
  const auto seats_of_b = [&](const std::string& extra, int expected_exit) {
    const std::string definition = WriteTemp("tie.toml", base + extra);
    CommandRun run = Saylau("results " + definition + " --counts " + counts + " --format json");
    EXPECT_EQ(run.exit_code, expected_exit) << run.output;
    return nlohmann::json::parse(run.output)["outcomes"][0]["seats"]["b"].get<int>();
  };
  EXPECT_EQ(seats_of_b("tie_break = \"registration-order\"\n", 0), 1);  // b registered first
  EXPECT_EQ(seats_of_b("tie_break = \"lot\"\nlot = [\"a\", \"b\"]\n", 0), 0);
  EXPECT_EQ(seats_of_b("tie_break = \"lot\"\nlot = [\"b\", \"a\"]\n", 0), 1);
  EXPECT_EQ(seats_of_b("tie_break = \"unresolved\"\n", 1), 0);  // nobody gets it; exit 1
}

TEST(CliTest, ResultsRejectsCountsThatContradictTheDefinition) {
  const std::string definition = Source("tests/data/good/small.toml");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"contest,unit,line,value\nnope,kz,a,1\n", ":2: unknown contest 'nope'"},
      {"contest,unit,line,value\nlist,mars,a,1\n", ":2: unknown unit 'mars'"},
      {"contest,unit,line,value\nlist,kz,a,1\nlist,kz,zz,1\n", ":3: 'zz' is neither a count line"},
      {"contest,unit,line,value\nlist,kz,a,-1\n", ":2: value '-1' must be a non-negative"},
      {"contest,unit,line,value\nlist,kz,a,1\nlist,kz,a,2\n",
       ":3: line 'a' for contest 'list' at unit 'kz' appears twice"},
      {"contest,unit,votes\n", ":1: unknown column 'votes'"},
      {"contest,unit,line,value\nlist,kz,a,5\nlist,north,a,5\n", "the votes would count twice"},
  };
  for (const auto& [text, expected] : cases) {
    CommandRun run = Saylau("results " + definition + " --counts " + WriteTemp("counts.csv", text));
    EXPECT_EQ(run.exit_code, 2) << text << run.output;
    EXPECT_NE(run.output.find(expected), std::string::npos) << "wanted: " << expected << "\ngot: " << run.output;
  }
}

// A file that is not a saylau database, or one from a newer saylau, is bad input (exit 2, as the
// README says), not "not allowed in the current state" (3), and the message says which it is.
TEST(CliTest, ADatabaseOfTheWrongSchemaExitsTwoSayingWhy) {
  const std::string text = WriteTemp("not-a.db", std::string(200, 'x'));
  CommandRun run = Saylau("status --db " + text);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(text + " is not a saylau database"), std::string::npos) << run.output;

  const std::filesystem::path dir = saylau::testing::FreshDirectory("cli-schema");
  const std::string db = (dir / "newer.db").string();
  ASSERT_EQ(Saylau("init " + Source("tests/data/good/small.toml") + " --db " + db).exit_code, 0);
  {
    // The schema version is SQLite's user_version: 4 bytes, big-endian, at offset 60 of the file.
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(60);
    const char version[4] = {0, 0, 0, 99};
    file.write(version, 4);
  }
  run = Saylau("status --db " + db);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("schema version 99 is newer than this saylau"), std::string::npos) << run.output;
  std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

// The statistics commands end to end on a small synthetic night (no database): a sample, a PVT
// whose intervals are compared with the count, a simulated exit poll compared with the real 2023
// figures, forensics (JSON and SVG) from the protocols and from the open-data export format, and
// "what if" on the official 2023 counts.
TEST(CliTest, StatisticsCommandsEndToEnd) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "saylau-cli-test-statistics";
  std::filesystem::remove_all(dir);
  const std::string definition = Source("elections/kz/2023-03-19-mazhilis.toml");
  const std::string d = dir.string();
  ASSERT_EQ(Saylau("synth " + definition + " --seed 3 --stations 400 --out " + d + "/night").exit_code, 0);
  const std::string stations = " --definition " + definition + " --stations " + d + "/night/stations.csv";
  CommandRun design = Saylau("pvt design " + definition + " --station-list " + d +
                             "/night/stations.csv --stations 60 --seed 5 --out " + d + "/sample.csv");
  ASSERT_EQ(design.exit_code, 0) << design.output;
  EXPECT_NE(design.output.find("from 400"), std::string::npos) << design.output;
  CommandRun again =
      Saylau("pvt design " + definition + " --station-list " + d + "/night/stations.csv --stations 60 --seed 5");
  EXPECT_NE(again.output.find(ReadAll(d + "/sample.csv")), std::string::npos) << "the same seed, the same sample";

  CommandRun pvt = Saylau("pvt estimate --sample " + d + "/sample.csv" + stations + " --protocols " + d +
                          "/night/protocols.csv --draws 500 --json " + d + "/pvt.json");
  ASSERT_TRUE(pvt.exit_code == 0 || pvt.exit_code == 1) << pvt.output;
  EXPECT_NE(pvt.output.find("Parallel vote tabulation estimate for mazhilis-list from 60 of 60"), std::string::npos)
      << pvt.output;
  const auto json = nlohmann::json::parse(ReadAll(d + "/pvt.json"));
  EXPECT_EQ(json["shares"].size(), 8u);
  EXPECT_EQ(json["projection"]["seats"], 69);
  EXPECT_EQ((pvt.exit_code == 0), std::all_of(json["comparison"].begin(), json["comparison"].end(),
                                              [](const auto& row) { return row["inside"].template get<bool>(); }));

  ASSERT_EQ(Saylau("pvt simulate-poll --sample " + d + "/sample.csv" + stations + " --protocols " + d +
                   "/night/protocols.csv --per-station 100 --out " + d + "/interviews.csv")
                .exit_code,
            0);
  CommandRun poll =
      Saylau("pvt estimate --sample " + d + "/sample.csv --definition " + definition + " --interviews " + d +
             "/interviews.csv --official " + Source("data/kz/counts/mazhilis-2023-list-national.csv"));
  ASSERT_TRUE(poll.exit_code == 0 || poll.exit_code == 1) << poll.output;
  EXPECT_NE(poll.output.find("Exit poll estimate"), std::string::npos);
  EXPECT_NE(poll.output.find("53.90"), std::string::npos) << "AMANAT's official 2023 share: " << poll.output;
  std::ofstream(d + "/bad-interviews.csv") << "unit,option,interviews\nx,borda,3\n";
  CommandRun bad = Saylau("pvt estimate --sample " + d + "/sample.csv --definition " + definition + " --interviews " +
                          d + "/bad-interviews.csv");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad-interviews.csv:2: unknown option 'borda'"), std::string::npos) << bad.output;

  CommandRun forensics =
      Saylau("forensics" + stations + " --protocols " + d + "/night/protocols.csv --out " + d + "/forensics");
  ASSERT_TRUE(forensics.exit_code == 0 || forensics.exit_code == 1) << forensics.output;
  const auto report = nlohmann::json::parse(ReadAll(d + "/forensics/forensics.json"));
  EXPECT_EQ(report["stations"], 400);
  EXPECT_EQ(report["leader"], "amanat");
  for (const char* svg : {"fingerprint.svg", "integer-percent.svg", "last-digit.svg", "turnout-by-region.svg"}) {
    EXPECT_EQ(ReadAll(d + "/forensics/" + svg).rfind("<svg", 0), 0u) << svg;
  }

  CommandRun whatif = Saylau("whatif " + definition + " --counts " +
                             Source("data/kz/counts/mazhilis-2023-list-national.csv") + " --set threshold=7");
  ASSERT_EQ(whatif.exit_code, 0) << whatif.output;
  EXPECT_NE(whatif.output.find("9 seats change hands"), std::string::npos) << whatif.output;
  EXPECT_EQ(Saylau("whatif " + definition + " --counts x.csv --set method").exit_code, 2);
}

}  // namespace
