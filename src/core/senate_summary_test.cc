// The Senate summary through a sitting morning: awaiting, gathering, quorum per sitting from
// attendance, a winner with the share of the electors' votes, a repeat vote, women elected.
#include "saylau/core/senate_summary.h"

#include <gtest/gtest.h>

#include "saylau/core/election_night.h"
#include "senate_test_election.h"

namespace saylau::core {
namespace {

using fixtures::Attendance;
using fixtures::SenateElection;
using fixtures::Vote;

template <typename Submission>
Verdict Submit(ElectionNight& night, const Submission& submission) {
  if constexpr (std::is_same_v<Submission, TurnoutSubmission>) {
    const Judgement judgement = night.JudgeTurnout(submission);
    night.RecordTurnout(judgement, submission);
    return judgement.verdict;
  } else {
    const Judgement judgement = night.JudgeProtocol(submission);
    night.RecordProtocol(judgement);
    return judgement.verdict;
  }
}

TEST(SenateSummaryTest, FollowsTheSittingsThroughTheMorning) {
  const Election election = SenateElection();
  ElectionNight night(election);
  SenateSummary summary = SummarizeSenate(night);
  EXPECT_EQ(summary.seats, 2);
  EXPECT_EQ(summary.still_voting, 2);
  ASSERT_EQ(summary.rows.size(), 2u);
  EXPECT_EQ(summary.rows[0].state, SittingState::kAwaiting);
  EXPECT_EQ(summary.rows[0].electors, 31);
  EXPECT_FALSE(summary.rows[1].electors);

  ASSERT_EQ(Submit(night, Attendance("astana", "10:05", 31, 9)), Verdict::kAccepted);
  ASSERT_EQ(Submit(night, Attendance("astana", "10:20", 31, 15)), Verdict::kAccepted);
  summary = SummarizeSenate(night);
  EXPECT_EQ(summary.rows[0].state, SittingState::kGathering);
  EXPECT_EQ(summary.quorum_reached, 0);

  ASSERT_EQ(Submit(night, Attendance("astana", "10:45", 31, 30)), Verdict::kAccepted);
  ASSERT_EQ(Submit(night, Attendance("ulytau", "10:20", 30, 15)), Verdict::kAccepted);
  ASSERT_EQ(Submit(night, Attendance("ulytau", "10:45", 30, 28)), Verdict::kAccepted);
  summary = SummarizeSenate(night);
  EXPECT_EQ(summary.rows[0].state, SittingState::kQuorum);
  EXPECT_EQ(summary.rows[0].attendance->minute, 10 * 60 + 45);
  EXPECT_EQ(summary.rows[1].state, SittingState::kQuorum);
  EXPECT_EQ(summary.rows[1].attendance->minute, 10 * 60 + 20);  // at least half: 15 of 30
  EXPECT_EQ(summary.rows[1].electors, 30);
  EXPECT_EQ(summary.quorum_reached, 2);

  // Astana: 20 of 29 (valid with against all) for the first candidate, a woman.
  ASSERT_EQ(Submit(night, Vote("senate-astana", "astana", 31, 30, 20)), Verdict::kAccepted);
  // Ulytau: 10, 9 and 7 of 27: nobody has more than half; a repeat vote of the two leaders.
  ASSERT_EQ(Submit(night, Vote("senate-ulytau", "ulytau", 30, 28, 10, 7)), Verdict::kAccepted);
  summary = SummarizeSenate(night);
  const SittingRow& astana = summary.rows[0];
  EXPECT_EQ(astana.state, SittingState::kElected);
  EXPECT_EQ(astana.winner, "senate-astana-1");
  EXPECT_EQ(astana.gender, 'f');
  EXPECT_EQ(astana.votes, 20);
  EXPECT_EQ(astana.base, 29);
  EXPECT_EQ(summary.rows[1].state, SittingState::kRepeatVote);
  EXPECT_TRUE(summary.rows[1].winner.empty());
  EXPECT_EQ(summary.elected, 1);
  EXPECT_EQ(summary.women, 1);
  EXPECT_EQ(summary.men, 0);
  EXPECT_EQ(summary.repeat_votes, 1);
  EXPECT_EQ(summary.still_voting, 1);
}

TEST(SenateSummaryTest, CountsWomenAndMenFromOutcomesAndSkipsOtherContests) {
  const Election election = SenateElection();
  Outcome astana{.contest = "senate-astana", .decision = Decision::kDecided, .winners = {"senate-astana-1"}};
  Outcome ulytau{.contest = "senate-ulytau", .decision = Decision::kDecided, .winners = {"senate-ulytau-2"}};
  CandidateDetails details;
  details.rounds.push_back(RoundDetails{.round = 2, .tally = {.votes = {5, 18, 0}}, .base = 30});
  ulytau.details = details;
  Contest other = election.contests()[0];
  other.rules = PluralityRules{};
  const std::vector<SittingInput> inputs = {{.contest = &election.contests()[0], .outcome = &astana},
                                            {.contest = &election.contests()[1], .outcome = &ulytau},
                                            {.contest = &other, .outcome = &astana}};
  const SenateSummary summary = SummarizeSenate(inputs);
  EXPECT_EQ(summary.seats, 2);
  // Astana's outcome has no details: counted, but not as elected (no round to take votes from).
  EXPECT_EQ(summary.rows[0].state, SittingState::kAwaiting);
  EXPECT_EQ(summary.rows[1].state, SittingState::kElected);
  EXPECT_EQ(summary.rows[1].round, 2);
  EXPECT_EQ(summary.rows[1].votes, 18);
  EXPECT_EQ(summary.rows[1].gender, 'm');
  EXPECT_EQ(summary.men, 1);
  EXPECT_EQ(summary.women, 0);
  EXPECT_EQ(summary.repeat_votes, 1);
  EXPECT_TRUE(HasSenateSittings(election));
}

}  // namespace
}  // namespace saylau::core
