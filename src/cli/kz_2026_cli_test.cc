// The 2026 definitions through the saylau command: the Kurultai (elections/kz/2026-kurultai.toml)
// on the 2023 Mazhilis list votes, and the 2026 referendum's published national figures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "saylau_process.h"

namespace {

using saylau::testing::CommandRun;
using saylau::testing::Saylau;
using saylau::testing::Source;

// 145 seats by Hare largest remainder over the six lists above 5 % of 6,366,441: the quota is
// 5,971,719 / 145; Auyl (.85), Ak Zhol (.99) and the People's Party (.51) take the three seats
// left after the whole quotas; Baytaq (2.30 %) none.
TEST(Kz2026CliTest, KurultaiOnThe2023ListVotesGives83_17_13_13_11_8) {
  CommandRun run = Saylau("results " + Source("elections/kz/2026-kurultai.toml") + " --counts " +
                          Source("data/kz/counts/kurultai-2026-from-mazhilis-2023-list-votes.csv") + " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json out = nlohmann::json::parse(run.output);
  ASSERT_EQ(out["outcomes"].size(), 1u);
  const nlohmann::json& list = out["outcomes"][0];
  EXPECT_EQ(list["contest"], "kurultai-list");
  EXPECT_EQ(list["decision"], "decided");
  EXPECT_EQ(list["seats_total"], 145);
  const nlohmann::json expected = {{"amanat", 83},        {"auyl", 17}, {"respublica", 13}, {"ak-zhol", 13},
                                   {"peoples-party", 11}, {"jsdp", 8},  {"baytaq", 0}};
  EXPECT_EQ(list["seats"], expected);
}

// The national figures as published (registered, took part and yes final; no and invalid
// preliminary): turnout valid, a national yes majority, and the units' two thirds not shown by
// national figures alone (exit 1, as for 2022).
TEST(Kz2026CliTest, Referendum2026NationalFiguresGiveTurnoutAndANationalYes) {
  const std::string counts = Source("data/kz/counts/referendum-2026-national.csv");
  CommandRun run =
      Saylau("results " + Source("elections/kz/2026-03-15-referendum.toml") + " --counts " + counts + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.output;
  const nlohmann::json out = nlohmann::json::parse(run.output);
  const nlohmann::json& referendum = out["outcomes"][0];
  EXPECT_EQ(referendum["decision"], "unresolved");
  EXPECT_EQ(referendum["turnout_valid"], true);
  EXPECT_EQ(referendum["national_yes_majority"], true);
  EXPECT_EQ(referendum["yes_percent"], "87.15");
  EXPECT_EQ(referendum["national"]["took_part"], 9'127'192);
  EXPECT_EQ(referendum["units_needed"], 14);
}

// The published figures do not add up: 9,127,192 took part, yes + no + invalid = 8,999,324. The
// table says so on stderr with the numbers and the count's place; JSON carries it in the outcome.
TEST(Kz2026CliTest, Referendum2026WarnsAbout127868UnaccountedBallots) {
  const std::string counts = Source("data/kz/counts/referendum-2026-national.csv");
  CommandRun table = Saylau("results " + Source("elections/kz/2026-03-15-referendum.toml") + " --counts " + counts);
  EXPECT_EQ(table.exit_code, 1) << table.output;  // unresolved (no units), not the warning
  EXPECT_NE(table.output.find("warning: referendum: 127 868 ballots are unaccounted for at kz: took part 9 127 192 "
                              "≠ valid 8 852 766 + invalid 146 558 = 8 999 324 (" +
                              counts + ":2)"),
            std::string::npos)
      << table.output;
  CommandRun json =
      Saylau("results " + Source("elections/kz/2026-03-15-referendum.toml") + " --counts " + counts + " --format json");
  const nlohmann::json warnings = nlohmann::json::parse(json.output)["outcomes"][0]["warnings"];
  ASSERT_EQ(warnings.size(), 1u) << json.output;
  EXPECT_EQ(warnings[0]["kind"], "ballots-unaccounted");
  EXPECT_EQ(warnings[0]["unit"], "kz");
  EXPECT_EQ(warnings[0]["took_part"], 9'127'192);
  EXPECT_EQ(warnings[0]["accounted"], 8'999'324);
  EXPECT_EQ(warnings[0]["unaccounted"], 127'868);
}

// A warning alone does not fail: the Kurultai replay with an invalid count that leaves ballots
// over is still decided, exit 0; counts that add up (2022) give no warning.
TEST(Kz2026CliTest, AWarningAloneDoesNotFailAndBalancedCountsSayNothing) {
  const std::filesystem::path counts = std::filesystem::temp_directory_path() / "saylau-kz2026-unbalanced.csv";
  std::ofstream(counts) << "contest,unit,line,value\nkurultai-list,kz,took_part,6521860\n"
                           "kurultai-list,kz,amanat,3431510\nkurultai-list,kz,auyl,693938\n"
                           "kurultai-list,kz,respublica,547154\nkurultai-list,kz,ak-zhol,535139\n"
                           "kurultai-list,kz,peoples-party,432920\nkurultai-list,kz,jsdp,331058\n"
                           "kurultai-list,kz,baytaq,146431\nkurultai-list,kz,against_all,248291\n"
                           "kurultai-list,kz,invalid,100000\n";
  CommandRun run = Saylau("results " + Source("elections/kz/2026-kurultai.toml") + " --counts " + counts.string());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("warning: kurultai-list: 55 419 ballots are unaccounted for at kz"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("seats: amanat 83"), std::string::npos) << run.output;
  CommandRun balanced = Saylau("results " + Source("elections/kz/2022-06-05-referendum.toml") + " --counts " +
                               Source("data/kz/counts/referendum-2022-regions-reconstructed.csv"));
  EXPECT_EQ(balanced.exit_code, 0) << balanced.output;
  EXPECT_EQ(balanced.output.find("warning:"), std::string::npos) << balanced.output;
}

// A whole Kurultai night from the shipped definition alone: its [synth] writes 300 stations whose
// national totals are the 2023 list votes; init, ingest, status, results from the database
// (the same 83/17/13/13/11/8, decided), and the CEC's final certification.
TEST(Kz2026CliTest, KurultaiRunsAFullNightFromItsSynthSection) {
  const std::filesystem::path dir = saylau::testing::FreshDirectory("kz2026-night");
  const std::string definition = Source("elections/kz/2026-kurultai.toml");
  const std::string night = (dir / "night").string();
  const std::string db = (dir / "night.db").string();
  CommandRun synth = Saylau("synth " + definition + " --seed 2026 --stations 300 --out " + night);
  ASSERT_EQ(synth.exit_code, 0) << synth.output;
  ASSERT_EQ(Saylau("init " + definition + " --db " + db + " --stations " + night + "/stations.csv").exit_code, 0);
  CommandRun ingest = Saylau("ingest --db " + db + " " + night + "/turnout.csv " + night + "/protocols.csv");
  ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  CommandRun status = Saylau("status --db " + db);
  EXPECT_NE(status.output.find("300 of 300 stations reported"), std::string::npos) << status.output;
  CommandRun results = Saylau("results --db " + db + " --format json");
  ASSERT_EQ(results.exit_code, 0) << results.output;
  const nlohmann::json list = nlohmann::json::parse(results.output)["outcomes"][0];
  EXPECT_EQ(list["contest"], "kurultai-list");
  EXPECT_EQ(list["decision"], "decided");
  const nlohmann::json expected = {{"amanat", 83},        {"auyl", 17}, {"respublica", 13}, {"ak-zhol", 13},
                                   {"peoples-party", 11}, {"jsdp", 8},  {"baytaq", 0}};
  EXPECT_EQ(list["seats"], expected);
  CommandRun certify = Saylau("certify --db " + db + " --stage final");
  EXPECT_EQ(certify.exit_code, 0) << certify.output;
  EXPECT_NE(certify.output.find("kurultai-list: stage: final"), std::string::npos) << certify.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
