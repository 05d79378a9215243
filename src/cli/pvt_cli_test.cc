// saylau pvt as scripts use it (issue 18, item 4): exit-poll on the EII 2023 poll against the
// official counts (table, JSON, exit 1 for Baytaq outside), refused inputs; design with region
// strata and a take-all stratum; estimate with each share base.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "saylau_process.h"

namespace {

using saylau::testing::FreshDirectory;
using saylau::testing::ReadAll;
using saylau::testing::Saylau;
using saylau::testing::Source;

// As ../shared/data/kz/mazhilis-2023-exit-poll-eii.csv.
constexpr char kEii2023[] =
    "option,share_percent_published\n"
    "AMANAT,53.46\n"
    "Auyl People's Democratic Patriotic Party,10.52\n"
    "Respublica,8.9\n"
    "Ak Zhol Democratic Party of Kazakhstan,7.87\n"
    "People's Party of Kazakhstan,6.25\n"
    "Nationwide Social Democratic Party (JSDP/OSDP),5.31\n"
    "Baytaq Green Party of Kazakhstan,3.22\n";

void Write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(PvtCliTest, ExitPollFromPublishedSharesAgainstTheOfficialCounts) {
  const auto dir = FreshDirectory("pvt-exit-poll");
  Write(dir / "eii.csv", kEii2023);
  const std::string official = " --definition " + Source("elections/kz/2023-03-19-mazhilis.toml") + " --counts " +
                               Source("data/kz/counts/mazhilis-2023-list-national.csv");
  const auto run = Saylau("pvt exit-poll --shares " + (dir / "eii.csv").string() +
                          " --interviews 30000 --stations 200 --strata urban=124,rural=76" + official + " --json " +
                          (dir / "exit-poll.json").string());
  EXPECT_EQ(run.exit_code, 1) << run.output;  // Baytaq is outside
  EXPECT_NE(run.output.find("design effect 5.47 = 1 + (150.0 - 1) x 0.030"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("52.14 - 54.78      53.90  inside"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("2.75 - 3.69        2.30  OUTSIDE by 0.45 points (-3.9 standard errors)"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("against_all"), std::string::npos) << "the official line not published is named";
  const auto json = nlohmann::json::parse(ReadAll(dir / "exit-poll.json"));
  EXPECT_EQ(json["contest"], "mazhilis-list");
  EXPECT_DOUBLE_EQ(json["design_effect"].get<double>(), 5.47);
  ASSERT_EQ(json["shares"].size(), 7u);
  EXPECT_EQ(json["shares"][6]["option"], "baytaq");
  EXPECT_FALSE(json["shares"][6]["inside"].get<bool>());
  EXPECT_NEAR(json["shares"][6]["outside_by"].get<double>(), 0.0230006 - 0.0275280, 1e-6);
  EXPECT_EQ(json["strata"][0]["name"], "urban");
  EXPECT_EQ(json["strata"][0]["stations"], 124);

  // A design effect of 2.0 given: People's Party (6.80 against 5.86-6.64) falls outside too.
  const auto given = Saylau("pvt exit-poll --shares " + (dir / "eii.csv").string() +
                            " --interviews 30000 --stations 200 --design-effect 2" + official);
  EXPECT_EQ(given.exit_code, 1);
  EXPECT_NE(given.output.find("design effect 2.00 (given)"), std::string::npos) << given.output;
  EXPECT_NE(given.output.find("6.80  OUTSIDE"), std::string::npos) << given.output;
  // Without an official result: only the intervals, exit 0.
  const auto alone =
      Saylau("pvt exit-poll --shares " + (dir / "eii.csv").string() + " --interviews 30000 --stations 200");
  EXPECT_EQ(alone.exit_code, 0) << alone.output;
  EXPECT_NE(alone.output.find("no official result to compare with"), std::string::npos) << alone.output;
}

TEST(PvtCliTest, ExitPollRefusals) {
  const auto dir = FreshDirectory("pvt-exit-poll-refusals");
  Write(dir / "eii.csv", kEii2023);
  const std::string shares = " --shares " + (dir / "eii.csv").string();
  auto run = Saylau("pvt exit-poll" + shares + " --interviews 30000 --stations 200 --strata urban=124,rural=70");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("the strata have 194 polling stations, the poll 200"), std::string::npos) << run.output;
  run = Saylau("pvt exit-poll" + shares + " --interviews 30000 --stations 200 --strata urban");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("'urban' is not name=stations"), std::string::npos) << run.output;
  run = Saylau("pvt exit-poll" + shares + " --interviews 30000 --stations 200 --counts x.csv");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--counts needs --definition"), std::string::npos) << run.output;
  Write(dir / "mars.csv", "option,share_percent_published\nGreen Party of Mars,12\n");
  run = Saylau("pvt exit-poll --shares " + (dir / "mars.csv").string() +
               " --interviews 100 --stations 10 --definition " + Source("elections/kz/2023-03-19-mazhilis.toml"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("'Green Party of Mars' is not an option of contest mazhilis-list"), std::string::npos)
      << run.output;
}

TEST(PvtCliTest, DesignWithTakeAllAndEstimateByShareBase) {
  const auto dir = FreshDirectory("pvt-take-all");
  const std::string definition = Source("elections/kz/2023-03-19-mazhilis.toml");
  const std::string d = dir.string();
  ASSERT_EQ(Saylau("synth " + definition + " --seed 3 --stations 400 --out " + d + "/night").exit_code, 0);
  const auto design = Saylau("pvt design " + definition + " --station-list " + d +
                             "/night/stations.csv --stations 60 --seed 5 --strata region --take-all-above 90000 "
                             "--take-all abai-0002 --out " +
                             d + "/sample.csv");
  ASSERT_EQ(design.exit_code, 0) << design.output;
  EXPECT_NE(design.output.find("take-all                          4 of       4 stations"), std::string::npos)
      << design.output;
  const std::string sample = ReadAll(d + "/sample.csv");
  EXPECT_NE(sample.find("abai-0002,take-all,4,4,"), std::string::npos) << sample;
  EXPECT_NE(sample.find("mangystau-0012,take-all,4,4,143371"), std::string::npos) << sample;

  const std::string estimate = "pvt estimate --sample " + d + "/sample.csv --definition " + definition +
                               " --stations " + d + "/night/stations.csv --protocols " + d + "/night/protocols.csv";
  for (const char* base : {"valid", "valid+invalid", "took_part"}) {
    const auto run = Saylau(estimate + " --share-base " + base + " --draws 100");
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.output;
    EXPECT_NE(run.output.find(std::string("shares of ") + base + ")"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("Seat projection") != std::string::npos, std::string(base) == "valid") << run.output;
  }
  EXPECT_EQ(Saylau(estimate + " --share-base registered").exit_code, 2);
  const auto misspelt = Saylau("pvt design " + definition + " --station-list " + d +
                               "/night/stations.csv --stations 60 --strata region,distrct");
  EXPECT_EQ(misspelt.exit_code, 2);
  EXPECT_NE(misspelt.output.find("no polling station has the attribute 'distrct'"), std::string::npos)
      << misspelt.output;
}

}  // namespace
