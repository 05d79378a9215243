// A Senate sitting through the command line, replayed as the morning went (issue 19, item 4):
// attendance at 10:05, 10:20 and 10:45 in the 20 sittings, the quorum per sitting from
// attendance (at least half of the electors), hostile attendance refused by name, the vote with
// one sitting needing a repeat vote, preliminary, the repeat vote, final, and the summary with
// the women elected, as text and JSON (tests/data/senate-sitting, elections/kz Senate 2023).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "saylau_process.h"

namespace saylau::testing {
namespace {

const std::string kDefinition = Source("elections/kz/2023-01-14-senate.toml");
const std::string kData = Source("tests/data/senate-sitting/");

class SenateSittingCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDirectory("senate-sitting");
    const CommandRun init = Saylau("init " + kDefinition + " --db " + Path("senate.db"));
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // The attendance rows reported at `time` (HH:MM), written to a file of their own.
  std::string AttendanceAt(const std::string& time) const {
    std::ifstream in(kData + "attendance.csv");
    std::string line, text;
    std::getline(in, line);
    text = line + "\n";
    while (std::getline(in, line)) {
      if (line.find("," + time + ",") != std::string::npos) text += line + "\n";
    }
    const std::string path = Path("attendance-" + time.substr(0, 2) + time.substr(3) + ".csv");
    std::ofstream(path) << text;
    return path;
  }
  CommandRun Ingest(const std::string& file) const { return Saylau("ingest --db " + Path("senate.db") + " " + file); }
  nlohmann::json Senate() const {
    const CommandRun run = Saylau("results --db " + Path("senate.db") + " --format json");
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.output;
    const nlohmann::json out = nlohmann::json::parse(run.output, nullptr, false);
    EXPECT_TRUE(out.is_object() && out.contains("senate")) << run.output;
    return out.is_object() && out.contains("senate") ? out["senate"] : nlohmann::json::object();
  }
  static const nlohmann::json& Sitting(const nlohmann::json& senate, const std::string& unit) {
    for (const nlohmann::json& sitting : senate["sittings"]) {
      if (sitting["unit"] == unit) return sitting;
    }
    static const nlohmann::json none = nlohmann::json::object();
    ADD_FAILURE() << "no sitting at " << unit;
    return none;
  }

  std::filesystem::path dir_;
};

TEST_F(SenateSittingCliTest, SittingMorningFromAttendanceToTheFinalSummary) {
  nlohmann::json senate = Senate();
  EXPECT_EQ(senate["seats"], 20);
  EXPECT_EQ(senate["still_voting"], 20);
  EXPECT_EQ(Sitting(senate, "astana")["state"], "awaiting");

  // 10:05: everyone gathering, no quorum anywhere.
  CommandRun run = Ingest(AttendanceAt("10:05"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  senate = Senate();
  EXPECT_EQ(senate["quorum_reached"], 0);
  EXPECT_EQ(Sitting(senate, "astana")["state"], "gathering");
  EXPECT_EQ(Sitting(senate, "astana")["attendance"]["latest_present"], 9);

  // 10:20: half the sittings have at least half of their electors.
  ASSERT_EQ(Ingest(AttendanceAt("10:20")).exit_code, 0);
  senate = Senate();
  EXPECT_EQ(senate["quorum_reached"], 10);
  EXPECT_EQ(Sitting(senate, "astana")["state"], "quorum");
  EXPECT_EQ(Sitting(senate, "astana")["attendance"]["quorum_at"], "10:20");
  EXPECT_EQ(Sitting(senate, "astana")["attendance"]["present_at_quorum"], 16);
  EXPECT_EQ(Sitting(senate, "almaty-city")["state"], "gathering");  // 18 of 38

  // Hostile attendance: refused by name, nothing stands.
  const std::string hostile = Path("hostile.csv");
  std::ofstream(hostile) << "unit,time,voters,issued\n"
                            "almaty-city,10:30,38,39\n"          // more present than electors
                            "almaty-city,half past ten,38,20\n"  // not a time
                            "almaty-city,10:40,38,10\n"          // fewer than at 10:20
                            "almaty-city,10:40,37,20\n"          // not the definition's electors
                            "nowhere,10:40,38,20\n";             // not a unit of the election
  run = Ingest(hostile);
  EXPECT_NE(run.exit_code, 0) << run.output;
  for (const char* relation : {"present-within-electors", "attendance-time", "non-decreasing-through-the-sitting",
                               "electors-as-defined", "counting-unit"}) {
    EXPECT_NE(run.output.find(relation), std::string::npos) << relation << "\n" << run.output;
  }
  EXPECT_EQ(Senate()["quorum_reached"], 10);

  // A vote before the quorum is rejected (quorum-in-attendance), then 10:45: every sitting.
  const std::string early = Path("early.jsonl");
  {
    std::ifstream in(kData + "votes-round1.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("\"unit\":\"almaty-city\"") != std::string::npos) std::ofstream(early) << line << "\n";
    }
  }
  run = Ingest(early);
  EXPECT_NE(run.output.find("quorum-in-attendance"), std::string::npos) << run.output;
  ASSERT_EQ(Ingest(AttendanceAt("10:45")).exit_code, 0);
  senate = Senate();
  EXPECT_EQ(senate["quorum_reached"], 20);
  EXPECT_EQ(Sitting(senate, "almaty-city")["attendance"]["quorum_at"], "10:45");

  // The vote: 19 elected, Kyzylorda needs a repeat vote; one woman so far.
  run = Ingest(kData + "votes-round1.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  senate = Senate();
  EXPECT_EQ(senate["elected"], 19);
  EXPECT_EQ(senate["repeat_votes"], 1);
  EXPECT_EQ(senate["still_voting"], 1);
  EXPECT_EQ(senate["women"], 1);
  EXPECT_EQ(Sitting(senate, "kyzylorda")["state"], "repeat-vote");
  const nlohmann::json& akmola = Sitting(senate, "akmola");
  EXPECT_EQ(akmola["state"], "elected");
  EXPECT_EQ(akmola["winner"]["option"], "akmola-candidate-1");
  EXPECT_EQ(akmola["winner"]["votes"], 170);
  EXPECT_EQ(akmola["winner"]["base"], 187);
  EXPECT_EQ(akmola["winner"]["percent"], "90.91");

  run = Saylau("certify --db " + Path("senate.db") + " --stage preliminary");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(Sitting(Senate(), "astana")["stage"], "preliminary");

  // The repeat vote between the two leaders elects the second woman.
  run = Ingest(kData + "votes-round2.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  senate = Senate();
  EXPECT_EQ(senate["elected"], 20);
  EXPECT_EQ(senate["women"], 2);
  EXPECT_EQ(senate["still_voting"], 0);
  const nlohmann::json& kyzylorda = Sitting(senate, "kyzylorda");
  EXPECT_EQ(kyzylorda["state"], "elected");
  EXPECT_EQ(kyzylorda["round"], 2);
  EXPECT_EQ(kyzylorda["winner"]["gender"], "f");

  // Round one of Kyzylorda is certified final first (it opened the repeat vote), then the rest.
  run = Saylau("certify --db " + Path("senate.db") + " --stage final --contest senate-kyzylorda --round 1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = Saylau("certify --db " + Path("senate.db") + " --stage final");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(Sitting(Senate(), "kyzylorda")["stage"], "final");
  run = Saylau("results --db " + Path("senate.db"));
  EXPECT_NE(
      run.output.find("Senate: 20 seats; 20 elected (2 women, 0 men, 18 not given); 1 repeat vote; 0 still voting"),
      std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("quorum at 10:45 (36 of 38)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("in the repeat vote"), std::string::npos) << run.output;
}

TEST_F(SenateSittingCliTest, SummaryFromCountsGivesTheSharesAndWomen) {
  const std::string counts = Path("counts.csv");
  std::ofstream(counts) << "contest,unit,line,value\n"
                           "senate-almaty-city,almaty-city,took_part,36\n"
                           "senate-almaty-city,almaty-city,against_all,1\n"
                           "senate-almaty-city,almaty-city,almaty-city-candidate-1,24\n"
                           "senate-almaty-city,almaty-city,almaty-city-candidate-2,3\n"
                           "senate-almaty-city,almaty-city,almaty-city-candidate-3,3\n"
                           "senate-almaty-city,almaty-city,almaty-city-candidate-4,4\n";
  const CommandRun run = Saylau("results " + kDefinition + " --counts " + counts + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json senate = nlohmann::json::parse(run.output)["senate"];
  EXPECT_EQ(senate["seats"], 20);
  EXPECT_EQ(senate["elected"], 1);
  EXPECT_EQ(senate["women"], 1);
  EXPECT_EQ(senate["still_voting"], 19);
  EXPECT_EQ(Sitting(senate, "almaty-city")["winner"]["percent"], "68.57");
}

}  // namespace
}  // namespace saylau::testing
