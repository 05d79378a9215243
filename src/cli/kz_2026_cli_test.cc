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
                          Source("data/kz/counts/kurultai-2026-from-mazhilis-2023-list-votes.csv") +
                          " --format json");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json out = nlohmann::json::parse(run.output);
  ASSERT_EQ(out["outcomes"].size(), 1u);
  const nlohmann::json& list = out["outcomes"][0];
  EXPECT_EQ(list["contest"], "kurultai-list");
  EXPECT_EQ(list["decision"], "decided");
  EXPECT_EQ(list["seats_total"], 145);
  const nlohmann::json expected = {{"amanat", 83}, {"auyl", 17},         {"respublica", 13}, {"ak-zhol", 13},
                                   {"peoples-party", 11}, {"jsdp", 8}, {"baytaq", 0}};
  EXPECT_EQ(list["seats"], expected);
}

// The national figures as published (registered, took part and yes final; no and invalid
// preliminary): turnout valid, a national yes majority, and the units' two thirds not shown by
// national figures alone (exit 1, as for 2022).
TEST(Kz2026CliTest, Referendum2026NationalFiguresGiveTurnoutAndANationalYes) {
  const std::string counts = Source("data/kz/counts/referendum-2026-national.csv");
  CommandRun run = Saylau("results " + Source("elections/kz/2026-03-15-referendum.toml") + " --counts " + counts +
                          " --format json");
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

}  // namespace
