// The synthetic Senate sitting of the 2023 definition's [synth]: attendance through the morning
// with the quorum everywhere by 10:45, 19 winners in the first vote with 61.7 % to 90.9 %, a
// repeat vote in Kyzylorda, two women elected; every report and protocol accepted by the rules;
// the same seed gives the same morning; plans the definition cannot serve are refused by name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "saylau/core/election_night.h"
#include "saylau/core/senate_summary.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/sitting_synth_inputs.h"
#include "saylau/synth/sitting.h"

namespace saylau::synth {
namespace {

const std::string kSenate = std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-01-14-senate.toml";

TEST(SittingSynthTest, SenateMorningFromTheDefinitionsSynthTable) {
  Result<core::Election> election = formats::LoadDefinition(kSenate);
  ASSERT_TRUE(election) << election.error().message;
  Result<std::optional<SittingSynthPlan>> plan = formats::LoadSittingSynth(kSenate);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_TRUE(plan->has_value());
  EXPECT_EQ((*plan)->repeat_vote, "kyzylorda");
  EXPECT_EQ((*plan)->electors.size(), 15u);
  Result<SittingNight> night = SynthesizeSitting(*election, **plan, 7);
  ASSERT_TRUE(night) << night.error().message;
  EXPECT_EQ(night->attendance.size(), 60u);
  EXPECT_EQ(night->votes.size(), 20u);
  ASSERT_EQ(night->repeat_votes.size(), 1u);
  EXPECT_EQ(night->repeat_votes[0].unit, "kyzylorda");

  core::ElectionNight replay(*election);
  for (const auto& report : night->attendance) {
    const core::Judgement judgement = replay.JudgeTurnout(report);
    ASSERT_EQ(judgement.verdict, core::Verdict::kAccepted) << report.unit << " " << report.time;
    replay.RecordTurnout(judgement, report);
  }
  for (const auto* round : {&night->votes, &night->repeat_votes}) {
    for (const auto& protocol : *round) {
      const core::Judgement judgement = replay.JudgeProtocol(protocol);
      ASSERT_EQ(judgement.verdict, core::Verdict::kAccepted)
          << protocol.unit << " round " << protocol.round << ": "
          << (judgement.violations.empty() ? ""
                                           : judgement.violations[0].relation + " " + judgement.violations[0].detail);
      EXPECT_TRUE(judgement.warnings.empty()) << protocol.unit;
      replay.RecordProtocol(judgement);
    }
  }
  const core::SenateSummary summary = core::SummarizeSenate(replay);
  EXPECT_EQ(summary.seats, 20);
  EXPECT_EQ(summary.elected, 20);
  EXPECT_EQ(summary.women, 2);
  EXPECT_EQ(summary.repeat_votes, 1);
  EXPECT_EQ(summary.quorum_reached, 20);
  for (const core::SittingRow& row : summary.rows) {
    ASSERT_TRUE(row.attendance);
    EXPECT_LE(row.attendance->minute, 10 * 60 + 45) << row.unit;
    if (row.round >= 2) continue;
    EXPECT_GE(row.votes * 1000, 617 * row.base) << row.unit;
    EXPECT_LE(row.votes * 1000, 909 * row.base) << row.unit;
  }

  Result<SittingNight> again = SynthesizeSitting(*election, **plan, 7);
  ASSERT_TRUE(again);
  for (std::size_t i = 0; i < night->votes.size(); ++i) EXPECT_EQ(again->votes[i].lines, night->votes[i].lines);
}

TEST(SittingSynthTest, PlansTheDefinitionCannotServeAreRefused) {
  Result<core::Election> election = formats::LoadDefinition(kSenate);
  ASSERT_TRUE(election) << election.error().message;
  SittingSynthPlan plan;
  Result<SittingNight> night = SynthesizeSitting(*election, plan, 1);
  ASSERT_FALSE(night);
  EXPECT_NE(night.error().message.find("sitting 'abai'"), std::string::npos) << night.error().message;
  plan = **formats::LoadSittingSynth(kSenate);
  plan.repeat_vote = "atlantis";
  night = SynthesizeSitting(*election, plan, 1);
  ASSERT_FALSE(night);
  EXPECT_NE(night.error().message.find("'atlantis'"), std::string::npos);

  const std::filesystem::path bad = std::filesystem::temp_directory_path() / "saylau-sitting-synth-bad.toml";
  std::ofstream(bad) << "[synth]\nkind = \"sitting\"\ntimes = [\"10:20\", \"10:05\"]\n";
  Result<std::optional<SittingSynthPlan>> loaded = formats::LoadSittingSynth(bad.string());
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("[synth] times: '10:05' is not after"), std::string::npos)
      << loaded.error().message;
  std::ofstream(bad) << "[synth]\nkind = \"sitting\"\nelectors = { abai = -3 }\n";
  loaded = formats::LoadSittingSynth(bad.string());
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("electors.abai"), std::string::npos) << loaded.error().message;
  std::ofstream(bad) << "[synth]\ncontest = \"x\"\n";
  loaded = formats::LoadSittingSynth(bad.string());
  ASSERT_TRUE(loaded);
  EXPECT_FALSE(loaded->has_value());  // another kind of [synth]: not a sitting
  std::filesystem::remove(bad);
}

}  // namespace
}  // namespace saylau::synth
