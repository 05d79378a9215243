// A presidential night with a runoff through the command line (issue 19, items 2 and 3), on
// tests/data/good/runoff-night.toml: round one's turnout and protocols, nobody above 50 %, round
// one certified final by the CEC; the runoff day's turnout at the same hours as round 2; its
// protocols with the two candidates only; round one closed to late protocols; round two's own
// certification; and the city and territorial commissions certifying their council and akim.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "saylau_process.h"

namespace saylau::testing {
namespace {

constexpr char kProtocolHeader[] =
    "contest,unit,round,commission,reason,voters,received,issued,cancelled,found,valid,invalid,x,y,z,p,q,m,n\n";

class RunoffCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDirectory("runoff-cli");
    const CommandRun init = Saylau("init " + Source("tests/data/good/runoff-night.toml") + " --stations " +
                                   Source("tests/data/good/runoff-night-stations.csv") + " --db " + Path("night.db"));
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(Path(name), std::ios::binary) << text;
    return Path(name);
  }
  CommandRun Run(const std::string& arguments) const { return Saylau(arguments + " --db " + Path("night.db")); }
  CommandRun Ingest(const std::string& name, const std::string& text) const {
    return Run("ingest " + Write(name, text));
  }

  // Round one: x 600, y 500, z 400 of 1 500 valid; the council and the akim on s1 and s2.
  void CountRoundOne() const {
    const CommandRun turnout = Ingest("turnout-1.csv",
                                      "unit,time,voters,issued\n"
                                      "s1,10:00,1000,100\ns2,10:00,1000,100\ns3,10:00,1000,100\n"
                                      "s1,close,1000,510\ns2,close,1000,510\ns3,close,1000,510\n");
    ASSERT_EQ(turnout.exit_code, 0) << turnout.output;
    const CommandRun protocols =
        Ingest("protocols-1.csv", std::string(kProtocolHeader) +
                                      "president,s1,1,,,1000,1010,510,500,510,500,10,200,150,150,,,,\n"
                                      "president,s2,1,,,1000,1010,510,500,510,500,10,200,150,150,,,,\n"
                                      "president,s3,1,,,1000,1010,510,500,510,500,10,200,200,100,,,,\n"
                                      "council,s1,1,,,1000,1010,510,500,510,500,10,,,,300,200,,\n"
                                      "council,s2,1,,,1000,1010,510,500,510,500,10,,,,300,200,,\n"
                                      "akim,s1,1,,,1000,1010,510,500,510,500,10,,,,,,300,200\n"
                                      "akim,s2,1,,,1000,1010,510,500,510,500,10,,,,,,300,200\n");
    ASSERT_EQ(protocols.exit_code, 0) << protocols.output;
    EXPECT_NE(protocols.output.find("7 accepted"), std::string::npos) << protocols.output;
  }

  std::filesystem::path dir_;
};

TEST_F(RunoffCliTest, RoundTwoHasItsOwnTurnoutBallotAndCertification) {
  CountRoundOne();
  const CommandRun round_one = Run("results --contest president");
  EXPECT_NE(round_one.output.find("majority needed: more than 50 % of 1 500 = 751 votes; the leader has 600 (40.00 %)"),
            std::string::npos)
      << round_one.output;

  const CommandRun too_soon = Run("certify --stage final --contest president --round 2");
  EXPECT_EQ(too_soon.exit_code, 3) << too_soon.output;
  EXPECT_NE(too_soon.output.find("cannot be certified before round 1 is certified final"), std::string::npos)
      << too_soon.output;
  const CommandRun final_one =
      Run("certify --stage final --contest president --round 1 --at 2022-11-25T12:00:00+06:00");
  ASSERT_EQ(final_one.exit_code, 0) << final_one.output;
  EXPECT_NE(final_one.output.find("stage: open"), std::string::npos)
      << "the contest is now in round two, not final by round one's certificate: " << final_one.output;

  // The runoff day's turnout: version 1 of round two at the same hours, not corrections.
  const CommandRun turnout = Ingest("turnout-2.csv",
                                    "unit,time,round,voters,issued\n"
                                    "s1,10:00,2,1000,80\ns2,10:00,2,1000,80\ns3,10:00,2,1000,80\n");
  ASSERT_EQ(turnout.exit_code, 0) << turnout.output;
  EXPECT_NE(turnout.output.find("3 accepted (0 corrections)"), std::string::npos) << turnout.output;

  // Round two's ballot: x and y. A line for z is refused; a late round-one correction too.
  const CommandRun protocols =
      Ingest("protocols-2.csv", std::string(kProtocolHeader) +
                                    "president,s1,2,,,1000,1010,510,500,510,500,10,300,195,5,,,,\n"
                                    "president,s1,2,,,1000,1010,510,500,510,500,10,300,200,,,,,\n"
                                    "president,s2,2,,,1000,1010,510,500,510,500,10,260,240,,,,,\n"
                                    "president,s3,2,,,1000,1010,510,500,510,500,10,200,300,,,,,\n"
                                    "president,s3,1,r2,recount,1000,1010,510,500,510,500,10,201,199,100,,,,\n");
  EXPECT_EQ(protocols.exit_code, 1) << protocols.output;
  EXPECT_NE(protocols.output.find("3 accepted"), std::string::npos) << protocols.output;
  EXPECT_NE(protocols.output.find("2 rejected"), std::string::npos) << protocols.output;
  EXPECT_NE(protocols.output.find("on-ballot: round 2 of contest 'president' is a vote between x, y"),
            std::string::npos)
      << protocols.output;
  EXPECT_NE(protocols.output.find("certified-final: round 1 of contest 'president' is certified final by 'c' at "
                                  "2022-11-25T12:00:00+06:00"),
            std::string::npos)
      << protocols.output;

  const CommandRun results = Run("results --contest president --format json");
  ASSERT_EQ(results.exit_code, 0) << results.output;
  const nlohmann::json outcome = nlohmann::json::parse(results.output)["outcomes"][0];
  EXPECT_EQ(outcome["decision"], "decided") << outcome.dump();
  EXPECT_EQ(outcome["winners"], nlohmann::json::array({"x"}));
  ASSERT_EQ(outcome["rounds"].size(), 2u) << outcome.dump();
  EXPECT_EQ(outcome["rounds"][0]["ranking"].size(), 3u);
  ASSERT_EQ(outcome["rounds"][1]["ranking"].size(), 2u) << "round two ranks its two candidates only";
  EXPECT_EQ(outcome["rounds"][1]["ranking"][0]["option"], "x");
  EXPECT_EQ(outcome["rounds"][1]["ranking"][1]["option"], "y");
  const CommandRun text = Run("results --contest president");
  const std::string round_two = text.output.substr(text.output.find("round 2:"));
  EXPECT_EQ(round_two.find("Candidate Z"), std::string::npos) << text.output;
  EXPECT_NE(round_two.find("repeat vote: the most votes win; the leader has 760 of 1 500 (50.67 %)"), std::string::npos)
      << text.output;

  const CommandRun final_two = Run("certify --stage final --contest president");
  ASSERT_EQ(final_two.exit_code, 0) << final_two.output;
  EXPECT_NE(final_two.output.find("stage: final"), std::string::npos) << final_two.output;
  EXPECT_NE(final_two.output.find("round 2"), std::string::npos) << final_two.output;
}

TEST_F(RunoffCliTest, EachContestIsCertifiedByItsOwnCommission) {
  CountRoundOne();
  const CommandRun by_cec = Run("certify --stage final --contest council --by c");
  EXPECT_EQ(by_cec.exit_code, 3) << by_cec.output;
  EXPECT_NE(by_cec.output.find("contest 'council' is certified by the commission of 'r1' only; 'c' may not"),
            std::string::npos)
      << by_cec.output;
  const CommandRun by_city = Run("certify --stage final --contest akim --by r1");
  EXPECT_NE(by_city.output.find("certified by the commission of 't1' only"), std::string::npos) << by_city.output;
  const CommandRun unknown = Run("certify --stage final --contest mayor");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  const CommandRun no_round = Run("certify --stage final --contest council --round 2");
  EXPECT_EQ(no_round.exit_code, 2) << no_round.output;
  EXPECT_NE(no_round.output.find("has no round 2"), std::string::npos) << no_round.output;
  const CommandRun none = Run("certify --stage final --by r2");
  EXPECT_NE(none.output.find("no contest is certified by 'r2'"), std::string::npos) << none.output;

  // The city commission certifies its council, the territorial commission its akim; the
  // default is each contest's own commission.
  const CommandRun city = Run("certify --stage final --by r1");
  ASSERT_EQ(city.exit_code, 0) << city.output;
  EXPECT_NE(city.output.find("council: stage: final"), std::string::npos) << city.output;
  EXPECT_EQ(city.output.find("akim:"), std::string::npos) << "--by certifies that commission's contests only";
  const CommandRun akim = Run("certify --stage final --contest akim");
  ASSERT_EQ(akim.exit_code, 0) << akim.output;
  EXPECT_NE(akim.output.find("akim: stage: final"), std::string::npos) << akim.output;
}

}  // namespace
}  // namespace saylau::testing
