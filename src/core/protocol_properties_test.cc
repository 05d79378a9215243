// Properties of CheckProtocol over hostile numbers (rapidcheck): lines at and around 0, 2^31,
// 2^53, 2^62, 2^63-1, 10^12 and their negatives, alone and in random combinations, on every
// contest kind and round. It never crashes (the sanitizer build catches signed overflow), and
// whatever it accepts has every line in [0, 10^12], every vote within the voters line, and
// every relation holding in exact 128-bit arithmetic.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <limits>

#include "protocol_test_election.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/protocol.h"
#include "saylau/core/ratio.h"

namespace saylau::core {
namespace {

constexpr std::int64_t kMax64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin64 = std::numeric_limits<std::int64_t>::min();

const Election& TheElection() {
  static const Election election = fixtures::SmallElection();
  return election;
}
const CountingPlan& ThePlan() {
  static const CountingPlan plan(TheElection());
  return plan;
}

// Values where arithmetic goes wrong: around 0, 2^31, 2^53, 2^62, 2^63-1, 10^12, negatives.
std::vector<std::int64_t> EdgeValues() {
  std::vector<std::int64_t> edges;
  for (const std::int64_t base : {std::int64_t{0}, std::int64_t{1} << 31, std::int64_t{1} << 53,
                                  std::int64_t{1} << 62, kMaxLineValue}) {
    for (const std::int64_t delta : {-1, 0, 1}) {
      edges.push_back(base + delta);
      edges.push_back(-(base + delta));
    }
  }
  for (const std::int64_t value : {kMax64, kMax64 - 1, kMax64 - 2, kMax64 / 2, kMax64 / 2 + 1, kMin64, kMin64 + 1}) {
    edges.push_back(value);
  }
  return edges;
}

rc::Gen<std::int64_t> HostileValue() {
  return rc::gen::weightedOneOf<std::int64_t>({
      {4, rc::gen::elementOf(EdgeValues())},
      {2, rc::gen::arbitrary<std::int64_t>()},
      {2, rc::gen::inRange<std::int64_t>(0, kMaxLineValue + 1)},
      {1, rc::gen::inRange<std::int64_t>(0, 2000)},
  });
}

// A number in [0, most], often at its ends.
std::int64_t UpTo(std::int64_t most) {
  return *rc::gen::weightedOneOf<std::int64_t>({{1, rc::gen::just<std::int64_t>(0)},
                                                 {1, rc::gen::just(most)},
                                                 {4, rc::gen::inRange<std::int64_t>(0, most + 1)}});
}

// A protocol of `contest` that satisfies every relation, with lines anywhere in [0, 10^12].
ProtocolSubmission ConsistentProtocol(const Contest& contest, const std::string& unit, int round) {
  ProtocolSubmission p;
  p.contest = contest.id;
  p.unit = unit;
  p.round = round;
  const bool referendum = std::holds_alternative<ReferendumRules>(contest.rules);
  const std::int64_t voters = UpTo(kMaxLineValue);
  const std::int64_t issued = UpTo(voters);
  const std::int64_t cancelled = UpTo(kMaxLineValue - issued);
  const std::int64_t found = UpTo(issued);
  const std::int64_t invalid = UpTo(found);
  const std::int64_t both = referendum ? UpTo(found - invalid) : 0;
  std::int64_t valid = found - invalid - both;
  p.lines = {{"voters", voters},
             {"received", issued + cancelled},
             {"issued", issued},
             {"issued_absentee", UpTo(issued)},
             {"issued_outside", UpTo(issued)},
             {"cancelled", cancelled},
             {"found", found},
             {"valid", valid},
             {"invalid", invalid}};
  if (referendum) p.lines.push_back({"both_marked", both});
  if (contest.against_all) {
    const std::int64_t against = UpTo(valid);
    p.lines.push_back({"against_all", against});
    valid -= against;
  }
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const std::int64_t votes = i + 1 == contest.options.size() ? valid : UpTo(valid);
    p.lines.push_back({contest.options[i].id, votes});
    valid -= votes;
  }
  return p;
}

struct Drawn {
  const Contest* contest;
  ProtocolSubmission protocol;
};

// A contest of any kind at one of its stations, in any of its rounds, with a protocol that
// starts consistent and then has none, some or all of its lines replaced by hostile values.
Drawn DrawProtocol() {
  const std::vector<Contest>& contests = TheElection().contests();
  const Contest& contest = contests[*rc::gen::inRange<std::size_t>(0, contests.size())];
  const std::string unit = contest.unit == "r1" ? *rc::gen::elementOf(std::vector<std::string>{"s1", "s2"})
                                                : *rc::gen::elementOf(std::vector<std::string>{"s1", "s2", "s3"});
  const int round = ThePlan().contest(ThePlan().FindContest(contest.id)).max_round == 2 ? *rc::gen::inRange(1, 3) : 1;
  ProtocolSubmission protocol = ConsistentProtocol(contest, unit, round);
  const int hostile = *rc::gen::weightedOneOf<int>(
      {{3, rc::gen::just(0)}, {4, rc::gen::inRange(1, 4)}, {2, rc::gen::just(static_cast<int>(protocol.lines.size()))}});
  for (int k = 0; k < hostile; ++k) {
    auto& line = protocol.lines[*rc::gen::inRange<std::size_t>(0, protocol.lines.size())];
    line.second = *HostileValue();
  }
  return {&contest, std::move(protocol)};
}

// A line's value by name through the contest's form (0 when the form has no such line).
Int128 At(const CheckedProtocol& checked, std::string_view line) {
  return ThePlan().contest(checked.contest).form->LineValue(line, checked.values);
}

// Every relation of an accepted protocol, recomputed here in 128 bits.
void AssertHoldsExactly(const Contest& contest, const CheckedProtocol& checked) {
  for (const std::int64_t value : checked.values) {
    RC_ASSERT(value >= 0);
    RC_ASSERT(value <= kMaxLineValue);
  }
  const Int128 voters = At(checked, "voters"), issued = At(checked, "issued");
  Int128 options = 0;
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const Int128 votes = checked.values[ThePlan().contest(checked.contest).first_option + i];
    RC_ASSERT(votes <= voters);
    options += votes;
  }
  RC_ASSERT(At(checked, "received") == issued + At(checked, "cancelled"));
  RC_ASSERT(At(checked, "found") <= issued);
  RC_ASSERT(At(checked, "found") ==
            At(checked, "valid") + At(checked, "invalid") + At(checked, "both_marked"));
  RC_ASSERT(At(checked, "valid") == options + At(checked, "against_all"));
  RC_ASSERT(issued <= voters);
  RC_ASSERT(At(checked, "issued_absentee") <= issued);
  RC_ASSERT(At(checked, "issued_outside") <= issued);
  RC_ASSERT(At(checked, "against_all") <= voters);
}

bool Has(const CheckedProtocol& checked, const std::string& relation) {
  return std::any_of(checked.violations.begin(), checked.violations.end(),
                     [&](const Violation& v) { return v.relation == relation; });
}

RC_GTEST_PROP(ProtocolPropertiesTest, AcceptedProtocolsHoldEveryRelationExactly, ()) {
  const Drawn drawn = DrawProtocol();
  const CheckedProtocol checked = CheckProtocol(TheElection(), ThePlan(), drawn.protocol);
  RC_ASSERT(checked.contest.valid());
  RC_ASSERT(checked.station.valid());
  RC_CLASSIFY(checked.violations.empty(), "accepted");
  bool over = false, negative = false;
  for (const auto& [name, value] : drawn.protocol.lines) {
    over |= value > kMaxLineValue;
    negative |= value < 0;
  }
  RC_ASSERT(Has(checked, "within-bounds") == over);
  RC_ASSERT(Has(checked, "non-negative") == negative);
  for (const Violation& v : checked.violations) RC_ASSERT(!v.detail.empty());
  if (checked.violations.empty()) AssertHoldsExactly(*drawn.contest, checked);
}

// Options and against all chosen so that valid = options + against all holds modulo 2^64 (what
// int64 arithmetic would have checked) but not in fact: always rejected.
RC_GTEST_PROP(ProtocolPropertiesTest, SumsThatOnlyHoldModuloTwoToThe64AreRejected, ()) {
  Drawn drawn = DrawProtocol();
  const Contest& contest = *drawn.contest;
  drawn.protocol = ConsistentProtocol(contest, drawn.protocol.unit, drawn.protocol.round);
  std::uint64_t wrapped = 0;  // the options' sum modulo 2^64
  Int128 exact = 0;
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const Option& option = contest.options[i];
    // Two options in [2^62, 2^63-1] take the true sum past int64; the rest are anything.
    const std::int64_t votes = i < 2 ? *rc::gen::weightedOneOf<std::int64_t>(
                                           {{1, rc::gen::elementOf(std::vector<std::int64_t>{
                                                    std::int64_t{1} << 62, (std::int64_t{1} << 62) + 1, kMax64 / 2 + 1,
                                                    kMax64 - 1, kMax64})},
                                            {1, rc::gen::inRange<std::int64_t>(std::int64_t{1} << 62, kMax64)}})
                                     : *HostileValue();
    fixtures::SetLine(drawn.protocol, option.id, votes);
    wrapped += static_cast<std::uint64_t>(votes);
    exact += votes;
  }
  std::int64_t valid = 0;
  for (const auto& [name, value] : drawn.protocol.lines) {
    if (name == "valid") valid = value;
  }
  Int128 against = 0;
  if (contest.against_all) {
    const std::uint64_t rest = static_cast<std::uint64_t>(valid) - wrapped;  // modulo 2^64
    const std::int64_t as_line = static_cast<std::int64_t>(rest);
    fixtures::SetLine(drawn.protocol, "against_all", as_line);
    against = as_line;
  }
  RC_PRE(exact + against != valid);  // a sum that is right in fact is not the case here

  const CheckedProtocol checked = CheckProtocol(TheElection(), ThePlan(), drawn.protocol);

  RC_ASSERT(Has(checked, "valid-equals-options-plus-against-all"));
}

// Hostile values in every line at once, in every contest: the checker reports, never crashes,
// and accepts nothing outside the bounds.
RC_GTEST_PROP(ProtocolPropertiesTest, AllHostileLinesAreNeverAccepted, ()) {
  Drawn drawn = DrawProtocol();
  bool in_bounds = true;
  for (auto& [name, value] : drawn.protocol.lines) {
    value = *HostileValue();
    in_bounds &= value >= 0 && value <= kMaxLineValue;
  }
  const CheckedProtocol checked = CheckProtocol(TheElection(), ThePlan(), drawn.protocol);
  if (!in_bounds) RC_ASSERT(!checked.violations.empty());
  if (checked.violations.empty()) AssertHoldsExactly(*drawn.contest, checked);
}

TEST(ProtocolPropertiesTest, EveryEdgeValueInEveryLineOfEveryContestIsJudgedSoundly) {
  int accepted = 0, rejected = 0;
  for (const Contest& contest : TheElection().contests()) {
    const std::string unit = contest.unit == "r1" ? "s1" : "s3";
    const ProtocolSubmission base = fixtures::GoodProtocol(contest, unit);
    for (std::size_t line = 0; line < base.lines.size(); ++line) {
      for (const std::int64_t value : EdgeValues()) {
        ProtocolSubmission p = base;
        p.lines[line].second = value;
        const CheckedProtocol checked = CheckProtocol(TheElection(), ThePlan(), p);
        const bool in_bounds = value >= 0 && value <= kMaxLineValue;
        EXPECT_EQ(Has(checked, "within-bounds"), value > kMaxLineValue) << contest.id << " " << p.lines[line].first;
        if (!in_bounds) {
          EXPECT_FALSE(checked.violations.empty());
        }
        if (checked.violations.empty()) {
          ++accepted;
          // Every other line is tied to the rest by a relation; voters only bounds issued.
          EXPECT_TRUE(in_bounds);
          if (p.lines[line].first != "voters") {
            EXPECT_EQ(value, base.lines[line].second) << p.lines[line].first;
          }
        } else {
          ++rejected;
        }
      }
    }
  }
  EXPECT_GT(accepted, 0);
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace saylau::core
