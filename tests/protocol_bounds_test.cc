// Issue 16's overflow attack end to end, and the protocol bounds on the real Kazakh
// definitions in elections/kz/: a protocol whose sums hold only modulo 2^64 is rejected with
// its relations named, the national totals do not move, and on every real contest whatever is
// accepted has every line in [0, 10^12] and every relation holding exactly.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include "saylau/core/counting_plan.h"
#include "saylau/core/protocol.h"
#include "saylau/core/ratio.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/service/results_service.h"

namespace saylau {
namespace {

using core::ProtocolSubmission;

constexpr std::int64_t kMax64 = std::numeric_limits<std::int64_t>::max();

bool Has(const std::vector<core::Violation>& violations, const std::string& relation) {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const core::Violation& v) { return v.relation == relation; });
}

std::string Relations(const std::vector<core::Violation>& violations) {
  std::string out;
  for (const core::Violation& v : violations) out += v.relation + ": " + v.detail + "\n";
  return out;
}

void Set(ProtocolSubmission& p, const std::string& line, std::int64_t value) {
  for (auto& [name, v] : p.lines) {
    if (name == line) {
      v = value;
      return;
    }
  }
  p.lines.push_back({line, value});
}

// A protocol of `contest` at `unit` with realistic numbers that satisfies every relation:
// 1,500 voters, 1,000 issued, 990 found, 20 invalid (and 5 both marked in a referendum).
ProtocolSubmission Realistic(const core::Contest& contest, const std::string& unit) {
  const bool referendum = std::holds_alternative<core::ReferendumRules>(contest.rules);
  ProtocolSubmission p{.contest = contest.id, .unit = unit, .origin = "test"};
  std::int64_t valid = referendum ? 965 : 970;
  p.lines = {{"voters", 1500}, {"received", 1500}, {"issued", 1000}, {"issued_absentee", 12},
             {"issued_outside", 30}, {"cancelled", 500}, {"found", 990}, {"valid", valid}, {"invalid", 20}};
  if (referendum) p.lines.push_back({"both_marked", 5});
  if (contest.against_all) {
    p.lines.push_back({"against_all", 40});
    valid -= 40;
  }
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const std::int64_t votes = i + 1 == contest.options.size() ? valid : valid / 2;
    p.lines.push_back({contest.options[i].id, votes});
    valid -= votes;
  }
  return p;
}

// The attack: every option at 2^63-1 and, when on the ballot, against all such that valid =
// options + against all holds modulo 2^64.
ProtocolSubmission Attack(const core::Contest& contest, const std::string& unit) {
  ProtocolSubmission p = Realistic(contest, unit);
  std::uint64_t wrapped = 0;
  for (const core::Option& option : contest.options) {
    Set(p, option.id, kMax64);
    wrapped += static_cast<std::uint64_t>(kMax64);
  }
  std::int64_t valid = 0;
  for (const auto& [name, value] : p.lines) {
    if (name == "valid") valid = value;
  }
  if (contest.against_all) Set(p, "against_all", static_cast<std::int64_t>(static_cast<std::uint64_t>(valid) - wrapped));
  return p;
}

struct RealContest {
  std::string file;
  std::shared_ptr<const core::Election> election;
  std::shared_ptr<const core::CountingPlan> plan;
  const core::Contest* contest;
  std::string unit;  // a counting unit of the contest
};

// Every contest of every definition in elections/kz/, with one of its counting units.
const std::vector<RealContest>& RealContests() {
  static const std::vector<RealContest> contests = [] {
    std::vector<RealContest> out;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(SAYLAU_SOURCE_DIR) + "/elections/kz")) {
      if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      Result<core::Election> loaded = formats::LoadDefinition(file);
      EXPECT_TRUE(loaded) << loaded.error().message;
      if (!loaded) continue;
      auto election = std::make_shared<const core::Election>(std::move(*loaded));
      auto plan = std::make_shared<const core::CountingPlan>(*election);
      for (const core::ContestPlan& contest : plan->contests()) {
        const auto counting = std::find(contest.counting.begin(), contest.counting.end(), true);
        if (counting == contest.counting.end()) continue;
        const int global = contest.units[counting - contest.counting.begin()];
        out.push_back({file, election, plan, contest.contest, election->units()[global].id});
      }
    }
    return out;
  }();
  return contests;
}

// A line's value by name through the contest's form (0 when the form has no such line).
core::Int128 At(const core::ProtocolForm& form, const core::CheckedProtocol& checked, std::string_view line) {
  return form.LineValue(line, checked.values);
}

// Every relation of an accepted protocol, recomputed in 128 bits.
void ExpectSound(const core::ProtocolForm& form, const core::Contest& contest, const core::CheckedProtocol& checked,
                 const std::string& context) {
  for (const std::int64_t value : checked.values) {
    EXPECT_TRUE(value >= 0 && value <= core::kMaxLineValue) << context << ": " << value;
  }
  core::Int128 options = 0;
  for (std::size_t i = 0; i < contest.options.size(); ++i) options += checked.values[form.lines.size() + i];
  EXPECT_TRUE(At(form, checked, "received") == At(form, checked, "issued") + At(form, checked, "cancelled")) << context;
  EXPECT_TRUE(At(form, checked, "found") <= At(form, checked, "issued")) << context;
  EXPECT_TRUE(At(form, checked, "found") ==
              At(form, checked, "valid") + At(form, checked, "invalid") + At(form, checked, "both_marked"))
      << context;
  EXPECT_TRUE(At(form, checked, "valid") == options + At(form, checked, "against_all")) << context;
  EXPECT_TRUE(At(form, checked, "issued") <= At(form, checked, "voters")) << context;
}

std::vector<std::int64_t> EdgeValues() {
  std::vector<std::int64_t> edges = {kMax64, kMax64 - 1, std::numeric_limits<std::int64_t>::min()};
  for (const std::int64_t base : {std::int64_t{0}, std::int64_t{1} << 31, std::int64_t{1} << 53,
                                  std::int64_t{1} << 62, core::kMaxLineValue}) {
    for (const std::int64_t value : {base - 1, base, base + 1}) {
      edges.push_back(value);
      edges.push_back(-value);
    }
  }
  return edges;
}

TEST(ProtocolBoundsTest, RealContestsAcceptRealisticProtocolsAndRejectTheAttack) {
  ASSERT_GE(RealContests().size(), 6u);
  for (const RealContest& real : RealContests()) {
    const std::string context = real.file + " " + real.contest->id + " at " + real.unit;
    const core::CheckedProtocol good = core::CheckProtocol(*real.election, *real.plan, Realistic(*real.contest, real.unit));
    EXPECT_TRUE(good.violations.empty()) << context << "\n" << Relations(good.violations);

    const core::CheckedProtocol attack = core::CheckProtocol(*real.election, *real.plan, Attack(*real.contest, real.unit));
    EXPECT_TRUE(Has(attack.violations, "within-bounds")) << context << "\n" << Relations(attack.violations);
    EXPECT_TRUE(Has(attack.violations, "valid-equals-options-plus-against-all"))
        << context << "\n" << Relations(attack.violations);
  }
}

TEST(ProtocolBoundsTest, RealContestsJudgeEveryEdgeValueInEveryLineSoundly) {
  for (const RealContest& real : RealContests()) {
    const ProtocolSubmission base = Realistic(*real.contest, real.unit);
    for (std::size_t line = 0; line < base.lines.size(); ++line) {
      for (const std::int64_t value : EdgeValues()) {
        ProtocolSubmission p = base;
        p.lines[line].second = value;
        const core::CheckedProtocol checked = core::CheckProtocol(*real.election, *real.plan, p);
        const std::string context = real.contest->id + " " + p.lines[line].first + " = " + std::to_string(value);
        EXPECT_EQ(Has(checked.violations, "within-bounds"), value > core::kMaxLineValue) << context;
        if (checked.violations.empty()) ExpectSound(*real.election->FormOf(*real.contest), *real.contest, checked, context);
      }
    }
  }
}

// Random hostile combinations on the real contests: only sound protocols get through.
RC_GTEST_PROP(ProtocolBoundsTest, RealContestsAcceptOnlySoundProtocols, ()) {
  const RealContest& real = RealContests()[*rc::gen::inRange<std::size_t>(0, RealContests().size())];
  ProtocolSubmission p = Realistic(*real.contest, real.unit);
  const int changes = *rc::gen::inRange<int>(1, static_cast<int>(p.lines.size()) + 1);
  for (int k = 0; k < changes; ++k) {
    auto& line = p.lines[*rc::gen::inRange<std::size_t>(0, p.lines.size())];
    line.second = *rc::gen::oneOf(rc::gen::elementOf(EdgeValues()), rc::gen::arbitrary<std::int64_t>(),
                                  rc::gen::inRange<std::int64_t>(0, 3000));
  }
  const core::CheckedProtocol checked = core::CheckProtocol(*real.election, *real.plan, p);
  bool in_bounds = true;
  for (const auto& [name, value] : p.lines) in_bounds &= value >= 0 && value <= core::kMaxLineValue;
  RC_ASSERT(Has(checked.violations, "within-bounds") ==
            std::any_of(p.lines.begin(), p.lines.end(), [](const auto& l) { return l.second > core::kMaxLineValue; }));
  if (!in_bounds) RC_ASSERT(!checked.violations.empty());
  if (checked.violations.empty()) {
    core::Int128 options = 0;
    const core::ProtocolForm& form = *real.election->FormOf(*real.contest);
    for (std::size_t i = 0; i < real.contest->options.size(); ++i) options += checked.values[form.lines.size() + i];
    RC_ASSERT(At(form, checked, "valid") == options + At(form, checked, "against_all"));
    RC_ASSERT(At(form, checked, "issued") <= At(form, checked, "voters"));
  }
}

// The attack as issue 16 tells it, through the results service on a memory store: the
// protocol is stored as rejected with its relations named and no national total moves.
TEST(ProtocolBoundsTest, TheOverflowAttackIsRejectedAndTheNationalTotalsDoNotMove) {
  const std::string dir = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";
  auto service = service::ResultsService::Open(store::CreateMemoryStore(
      {{"night.toml", "definition", formats::ReadFile(dir + "night.toml").value()},
       {"night-stations.csv", "stations", formats::ReadFile(dir + "night-stations.csv").value()}}));
  ASSERT_TRUE(service) << service.error().message;
  const core::Contest& list = *(*service)->night().election().FindContest("list");
  const auto submit = [&](const ProtocolSubmission& p) {
    std::vector<formats::Submission> batch{p};
    auto acks = (*service)->Submit(batch, "2023-03-19T21:00:00+06:00");
    EXPECT_TRUE(acks) << acks.error().message;
    return acks->front();
  };
  for (const std::string unit : {"s2", "s3"}) {
    const service::Acknowledgement ack = submit(Realistic(list, unit));
    ASSERT_EQ(ack.verdict, core::Verdict::kAccepted) << Relations(ack.violations);
  }
  const core::CountingPlan& plan = (*service)->night().plan();
  const core::ContestIndex contest = plan.FindContest("list");
  const auto national = [&] {
    const auto totals = (*service)->night().tabulation().Totals(contest, 1, core::LocalUnit(0));
    return std::vector<std::int64_t>(totals.begin(), totals.end());
  };
  const std::vector<std::int64_t> before = national();

  ProtocolSubmission attack = Realistic(list, "s1");
  Set(attack, "a", kMax64);
  Set(attack, "b", kMax64);
  Set(attack, "against_all", 970 + 2);  // valid + 2: in int64, a + b + against all = valid
  const service::Acknowledgement ack = submit(attack);

  EXPECT_EQ(ack.verdict, core::Verdict::kRejected);
  EXPECT_TRUE(Has(ack.violations, "within-bounds")) << Relations(ack.violations);
  EXPECT_TRUE(Has(ack.violations, "valid-equals-options-plus-against-all")) << Relations(ack.violations);
  EXPECT_EQ(national(), before);
  EXPECT_EQ(before[plan.contest(contest).first_option], 2 * 465);  // party a: s2 and s3 only
  EXPECT_GT(before[plan.contest(contest).first_option + 1], 0);
  EXPECT_EQ((*service)->night().tabulation().ProgressAt(contest, 1, core::LocalUnit(0)).reported, 2);
}

}  // namespace
}  // namespace saylau
