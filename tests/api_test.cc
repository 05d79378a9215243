// The HTTP API against a real server on a loopback port, with a SQLite store: signed
// submissions (good, bad signature, unknown key, a station writing for another station,
// replayed and out-of-order sequence numbers, malformed and oversized bodies, wrong content
// type, certification by a non-CEC key) get the right status, and what must not change the
// store does not. Also: reads, the event stream, /healthz and /metrics.
#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/ledger/merkle.h"
#include "saylau/ledger/tree_head.h"
#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/store/sqlite_store.h"

namespace saylau::server {
namespace {

using nlohmann::json;

const std::string kProtocolTemplate =
    R"({"contest":"list","unit":"UNIT","lines":{"voters":1000,"received":1010,"issued":600,"cancelled":410,)"
    R"("found":600,"valid":590,"invalid":10,"a":A,"b":B,"against_all":20}})";

std::string ListProtocol(const std::string& unit, int a, int valid_offset = 0) {
  std::string body = kProtocolTemplate;
  body.replace(body.find("UNIT"), 4, unit);
  body.replace(body.find("A,"), 1, std::to_string(a));
  body.replace(body.find("B,"), 1, std::to_string(570 - a + valid_offset));
  return body;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";
    path_ = (std::filesystem::temp_directory_path() / ("saylau-api-test-" + std::to_string(getpid()) + ".db")).string();
    std::filesystem::remove(path_);
    std::vector<store::DefinitionFile> files = {
        {"night.toml", "definition", formats::ReadFile(dir + "night.toml").value()},
        {"night-stations.csv", "stations", formats::ReadFile(dir + "night-stations.csv").value()}};
    auto store = store::CreateSqliteStore(path_, files);
    ASSERT_TRUE(store) << store.error().message;
    auto service = service::ResultsService::Open(std::move(*store));
    ASSERT_TRUE(service) << service.error().message;
    for (const char* commission : {"s1", "s2", "d1", "c"}) {
      keys_[commission] = crypto::GenerateKeyPair(commission);
      ASSERT_TRUE((*service)->AddKey(commission, keys_[commission].public_key, "2023-03-01T00:00:00Z"));
    }
    keys_["obs"] = crypto::GenerateKeyPair("obs");
    const store::RegisteredObserver observer{"obs", "Citizens' Watch", "citizen",
                                             crypto::ToBase64(keys_["obs"].public_key), "2023-03-01T00:00:00Z"};
    ASSERT_TRUE((*service)->AddObservers(std::span(&observer, 1)));
    ASSERT_TRUE((*service)->SetLogKey(log_key_));
    ServerOptions options;
    options.port = 0;
    options.body_limit = 64 * 1024;
    auto server = Server::Start(std::move(*service), options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove(path_);
  }

  ClientResponse Post(const std::string& target, const std::string& body,
                      const std::string& type = "application/json") {
    Result<ClientResponse> response = client_->Request("POST", target, body, type);
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }
  ClientResponse Get(const std::string& target) {
    Result<ClientResponse> response = client_->Request("GET", target, "");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }
  std::string Signed(const std::string& commission, std::int64_t seq, const std::string& body) {
    return crypto::EncodeEnvelope(crypto::SignEnvelope(keys_[commission], seq, body));
  }
  // The number of stored submissions, read from the history of every station.
  int Stored() {
    int count = 0;
    for (const char* unit : {"s1", "s2", "s3"})
      count +=
          static_cast<int>(json::parse(Get("/api/v1/protocols?unit=" + std::string(unit)).body)["submissions"].size());
    return count;
  }
  json ListTotals() { return json::parse(Get("/api/v1/results?contest=list").body); }

  std::string path_;
  std::map<std::string, crypto::KeyPair> keys_;
  crypto::KeyPair log_key_ = crypto::GenerateKeyPair("log");
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(ApiTest, AGoodSubmissionIsAcknowledgedAfterItIsStoredAndCounted) {
  const ClientResponse response = Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400)));
  ASSERT_EQ(response.status, 200u) << response.body;
  const json ack = json::parse(response.body);
  EXPECT_EQ(ack["status"], "accepted");
  EXPECT_EQ(ack["seq"], 1);
  EXPECT_EQ(Stored(), 1);
  const json results = ListTotals();
  EXPECT_EQ(results["totals"]["a"], 400);
  EXPECT_EQ(results["progress"]["reported"], 1);
  EXPECT_EQ(results["partial"], true);
  EXPECT_EQ(results["stage"], "open");
  // The stored version carries its envelope: the exact body bytes and the signature.
  const json history = json::parse(Get("/api/v1/protocols?unit=s1").body);
  const json& envelope = history["submissions"][0]["envelope"];
  EXPECT_EQ(envelope["seq"], 1);
  EXPECT_EQ(envelope["body"], ListProtocol("s1", 400));
  EXPECT_EQ(envelope["key"], crypto::ToBase64(keys_["s1"].public_key));
}

TEST_F(ApiTest, ABrokenProtocolIsStoredAsRejectedWithItsRelationNamed) {
  const ClientResponse response = Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400, 5)));
  ASSERT_EQ(response.status, 200u) << response.body;
  const json ack = json::parse(response.body);
  EXPECT_EQ(ack["status"], "rejected");
  EXPECT_EQ(ack["reasons"][0]["relation"], "valid-equals-options-plus-against-all");
  EXPECT_EQ(ListTotals()["progress"]["reported"], 0);
  const json rejected = json::parse(Get("/api/v1/rejected").body)["rejected"];
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0]["unit"], "s1");
  // The detail machine-readable beside the English one, in the acknowledgement, the rejected
  // list and the station's checks alike: code "relation", the sides' terms and the failed sign.
  for (const json& reason : {ack["reasons"][0], rejected[0]["reasons"][0]}) {
    EXPECT_EQ(reason["code"], "relation") << reason.dump();
    ASSERT_TRUE(reason["params"].is_array()) << reason.dump();
    EXPECT_EQ(reason["params"][0]["name"], "+valid") << reason.dump();
    bool signed_op = false;
    for (const json& param : reason["params"]) signed_op |= param["name"] == "op" && param["value"] == "≠";
    EXPECT_TRUE(signed_op) << reason.dump();
  }
  const json checks = json::parse(Get("/api/v1/protocols?unit=s1").body)["submissions"][0]["checks"];
  bool checked = false;
  for (const json& check : checks) {
    if (check["relation"] != "valid-equals-options-plus-against-all") continue;
    checked = true;
    EXPECT_EQ(check["code"], "relation") << check.dump();
    EXPECT_EQ(check["params"], ack["reasons"][0]["params"]) << check.dump();
  }
  EXPECT_TRUE(checked) << checks.dump();
}

TEST_F(ApiTest, ForbiddenWritesAreRefusedAndChangeNothing) {
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s1", 5, ListProtocol("s1", 400))).status, 200u);
  const json before = ListTotals();
  const auto refused = [&](const std::string& target, const std::string& body, unsigned status, const std::string& code,
                           const std::string& type = "application/json") {
    const ClientResponse response = Post(target, body, type);
    EXPECT_EQ(response.status, status) << body << "\n" << response.body;
    const json answer = json::parse(response.body, nullptr, false);
    const std::string got =
        answer.contains("refusal") ? answer["refusal"].get<std::string>() : answer.value("error", std::string());
    EXPECT_EQ(got, code) << response.body;
  };
  // A bad signature: the body changed after signing.
  crypto::Envelope tampered = crypto::SignEnvelope(keys_["s2"], 1, ListProtocol("s2", 300));
  tampered.body = ListProtocol("s2", 301);
  refused("/api/v1/protocols", crypto::EncodeEnvelope(tampered), 401, "bad-signature");
  // A key nobody registered.
  refused("/api/v1/protocols",
          crypto::EncodeEnvelope(crypto::SignEnvelope(crypto::GenerateKeyPair("s2"), 1, ListProtocol("s2", 300))), 401,
          "unknown-key");
  // A station writing for another station.
  refused("/api/v1/protocols", Signed("s1", 6, ListProtocol("s2", 300)), 403, "not-authorised");
  // A replayed sequence number, and one below the last used.
  refused("/api/v1/protocols", Signed("s1", 5, ListProtocol("s1", 401)), 409, "replay");
  refused("/api/v1/protocols", Signed("s1", 4, ListProtocol("s1", 401)), 409, "out-of-order");
  // Unknown contest and unit.
  std::string unknown_contest = ListProtocol("s1", 400);
  unknown_contest.replace(unknown_contest.find("\"list\""), 6, "\"nope\"");
  refused("/api/v1/protocols", Signed("s1", 7, unknown_contest), 404, "unknown-contest");
  refused("/api/v1/protocols", Signed("c", 1, ListProtocol("nowhere", 400)), 404, "unknown-unit");
  // Malformed, oversized, wrong content type, a turnout report sent as a protocol.
  refused("/api/v1/protocols", "{\"commission\":", 400, "malformed");
  refused("/api/v1/protocols", "[1,2]", 400, "malformed");
  refused("/api/v1/protocols", std::string(100 * 1024, ' '), 413, "too-large");
  refused("/api/v1/protocols", Signed("s1", 8, ListProtocol("s1", 400)), 415, "unsupported-media-type", "text/plain");
  refused("/api/v1/protocols", Signed("s1", 9, R"({"unit":"s1","time":"10:00","voters":1000,"issued":100})"), 400,
          "malformed");
  // Certification by a key that is not the CEC's.
  refused("/api/v1/certify", Signed("d1", 1, R"({"contest":"list","stage":"preliminary"})"), 403, "not-authorised");
  // Final certification while stations are missing: not allowed yet.
  refused("/api/v1/certify", Signed("c", 2, R"({"contest":"list","stage":"final"})"), 409, "not-allowed");

  EXPECT_EQ(ListTotals()["totals"], before["totals"]);
  EXPECT_EQ(Stored(), 1) << "nothing refused was stored";
  const std::string metrics = Get("/metrics").body;
  EXPECT_NE(metrics.find("saylau_submissions_total{outcome=\"refused\"} 7"), std::string::npos) << metrics;
}

// /metrics carries the standard process metrics beside saylau's own, with values /proc gives.
TEST_F(ApiTest, MetricsCarryTheStandardProcessMetrics) {
  const std::string metrics = Get("/metrics").body;
  for (const char* name : {"process_cpu_seconds_total", "process_resident_memory_bytes",
                           "process_virtual_memory_bytes", "process_start_time_seconds", "process_open_fds",
                           "process_max_fds"}) {
    EXPECT_NE(metrics.find(std::string("# TYPE ") + name + " "), std::string::npos) << name << "\n" << metrics;
  }
  const std::size_t at = metrics.find("\nprocess_resident_memory_bytes ");
  ASSERT_NE(at, std::string::npos) << metrics;
  EXPECT_GT(std::stod(metrics.substr(at + 31)), 1e6) << "a running server holds more than a megabyte";
  const std::size_t fds = metrics.find("\nprocess_open_fds ");
  ASSERT_NE(fds, std::string::npos) << metrics;
  EXPECT_GE(std::stod(metrics.substr(fds + 18)), 3.0) << "stdin, stdout, stderr at least";
}

// A read that needs ?contest= and has none is 400 naming the parameter, not 404 "contest ''".
TEST_F(ApiTest, AMissingContestParameterIs400NamingIt) {
  for (const char* target : {"/api/v1/results", "/api/v1/results?contest=", "/api/v1/statistics/forensics"}) {
    const ClientResponse response = Get(target);
    EXPECT_EQ(response.status, 400u) << target << ": " << response.body;
    const json body = json::parse(response.body);
    EXPECT_EQ(body["error"], "missing-parameter") << target;
    EXPECT_NE(body["message"].get<std::string>().find("give ?contest=ID (one of: list"), std::string::npos)
        << body.dump();
  }
  EXPECT_EQ(Get("/api/v1/results?contest=nope").status, 404u);
}

TEST_F(ApiTest, AHigherCommissionCorrectsAndTheCecCertifies) {
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400))).status, 200u);
  // The district corrects its station after a recount: a new version with a reason.
  std::string correction = ListProtocol("s1", 410);
  correction.insert(correction.find(",\"lines\""), R"(,"reason":"recount by the district commission")");
  const json ack = json::parse(Post("/api/v1/protocols", Signed("d1", 1, correction)).body);
  EXPECT_EQ(ack["status"], "accepted") << ack.dump();
  EXPECT_EQ(ack["version"], 2);
  EXPECT_EQ(ack["correction"], true);
  EXPECT_EQ(ListTotals()["totals"]["a"], 410);
  // The station itself may not change an accepted count: stored as rejected, named.
  const json own = json::parse(Post("/api/v1/protocols", Signed("s1", 2, ListProtocol("s1", 420))).body);
  EXPECT_EQ(own["status"], "rejected");
  EXPECT_EQ(own["reasons"][0]["relation"], "correction-by-higher-commission");

  ASSERT_EQ(Post("/api/v1/protocols", Signed("c", 1, ListProtocol("s2", 300))).status, 200u);
  ASSERT_EQ(Post("/api/v1/protocols", Signed("c", 2, ListProtocol("s3", 200))).status, 200u);
  const ClientResponse certified =
      Post("/api/v1/certify", Signed("c", 3, R"({"contest":"list","stage":"preliminary"})"));
  ASSERT_EQ(certified.status, 200u) << certified.body;
  const json results = ListTotals();
  EXPECT_EQ(results["stage"], "preliminary");
  EXPECT_EQ(results["partial"], false);
  EXPECT_EQ(results["totals"]["a"], 410 + 300 + 200);
  EXPECT_TRUE(results.contains("outcome"));
}

TEST_F(ApiTest, TurnoutReadsAndTheEventStream) {
  // Open an event stream by hand and read what arrives after a submission.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
  const std::string request = "GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  std::string seen;
  char buffer[4096];
  while (seen.find(": connected") == std::string::npos)
    seen.append(buffer, socket.read_some(boost::asio::buffer(buffer)));
  EXPECT_NE(seen.find("text/event-stream"), std::string::npos);

  const ClientResponse posted =
      Post("/api/v1/turnout", Signed("s1", 1, R"({"unit":"s1","time":"10:00","voters":1000,"issued":120})"));
  ASSERT_EQ(posted.status, 200u) << posted.body;
  while (seen.find("event: submission") == std::string::npos)
    seen.append(buffer, socket.read_some(boost::asio::buffer(buffer)));
  while (seen.find("\n\n", seen.find("event: submission")) == std::string::npos) {
    seen.append(buffer, socket.read_some(boost::asio::buffer(buffer)));
  }
  EXPECT_NE(seen.find("turnout s1 at 10:00"), std::string::npos) << seen;

  const json turnout = json::parse(Get("/api/v1/turnout?unit=r1").body);
  EXPECT_EQ(turnout["times"][0]["time"], "10:00");
  EXPECT_EQ(turnout["times"][0]["issued"], 120);
  EXPECT_EQ(turnout["times"][0]["reported"], 1);
  EXPECT_EQ(turnout["round"], 1);
  // ?round=2: the runoff day's own reports, apart from round one's; anything else is refused.
  const json runoff_day = json::parse(Get("/api/v1/turnout?unit=r1&round=2").body);
  EXPECT_EQ(runoff_day["round"], 2);
  EXPECT_EQ(runoff_day["times"][0]["reported"], 0) << "round one's reports are not the runoff day's";
  for (const std::string bad : {"3", "0", "x", "1.0", "-1"}) {
    const ClientResponse refused = Get("/api/v1/turnout?unit=r1&round=" + bad);
    EXPECT_EQ(refused.status, 400u) << bad;
    EXPECT_NE(refused.body.find("?round= is 1 or 2"), std::string::npos) << refused.body;
  }
  EXPECT_EQ(Get("/healthz").status, 200u);
  EXPECT_EQ(Get("/api/v1/nothing").status, 404u);
  const json units = json::parse(Get("/api/v1/units?parent=c&contest=list").body);
  EXPECT_EQ(units["units"].size(), 2u);
  const json election = json::parse(Get("/api/v1/election").body);
  EXPECT_EQ(election["cec"], "c");
  EXPECT_EQ(
      json::parse(
          Get("/api/v1/keys/last-seq?key=" + QueryEscape(crypto::ToBase64(keys_["s1"].public_key))).body)["last_seq"],
      1);
}

std::string Gunzip(const std::string& bytes) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return result == Z_STREAM_END ? out : std::string("(not gzip)");
}

// Hot reads come from snapshots: the same ETag while nothing changes, 304 for a client that
// has it, gzip for one that takes it (the same JSON once inflated), a new ETag after a change.
TEST_F(ApiTest, ResultsSnapshotsAnswerWithEtagsNotModifiedAndGzip) {
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400))).status, 200u);
  const ClientResponse first = Get("/api/v1/results?contest=list");
  ASSERT_EQ(first.status, 200u);
  ASSERT_FALSE(first.etag.empty());
  EXPECT_EQ(Get("/api/v1/results?contest=list").etag, first.etag);
  const RequestHeaders has_it = {{"If-None-Match", first.etag}};
  const Result<ClientResponse> not_modified = client_->Request("GET", "/api/v1/results?contest=list", "", "", has_it);
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304u);
  EXPECT_TRUE(not_modified->body.empty());
  const RequestHeaders gzip = {{"Accept-Encoding", "gzip, br"}};
  const Result<ClientResponse> zipped = client_->Request("GET", "/api/v1/results?contest=list", "", "", gzip);
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->content_encoding, "gzip");
  EXPECT_LT(zipped->body.size(), first.body.size());
  EXPECT_EQ(Gunzip(zipped->body), first.body);

  ASSERT_EQ(Post("/api/v1/protocols", Signed("s2", 1, ListProtocol("s2", 300))).status, 200u);
  const Result<ClientResponse> changed = client_->Request("GET", "/api/v1/results?contest=list", "", "", has_it);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200u);
  EXPECT_NE(changed->etag, first.etag);
  EXPECT_EQ(json::parse(changed->body)["totals"]["a"], 700);
}

// The chamber's composition: the list seats of the decided list contest, by party, leading while
// stations are out and won once the count is complete.
TEST_F(ApiTest, CompositionCountsTheSeatsByParty) {
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400))).status, 200u);
  const json composition = json::parse(Get("/api/v1/composition").body);
  EXPECT_GT(composition["seats"].get<int>(), 0);
  EXPECT_TRUE(composition["partial"].get<bool>());
  int seats = composition["undecided"].get<int>();
  for (const json& party : composition["parties"]) seats += party["seats"].get<int>();
  EXPECT_EQ(seats, composition["seats"].get<int>());
  // One station of three: the list's seats are leading, none won.
  const auto list_seats = [](const json& body) {
    for (const json& contest : body["contests"])
      if (contest["contest"] == "list") return contest;
    return json();
  };
  EXPECT_EQ(list_seats(composition)["seat_status"], "leading");
  EXPECT_TRUE(list_seats(composition)["won_because"].is_null());
  EXPECT_EQ(composition["won"], 0);
  EXPECT_EQ(composition["leading"].get<int>(), composition["seats"].get<int>() - composition["undecided"].get<int>());
  EXPECT_GT(composition["leading"].get<int>(), 0);
  for (const json& party : composition["parties"]) EXPECT_EQ(party["leading_seats"], party["seats"]);
  // Every station counted: the seats are won, because the count is complete.
  ASSERT_EQ(Post("/api/v1/protocols", Signed("c", 1, ListProtocol("s2", 300))).status, 200u);
  ASSERT_EQ(Post("/api/v1/protocols", Signed("c", 2, ListProtocol("s3", 200))).status, 200u);
  const json complete = json::parse(Get("/api/v1/composition").body);
  EXPECT_FALSE(complete["partial"].get<bool>());
  EXPECT_EQ(list_seats(complete)["seat_status"], "won");
  EXPECT_EQ(list_seats(complete)["won_because"], "count_complete");
  EXPECT_EQ(complete["won"].get<int>(), complete["seats"].get<int>() - complete["undecided"].get<int>());
  EXPECT_EQ(complete["leading"], 0);
  for (const json& party : complete["parties"]) EXPECT_EQ(party["won_seats"], party["seats"]);
}

// Submissions survive a restart: the server reopens the store and replays it, key sequence
// numbers included.
TEST_F(ApiTest, ARestartKeepsSubmissionsAndSequenceNumbers) {
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s1", 3, ListProtocol("s1", 400))).status, 200u);
  client_.reset();
  server_.reset();
  auto store = store::OpenSqliteStore(path_);
  ASSERT_TRUE(store);
  auto service = service::ResultsService::Open(std::move(*store));
  ASSERT_TRUE(service);
  ServerOptions options;
  options.port = 0;
  server_ = std::move(*Server::Start(std::move(*service), options));
  client_ = std::move(*HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port())));
  EXPECT_EQ(ListTotals()["totals"]["a"], 400);
  EXPECT_EQ(Post("/api/v1/protocols", Signed("s1", 3, ListProtocol("s1", 401))).status, 409u);
}

std::vector<ledger::Hash> Hashes(const json& hex) {
  std::vector<ledger::Hash> out;
  for (const json& h : hex) out.push_back(*ledger::HashFromHex(h.get<std::string>()));
  return out;
}

// Every acknowledgement carries its leaf and an inclusion proof against a signed tree head;
// the proof verifies (RFC 9162) against the leaf as the log serves it; consistency proofs
// between heads verify; the log survives a restart and refuses another log key.
TEST_F(ApiTest, AcknowledgementsProveInclusionInTheSignedLog) {
  std::vector<json> acks;
  acks.push_back(json::parse(Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400))).body));
  const json batch = json::parse(Post("/api/v1/protocols", "[" + Signed("s2", 1, ListProtocol("s2", 300)) + "," +
                                                               Signed("s1", 2, ListProtocol("s1", 401, 3)) + "]")
                                     .body);
  for (const json& ack : batch["acknowledgements"]) acks.push_back(ack);
  ASSERT_EQ(acks.size(), 3u);
  for (std::size_t i = 0; i < acks.size(); ++i) {
    const json& ack = acks[i];
    ASSERT_EQ(ack["leaf_index"], i) << ack.dump();
    const ledger::TreeHead head = *ledger::DecodeTreeHead(ack["tree_head"].dump());
    EXPECT_TRUE(ledger::VerifyTreeHead(head));
    EXPECT_EQ(head.key, crypto::ToBase64(log_key_.public_key));
    const json entries = json::parse(Get("/api/v1/log/entries?start=" + std::to_string(i)).body)["entries"];
    ASSERT_EQ(entries.size(), 1u);
    const std::string entry = entries[0]["entry"];
    EXPECT_NE(entry.find(i == 2 ? "\"verdict\":\"rejected\"" : "\"verdict\":\"accepted\""), std::string::npos) << entry;
    EXPECT_TRUE(ledger::VerifyInclusion(i, head.size, ledger::LeafHash(entry), Hashes(ack["inclusion"]), head.root));
    EXPECT_FALSE(ledger::VerifyInclusion(i, head.size, ledger::LeafHash(entry + " "), Hashes(ack["inclusion"]), head.root));
  }
  const json first = acks[0]["tree_head"], last = acks[2]["tree_head"];
  ASSERT_EQ(first["size"], 1);
  ASSERT_EQ(last["size"], 3);
  const json proof = json::parse(Get("/api/v1/log/consistency?first=1&second=3").body);
  EXPECT_TRUE(ledger::VerifyConsistency(1, 3, Hashes(proof["consistency"]), *ledger::HashFromHex(first["root"].get<std::string>()),
                                        *ledger::HashFromHex(last["root"].get<std::string>())));
  const json served = json::parse(Get("/api/v1/log/proof?leaf=1&size=3").body);
  EXPECT_EQ(served["inclusion"], acks[1]["inclusion"]);
  EXPECT_EQ(Get("/api/v1/log/proof?leaf=3&size=3").status, 400u);
  const json head = json::parse(Get("/api/v1/log/head").body)["head"];
  EXPECT_EQ(head, last);

  // Restart: the same head; a different log key is refused.
  client_.reset();
  server_.reset();
  {
    auto service = service::ResultsService::Open(std::move(*store::OpenSqliteStore(path_)));
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_TRUE((*service)->head().has_value());
    EXPECT_EQ(json::parse(ledger::EncodeTreeHead(*(*service)->head())), last);
    // Every head binds the definition and the four keys and one observer registered before it.
    const std::optional<ledger::HeadBinding>& bound = (*service)->head()->binding;
    ASSERT_TRUE(bound.has_value());
    EXPECT_EQ(bound->definition,
              intake::DefinitionHashOf(service::DefinitionFilesOf(*(*service)->store().DefinitionFiles())));
    EXPECT_EQ(bound->keys_count, 4u);
    EXPECT_EQ(bound->observers_count, 1u);
    EXPECT_EQ(bound->keys, (*service)->binding().keys);
    // A key registered after the last head changes the next head's binding, not the stored ones.
    ASSERT_TRUE((*service)->AddKey("d1", crypto::GenerateKeyPair("d1").public_key, "2023-03-02T00:00:00Z"));
    EXPECT_EQ((*service)->binding().keys_count, 5u);
    EXPECT_NE((*service)->binding().keys, bound->keys);
    const Status other = (*service)->SetLogKey(crypto::GenerateKeyPair("log"));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_TRUE((*service)->SetLogKey(log_key_));
  }
  // Reopening checks the stored keys against the heads' binding: the fifth key is after them.
  EXPECT_TRUE(service::ResultsService::Open(std::move(*store::OpenSqliteStore(path_))));
}

// Observers: a copy that differs is flagged line by line; observers cannot submit for a
// commission nor commissions as observers; a witness of a head this log never had is refused,
// a true one is published with the head.
TEST_F(ApiTest, ObserversCopiesAreComparedAndTheirWitnessesPublished) {
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s1", 1, ListProtocol("s1", 400))).status, 200u);
  ASSERT_EQ(Post("/api/v1/protocols", Signed("s2", 1, ListProtocol("s2", 300))).status, 200u);
  const ClientResponse copies = Post("/api/v1/observations", "[" + Signed("obs", 1, ListProtocol("s1", 390)) + "," +
                                                                 Signed("obs", 2, ListProtocol("s2", 300)) + "]");
  ASSERT_EQ(copies.status, 200u) << copies.body;
  EXPECT_EQ(json::parse(copies.body)["acknowledgements"][0]["status"], "accepted");
  const json flags = json::parse(Get("/api/v1/observers").body)["flags"];
  ASSERT_EQ(flags.size(), 1u) << flags.dump();
  EXPECT_EQ(flags[0]["unit"], "s1");
  EXPECT_EQ(flags[0]["organisation"], "Citizens' Watch");
  ASSERT_EQ(flags[0]["lines"].size(), 2u);
  EXPECT_EQ(flags[0]["lines"][0], json({{"line", "a"}, {"counted", 400}, {"observed", 390}}));

  EXPECT_EQ(Post("/api/v1/protocols", Signed("obs", 3, ListProtocol("s1", 1))).status, 403u);
  EXPECT_EQ(Post("/api/v1/observations", Signed("s1", 2, ListProtocol("s1", 1))).status, 403u);
  json head = json::parse(Get("/api/v1/log/head").body)["head"];
  json forked = head;
  forked["root"] = std::string(64, 'a');
  const ClientResponse refused = Post("/api/v1/observations", Signed("obs", 4, json{{"witness", forked}}.dump()));
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["refusal"], "unknown-head");
  ASSERT_EQ(Post("/api/v1/observations", Signed("obs", 5, json{{"witness", head}}.dump())).status, 200u);
  const json published = json::parse(Get("/api/v1/log/head").body);
  ASSERT_EQ(published["witnesses"].size(), 1u);
  EXPECT_EQ(published["witnesses"][0]["observer"], "obs");
  EXPECT_EQ(published["witnesses"][0]["head"], head);
}

// The dashboard's files: index.html at / and at client-side routes, assets with their type and
// a long cache; nothing outside the directory; a missing file is 404.
TEST(StaticFilesTest, TheDashboardIsServedFromItsDirectoryOnly) {
  const std::filesystem::path root =
      std::filesystem::temp_directory_path() / ("saylau-web-" + std::to_string(getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>saylau</title>";
  std::ofstream(root / "assets" / "app.js") << "console.log('saylau')";
  std::ofstream(root / "desk.html") << "<!doctype html><title>desk</title>";
  const std::string dir = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";
  auto service = service::ResultsService::Open(store::CreateMemoryStore(
      {{"night.toml", "definition", formats::ReadFile(dir + "night.toml").value()},
       {"night-stations.csv", "stations", formats::ReadFile(dir + "night-stations.csv").value()}}));
  ASSERT_TRUE(service) << service.error().message;
  ServerOptions options;
  options.port = 0;
  options.web_root = root.string();
  auto server = Server::Start(std::move(*service), options);
  ASSERT_TRUE(server) << server.error().message;
  EXPECT_TRUE((*server)->serves_dashboard());
  auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string((*server)->port()));
  ASSERT_TRUE(client);
  const auto get = [&](const std::string& target) { return (*client)->Request("GET", target, "").value(); };
  EXPECT_EQ(get("/").body, "<!doctype html><title>saylau</title>");
  EXPECT_EQ(get("/").content_type, "text/html; charset=utf-8");
  EXPECT_EQ(get("/region/abai").body, get("/").body);
  // A client route with a page of its own (the commission's desk) gets that page.
  EXPECT_EQ(get("/desk").body, "<!doctype html><title>desk</title>");
  EXPECT_EQ(get("/desk/").body, "<!doctype html><title>desk</title>");
  EXPECT_EQ(get("/desk").content_type, "text/html; charset=utf-8");
  EXPECT_EQ(get("/desk.html").body, get("/desk").body);
  EXPECT_EQ(get("/region/desk").body, get("/").body) << "only a route's own path names its page";
  EXPECT_EQ(get("/deskx").body, get("/").body);
  EXPECT_EQ(get("/assets/app.js").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/assets/missing.js").status, 404u);
  EXPECT_EQ(get("/../CMakeLists.txt").status, 404u);
  EXPECT_EQ(get("/api/v1/election").status, 200u);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace saylau::server
