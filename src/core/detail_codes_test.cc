// Every detail the core writes has a machine-readable form beside its English sentence: a code
// from kDetailCodes (detail_codes.h) and the values the sentence names, numbers and ids only.
// A dashboard words the code in Kazakh, Russian and English (web/src/detail_text.ts).
#include "saylau/core/detail_codes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "protocol_test_election.h"
#include "senate_test_election.h"
#include "saylau/core/counting_plan.h"
#include "saylau/core/election_night.h"
#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"

namespace saylau::core {
namespace {

using fixtures::GoodProtocol;
using fixtures::SetLine;

// A value is a number or an id: no spaces, quotes or markup (the dashboard words the rest); a
// relation's failed comparison is one of five signs.
bool IsNumberOrId(const DetailParam& param) {
  if (param.name == "op") return std::set<std::string>{"≠", ">", "<", "≥", "≤"}.count(param.value) == 1;
  return param.value.find_first_of(" '\"<>&;") == std::string::npos;
}

std::string Params(const Violation& v) {
  std::string out;
  for (const DetailParam& p : v.params) out += p.name + "=" + p.value + " ";
  return out;
}

// Every violation coded, with plain values; returns the codes seen.
std::set<std::string> ExpectCoded(const std::vector<Violation>& violations) {
  std::set<std::string> codes;
  for (const Violation& v : violations) {
    EXPECT_TRUE(IsDetailCode(v.code)) << v.relation << ": " << v.detail << " has code '" << v.code << "'";
    for (const DetailParam& p : v.params) {
      EXPECT_TRUE(IsNumberOrId(p)) << v.relation << ": " << p.name << " = '" << p.value << "'";
    }
    codes.insert(v.code);
  }
  return codes;
}

const Violation* Coded(const std::vector<Violation>& violations, const std::string& code) {
  for (const Violation& v : violations) {
    if (v.code == code) return &v;
  }
  return nullptr;
}

class DetailCodesTest : public ::testing::Test {
 protected:
  const Contest& ContestOf(const std::string& id) const { return *election_.FindContest(id); }

  const Election election_ = fixtures::SmallElection();
  ElectionNight night_{election_};
};

TEST_F(DetailCodesTest, ALineProblemNamesItsLineAndValue) {
  ProtocolSubmission p = GoodProtocol(ContestOf("list"), "s1");
  SetLine(p, "invalid", -5);
  const Judgement got = night_.JudgeProtocol(p);
  ExpectCoded(got.violations);
  const Violation* negative = Coded(got.violations, "negative");
  ASSERT_NE(negative, nullptr);
  EXPECT_EQ(negative->relation, "non-negative");
  ASSERT_EQ(negative->params.size(), 2u);
  EXPECT_EQ(negative->params[0].name, "line");
  EXPECT_EQ(negative->params[0].value, "invalid");
  EXPECT_EQ(negative->params[1].name, "value");
  EXPECT_EQ(negative->params[1].value, "-5");
}

TEST_F(DetailCodesTest, ABrokenFormRelationGivesBothSidesTermByTerm) {
  ProtocolSubmission p = GoodProtocol(ContestOf("list"), "s1");
  SetLine(p, "found", 5000);
  const Judgement got = night_.JudgeProtocol(p);
  ExpectCoded(got.violations);
  const Violation* within = nullptr;
  for (const Violation& v : got.violations) {
    if (v.relation == "found-within-issued") within = &v;
  }
  ASSERT_NE(within, nullptr);
  EXPECT_EQ(within->code, "relation");
  ASSERT_EQ(within->params.size(), 3u) << Params(*within);
  EXPECT_EQ(within->params[0].name, "+found");
  EXPECT_EQ(within->params[0].value, "5000");
  EXPECT_EQ(within->params[1].name, "op");
  EXPECT_EQ(within->params[1].value, ">");
  EXPECT_EQ(within->params[2].name, "+issued");
  // The English sentence names the same numbers.
  EXPECT_NE(within->detail.find("5000"), std::string::npos);
  EXPECT_NE(within->detail.find(within->params[2].value), std::string::npos);
}

TEST_F(DetailCodesTest, EveryProblemOfAMalformedProtocolIsCoded) {
  ProtocolSubmission p = GoodProtocol(ContestOf("list"), "s1");
  p.lines.push_back({"a", 1});        // given twice
  p.lines.push_back({"zzz", 1});      // neither an option nor a line
  p.lines.push_back({"voters", kMaxLineValue + 1});
  p.unreadable.push_back("valid='<b>x</b>'");
  p.photo = "<img src=x onerror=alert(1)>";
  const Judgement got = night_.JudgeProtocol(p);
  const std::set<std::string> codes = ExpectCoded(got.violations);
  for (const char* code : {"repeated-lines", "unknown-lines", "above-bound", "unreadable", "photo-hash"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  // The unreadable text and the photo's markup stay in the English detail only.
  const Violation* unreadable = Coded(got.violations, "unreadable");
  ASSERT_NE(unreadable, nullptr);
  ASSERT_EQ(unreadable->params.size(), 1u);
  EXPECT_EQ(unreadable->params[0].value, "valid");
  EXPECT_TRUE(Coded(got.violations, "photo-hash")->params.empty());

  ProtocolSubmission missing = GoodProtocol(ContestOf("list"), "s1");
  missing.lines.erase(missing.lines.begin());  // a required line
  std::erase_if(missing.lines, [](const auto& line) { return line.first == "b" || line.first == "against_all"; });
  const std::set<std::string> more = ExpectCoded(night_.JudgeProtocol(missing).violations);
  EXPECT_TRUE(more.count("missing-lines"));
  EXPECT_TRUE(more.count("missing-options"));
  EXPECT_TRUE(more.count("against-all-missing"));
}

TEST_F(DetailCodesTest, UnknownContestUnitAndRoundAreCoded) {
  ProtocolSubmission p = GoodProtocol(ContestOf("seat"), "s3");  // seat is counted in r1 only
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(p).violations).count("not-counted-at"));
  p.unit = "nowhere";
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(p).violations).count("unknown-unit"));
  p = GoodProtocol(ContestOf("list"), "s1");
  p.round = 7;
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(p).violations).count("unknown-round"));
  p.contest = "nothing";
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(p).violations).count("unknown-contest"));
}

TEST_F(DetailCodesTest, ARoundNotOpenAndAuthorityAreCoded) {
  ProtocolSubmission runoff = GoodProtocol(ContestOf("president"), "s1");
  runoff.round = 2;
  const Judgement early = night_.JudgeProtocol(runoff);
  const std::set<std::string> codes = ExpectCoded(early.violations);
  EXPECT_TRUE(codes.count("previous-round-open")) << early.violations.size();

  ProtocolSubmission stranger = GoodProtocol(ContestOf("list"), "s1");
  stranger.commission = "s2";  // a sibling, not above
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(stranger).violations).count("not-above"));

  const ProtocolSubmission first = GoodProtocol(ContestOf("list"), "s1");
  const Judgement accepted = night_.JudgeProtocol(first);
  ASSERT_EQ(accepted.verdict, Verdict::kAccepted);
  night_.RecordProtocol(accepted);
  ProtocolSubmission changed = GoodProtocol(ContestOf("list"), "s1", 301);
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(changed).violations).count("already-accepted"));
  changed.commission = "r1";
  EXPECT_TRUE(ExpectCoded(night_.JudgeProtocol(changed).violations).count("no-reason"));
}

TEST_F(DetailCodesTest, EveryProblemOfATurnoutReportIsCoded) {
  TurnoutSubmission report{.unit = "r1", .time = "09:30", .round = 3, .voters = -1, .issued = 5};
  std::set<std::string> codes = ExpectCoded(night_.JudgeTurnout(report).violations);
  for (const char* code : {"not-a-station", "unknown-time", "not-a-voting-day", "negative", "relation"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  report = {.unit = "s1", .time = "12:00", .voters = 1000, .issued = 300};
  const Judgement noon = night_.JudgeTurnout(report);
  ASSERT_EQ(noon.verdict, Verdict::kAccepted);
  night_.RecordTurnout(noon, report);
  report.time = "14:00";
  report.issued = 200;
  const Judgement later = night_.JudgeTurnout(report);
  const Violation* below = Coded(later.violations, "below-earlier");
  ASSERT_NE(below, nullptr) << (later.violations.empty() ? "" : later.violations[0].detail);
  ASSERT_EQ(below->params.size(), 5u);
  EXPECT_EQ(below->params[1].value, "14:00");
  EXPECT_EQ(below->params[3].value, "12:00");
  EXPECT_EQ(below->params[4].value, "300");
  report.unit = "nowhere";
  EXPECT_TRUE(ExpectCoded(night_.JudgeTurnout(report).violations).count("unknown-unit"));
}

// An electors' sitting (Senate): its attendance reports' relations and the quorum.
TEST(DetailCodesSittingTest, AttendanceAndQuorumDetailsAreCoded) {
  using fixtures::Attendance;
  const Election election = fixtures::SenateElection();
  ElectionNight night(election);
  const auto submit = [&](const TurnoutSubmission& report) {
    Judgement judgement = night.JudgeTurnout(report);
    night.RecordTurnout(judgement, report);
    return judgement;
  };
  ASSERT_EQ(submit(Attendance("astana", "10:20", 31, 15)).verdict, Verdict::kAccepted);
  ASSERT_EQ(submit(Attendance("ulytau", "10:20", 30, 15)).verdict, Verdict::kAccepted);
  const auto codes_of = [&](const TurnoutSubmission& report) { return ExpectCoded(night.JudgeTurnout(report).violations); };
  EXPECT_TRUE(codes_of(Attendance("astana", "10:46am", 31, 20)).count("unknown-sitting-time"));
  EXPECT_TRUE(codes_of(Attendance("astana", "10:45", 31, 32)).count("relation"));
  EXPECT_TRUE(codes_of(Attendance("astana", "10:45", 31, -1)).count("negative"));
  EXPECT_TRUE(codes_of(Attendance("astana", "10:45", 30, 20)).count("electors-not-as-defined"));
  EXPECT_TRUE(codes_of(Attendance("astana", "10:05", 31, 16)).count("above-later"));
  EXPECT_TRUE(codes_of(Attendance("astana", "10:45", 31, 14)).count("below-earlier"));
  EXPECT_TRUE(codes_of(Attendance("ulytau", "10:45", 29, 20)).count("electors-changed"));

  const Judgement no_quorum = night.JudgeProtocol(fixtures::Vote("senate-astana", "astana", 31, 30, 20));
  ExpectCoded(no_quorum.violations);
  const Violation* quorum = Coded(no_quorum.violations, "no-quorum");
  ASSERT_NE(quorum, nullptr);
  std::string values;
  for (const DetailParam& p : quorum->params) values += p.name + "=" + p.value + " ";
  EXPECT_EQ(values.substr(0, values.find("rule=")), "unit=astana present=15 electors=31 time=10:20 ");
  EXPECT_NE(values.find(" least="), std::string::npos) << values;

  ASSERT_EQ(submit(Attendance("astana", "10:45", 31, 30)).verdict, Verdict::kAccepted);
  const Judgement warned = night.JudgeProtocol(fixtures::Vote("senate-astana", "astana", 31, 29, 20));
  ASSERT_EQ(warned.verdict, Verdict::kAccepted);
  EXPECT_TRUE(ExpectCoded(warned.warnings).count("attendance-differs"));
}

TEST(DetailCodesListTest, CodesAreUniqueAndPlain) {
  std::set<std::string_view> seen;
  for (std::string_view code : kDetailCodes) {
    EXPECT_TRUE(seen.insert(code).second) << code;
    EXPECT_EQ(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz-"), std::string_view::npos) << code;
  }
  EXPECT_FALSE(IsDetailCode(""));
  EXPECT_FALSE(IsDetailCode("found (812) > issued (800)"));
}

}  // namespace
}  // namespace saylau::core
