// GET /api/v1/desk?key= through a real server (docs/api.md, "The commission's desk"): a station's
// key sees its own station with the protocol forms as data (lines and relations with parsed
// terms); a district's and the CEC's keys see the stations below them as corrections; a unit's
// status follows what was sent (accepted, rejected with its reasons) and a runoff's current
// round shows its two candidates. Hostile: no key, an unknown key, an observer's key, a bad
// escape and a huge key are answered 400/403/404, never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau::server {
namespace {

using nlohmann::json;

constexpr char kAddedAt[] = "2023-03-01T00:00:00Z";

// A key (base64) for a query: '+', '/' and '=' percent-encoded.
std::string QueryKey(const std::string& commission) {
  std::string out;
  for (const char c : crypto::ToBase64(testing::FixtureKey(commission).public_key)) {
    out += c == '+'   ? std::string("%2B")
           : c == '/' ? std::string("%2F")
           : c == '=' ? std::string("%3D")
                      : std::string(1, c);
  }
  return out;
}

std::string ReadSourceFile(const std::string& path) {
  std::ifstream in(std::string(SAYLAU_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class DeskRouteTest : public ::testing::Test {
 protected:
  // Starts a server on `files` with keys for `commissions` and the observer watch-1; `before`
  // may submit to the service first.
  void Start(std::vector<store::DefinitionFile> files, const std::vector<std::string>& commissions,
             const std::function<void(service::ResultsService&)>& before = {}) {
    auto service = service::ResultsService::Open(store::CreateMemoryStore(std::move(files)));
    ASSERT_TRUE(service) << service.error().message;
    for (const std::string& commission : commissions) {
      ASSERT_TRUE((*service)->AddKey(commission, testing::FixtureKey(commission).public_key, kAddedAt));
    }
    const store::RegisteredObserver watcher{"watch-1", "Citizens' Watch", "citizen",
                                            crypto::ToBase64(testing::FixtureKey("watch-1").public_key), kAddedAt};
    ASSERT_TRUE((*service)->AddObservers(std::span(&watcher, 1)));
    if (before) before(**service);
    ServerOptions options = options_;
    options.port = 0;
    auto server = Server::Start(std::move(*service), options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }
  void StartNight() { Start(testing::FixtureFiles(), {"s1", "s2", "d1", "c"}); }

  ClientResponse Request(const std::string& method, const std::string& target, const std::string& body = "") {
    Result<ClientResponse> response = client_->Request(method, target, body, "application/json");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }
  json Desk(const std::string& commission) {
    const ClientResponse response = Request("GET", "/api/v1/desk?key=" + QueryKey(commission));
    EXPECT_EQ(response.status, 200u) << response.body;
    return json::parse(response.body, nullptr, false);
  }
  json Post(const std::string& commission, const core::ProtocolSubmission& protocol) {
    const ClientResponse response =
        Request("POST", "/api/v1/protocols",
                crypto::EncodeEnvelope(signers_.Sign(commission, testing::ProtocolBody(protocol))));
    return json::parse(response.body, nullptr, false);
  }

  // The server's count of snapshots built (the desk's answers among them), from /metrics.
  long SnapshotBuilds() {
    const std::string text = Request("GET", "/metrics").body;
    const std::string name = "\nsaylau_snapshot_builds_total ";
    const std::size_t at = text.find(name);
    EXPECT_NE(at, std::string::npos) << text.substr(0, 300);
    return at == std::string::npos ? -1 : std::stol(text.substr(at + name.size()));
  }

  ServerOptions options_;  // Start's, but for the port
  testing::FixtureSigners signers_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

// The ids of a JSON array of objects, in order.
std::vector<std::string> Ids(const json& items, const std::string& field = "id") {
  std::vector<std::string> ids;
  for (const json& item : items) ids.push_back(item.value(field, "?"));
  return ids;
}

const json& Named(const json& items, const std::string& id, const std::string& field = "id") {
  for (const json& item : items) {
    if (item.value(field, "") == id) return item;
  }
  static const json kNone = json::object();
  ADD_FAILURE() << "no '" << id << "' in " << items.dump().substr(0, 300);
  return kNone;
}

TEST_F(DeskRouteTest, AStationKeySeesItsOwnStationAndTheFormsAsData) {
  StartNight();
  const json desk = Desk("s1");
  EXPECT_EQ(desk["key"], crypto::ToBase64(testing::FixtureKey("s1").public_key));
  EXPECT_EQ(desk["last_seq"], 0);
  EXPECT_EQ(desk["commission"]["id"], "s1");
  EXPECT_EQ(desk["commission"]["kind"], "station");
  EXPECT_EQ(Ids(desk["commission"]["path"]), (std::vector<std::string>{"c", "r1", "d1"}));
  EXPECT_EQ(desk["commission"]["path"][2]["name"]["en"], "District 1");
  EXPECT_EQ(desk["double_entry"], false) << "night.toml does not ask for double entry";
  EXPECT_EQ(desk["max_line_value"], 1'000'000'000'000);
  EXPECT_EQ(desk["turnout_times"], (json{"10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "close"}));

  ASSERT_EQ(desk["units"].size(), 1u) << desk["units"].dump();
  const json& unit = desk["units"][0];
  EXPECT_EQ(unit["id"], "s1");
  EXPECT_EQ(unit["own"], true);
  EXPECT_EQ(unit["parent"], "d1");
  EXPECT_EQ(Ids(unit["contests"], "contest"), (std::vector<std::string>{"list", "seat", "ref"}));
  EXPECT_EQ(Named(unit["contests"], "list", "contest")["status"], "missing");
  EXPECT_EQ(Named(unit["contests"], "list", "contest")["version"], 0);
  EXPECT_FALSE(Named(unit["contests"], "list", "contest").contains("values"));
  EXPECT_EQ(unit["turnout_times"], json::array());
  EXPECT_FALSE(unit.contains("electors"));

  const json& list = Named(desk["contests"], "list");
  EXPECT_EQ(list["form"], "kz-party-list");
  EXPECT_EQ(list["round"], 1);
  EXPECT_EQ(list["ballot"], (json{"a", "b"}));
  EXPECT_EQ(Ids(list["options"]), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(list["against_all"], true);
  EXPECT_EQ(list["stage"], "open");
  EXPECT_EQ(list["certified_by"], "c");
  EXPECT_EQ(list["can_certify"], false);

  // The form as data: lines in paper order, relations with the terms the server evaluates.
  EXPECT_EQ(Ids(desk["forms"]), (std::vector<std::string>{"kz-party-list", "kz-district", "kz-referendum"}));
  const json& form = Named(desk["forms"], "kz-party-list");
  const std::vector<std::string> lines = Ids(form["lines"], "name");
  ASSERT_EQ(lines.size(), 10u) << form["lines"].dump();
  EXPECT_EQ(lines[0], "voters");
  EXPECT_EQ(lines[9], "against_all");
  EXPECT_EQ(form["lines"][3]["required"], false) << "issued_absentee is optional";
  EXPECT_EQ(form["lines"][9]["when_against_all"], true);
  EXPECT_EQ(form["lines"][2]["label"]["ru"], "Выдано бюллетеней");
  const json& valid = Named(form["relations"], "valid-equals-options-plus-against-all", "name");
  EXPECT_EQ(valid["severity"], "reject");
  EXPECT_EQ(valid["op"], "==");
  EXPECT_EQ(valid["left"],
            (json{{"text", "valid"}, {"terms", {{{"kind", "line"}, {"negative", false}, {"line", 7}}}}}));
  EXPECT_EQ(valid["right"]["text"], "options + against_all");
  EXPECT_EQ(valid["right"]["terms"],
            (json{{{"kind", "options"}, {"negative", false}}, {{"kind", "line"}, {"negative", false}, {"line", 9}}}));
  EXPECT_NE(valid["text"].get<std::string>().find("{against_all}"), std::string::npos);
  EXPECT_EQ(Named(form["relations"], "found-within-issued", "name")["op"], "<=");
}

TEST_F(DeskRouteTest, HigherCommissionsSeeTheStationsBelowAsCorrections) {
  StartNight();
  const json district = Desk("d1");
  EXPECT_EQ(district["commission"]["kind"], "constituency");
  EXPECT_EQ(Ids(district["units"]), (std::vector<std::string>{"s1", "s2"}));
  for (const json& unit : district["units"]) EXPECT_EQ(unit["own"], false) << unit["id"];
  EXPECT_EQ(Named(district["contests"], "seat")["can_certify"], false) << "the CEC certifies the seat";

  const json cec = Desk("c");
  EXPECT_EQ(cec["commission"]["path"], json::array()) << "the root has no ancestors";
  EXPECT_EQ(Ids(cec["units"]), (std::vector<std::string>{"s1", "s2", "s3"}));
  EXPECT_EQ(Ids(cec["contests"]), (std::vector<std::string>{"list", "seat", "ref"}));
  for (const json& contest : cec["contests"]) EXPECT_EQ(contest["can_certify"], true) << contest["id"];
  EXPECT_EQ(Ids(Named(cec["units"], "s3")["contests"], "contest"), (std::vector<std::string>{"list", "ref"}))
      << "s3 is outside d1: no district seat there";
}

TEST_F(DeskRouteTest, TheStatusFollowsWhatWasSent) {
  StartNight();
  EXPECT_EQ(Post("s1", testing::GoodProtocol("list", "s1"))["status"], "accepted");
  core::ProtocolSubmission broken = testing::GoodProtocol("list", "s2");
  testing::SetLine(broken, "found", 601);  // more found than issued, and not valid + invalid
  EXPECT_EQ(Post("s2", broken)["status"], "rejected");
  const ClientResponse reported = Request(
      "POST", "/api/v1/turnout",
      crypto::EncodeEnvelope(signers_.Sign("s1", testing::TurnoutBody(testing::TurnoutReport("s1", "12:00", 300)))));
  ASSERT_EQ(reported.status, 200u) << reported.body;

  const json own = Desk("s1");
  EXPECT_EQ(own["last_seq"], 2);
  const json& list = Named(own["units"][0]["contests"], "list", "contest");
  EXPECT_EQ(list["status"], "accepted");
  EXPECT_EQ(list["version"], 1);
  EXPECT_EQ(list["reasons"], json::array());
  EXPECT_EQ(list["values"]["found"], 600);
  EXPECT_EQ(list["values"]["a"], 400);
  EXPECT_EQ(list["values"]["against_all"], 20);
  EXPECT_EQ(own["units"][0]["turnout_times"], (json{"12:00"}));
  // The accepted report itself, for the desk's non-decreasing-through-the-day check.
  EXPECT_EQ(own["units"][0]["turnout_reports"],
            (json::array({{{"time", "12:00"}, {"voters", testing::kFixtureVotersPerStation}, {"issued", 300}}})));

  const json district = Desk("d1");
  const json& s2 = Named(Named(district["units"], "s2")["contests"], "list", "contest");
  EXPECT_EQ(s2["status"], "rejected");
  EXPECT_EQ(s2["version"], 1);
  EXPECT_FALSE(s2.contains("values")) << "nothing accepted at s2";
  std::vector<std::string> broken_relations = Ids(s2["reasons"], "relation");
  EXPECT_NE(std::find(broken_relations.begin(), broken_relations.end(), "found-within-issued"), broken_relations.end())
      << s2["reasons"].dump();
  EXPECT_NE(Named(s2["reasons"], "found-within-issued", "relation")["detail"].get<std::string>().find("601"),
            std::string::npos);

  // The district corrects s2 with a reason: accepted, version 2, the correction's values.
  core::ProtocolSubmission corrected = testing::GoodProtocol("list", "s2", 300);
  corrected.commission = "d1";
  corrected.reason = "recounted";
  const json ack = Post("d1", corrected);
  EXPECT_EQ(ack["status"], "accepted") << ack.dump();
  const json after = Desk("d1");
  EXPECT_EQ(after["last_seq"], 1);
  const json& fixed = Named(Named(after["units"], "s2")["contests"], "list", "contest");
  EXPECT_EQ(fixed["status"], "accepted");
  EXPECT_EQ(fixed["version"], 2);
  EXPECT_EQ(fixed["reasons"], json::array());
  EXPECT_EQ(fixed["values"]["a"], 300);
  EXPECT_EQ(Named(Named(after["units"], "s2")["contests"], "seat", "contest")["status"], "missing");
}

TEST_F(DeskRouteTest, HostileRequestsAreAnsweredNotCrashed) {
  StartNight();
  const auto error_of = [](const ClientResponse& response) {
    return json::parse(response.body, nullptr, false).value("error", "");
  };
  ClientResponse missing = Request("GET", "/api/v1/desk");
  EXPECT_EQ(missing.status, 400u) << missing.body;
  EXPECT_EQ(error_of(missing), "missing-parameter");
  missing = Request("GET", "/api/v1/desk?key=");
  EXPECT_EQ(missing.status, 400u) << missing.body;

  const ClientResponse unknown = Request("GET", "/api/v1/desk?key=" + QueryKey("s3"));
  EXPECT_EQ(unknown.status, 404u) << "s3 has no registered key: " << unknown.body;
  EXPECT_EQ(error_of(unknown), "unknown-key");

  const ClientResponse observer = Request("GET", "/api/v1/desk?key=" + QueryKey("watch-1"));
  EXPECT_EQ(observer.status, 403u) << observer.body;
  EXPECT_EQ(error_of(observer), "not-a-commission");

  for (const std::string garbage : {"%", "%zz", "%00", "%C3%28", "abc%2"}) {
    const ClientResponse refused = Request("GET", "/api/v1/desk?key=" + garbage);
    EXPECT_EQ(refused.status, 400u) << garbage << ": " << refused.body;
  }
  const ClientResponse huge = Request("GET", "/api/v1/desk?key=" + std::string(6000, 'A'));
  EXPECT_TRUE(huge.status == 404u || huge.status == 400u || huge.status == 414u || huge.status == 431u)
      << huge.status << " " << huge.body.substr(0, 200);
  EXPECT_LT(huge.body.size(), 1000u) << "the message does not echo the whole key";

  const ClientResponse post = Request("POST", "/api/v1/desk?key=" + QueryKey("s1"), "{}");
  EXPECT_EQ(post.status, 405u) << post.body;
  // A raw '+' of base64 arrives as a space: still the key.
  std::string raw = crypto::ToBase64(testing::FixtureKey("s1").public_key);
  std::string escaped;
  for (const char c : raw) escaped += c == '/' ? std::string("%2F") : c == '=' ? std::string("%3D") : std::string(1, c);
  const ClientResponse plus = Request("GET", "/api/v1/desk?key=" + escaped);
  EXPECT_EQ(plus.status, 200u) << plus.body;
  // Still answering.
  EXPECT_EQ(Desk("s1")["commission"]["id"], "s1");
}

// The runoff night (tests/data/good/runoff-night.toml): round one counted and certified final,
// so the desk's current round is 2 with x and y on its ballot; the council's commission (r1)
// certifies its own contest.
TEST_F(DeskRouteTest, ARunoffsCurrentRoundShowsItsBallot) {
  Start({{"runoff-night.toml", "definition", ReadSourceFile("tests/data/good/runoff-night.toml")},
         {"runoff-night-stations.csv", "stations", ReadSourceFile("tests/data/good/runoff-night-stations.csv")}},
        {"s1", "r1"}, [](service::ResultsService& service) {
          const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::int64_t>>>> votes = {
              {"s1", {{"x", 200}, {"y", 150}, {"z", 150}}},
              {"s2", {{"x", 200}, {"y", 150}, {"z", 150}}},
              {"s3", {{"x", 200}, {"y", 200}, {"z", 100}}}};
          std::vector<formats::Submission> batch;
          for (const auto& [unit, options] : votes) {
            core::ProtocolSubmission protocol;
            protocol.contest = "president";
            protocol.unit = unit;
            protocol.origin = "test";
            protocol.lines = {{"voters", 1000}, {"received", 1010}, {"issued", 510}, {"cancelled", 500},
                              {"found", 510},   {"valid", 500},     {"invalid", 10}};
            protocol.lines.insert(protocol.lines.end(), options.begin(), options.end());
            batch.push_back(protocol);
          }
          auto acks = service.Submit(batch, "2022-11-20T21:00:00+06:00");
          ASSERT_TRUE(acks) << acks.error().message;
          for (const auto& ack : *acks) ASSERT_EQ(ack.verdict, core::Verdict::kAccepted) << ack.what;
          ASSERT_TRUE(service.Certify({"president", core::Stage::kFinal, "2022-11-25T12:00:00+06:00", "c", "", 1}));
        });
  const json desk = Desk("s1");
  const json& president = Named(desk["contests"], "president");
  EXPECT_EQ(president["round"], 2);
  EXPECT_EQ(president["ballot"], (json{"x", "y"}));
  EXPECT_EQ(Ids(president["options"]), (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(president["stage"], "open") << "round two is open; round one's final stage is not its";
  const json& own = Named(desk["units"][0]["contests"], "president", "contest");
  EXPECT_EQ(own["status"], "missing") << "nothing sent in round two yet";
  EXPECT_FALSE(own.contains("values"));

  // Round two counted at s1: its values are the lines and the two candidates on its ballot.
  core::ProtocolSubmission second;
  second.contest = "president";
  second.unit = "s1";
  second.round = 2;
  second.lines = {{"voters", 1000}, {"received", 1010}, {"issued", 510}, {"cancelled", 500}, {"found", 510},
                  {"valid", 500},   {"invalid", 10},    {"x", 300},      {"y", 200}};
  EXPECT_EQ(Post("s1", second)["status"], "accepted");
  const json counted = Named(Desk("s1")["units"][0]["contests"], "president", "contest");
  EXPECT_EQ(counted["status"], "accepted");
  EXPECT_EQ(counted["values"]["x"], 300);
  EXPECT_EQ(counted["values"]["valid"], 500);
  EXPECT_FALSE(counted["values"].contains("z")) << "z is not on round two's ballot: " << counted.dump();

  const json city = Desk("r1");
  EXPECT_EQ(Ids(city["units"]), (std::vector<std::string>{"s1", "s2"}));
  EXPECT_EQ(Named(city["contests"], "council")["can_certify"], true);
  EXPECT_EQ(Named(city["contests"], "president")["can_certify"], false);
  EXPECT_EQ(Named(city["contests"], "akim")["certified_by"], "t1");
}

// A Senate sitting (elections/kz/2023-01-14-senate.toml): the sitting's unit is the key's own,
// with its electors, and the attendance reported at any time of the morning.
TEST_F(DeskRouteTest, ASenateSittingShowsItsElectorsAndAttendance) {
  Start({{"senate.toml", "definition", ReadSourceFile("elections/kz/2023-01-14-senate.toml")}}, {"astana", "abai"});
  const json before = Desk("astana");
  ASSERT_EQ(before["units"].size(), 1u) << before["units"].dump().substr(0, 300);
  EXPECT_EQ(before["units"][0]["own"], true);
  EXPECT_EQ(before["units"][0]["electors"], 31);
  EXPECT_FALSE(Desk("abai")["units"][0].contains("electors")) << "abai's contest gives no electors: none to hold to";
  EXPECT_EQ(before["units"][0]["turnout_times"], json::array());
  EXPECT_EQ(Named(before["contests"], "senate-astana")["kind"], "indirect_majority");
  EXPECT_EQ(Named(before["contests"], "senate-astana")["form"], "kz-senate");

  const ClientResponse reported =
      Request("POST", "/api/v1/turnout",
              crypto::EncodeEnvelope(
                  signers_.Sign("astana", testing::TurnoutBody(testing::TurnoutReport("astana", "10:05", 20, 31)))));
  ASSERT_EQ(reported.status, 200u) << reported.body;
  EXPECT_EQ(json::parse(reported.body)["status"], "accepted") << reported.body;
  const json after = Desk("astana");
  EXPECT_EQ(after["units"][0]["turnout_times"], (json{"10:05"}));
  // The accepted attendance (same-electors, non-decreasing-through-the-sitting) and the day a
  // dated attendance time counts from (attendance-time), for the desk's checks.
  EXPECT_EQ(after["units"][0]["turnout_reports"], (json::array({{{"time", "10:05"}, {"voters", 31}, {"issued", 20}}})));
  EXPECT_EQ(after["election_day"], "2023-01-14");
  // The sitting's quorum as its protocol will be judged (31 electors: at least 16), and the form's
  // took-part base the protocol's line is held to.
  EXPECT_EQ(Named(after["contests"], "senate-astana")["quorum"], (json{{"unit", "astana"},
                                                                       {"reached", true},
                                                                       {"present", 20},
                                                                       {"electors", 31},
                                                                       {"at", "10:05"},
                                                                       {"rule", "at least 50% of 31 electors (16)"}}));
  EXPECT_EQ(Named(after["forms"], "kz-senate")["took_part"]["text"], "issued");
  EXPECT_FALSE(Named(before["contests"], "senate-astana").contains("quorum")) << "no attendance yet";
}

// [election] double_entry = true in the definition reaches the desk.
TEST_F(DeskRouteTest, DoubleEntryIsReadFromTheDefinition) {
  std::vector<store::DefinitionFile> files = testing::FixtureFiles();
  for (store::DefinitionFile& file : files) {
    if (file.role != "definition") continue;
    const std::size_t header = file.content.find("[election]\n");
    ASSERT_NE(header, std::string::npos);
    file.content.insert(header + 11, "double_entry = true\n");
  }
  Start(std::move(files), {"s1"});
  EXPECT_EQ(Desk("s1")["double_entry"], true);
}

// The desk is kept per key until the count changes: its ETag answers 304 while nothing changed,
// gzip when asked, and a new answer once a protocol is stored; a refused key is never kept.
TEST_F(DeskRouteTest, TheDeskIsKeptUntilTheCountChanges) {
  options_.desk_reuse = std::chrono::milliseconds(0);  // rebuilt after every change, like the hot reads
  StartNight();
  const std::string target = "/api/v1/desk?key=" + QueryKey("d1");
  const ClientResponse first = Request("GET", target);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_FALSE(first.etag.empty());
  Result<ClientResponse> same =
      client_->Request("GET", target, "", "application/json", {{"If-None-Match", first.etag}});
  ASSERT_TRUE(same) << same.error().message;
  EXPECT_EQ(same->status, 304u);
  Result<ClientResponse> zipped =
      client_->Request("GET", target, "", "application/json", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(zipped) << zipped.error().message;
  EXPECT_EQ(zipped->content_encoding, "gzip");
  EXPECT_LT(zipped->body.size(), first.body.size());

  EXPECT_EQ(Post("s1", testing::GoodProtocol("list", "s1"))["status"], "accepted");
  Result<ClientResponse> changed =
      client_->Request("GET", target, "", "application/json", {{"If-None-Match", first.etag}});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->status, 200u) << "a protocol was stored since";
  EXPECT_NE(changed->etag, first.etag);
  EXPECT_EQ(Named(Named(json::parse(changed->body)["units"], "s1")["contests"], "list", "contest")["status"],
            "accepted");
  const ClientResponse unknown = Request("GET", "/api/v1/desk?key=" + QueryKey("r2"));
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_TRUE(unknown.etag.empty()) << "a refusal carries no ETag";
}

// Public keys are public: asking for the CEC's desk after every change must not make the writer
// thread walk every station each time. Within the reuse time the answer is built once, however
// many stations send and however often it is asked for; the key's own write is seen at once.
TEST_F(DeskRouteTest, AKeysDeskIsBuiltAtMostOncePerReuseTime) {
  options_.desk_reuse = std::chrono::hours(1);  // no rebuild by the clock during the test
  StartNight();
  const std::string target = "/api/v1/desk?key=" + QueryKey("c");
  const long builds_before = SnapshotBuilds();
  const ClientResponse first = Request("GET", target);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(SnapshotBuilds(), builds_before + 1);

  // Changes by other keys (stations, the district), each followed by many asks.
  core::ProtocolSubmission corrected = testing::GoodProtocol("list", "s2", 300);
  corrected.commission = "d1";
  corrected.reason = "recounted";
  const std::vector<std::pair<std::string, core::ProtocolSubmission>> changes = {
      {"s1", testing::GoodProtocol("list", "s1")}, {"s2", testing::GoodProtocol("list", "s2")}, {"d1", corrected}};
  for (const auto& [sender, protocol] : changes) {
    ASSERT_EQ(Post(sender, protocol)["status"], "accepted") << sender;
    for (int ask = 0; ask < 20; ++ask) {
      Result<ClientResponse> again =
          client_->Request("GET", target, "", "application/json", {{"If-None-Match", first.etag}});
      ASSERT_TRUE(again) << again.error().message;
      EXPECT_EQ(again->status, 304u) << "the kept answer, after " << sender << "'s protocol";
    }
  }
  EXPECT_EQ(SnapshotBuilds(), builds_before + 1) << "60 asks after 3 changes: no rebuild within the reuse time";
  EXPECT_EQ(Named(Named(Desk("c")["units"], "s1")["contests"], "list", "contest")["status"], "missing")
      << "the kept answer is up to the reuse time old";

  // The CEC's own correction: its desk shows it at once (its last_seq moved).
  core::ProtocolSubmission by_cec = testing::GoodProtocol("list", "s1", 350);
  by_cec.commission = "c";
  by_cec.reason = "recounted by the CEC";
  ASSERT_EQ(Post("c", by_cec)["status"], "accepted");
  const json own = Desk("c");
  EXPECT_EQ(own["last_seq"], 1);
  const json& s1 = Named(Named(own["units"], "s1")["contests"], "list", "contest");
  EXPECT_EQ(s1["status"], "accepted");
  EXPECT_EQ(s1["version"], 2);
  EXPECT_EQ(s1["values"]["a"], 350);
  EXPECT_EQ(Named(Named(own["units"], "s2")["contests"], "list", "contest")["version"], 2)
      << "the rebuilt answer has the others' changes too";
  EXPECT_EQ(SnapshotBuilds(), builds_before + 2);
  for (int ask = 0; ask < 20; ++ask) EXPECT_EQ(Request("GET", target).status, 200u);
  EXPECT_EQ(SnapshotBuilds(), builds_before + 2);
}

// After the reuse time, the next ask is built again and shows what others sent meanwhile.
TEST_F(DeskRouteTest, TheKeptDeskIsBuiltAgainAfterTheReuseTime) {
  options_.desk_reuse = std::chrono::milliseconds(300);
  StartNight();
  EXPECT_EQ(Named(Named(Desk("d1")["units"], "s1")["contests"], "list", "contest")["status"], "missing");
  ASSERT_EQ(Post("s1", testing::GoodProtocol("list", "s1"))["status"], "accepted");
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  EXPECT_EQ(Named(Named(Desk("d1")["units"], "s1")["contests"], "list", "contest")["status"], "accepted");
}

// Whatever keys are asked for, desk builds take at most their share of the writer's second:
// beyond it a key gets the answer kept for it (even if the count moved on), and a key with
// none gets 503 busy, so a reader cycling through every public key cannot stall the writes.
TEST_F(DeskRouteTest, DeskBuildsStayWithinTheirShareOfTheWriter) {
  options_.desk_reuse = std::chrono::milliseconds(0);            // every change would rebuild...
  options_.desk_build_share = std::chrono::milliseconds(0);      // ...but one build uses the window's share
  options_.desk_build_window = std::chrono::milliseconds(3000);  // long enough for three requests on any machine
  StartNight();
  EXPECT_EQ(Named(Named(Desk("d1")["units"], "s1")["contests"], "list", "contest")["status"], "missing");
  const long builds = SnapshotBuilds();
  ASSERT_EQ(Post("s1", testing::GoodProtocol("list", "s1"))["status"], "accepted");
  const json kept = Desk("d1");
  const ClientResponse busy = Request("GET", "/api/v1/desk?key=" + QueryKey("c"));
  EXPECT_EQ(Named(Named(kept["units"], "s1")["contests"], "list", "contest")["status"], "missing")
      << "over the share, the kept answer is served although the count moved on";
  EXPECT_EQ(busy.status, 503u) << busy.body;
  EXPECT_EQ(json::parse(busy.body, nullptr, false)["error"], "busy");
  EXPECT_EQ(SnapshotBuilds(), builds) << "nothing built over the share";

  std::this_thread::sleep_for(std::chrono::milliseconds(3100));  // the next window
  EXPECT_EQ(Named(Named(Desk("c")["units"], "s1")["contests"], "list", "contest")["status"], "accepted");
}

}  // namespace
}  // namespace saylau::server
