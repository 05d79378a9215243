// Party lists through `saylau results`: the persons who take the seats, named in the text and
// the JSON, in list order with withdrawals skipped and vacant seats said; the shipped Mazhilis
// definition's placeholder lists on the real 2023 list votes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "saylau_process.h"

namespace {

using saylau::testing::CommandRun;
using saylau::testing::FreshDirectory;
using saylau::testing::Saylau;
using saylau::testing::Source;

// 2023: AMANAT 40 list seats, Auyl 8, Respublica 6, Ak Zhol 6, People's Party 5, JSDP 4.
TEST(ListsCliTest, TheMazhilisListSeatsGoToTheFirstNamesOfEachList) {
  const std::string args = "results " + Source("elections/kz/2023-03-19-mazhilis.toml") + " --contest mazhilis-list" +
                           " --counts " + Source("data/kz/counts/mazhilis-2023-list-national.csv");
  CommandRun json_run = Saylau(args + " --format json");
  ASSERT_EQ(json_run.exit_code, 0) << json_run.output;
  const nlohmann::json out = nlohmann::json::parse(json_run.output);
  const nlohmann::json& list = out["outcomes"].at(0);
  ASSERT_EQ(list["contest"], "mazhilis-list");
  const nlohmann::json& elected = list["elected"];
  ASSERT_EQ(elected.size(), 6u);  // Baytaq won no seat
  EXPECT_EQ(elected[0]["option"], "amanat");
  EXPECT_EQ(elected[0]["seats"], 40);
  EXPECT_EQ(elected[0]["designated"], false);
  EXPECT_EQ(elected[0]["vacant"], 0);
  ASSERT_EQ(elected[0]["candidates"].size(), 40u);
  EXPECT_EQ(elected[0]["candidates"][0]["id"], "amanat-01");
  EXPECT_EQ(elected[0]["candidates"][39]["id"], "amanat-40");
  EXPECT_EQ(elected[0]["candidates"][39]["list_position"], 40);
  EXPECT_EQ(elected[0]["candidates"][39]["name"]["ru"], "Список AMANAT, № 40");
  EXPECT_EQ(elected[0]["candidates"][39]["placeholder"], true);
  EXPECT_EQ(elected[5]["option"], "jsdp");
  EXPECT_EQ(elected[5]["candidates"].size(), 4u);

  CommandRun text = Saylau(args + " --lang en");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("  elected deputies:\n"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("     40. AMANAT list, no. 40 (amanat-40) [placeholder]\n"), std::string::npos)
      << text.output;
  EXPECT_EQ(text.output.find("amanat-41"), std::string::npos) << text.output;
}

constexpr const char* kWithdrawals = R"([election]
id = "t"
date = 2023-03-19
name = "T"

[[units]]
id = "kz"
kind = "country"
name = "Country"

[[parties]]
id = "a"
name = "Party A"

[[parties]]
id = "b"
name = "Party B"

[[contests]]
id = "list"
kind = "party_list"
name = "List"
unit = "kz"
seats = 5
method = "hare"
options = ["a", "b"]
list_length = { seats_plus_percent = 30 }

[[contests.lists]]
party = "a"
candidates = [
  { id = "a1", name = "Aigerim One" },
  { id = "a2", name = "Bolat Two", withdrawn = true },
  { id = "a3", name = "Dana Three", withdrawn = 2023-03-22 },
  { id = "a4", name = "Erlan Four" },
  { id = "a5", name = "Gulnar Five" },
]

[[contests.lists]]
party = "b"
candidates = [{ id = "b1", name = "Kairat One" }]
)";

// Hare over 600 and 400: 3 and 2 seats. A's withdrawn second and third are passed over; B's
// list has one name for two seats, so one stays vacant.
TEST(ListsCliTest, WithdrawnCandidatesAreSkippedAndASeatWithoutACandidateStaysVacant) {
  const std::filesystem::path dir = FreshDirectory("lists_cli_test");
  std::ofstream(dir / "lists.toml") << kWithdrawals;
  std::ofstream(dir / "counts.csv") << "contest,unit,line,value\nlist,kz,a,600\nlist,kz,b,400\n";
  const std::string args = "results " + (dir / "lists.toml").string() + " --counts " + (dir / "counts.csv").string();
  CommandRun json_run = Saylau(args + " --format json");
  ASSERT_EQ(json_run.exit_code, 0) << json_run.output;
  const nlohmann::json list = nlohmann::json::parse(json_run.output)["outcomes"].at(0);
  const nlohmann::json& a = list["elected"].at(0);
  ASSERT_EQ(a["candidates"].size(), 3u);
  EXPECT_EQ(a["candidates"][0]["id"], "a1");
  EXPECT_EQ(a["candidates"][1]["id"], "a4");
  EXPECT_EQ(a["candidates"][1]["list_position"], 4);
  EXPECT_EQ(a["candidates"][2]["id"], "a5");
  const nlohmann::json& b = list["elected"].at(1);
  EXPECT_EQ(b["seats"], 2);
  EXPECT_EQ(b["vacant"], 1);
  ASSERT_EQ(b["candidates"].size(), 1u);
  EXPECT_EQ(list["notes"].at(0), "b won 2 seats but has 1 candidates left on its list; 1 seat(s) stay vacant");

  CommandRun text = Saylau(args);
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("    Party A (3 seats, in list order):\n"
                             "        1. Aigerim One (a1)\n"
                             "        4. Erlan Four (a4)\n"
                             "        5. Gulnar Five (a5)\n"),
            std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("      1 seat(s) vacant: no candidate left on the list\n"), std::string::npos)
      << text.output;
  EXPECT_EQ(text.output.find("Bolat Two"), std::string::npos) << text.output;
}

}  // namespace
