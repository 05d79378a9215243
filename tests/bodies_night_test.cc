// A night of several bodies end to end through the command line and the live API (issue 19,
// items 1 and 5): the Mazhilis, the Astana and Almaty maslikhats (list halves and districts on
// their own maps) and rural akims (tests/data/good/calendar-night*), each body's composition
// and summary its own; and 360 akims imported from CSV in one command, every region's page
// answering whatever the first contest is.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "saylau/server/client.h"
#include "saylau/testing/akims_night.h"
#include "saylau_process.h"
#include "serve_process.h"

namespace saylau::testing {
namespace {

using nlohmann::json;

json Get(const ServeProcess& server, const std::string& target, unsigned want = 200) {
  auto client = server::HttpClient::Connect(server.url());
  EXPECT_TRUE(client) << client.error().message;
  if (!client) return json();
  Result<server::ClientResponse> response = (*client)->Request("GET", target, "");
  EXPECT_TRUE(response) << response.error().message;
  if (!response) return json();
  EXPECT_EQ(response->status, want) << target << ": " << response->body;
  return json::parse(response->body, nullptr, false);
}

void Write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

const json* FindId(const json& array, const std::string& id) {
  for (const json& item : array) {
    if (item.value("id", "") == id) return &item;
  }
  return nullptr;
}

TEST(BodiesNightTest, EachBodyHasItsOwnCompositionAndSummary) {
  const std::filesystem::path dir = FreshDirectory("bodies-night");
  const std::string db = (dir / "night.db").string();
  const CommandRun init = Saylau("init " + Source("tests/data/good/calendar-night.toml") + " --stations " +
                                 Source("tests/data/good/calendar-night-stations.csv") + " --db " + db);
  ASSERT_EQ(init.exit_code, 0) << init.output;
  const CommandRun ingest = Saylau("ingest --db " + db + " " + Source("tests/data/good/calendar-night-protocols.csv"));
  EXPECT_NE(ingest.output.find("27 accepted"), std::string::npos) << ingest.output;
  EXPECT_NE(ingest.output.find("0 rejected"), std::string::npos) << ingest.output;

  // The city commission certifies its council, list and map districts alike; the Mazhilis
  // (the CEC's) and the akims (territorial commissions') are untouched.
  for (const char* stage : {"preliminary", "final"}) {
    const CommandRun certify = Saylau("certify --db " + db + " --stage " + stage + " --by astana");
    ASSERT_EQ(certify.exit_code, 0) << certify.output;
    EXPECT_NE(certify.output.find("astana-c-1:"), std::string::npos) << certify.output;
    EXPECT_EQ(certify.output.find("mazhilis-list"), std::string::npos) << certify.output;
  }
  const CommandRun status = Saylau("certify --db " + db + " --stage final --by karaganda-1 --contest akim-zatobolsk");
  EXPECT_NE(status.exit_code, 0) << status.output;  // not its contest: Kostanay's commission certifies it

  ServeProcess server(SAYLAU_BINARY, db, dir / "serve.log");
  EXPECT_EQ(Get(server, "/api/v1/results?contest=astana-c-2")["stage"], "final");
  EXPECT_EQ(Get(server, "/api/v1/results?contest=astana-list")["stage"], "final");
  EXPECT_EQ(Get(server, "/api/v1/results?contest=mazhilis-list")["stage"], "open");
  EXPECT_EQ(Get(server, "/api/v1/results?contest=almaty-c-1")["stage"], "open");
  // The Mazhilis: 10 list seats and its district; never the councils' seats.
  const json mazhilis = Get(server, "/api/v1/composition");
  EXPECT_EQ(mazhilis["body"], "mazhilis");
  EXPECT_EQ(mazhilis["seats"], 11);
  EXPECT_EQ(mazhilis["undecided"], 0);
  EXPECT_EQ(Get(server, "/api/v1/composition?body=mazhilis"), mazhilis);
  // Astana: 4 list seats and two districts of its own map (drawn across the Mazhilis districts).
  const json astana = Get(server, "/api/v1/composition?body=astana-maslikhat");
  EXPECT_EQ(astana["body"], "astana-maslikhat");
  EXPECT_EQ(astana["kind"], "council");
  EXPECT_EQ(astana["name"]["en"], "Astana city maslikhat");
  EXPECT_EQ(astana["seats"], 6);
  int district_seats = 0;
  for (const json& party : astana["parties"]) district_seats += party["district_seats"].get<int>();
  EXPECT_EQ(district_seats, 2);
  EXPECT_EQ(Get(server, "/api/v1/composition?body=almaty-maslikhat")["seats"], 6);
  EXPECT_EQ(Get(server, "/api/v1/composition?body=akims")["seats"], 0);  // akims are not a chamber
  EXPECT_EQ(Get(server, "/api/v1/composition?body=senate", 404)["error"], "unknown-body");
  EXPECT_EQ(Get(server, "/api/v1/composition?body=")["body"], "mazhilis");  // empty: the default
  const json hostile = Get(server, "/api/v1/composition?body=" + std::string(300, 'x') + "%22%3C", 404);
  EXPECT_EQ(hostile["error"], "unknown-body");

  // A council district sums its stations across two Mazhilis districts: as-1 and as-3.
  const json district = Get(server, "/api/v1/results?contest=astana-c-1");
  EXPECT_EQ(district["totals"]["ac1-a"], 350 + 340);
  EXPECT_EQ(district["progress"]["reported"], 2);
  EXPECT_EQ(district["outcome"]["winners"][0], "ac1-a");
  Get(server, "/api/v1/results?contest=astana-c-1&unit=as-2", 404);

  // The election names the bodies and maps, and each contest's body.
  const json election = Get(server, "/api/v1/election");
  ASSERT_EQ(election["bodies"].size(), 4u);
  EXPECT_EQ(election["bodies"][3]["kind"], "akim");
  EXPECT_EQ(election["maps"][0]["id"], "astana-council");
  EXPECT_EQ(election["maps"][0]["districts"].size(), 2u);
  EXPECT_EQ((*FindId(election["contests"], "almaty-c-2"))["body"], "almaty-maslikhat");

  // The akims by region: Aksu-Ayuly elected, Botakara a tie, Zatobolsk not reported.
  const json bodies = Get(server, "/api/v1/bodies")["bodies"];
  const json* akims = FindId(bodies, "akims");
  ASSERT_NE(akims, nullptr);
  const json* karaganda = FindId((*akims)["regions"], "karaganda");
  ASSERT_NE(karaganda, nullptr);
  EXPECT_EQ((*karaganda)["elected"], 1);
  EXPECT_EQ((*karaganda)["unresolved"], 1);
  EXPECT_EQ((*FindId((*akims)["regions"], "kostanay"))["counting"], 1);
  const json* aksu = FindId((*akims)["contests"], "akim-aksu-ayuly");
  EXPECT_EQ((*aksu)["state"], "elected");
  EXPECT_EQ((*aksu)["winners"][0], "akim-aksu-ayuly-1");
  // A council's districts lie in the council's city.
  const json* council = FindId(bodies, "astana-maslikhat");
  EXPECT_EQ((*FindId((*council)["contests"], "astana-c-2"))["region"], "astana");
  EXPECT_EQ((*FindId((*council)["contests"], "astana-c-2"))["state"], "elected");

  // A region's page: its units answer with the main contest counted or not, named either way.
  const json region = Get(server, "/api/v1/units?parent=karaganda&contest=akim-zatobolsk");
  EXPECT_EQ(region["counted"], false);
  EXPECT_EQ(region["name"]["en"], "Karaganda region");
  EXPECT_EQ(region["up"], "kz");
  EXPECT_EQ(Get(server, "/api/v1/units?parent=karaganda&contest=mazhilis-list")["counted"], true);
  std::filesystem::remove_all(dir);
}

TEST(BodiesNightTest, ThreeHundredSixtyAkimsImportedFromCsvInOneCommand) {
  const AkimsNight night = GenerateAkimsNight();
  const std::filesystem::path dir = FreshDirectory("akims-night");
  for (const auto& [name, text] : {std::pair{"base.toml", night.definition},
                                   {"contests.csv", night.contests},
                                   {"candidates.csv", night.candidates},
                                   {"stations.csv", night.stations},
                                   {"protocols.csv", night.protocols}}) {
    Write(dir / name, text);
  }
  const auto path = [&](const char* name) { return (dir / name).string(); };
  const CommandRun imported = Saylau("import-contests " + path("base.toml") + " --contests " + path("contests.csv") +
                                     " --candidates " + path("candidates.csv") + " --out " + path("night.toml"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("360 contests and 720 candidates added"), std::string::npos) << imported.output;
  ASSERT_EQ(Saylau("check " + path("night.toml")).exit_code, 0);
  // A bad row stops the command at its line, and nothing is written.
  Write(dir / "bad.csv", "id,body,kind,unit,name_en\nakim-x,akims,plurality,nowhere,X\n");
  const CommandRun bad = Saylau("import-contests " + path("base.toml") + " --contests " + path("bad.csv") +
                                " --candidates " + path("candidates.csv") + " --out " + path("bad.toml"));
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("bad.csv:2: unit: 'nowhere' is not a unit of"), std::string::npos) << bad.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.toml"));
  const std::string db = path("night.db");
  const CommandRun init = Saylau("init " + path("night.toml") + " --stations " + path("stations.csv") + " --db " + db);
  ASSERT_EQ(init.exit_code, 0) << init.output;
  const CommandRun ingest = Saylau("ingest --db " + db + " " + path("protocols.csv"));
  EXPECT_NE(ingest.output.find(std::to_string(night.elected + night.unresolved) + " accepted"), std::string::npos)
      << ingest.output;

  ServeProcess server(SAYLAU_BINARY, db, dir / "serve.log");
  const json akims = Get(server, "/api/v1/bodies")["bodies"][0];
  EXPECT_EQ(akims["id"], "akims");
  ASSERT_EQ(akims["contests"].size(), 360u);
  ASSERT_EQ(akims["regions"].size(), 20u);
  int elected = 0, unresolved = 0, counting = 0;
  for (const json& region : akims["regions"]) {
    elected += region["elected"].get<int>();
    unresolved += region["unresolved"].get<int>();
    counting += region["counting"].get<int>();
  }
  EXPECT_EQ(elected, night.elected);
  EXPECT_EQ(unresolved, night.unresolved);
  EXPECT_EQ(counting, night.counting);
  EXPECT_EQ(counting, 20);
  // Every region's page, with the first contest (akim-01-01) counted in one rural district only.
  EXPECT_EQ(Get(server, "/api/v1/units?parent=region-01-01&contest=akim-01-01")["counted"], true);
  const json regions = Get(server, "/api/v1/election")["regions"];
  ASSERT_EQ(regions.size(), 20u);
  for (const json& region : regions) {
    const std::string id = region["id"];
    const json units = Get(server, "/api/v1/units?parent=" + id + "&contest=akim-01-01");
    EXPECT_EQ(units["counted"], false) << id;  // akim-01-01 is counted in region-01-01 only
    EXPECT_EQ(units["units"].size(), 18u) << id;
    const std::string akim = "akim-" + id.substr(7) + "-01";
    EXPECT_EQ(Get(server, "/api/v1/results?contest=" + akim + "&unit=" + id + "-01")["progress"]["reported"], 1)
        << akim;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace saylau::testing
