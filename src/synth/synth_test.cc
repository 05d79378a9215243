// saylau::synth on the fixture definition (saylau/testing/fixture_election.h): the same seed
// gives the same night, every synthetic protocol and turnout report passes core's control
// relations, the national totals are met exactly, and the sizes are as asked.
#include "saylau/synth/synth.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "saylau/core/election_night.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::synth {
namespace {


// National totals of the list: 30,000 voters, 18,000 took part, 17,500 valid votes.
SynthInputs ListInputs() {
  SynthInputs inputs;
  inputs.contest = "list";
  inputs.national = {{"registered", 30000}, {"took_part", 18000}, {"a", 10000}, {"b", 6500}, {"against_all", 1000}};
  RegionInput r1{.unit = "r1", .voters_estimate = 16000};
  r1.turnout_percent[0] = 8;
  r1.turnout_percent[3] = 35;
  r1.turnout_percent[core::kReportTimes - 1] = 63;
  RegionInput r2{.unit = "r2", .voters_estimate = 14000};
  r2.turnout_percent[core::kReportTimes - 1] = 57;
  inputs.regions = {r1, r2};
  inputs.national_turnout[core::kReportTimes - 1] = 60;
  return inputs;
}

SynthElection Synthesized(const SynthOptions& options) {
  Result<SynthElection> night = Synthesize(testing::FixtureDefinition(), ListInputs(), options);
  EXPECT_TRUE(night) << night.error().message;
  return night ? std::move(*night) : SynthElection{};
}

// The fixture definition with the synthetic polling stations under it.
core::Election WithStations(const SynthElection& night) {
  const core::Election& fixture = testing::FixtureDefinition();
  std::vector<core::Unit> units = fixture.units();
  for (const SynthStation& station : night.stations) {
    units.push_back({.id = station.id,
                     .parent = station.parent,
                     .kind = core::UnitKind::kStation,
                     .registered_voters = station.registered,
                     .settlement = station.urban ? core::Settlement::kUrban : core::Settlement::kRural});
  }
  return core::Election(fixture.id(), fixture.name(), fixture.date(), std::move(units), fixture.parties(),
                        fixture.contests(), fixture.forms());
}

// One synthetic row as the protocol a commission would submit: every line of the contest's
// form (against all only when on the ballot).
core::ProtocolSubmission ProtocolOf(const core::Election& election, const core::Contest& contest,
                                    const std::string& station, std::span<const std::int64_t> row) {
  const core::ProtocolForm& form = *election.FormOf(contest);
  core::ProtocolSubmission p;
  p.contest = contest.id;
  p.unit = station;
  p.origin = "synth";
  for (std::size_t line = 0; line < form.lines.size(); ++line) {
    if (form.lines[line].when_against_all && !contest.against_all) continue;
    p.lines.push_back({form.lines[line].name, row[line]});
  }
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    p.lines.push_back({contest.options[i].id, row[form.lines.size() + i]});
  }
  return p;
}

// Judges and records every synthetic protocol and turnout report; expects each accepted.
void ExpectEverySubmissionAccepted(core::ElectionNight& state, const SynthElection& night) {
  for (const SynthContest& contest : night.contests) {
    const core::Contest& definition = *state.election().FindContest(contest.contest);
    for (std::size_t k = 0; k < contest.stations.size(); ++k) {
      const std::string& station = night.stations[contest.stations[k]].id;
      const std::span<const std::int64_t> row(&contest.values[k * contest.width], contest.width);
      const core::Judgement judgement = state.JudgeProtocol(ProtocolOf(state.election(), definition, station, row));
      EXPECT_EQ(judgement.verdict, core::Verdict::kAccepted)
          << contest.contest << " at " << station << ": "
          << (judgement.violations.empty() ? "" : judgement.violations.front().detail);
      if (judgement.verdict == core::Verdict::kAccepted) state.RecordProtocol(judgement);
    }
  }
  for (int time = 0; time < core::kReportTimes; ++time) {
    for (std::size_t s = 0; s < night.stations.size(); ++s) {
      const std::int64_t issued = night.turnout[s * core::kReportTimes + time];
      const core::TurnoutSubmission report = testing::TurnoutReport(
          night.stations[s].id, std::string(core::kReportTimeNames[time]), issued, night.stations[s].registered);
      const core::Judgement judgement = state.JudgeTurnout(report);
      EXPECT_EQ(judgement.verdict, core::Verdict::kAccepted)
          << "turnout " << report.unit << " at " << report.time << ": "
          << (judgement.violations.empty() ? "" : judgement.violations.front().detail);
      if (judgement.verdict == core::Verdict::kAccepted) state.RecordTurnout(judgement, report);
    }
  }
}

TEST(SynthTest, TheSameSeedGivesTheSameNight) {
  const SynthElection first = Synthesized({.seed = 42, .stations = 30, .stuffing = 0.1, .rounding = 0.1});
  const SynthElection again = Synthesized({.seed = 42, .stations = 30, .stuffing = 0.1, .rounding = 0.1});
  const SynthElection other = Synthesized({.seed = 43, .stations = 30, .stuffing = 0.1, .rounding = 0.1});

  ASSERT_EQ(first.stations.size(), again.stations.size());
  for (std::size_t s = 0; s < first.stations.size(); ++s) {
    EXPECT_EQ(first.stations[s].id, again.stations[s].id);
    EXPECT_EQ(first.stations[s].registered, again.stations[s].registered);
    EXPECT_EQ(first.stations[s].urban, again.stations[s].urban);
  }
  ASSERT_EQ(first.contests.size(), again.contests.size());
  for (std::size_t c = 0; c < first.contests.size(); ++c) {
    EXPECT_EQ(first.contests[c].stations, again.contests[c].stations);
    EXPECT_EQ(first.contests[c].values, again.contests[c].values);
  }
  EXPECT_EQ(first.turnout, again.turnout);
  ASSERT_EQ(first.anomalies.size(), again.anomalies.size());
  for (std::size_t i = 0; i < first.anomalies.size(); ++i)
    EXPECT_EQ(first.anomalies[i].detail, again.anomalies[i].detail);

  EXPECT_NE(first.contests.front().values, other.contests.front().values) << "another seed, another night";
}

TEST(SynthTest, EveryProtocolAndTurnoutReportPassesTheControlRelationsAndMeetsTheNationalTotals) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    const SynthElection night = Synthesized({.seed = seed, .stations = 40});
    const core::Election election = WithStations(night);
    core::ElectionNight state(election);
    ExpectEverySubmissionAccepted(state, night);

    const core::CountingPlan& plan = state.plan();
    const core::ContestIndex list = plan.FindContest("list");
    const std::span<const std::int64_t> country = state.tabulation().Totals(list, 1, core::LocalUnit(0));
    const core::ProtocolForm& form = *plan.contest(list).form;
    const auto line = [&](std::string_view name) { return form.LineValue(name, country); };
    EXPECT_EQ(line("voters"), 30000);
    EXPECT_EQ(line("issued"), 18000);
    EXPECT_EQ(line("valid"), 17500);
    EXPECT_EQ(line("against_all"), 1000);
    EXPECT_EQ(form.Options(country)[0], 10000);
    EXPECT_EQ(form.Options(country)[1], 6500);
    EXPECT_TRUE(state.tabulation().ProgressAt(list, 1, core::LocalUnit(0)).complete());
    const core::TurnoutFigure closing = state.turnout().At(plan.FindUnit("c"), core::kReportTimes - 1);
    EXPECT_EQ(closing.issued, 18000) << "the closing turnout is the ballots issued";
    EXPECT_EQ(closing.reported, static_cast<int>(night.stations.size()));
  }
}

TEST(SynthTest, InjectedAnomaliesAreListedAndTheirProtocolsStillPassTheControls) {
  const SynthElection night = Synthesized({.seed = 5, .stations = 40, .stuffing = 0.25, .rounding = 0.25});
  ASSERT_FALSE(night.anomalies.empty());
  for (const SynthAnomaly& anomaly : night.anomalies) {
    EXPECT_TRUE(anomaly.kind == "stuffing" || anomaly.kind == "rounding") << anomaly.kind;
    EXPECT_FALSE(anomaly.detail.empty());
    EXPECT_TRUE(std::any_of(night.stations.begin(), night.stations.end(), [&](const SynthStation& s) {
      return s.id == anomaly.unit;
    })) << anomaly.unit;
  }
  const core::Election election = WithStations(night);
  core::ElectionNight state(election);
  ExpectEverySubmissionAccepted(state, night);
}

TEST(SynthTest, SizesAreAsAsked) {
  for (int stations : {2, 7, 40}) {
    SCOPED_TRACE(stations);
    const SynthElection night = Synthesized({.seed = 9, .stations = stations});
    ASSERT_EQ(night.stations.size(), static_cast<std::size_t>(stations));
    EXPECT_EQ(night.turnout.size(), night.stations.size() * core::kReportTimes);
    ASSERT_EQ(night.contests.size(), testing::FixtureElection().contests().size());
    for (const SynthContest& contest : night.contests) {
      const core::Contest& definition = *testing::FixtureElection().FindContest(contest.contest);
      EXPECT_EQ(contest.width, testing::FixtureElection().FormOf(definition)->Width(
                                   static_cast<int>(definition.options.size())));
      EXPECT_EQ(contest.values.size(), contest.stations.size() * contest.width);
    }
    std::int64_t registered = 0;
    std::size_t in_d1 = 0;
    for (const SynthStation& station : night.stations) {
      registered += station.registered;
      EXPECT_TRUE(station.parent == "d1" || station.parent == "r2") << station.parent;
      in_d1 += station.parent == "d1" ? 1 : 0;
    }
    EXPECT_EQ(registered, 30000);
    const SynthContest& seat = *std::find_if(night.contests.begin(), night.contests.end(),
                                             [](const SynthContest& c) { return c.contest == "seat"; });
    EXPECT_EQ(seat.stations.size(), in_d1) << "the district seat is counted at d1's stations only";
  }
}

TEST(SynthTest, InputsThatDoNotFitTheDefinitionAreInvalid) {
  SynthInputs unknown_region = ListInputs();
  unknown_region.regions[0].unit = "r9";
  SynthInputs too_many_votes = ListInputs();
  too_many_votes.national["a"] = 20000;
  SynthInputs unknown_contest = ListInputs();
  unknown_contest.contest = "senate";
  for (const SynthInputs& inputs : {unknown_region, too_many_votes, unknown_contest}) {
    Result<SynthElection> night = Synthesize(testing::FixtureDefinition(), inputs, {.seed = 1, .stations = 10});
    ASSERT_FALSE(night);
    EXPECT_EQ(night.error().code, ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace saylau::synth
