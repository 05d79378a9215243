// CheckProtocol at the edges of the arithmetic: lines above 10^12 break `within-bounds`, sums
// are exact (a protocol whose int64 sums would wrap is rejected, its details show the true
// numbers), and a rejected protocol leaves the totals of an election night untouched.
#include "saylau/core/protocol.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "protocol_test_election.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/election_night.h"
#include "saylau/core/turnout.h"

namespace saylau::core {
namespace {

using fixtures::GoodProtocol;
using fixtures::SetLine;

constexpr std::int64_t kMax64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin64 = std::numeric_limits<std::int64_t>::min();

const Violation* Find(const std::vector<Violation>& violations, const std::string& relation,
                      const std::string& part = "") {
  const auto it = std::find_if(violations.begin(), violations.end(), [&](const Violation& v) {
    return v.relation == relation && v.detail.find(part) != std::string::npos;
  });
  return it == violations.end() ? nullptr : &*it;
}

std::string Relations(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations) out += v.relation + ": " + v.detail + "\n";
  return out;
}

class ProtocolBoundsTest : public ::testing::Test {
 protected:
  const Contest& ContestOf(const std::string& id) const { return *election_.FindContest(id); }
  CheckedProtocol Check(const ProtocolSubmission& p) const { return CheckProtocol(election_, plan_, p); }

  const Election election_ = fixtures::SmallElection();
  const CountingPlan plan_{election_};
};

TEST_F(ProtocolBoundsTest, GoodProtocolsOfEveryContestKindAreAccepted) {
  for (const Contest& contest : election_.contests()) {
    const std::string unit = contest.unit == "r1" ? "s2" : "s3";
    const CheckedProtocol got = Check(GoodProtocol(contest, unit));
    EXPECT_TRUE(got.violations.empty()) << contest.id << "\n" << Relations(got.violations);
  }
}

// A value's index is tried at the position after the last one found (files follow the form),
// and that never changes the answer: at every position tried first, every line and option is
// found where the search finds it, and a name that is neither is not found.
TEST_F(ProtocolBoundsTest, ValueIndexTriedByPositionIsTheSearchedOne) {
  for (const ContestPlan& plan : plan_.contests()) {
    ASSERT_TRUE(plan.names_apart) << plan.contest->id;
    std::vector<std::string> names;
    for (const auto& line : plan.form->lines) names.push_back(line.name);
    for (const Option& option : plan.contest->options) names.push_back(option.id);
    for (int expected = -1; expected <= static_cast<int>(names.size()) + 1; ++expected) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(plan.ValueIndexOf(names[i], expected), static_cast<int>(i)) << names[i] << " at " << expected;
      }
      EXPECT_EQ(plan.ValueIndexOf("no-such-line", expected), -1);
      EXPECT_EQ(plan.ValueIndexOf("", expected), -1);
    }
  }
  // An option named like a line (which the loader refuses): the line, as the search finds it,
  // even where the option's position is tried first.
  const ContestPlan& list = plan_.contest(plan_.FindContest("list"));
  Contest clashing = *list.contest;
  clashing.options[0].id = list.form->lines[0].name;
  ContestPlan plan = list;
  plan.contest = &clashing;
  plan.names_apart = false;
  EXPECT_EQ(plan.ValueIndexOf(clashing.options[0].id, plan.first_option), 0);
}

// Lines in any order read the same values as in the form's order.
TEST_F(ProtocolBoundsTest, LinesInAnyOrderReadTheSame) {
  for (const Contest& contest : election_.contests()) {
    const std::string unit = contest.unit == "r1" ? "s2" : "s3";
    const ProtocolSubmission in_order = GoodProtocol(contest, unit);
    ProtocolSubmission reversed = in_order;
    std::reverse(reversed.lines.begin(), reversed.lines.end());
    const CheckedProtocol a = Check(in_order), b = Check(reversed);
    EXPECT_EQ(a.values, b.values) << contest.id;
    EXPECT_TRUE(b.violations.empty()) << contest.id << "\n" << Relations(b.violations);
    ProtocolSubmission twice = in_order;  // a line given again after the others
    twice.lines.push_back(twice.lines.front());
    EXPECT_NE(Find(Check(twice).violations, "options-exact", "given twice"), nullptr) << contest.id;
  }
}

// The attack of issue 16: two options at 2^63-1 and against_all = valid + 2. In int64 the
// options sum to -2, so valid = options + against all "held" and every relation passed.
TEST_F(ProtocolBoundsTest, OptionsThatWouldWrapAroundAreRejectedWithTheTrueSum) {
  ProtocolSubmission p = GoodProtocol(ContestOf("list"), "s1");
  SetLine(p, "a", kMax64);
  SetLine(p, "b", kMax64);
  SetLine(p, "against_all", 590 + 2);

  const CheckedProtocol got = Check(p);

  EXPECT_NE(Find(got.violations, "within-bounds", "a = 9223372036854775807 is above 10^12 (1000000000000)"),
            nullptr)
      << Relations(got.violations);
  EXPECT_NE(Find(got.violations, "within-bounds", "b = 9223372036854775807"), nullptr);
  const Violation* sum = Find(got.violations, "valid-equals-options-plus-against-all");
  ASSERT_NE(sum, nullptr) << Relations(got.violations);
  EXPECT_EQ(sum->detail, "valid (590) ≠ votes for the options (18446744073709551614) + against all (592)");
}

TEST_F(ProtocolBoundsTest, EveryLineIsBoundedByTenToTheTwelfth) {
  const std::int64_t cap = kMaxLineValue;
  ProtocolSubmission at_cap;
  at_cap.contest = "list";
  at_cap.unit = "s1";
  at_cap.lines = {{"voters", cap}, {"received", cap}, {"issued", cap},      {"cancelled", 0}, {"found", cap},
                  {"valid", cap},  {"invalid", 0},    {"against_all", 0}, {"a", cap},       {"b", 0}};
  EXPECT_TRUE(Check(at_cap).violations.empty()) << Relations(Check(at_cap).violations);

  for (const auto& [line, value] : at_cap.lines) {
    ProtocolSubmission over = at_cap;
    SetLine(over, line, cap + 1);
    const CheckedProtocol got = Check(over);
    EXPECT_NE(Find(got.violations, "within-bounds", line + " = 1000000000001 is above 10^12"), nullptr)
        << line << "\n" << Relations(got.violations);
  }
}

TEST_F(ProtocolBoundsTest, ReferendumSumsAreExact) {
  // found = valid + invalid + both marked holds modulo 2^64 here, not in fact.
  ProtocolSubmission p = GoodProtocol(ContestOf("ref"), "s1");
  SetLine(p, "invalid", kMax64);
  SetLine(p, "both_marked", kMax64);
  SetLine(p, "valid", 2);
  SetLine(p, "yes", 1);
  SetLine(p, "no", 1);
  SetLine(p, "found", 0);
  SetLine(p, "issued", 600);

  const CheckedProtocol got = Check(p);

  const Violation* found = Find(got.violations, "found-equals-valid-plus-invalid");
  ASSERT_NE(found, nullptr) << Relations(got.violations);
  EXPECT_EQ(found->detail,
            "found in the boxes (0) ≠ valid (2) + invalid (9223372036854775807) + both marked (9223372036854775807)");
}

TEST_F(ProtocolBoundsTest, ReceivedAndIssuedCannotWrapEither) {
  ProtocolSubmission p = GoodProtocol(ContestOf("president"), "s1");
  SetLine(p, "issued", kMax64);
  SetLine(p, "cancelled", kMax64);
  SetLine(p, "received", -2);  // 2 x (2^63-1) wraps to -2
  SetLine(p, "voters", kMax64);

  const CheckedProtocol got = Check(p);

  EXPECT_NE(Find(got.violations, "non-negative", "received = -2 is negative"), nullptr);
  EXPECT_NE(Find(got.violations, "received-equals-issued-plus-cancelled",
                 "received (-2) ≠ issued (9223372036854775807) + cancelled (9223372036854775807)"),
            nullptr)
      << Relations(got.violations);
  EXPECT_NE(Find(got.violations, "within-bounds", "voters = 9223372036854775807"), nullptr);
}

TEST_F(ProtocolBoundsTest, TheMostNegativeLineIsShownExactly) {
  ProtocolSubmission p = GoodProtocol(ContestOf("seat"), "s1");
  SetLine(p, "x", kMin64);
  SetLine(p, "y", kMin64);

  const CheckedProtocol got = Check(p);

  EXPECT_NE(Find(got.violations, "non-negative", "x = -9223372036854775808 is negative"), nullptr);
  EXPECT_NE(Find(got.violations, "valid-equals-options-plus-against-all",
                 "votes for the options (-18446744073709551616)"),
            nullptr)
      << Relations(got.violations);
}

TEST_F(ProtocolBoundsTest, WithinBoundsIsAnArithmeticRelation) {
  EXPECT_NE(std::find(kBuiltInArithmeticRelations.begin(), kBuiltInArithmeticRelations.end(), "within-bounds"),
            kBuiltInArithmeticRelations.end());
}

// Through ElectionNight: the attack is rejected, recorded as rejected, and no total moves.
TEST_F(ProtocolBoundsTest, TheAttackLeavesTheNationalTotalsUntouched) {
  ElectionNight night(election_);
  const Judgement good = night.JudgeProtocol(GoodProtocol(ContestOf("list"), "s3"));
  ASSERT_EQ(good.verdict, Verdict::kAccepted) << Relations(good.violations);
  night.RecordProtocol(good);
  const ContestIndex contest = plan_.FindContest("list");
  const auto snapshot = [&] {
    const auto totals = night.tabulation().Totals(contest, 1, LocalUnit(0));
    return std::vector<std::int64_t>(totals.begin(), totals.end());
  };
  const std::vector<std::int64_t> before = snapshot();

  ProtocolSubmission attack = GoodProtocol(ContestOf("list"), "s1");
  SetLine(attack, "a", kMax64);
  SetLine(attack, "b", kMax64);
  SetLine(attack, "against_all", 590 + 2);
  const Judgement judged = night.JudgeProtocol(attack);
  night.RecordProtocol(judged);

  EXPECT_EQ(judged.verdict, Verdict::kRejected);
  EXPECT_NE(Find(judged.violations, "within-bounds"), nullptr);
  EXPECT_NE(Find(judged.violations, "valid-equals-options-plus-against-all"), nullptr);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(before[plan_.contest(contest).first_option], 300);  // a at the country: s3's 300 only
  EXPECT_EQ(night.tabulation().ProgressAt(contest, 1, LocalUnit(0)).reported, 1);
}

TEST_F(ProtocolBoundsTest, TurnoutReportsAreBoundedSoTheirTotalsCannotWrap) {
  ElectionNight night(election_);
  for (const std::string unit : {"s1", "s2"}) {
    const TurnoutSubmission report{.unit = unit, .time = "10:00", .voters = kMax64, .issued = kMax64};
    const Judgement judged = night.JudgeTurnout(report);
    night.RecordTurnout(judged, report);
    EXPECT_EQ(judged.verdict, Verdict::kRejected);
    EXPECT_NE(Find(judged.violations, "within-bounds", "voters = 9223372036854775807 is above 10^12"), nullptr)
        << Relations(judged.violations);
    EXPECT_NE(Find(judged.violations, "within-bounds", "issued = 9223372036854775807"), nullptr);
  }
  const TurnoutSubmission at_cap{.unit = "s1", .time = "10:00", .voters = kMaxLineValue, .issued = kMaxLineValue};
  const Judgement accepted = night.JudgeTurnout(at_cap);
  EXPECT_EQ(accepted.verdict, Verdict::kAccepted) << Relations(accepted.violations);
  night.RecordTurnout(accepted, at_cap);
  const TurnoutFigure country = night.turnout().At(plan_.FindUnit("c"), 0);
  EXPECT_EQ(country.reported, 1);
  EXPECT_EQ(country.voters, kMaxLineValue);
}

}  // namespace
}  // namespace saylau::core
