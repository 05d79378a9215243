// Real Kazakh elections reproduce the officially published outcomes exactly, from the data in
// data/kz/ and the definitions in elections/kz/.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "saylau/core/outcome.h"
#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/votes_csv.h"

namespace saylau {
namespace {

std::string Path(const std::string& relative) { return std::string(SAYLAU_SOURCE_DIR) + "/" + relative; }

struct Decided {
  core::Election election;
  std::map<std::string, core::Outcome> outcomes;
};

Decided Decide(const std::string& definition, const std::string& counts_file) {
  Result<core::Election> election = formats::LoadDefinition(Path(definition));
  EXPECT_TRUE(election) << election.error().message;
  Result<std::string> text = formats::ReadFile(Path(counts_file));
  EXPECT_TRUE(text);
  Result<formats::CountsByContest> counts = formats::ParseCountsCsv(*text, counts_file, *election);
  EXPECT_TRUE(counts) << counts.error().message;
  Decided decided{*election, {}};
  for (const auto& [contest_id, unit_counts] : *counts) {
    Result<core::Outcome> outcome = core::DecideContest(*election, *election->FindContest(contest_id), unit_counts);
    EXPECT_TRUE(outcome) << outcome.error().message;
    decided.outcomes.emplace(contest_id, *outcome);
  }
  return decided;
}

std::map<std::string, int> SeatsOf(const Decided& decided, const std::string& contest_id) {
  const core::Contest& contest = *decided.election.FindContest(contest_id);
  const auto& details = std::get<core::PartyListDetails>(decided.outcomes.at(contest_id).details);
  std::map<std::string, int> seats;
  for (std::size_t i = 0; i < contest.options.size(); ++i) seats[contest.options[i].id] = details.seats[i];
  return seats;
}

TEST(RealCasesTest, Mazhilis2023ListSeatsAreTheOfficial40_8_6_6_5_4) {
  Decided decided = Decide("elections/kz/2023-03-19-mazhilis.toml", "data/kz/counts/mazhilis-2023-list-national.csv");
  const std::map<std::string, int> expected = {{"amanat", 40},       {"auyl", 8}, {"respublica", 6}, {"ak-zhol", 6},
                                               {"peoples-party", 5}, {"jsdp", 4}, {"baytaq", 0}};
  EXPECT_EQ(SeatsOf(decided, "mazhilis-list"), expected);
  const auto& details = std::get<core::PartyListDetails>(decided.outcomes.at("mazhilis-list").details);
  EXPECT_EQ(details.base, 6'366'441);  // parties + against all: the base of every published percentage
  EXPECT_EQ(details.votes_needed, 318'323);
  EXPECT_FALSE(details.runner_up_applied);
  // JSDP (.825) and AMANAT (.649) win the two seats left after the whole quotas.
  EXPECT_TRUE(details.allocation.remainders[5].remainder_seat);
  EXPECT_TRUE(details.allocation.remainders[0].remainder_seat);
}

TEST(RealCasesTest, AstanaMaslikhat2023PassesTwoPartiesJustOverFivePercent) {
  Decided decided = Decide("elections/kz/2023-03-19-maslikhats.toml", "data/kz/counts/maslikhats-2023-lists.csv");
  const std::map<std::string, int> astana = {{"amanat", 12},       {"auyl", 0},   {"respublica", 0},
                                             {"peoples-party", 1}, {"baytaq", 1}, {"ak-zhol", 3}};
  EXPECT_EQ(SeatsOf(decided, "astana-maslikhat-list"), astana);
  const auto& details = std::get<core::PartyListDetails>(decided.outcomes.at("astana-maslikhat-list").details);
  EXPECT_EQ(core::PercentText(18'174, details.base), "5.50");
  EXPECT_EQ(core::PercentText(18'154, details.base), "5.49");
  const std::map<std::string, int> kostanay = {
      {"amanat", 9}, {"auyl", 2}, {"respublica", 1}, {"peoples-party", 1}, {"ak-zhol", 3}};
  EXPECT_EQ(SeatsOf(decided, "kostanay-maslikhat-list"), kostanay);
}

TEST(RealCasesTest, President2022ElectedInRoundOneWith81_31Percent) {
  Decided decided = Decide("elections/kz/2022-11-20-president.toml", "data/kz/counts/president-2022-national.csv");
  const core::Outcome& outcome = decided.outcomes.at("president");
  EXPECT_EQ(outcome.decision, core::Decision::kDecided);
  EXPECT_EQ(outcome.winners, std::vector<std::string>{"tokayev"});
  const auto& details = std::get<core::CandidateDetails>(outcome.details);
  ASSERT_EQ(details.rounds.size(), 1u);
  EXPECT_EQ(details.rounds[0].base, 7'940'477);
  EXPECT_EQ(core::PercentText(6'456'392, details.rounds[0].base), "81.31");
  EXPECT_TRUE(details.runoff.empty());
}

TEST(RealCasesTest, Referendum2022AdoptedIn17Of17Units) {
  Decided decided =
      Decide("elections/kz/2022-06-05-referendum.toml", "data/kz/counts/referendum-2022-regions-reconstructed.csv");
  const core::Outcome& outcome = decided.outcomes.at("referendum");
  EXPECT_EQ(outcome.decision, core::Decision::kDecided);
  const auto& details = std::get<core::ReferendumDetails>(outcome.details);
  EXPECT_EQ(details.units_yes, 17);
  EXPECT_EQ(details.units_needed, 12);
  EXPECT_TRUE(details.turnout_valid);
  // The regional figures add up to the final national ones: 77.18 % yes of all who took part.
  EXPECT_EQ(details.national.votes[0], 6'163'516);
  EXPECT_EQ(*details.national.took_part, 7'985'769);
  EXPECT_EQ(core::PercentText(details.national.votes[0], details.national_base), "77.18");
}

TEST(RealCasesTest, Referendum2022NationalFiguresAloneShowValidityButNotTheUnits) {
  Decided decided = Decide("elections/kz/2022-06-05-referendum.toml", "data/kz/counts/referendum-2022-national.csv");
  const core::Outcome& outcome = decided.outcomes.at("referendum");
  EXPECT_EQ(outcome.decision, core::Decision::kUnresolved);
  const auto& details = std::get<core::ReferendumDetails>(outcome.details);
  EXPECT_TRUE(details.turnout_valid);
  EXPECT_TRUE(details.national_yes_majority);
}

// Every earlier Mazhilis list election in data/kz/mazhilis-party-list-history.csv, under the
// rules of its year: 7 % threshold and 98 seats before 2023; the runner-up rule from 2009.
TEST(RealCasesTest, MazhilisHistoryReproducesOfficialSeatsEveryYear) {
  Result<std::string> text = formats::ReadFile(Path("data/kz/mazhilis-party-list-history.csv"));
  ASSERT_TRUE(text);
  Result<std::vector<formats::CsvRecord>> records = formats::ParseCsv(*text, "history");
  ASSERT_TRUE(records);
  std::map<int, std::vector<formats::CsvRecord>> by_year;
  for (std::size_t i = 1; i < records->size(); ++i)
    by_year[std::stoi((*records)[i].fields[0])].push_back((*records)[i]);
  ASSERT_EQ(by_year.size(), 5u);
  const std::map<int, std::int64_t> against_all = {{2023, 248'291}};
  for (const auto& [year, rows] : by_year) {
    core::Contest contest;
    contest.id = "mazhilis-" + std::to_string(year);
    contest.unit = "kz";
    contest.against_all = year >= 2023;
    core::PartyListRules rules;
    rules.seats = std::stoi(rows[0].fields[3]);
    rules.threshold = {{std::stoi(rows[0].fields[2]), 1}, core::ThresholdBase::kValidWithAgainstAll};
    rules.runner_up = year >= 2009 ? core::RunnerUpRule::kKz2009 : core::RunnerUpRule::kNone;
    contest.rules = rules;
    core::UnitCount count{.unit = "kz"};
    for (const formats::CsvRecord& row : rows) {
      contest.options.push_back({.id = row.fields[4],
                                 .kind = core::OptionKind::kParty,
                                 .registration_order = static_cast<int>(contest.options.size())});
      count.tally.votes.push_back(std::stoll(row.fields[5]));
    }
    count.tally.against_all = against_all.count(year) ? against_all.at(year) : 0;
    core::Election election("kz", {}, {year, 1, 1}, {{.id = "kz"}}, {}, {contest});
    Result<core::Outcome> outcome = core::DecideContest(election, contest, std::vector<core::UnitCount>{count});
    ASSERT_TRUE(outcome) << year << ": " << outcome.error().message;
    const auto& details = std::get<core::PartyListDetails>(outcome->details);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(details.seats[i], std::stoi(rows[i].fields[8])) << year << " " << rows[i].fields[4];
      EXPECT_EQ(static_cast<bool>(details.passed[i]), rows[i].fields[7] == "yes") << year << " " << rows[i].fields[4];
    }
  }
}

TEST(RealCasesTest, Mazhilis2007GivesAll98SeatsToOneListWithoutTheRunnerUpRule) {
  // 2007: only Nur Otan passed 7 %; with no runner-up rule (it came in 2009) it took all 98 seats.
  // Under the kz2009 rule the runner-up would have been admitted instead.
  core::Contest contest{.id = "m2007", .kind = "party_list", .unit = "kz"};
  const std::vector<std::pair<std::string, std::int64_t>> votes = {
      {"nur-otan", 5'247'720}, {"osdp", 269'310},    {"ak-zhol", 183'346},  {"auyl", 89'855},
      {"communists", 76'799},  {"patriots", 46'436}, {"rukhaniyat", 22'159}};
  core::UnitCount count{.unit = "kz"};
  for (const auto& [id, v] : votes) {
    contest.options.push_back({.id = id, .kind = core::OptionKind::kParty});
    count.tally.votes.push_back(v);
  }
  core::PartyListRules rules{.seats = 98, .threshold = {{7, 1}, core::ThresholdBase::kValidWithAgainstAll}};
  contest.rules = rules;
  core::Election election("kz", {}, {2007, 8, 18}, {{.id = "kz"}}, {}, {contest});
  const std::vector<core::UnitCount> counts = {count};
  Result<core::Outcome> none = core::DecideContest(election, contest, counts);
  ASSERT_TRUE(none);
  EXPECT_EQ(std::get<core::PartyListDetails>(none->details).seats[0], 98);

  rules.runner_up = core::RunnerUpRule::kKz2009;
  contest.rules = rules;
  Result<core::Outcome> kz2009 = core::DecideContest(election, contest, counts);
  ASSERT_TRUE(kz2009);
  const auto& details = std::get<core::PartyListDetails>(kz2009->details);
  EXPECT_TRUE(details.runner_up_applied);
  EXPECT_EQ(details.seats[0] + details.seats[1], 98);
  EXPECT_GE(details.seats[1], 2);       // the runner-up's guaranteed minimum
  EXPECT_FALSE(kz2009->notes.empty());  // marked pending legal confirmation
}

}  // namespace
}  // namespace saylau
