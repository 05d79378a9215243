// Protocol forms as data: the built-in Kazakh forms load from the compiled-in TOML; a
// definition declares its own form (here a Russian precinct protocol) and CheckProtocol runs
// it with no code of its own: accepted, rejected with the relation named, accepted with a
// warning. A form's mistakes are load errors at file:line: field.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "saylau/core/counting_plan.h"
#include "saylau/core/protocol.h"
#include "saylau/formats/built_in_forms.h"
#include "saylau/formats/definition_toml.h"

namespace saylau::formats {
namespace {

TEST(BuiltInFormsTest, EveryKazakhContestKindHasItsFormAndEveryRelationRejects) {
  const std::vector<core::ProtocolForm>& forms = BuiltInForms();
  std::vector<std::string> ids;
  for (const core::ProtocolForm& form : forms) ids.push_back(form.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"kz-referendum", "kz-party-list", "kz-district", "kz-president",
                                           "kz-senate", "kz-rural-akim"}));
  for (const core::ProtocolForm& form : forms) {
    SCOPED_TRACE(form.id);
    EXPECT_EQ(form.relations.size(), 7u);
    for (const core::FormRelation& relation : form.relations) EXPECT_EQ(relation.severity, core::Severity::kReject);
    EXPECT_EQ(form.bases.took_part.text, "issued");
    EXPECT_FALSE(form.lines[form.IndexOf("voters")].label.ru.empty());
    EXPECT_FALSE(form.source.empty());
  }
  const core::ProtocolForm& referendum = forms[0];
  EXPECT_EQ(referendum.against_all, -1);
  EXPECT_GE(referendum.IndexOf("both_marked"), 0);
  const core::ProtocolForm& list = forms[1];
  EXPECT_EQ(list.IndexOf("both_marked"), -1);
  EXPECT_TRUE(list.lines[list.against_all].when_against_all);
}

constexpr std::string_view kRussianDefinition = R"toml(
[election]
id = "ru-test"
date = 2024-03-17
name = { en = "Russian-style test" }

[[units]]
id = "ru"
kind = "country"
name = { en = "Country" }

[[units]]
id = "uik-1"
parent = "ru"
kind = "station"
name = { en = "Precinct 1" }
registered_voters = 2000

[[forms]]
id = "ru-uik-president"
name = { ru = "Протокол УИК", en = "Precinct commission protocol (Russia)" }
source = "Federal Law 67-FZ art. 67-68; the CEC's data layout"

[[forms.lines]]
name = "registered"
label = { ru = "Число избирателей, включенных в список", en = "Voters on the list" }
[[forms.lines]]
name = "received"
[[forms.lines]]
name = "issued_early"
[[forms.lines]]
name = "issued_inside"
[[forms.lines]]
name = "issued_outside"
[[forms.lines]]
name = "cancelled"
[[forms.lines]]
name = "portable"
[[forms.lines]]
name = "stationary"
[[forms.lines]]
name = "invalid"
[[forms.lines]]
name = "valid"
[[forms.lines]]
name = "lost"
[[forms.lines]]
name = "unaccounted"

[[forms.relations]]
name = "valid-equals-options"
check = "valid == options"
severity = "reject"
[[forms.relations]]
name = "boxes-equal-valid-plus-invalid"
check = "portable + stationary == valid + invalid"
severity = "reject"
[[forms.relations]]
name = "received-balance"
check = "received == issued_early + issued_inside + issued_outside + cancelled + lost - unaccounted"
severity = "reject"
[[forms.relations]]
name = "boxes-within-issued"
check = "portable + stationary <= issued_early + issued_inside + issued_outside"
severity = "warn"

[forms.bases]
registered = "registered"
took_part = "issued_early + issued_inside + issued_outside"
valid = "valid"
invalid = "invalid"

[[contests]]
id = "president"
kind = "majority_runoff"
form = "ru-uik-president"
name = { en = "President" }
unit = "ru"

[[contests.candidates]]
id = "p"
name = { en = "P" }

[[contests.candidates]]
id = "q"
name = { en = "Q" }
)toml";

core::ProtocolSubmission RussianProtocol() {
  core::ProtocolSubmission p;
  p.contest = "president";
  p.unit = "uik-1";
  p.origin = "test";
  p.lines = {{"registered", 2000}, {"received", 1800}, {"issued_early", 0}, {"issued_inside", 1100},
             {"issued_outside", 51}, {"cancelled", 649},  {"portable", 51},    {"stationary", 1100},
             {"invalid", 20},       {"valid", 1131},     {"lost", 0},         {"unaccounted", 0},
             {"p", 900},            {"q", 231}};
  return p;
}

void Set(core::ProtocolSubmission& p, const std::string& line, std::int64_t value) {
  for (auto& [name, v] : p.lines) {
    if (name == line) v = value;
  }
}

bool Names(const std::vector<core::Violation>& violations, const std::string& relation) {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const core::Violation& v) { return v.relation == relation; });
}

std::string Listed(const std::vector<core::Violation>& violations) {
  std::string out;
  for (const core::Violation& v : violations) out += v.relation + ": " + v.detail + "\n";
  return out;
}

class RussianFormTest : public ::testing::Test {
 protected:
  static core::Election Load() {
    Result<core::Election> election = ParseDefinition(kRussianDefinition, "ru.toml");
    if (!election) ADD_FAILURE() << election.error().message;
    return election ? std::move(*election) : core::Election();
  }
  core::CheckedProtocol Check(const core::ProtocolSubmission& p) const { return core::CheckProtocol(election_, plan_, p); }

  const core::Election election_ = Load();
  const core::CountingPlan plan_{election_};
};

TEST_F(RussianFormTest, TheFormBindsTheContestAndItsBasesReadTheLines) {
  ASSERT_EQ(plan_.contests().size(), 1u);
  const core::ContestPlan& contest = plan_.contests()[0];
  ASSERT_NE(contest.form, nullptr);
  EXPECT_EQ(contest.form->id, "ru-uik-president");
  EXPECT_EQ(contest.width, 12 + 2);
  const core::CheckedProtocol checked = Check(RussianProtocol());
  ASSERT_TRUE(checked.violations.empty()) << Listed(checked.violations);
  EXPECT_EQ(contest.form->BaseValue(core::BaseRole::kTookPart, checked.values), 1151);
  EXPECT_EQ(contest.form->BaseValue(core::BaseRole::kRegistered, checked.values), 2000);
  EXPECT_EQ(contest.form->Options(checked.values)[0], 900);
}

TEST_F(RussianFormTest, AGoodProtocolIsAcceptedWithoutWarnings) {
  const core::CheckedProtocol checked = Check(RussianProtocol());
  EXPECT_TRUE(checked.violations.empty()) << Listed(checked.violations);
  EXPECT_TRUE(checked.warnings.empty()) << Listed(checked.warnings);
}

TEST_F(RussianFormTest, ABrokenRejectRelationIsNamedWithItsNumbers) {
  core::ProtocolSubmission p = RussianProtocol();
  Set(p, "lost", 3);  // received no longer balances
  const core::CheckedProtocol checked = Check(p);
  ASSERT_EQ(checked.violations.size(), 1u) << Listed(checked.violations);
  EXPECT_EQ(checked.violations[0].relation, "received-balance");
  EXPECT_EQ(checked.violations[0].detail,
            "received (1800) ≠ issued_early (0) + issued_inside (1100) + issued_outside (51) + cancelled (649) + "
            "lost (3) - unaccounted (0)");
  Set(p, "unaccounted", 3);  // lost ballots offset by ballots not accounted for
  EXPECT_TRUE(Check(p).violations.empty()) << Listed(Check(p).violations);
}

TEST_F(RussianFormTest, ABrokenWarnRelationIsCountedWithAWarning) {
  // One ballot more in the boxes than issued (as in real protocols the CEC accepted).
  core::ProtocolSubmission p = RussianProtocol();
  Set(p, "stationary", 1101);
  Set(p, "valid", 1132);
  Set(p, "q", 232);
  Set(p, "received", 1800);
  const core::CheckedProtocol checked = Check(p);
  EXPECT_TRUE(checked.violations.empty()) << Listed(checked.violations);
  ASSERT_EQ(checked.warnings.size(), 1u) << Listed(checked.warnings);
  EXPECT_EQ(checked.warnings[0].relation, "boxes-within-issued");
  EXPECT_EQ(checked.warnings[0].detail,
            "portable (51) + stationary (1101) > issued_early (0) + issued_inside (1100) + issued_outside (51)");
}

TEST_F(RussianFormTest, RequiredLinesAndOptionsAreBuiltIn) {
  core::ProtocolSubmission p = RussianProtocol();
  p.lines.erase(p.lines.begin() + 10);  // lost
  p.lines.push_back({"found", 5});
  const core::CheckedProtocol checked = Check(p);
  EXPECT_TRUE(Names(checked.violations, "lines-present")) << Listed(checked.violations);
  EXPECT_TRUE(Names(checked.violations, "options-exact")) << Listed(checked.violations);
  Set(p, "valid", -1);
  EXPECT_TRUE(Names(Check(p).violations, "non-negative"));
}

// A definition with `form` mistakes: every one reported with its line and field.
std::string ErrorsOf(const std::string& edit_from, const std::string& edit_to) {
  std::string text(kRussianDefinition);
  const std::size_t at = text.find(edit_from);
  EXPECT_NE(at, std::string::npos) << edit_from;
  if (at != std::string::npos) text.replace(at, edit_from.size(), edit_to);
  Result<core::Election> got = ParseDefinition(text, "ru.toml");
  return got ? "" : got.error().message;
}

TEST(FormDefinitionTest, AFormsMistakesAreLoadErrorsAtTheirLine) {
  EXPECT_NE(ErrorsOf("check = \"valid == options\"", "check = \"valid == options + spoiled\"")
                .find("ru.toml:52: check: expression 'options + spoiled': 'spoiled' is not a line of form "
                      "'ru-uik-president'"),
            std::string::npos)
      << ErrorsOf("check = \"valid == options\"", "check = \"valid == options + spoiled\"");
  EXPECT_NE(ErrorsOf("name = \"lost\"", "name = \"cancelled\"")
                .find("name: line 'cancelled' is named twice in form 'ru-uik-president'"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("name = \"boxes-within-issued\"", "name = \"received-balance\"")
                .find("name: relation 'received-balance' is named twice"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("invalid = \"invalid\"\n\n[[contests]]", "\n[[contests]]")
                .find("invalid: base 'invalid' is required in form 'ru-uik-president'"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("severity = \"warn\"", "severity = \"maybe\"").find("severity: unknown severity 'maybe'"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("form = \"ru-uik-president\"", "form = \"ru-uik\"")
                .find("form: contest 'president' names form 'ru-uik', which is not defined"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("id = \"q\"", "id = \"lost\"")
                .find("form: option 'lost' of contest 'president' is named like a line of form 'ru-uik-president'"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("form = \"ru-uik-president\"", "form = \"ru-uik-president\"\nagainst_all = true")
                .find("against_all: contest 'president' has against_all on its ballot, but form 'ru-uik-president' "
                      "has no against-all line"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("id = \"ru-uik-president\"", "id = \"kz-president\"").find("duplicate form id 'kz-president'"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("name = \"unaccounted\"", "name = \"Unaccounted\"").find("is not a line name"),
            std::string::npos);
}

}  // namespace
}  // namespace saylau::formats
