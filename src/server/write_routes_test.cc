// The write routes' check of a signed body, through a real server: a turnout report sent to
// /api/v1/protocols and a protocol sent to /api/v1/turnout are refused 400 before the writer
// sees them, as is a body that is not a JSON object (in an array, naming the item); a body in
// the right place is parsed once and counted, with the origin the service gives it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau::server {
namespace {

using nlohmann::json;

class WriteRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto service = service::ResultsService::Open(store::CreateMemoryStore(testing::FixtureFiles()));
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_TRUE((*service)->AddKey("s1", testing::FixtureKey("s1").public_key, "2023-03-01T00:00:00Z"));
    ServerOptions options;
    options.port = 0;
    auto server = Server::Start(std::move(*service), options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }

  ClientResponse Post(const std::string& path, const std::string& body) {
    Result<ClientResponse> response = client_->Request("POST", path, body, "application/json");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }
  std::string Signed(std::string body) { return crypto::EncodeEnvelope(signers_.Sign("s1", std::move(body))); }
  static std::string MessageOf(const ClientResponse& response) {
    return json::parse(response.body, nullptr, false).value("message", "");
  }

  testing::FixtureSigners signers_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

const std::string kProtocolsPath = "/api/v1/protocols";
const std::string kTurnoutPath = "/api/v1/turnout";

TEST_F(WriteRoutesTest, EachKindGoesToItsOwnPath) {
  const std::string report = Signed(testing::TurnoutBody(testing::TurnoutReport("s1", "10:00", 100)));
  const ClientResponse misplaced_report = Post(kProtocolsPath, report);
  EXPECT_EQ(misplaced_report.status, 400u) << misplaced_report.body;
  EXPECT_EQ(MessageOf(misplaced_report), "a turnout report belongs to POST /api/v1/turnout");

  const std::string protocol = Signed(testing::ProtocolBody(testing::GoodProtocol("list", "s1")));
  const ClientResponse misplaced_protocol = Post(kTurnoutPath, protocol);
  EXPECT_EQ(misplaced_protocol.status, 400u) << misplaced_protocol.body;
  EXPECT_EQ(MessageOf(misplaced_protocol),
            "a turnout report (with a \"time\") belongs to POST /api/v1/turnout, not a protocol");

  // Refused before the writer: their sequence numbers 1 and 2 were never used, so 3 and 4 go.
  const ClientResponse counted =
      Post(kProtocolsPath, Signed(testing::ProtocolBody(testing::GoodProtocol("list", "s1"))));
  ASSERT_EQ(counted.status, 200u) << counted.body;
  EXPECT_EQ(json::parse(counted.body)["status"], "accepted");
  EXPECT_EQ(json::parse(counted.body)["origin"], "api:s1#3");
  const ClientResponse reported =
      Post(kTurnoutPath, Signed(testing::TurnoutBody(testing::TurnoutReport("s1", "10:00", 100))));
  ASSERT_EQ(reported.status, 200u) << reported.body;
  EXPECT_EQ(json::parse(reported.body)["status"], "accepted");
  EXPECT_EQ(json::parse(reported.body)["origin"], "api:s1#4");
}

TEST_F(WriteRoutesTest, ABodyThatIsNotAJsonObjectIsRefused) {
  for (const std::string body : {"[1, 2]", "not json", "\"a string\""}) {
    const ClientResponse refused = Post(kProtocolsPath, Signed(body));
    EXPECT_EQ(refused.status, 400u) << body << ": " << refused.body;
    EXPECT_EQ(MessageOf(refused), "the signed body is not a JSON object") << body;
  }
  const std::string good = Signed(testing::ProtocolBody(testing::GoodProtocol("list", "s1")));
  const ClientResponse in_batch = Post(kProtocolsPath, "[" + good + "," + Signed("42") + "]");
  EXPECT_EQ(in_batch.status, 400u) << in_batch.body;
  EXPECT_EQ(MessageOf(in_batch), "item 1: the signed body is not a JSON object");
}

// One envelope is decoded straight from the request's text (parsed once): what is wrong with it
// is named as when it came through the tree of a parsed body, leading space or not, and an
// envelope that is good inside the same text (the array) goes through.
TEST_F(WriteRoutesTest, AnEnvelopeParsedOnceIsRefusedAsBefore) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", "the request body is not JSON"},
      {"  {\"commission\": \"s1\"} trailing", "the request body is not JSON"},
      {"{\"commission\": \"s1\"}{}", "the request body is not JSON"},
      {"{}", "field 'commission': missing or not a string"},
      {" \t\r\n{\"commission\": 1}", "field 'commission': missing or not a string"},
      {"{\"commission\":\"s1\",\"key\":\"k\",\"body\":\"{}\",\"signature\":\"s\",\"seq\":0}",
       "field 'seq': missing or not a whole number >= 1"},
      {"{\"commission\":\"s1\",\"key\":\"k\",\"body\":\"{}\",\"signature\":\"s\",\"seq\":1.0}",
       "field 'seq': missing or not a whole number >= 1"},
  };
  for (const auto& [body, message] : cases) {
    const ClientResponse refused = Post(kProtocolsPath, body);
    EXPECT_EQ(refused.status, 400u) << body << ": " << refused.body;
    EXPECT_EQ(MessageOf(refused), message) << body;
    if (body.front() != '{') continue;
    const ClientResponse in_array = Post(kProtocolsPath, "[" + body + "]");  // the tree's way
    if (message != "the request body is not JSON") EXPECT_EQ(MessageOf(in_array), "item 0: " + message) << body;
  }
  const std::string good = Signed(testing::ProtocolBody(testing::GoodProtocol("list", "s1")));
  const ClientResponse accepted = Post(kProtocolsPath, "\n  " + good);
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(json::parse(accepted.body)["status"], "accepted");
  const ClientResponse again = Post(kProtocolsPath, good);  // the same envelope: received already
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(json::parse(again.body)["status"], "duplicate");
}

}  // namespace
}  // namespace saylau::server
