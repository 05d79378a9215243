// Observers' reports without figures through a real server (docs/observer-reports.md): POST
// /api/v1/observations admits a signed "counting not observed" report and GET /api/v1/observers
// lists and counts it; hostile reports (figures beside the reason, an unknown reason, a note too
// long, a commission's key, a resend) are refused with their HTTP status and store nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau::server {
namespace {

using nlohmann::json;

constexpr char kWhere[] = R"("contest":"list","unit":"s2","observed_at":"2023-03-19T20:40:00+06:00")";

class ObserverReportsRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto service = service::ResultsService::Open(store::CreateMemoryStore(testing::FixtureFiles()));
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_TRUE((*service)->AddKey("s1", testing::FixtureKey("s1").public_key, "2023-03-01T00:00:00Z"));
    const store::RegisteredObserver watcher{"watch-1", "Citizens' Watch", "citizen",
                                            crypto::ToBase64(testing::FixtureKey("watch-1").public_key),
                                            "2023-03-01T00:00:00Z"};
    ASSERT_TRUE((*service)->AddObservers(std::span(&watcher, 1)));
    ServerOptions options;
    options.port = 0;
    auto server = Server::Start(std::move(*service), options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }

  ClientResponse Request(const std::string& method, const std::string& path, const std::string& body = "") {
    Result<ClientResponse> response = client_->Request(method, path, body, "application/json");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }
  std::string Signed(const std::string& signer, std::string body) {
    return crypto::EncodeEnvelope(signers_.Sign(signer, std::move(body)));
  }
  json Reports() { return json::parse(Request("GET", "/api/v1/observers").body, nullptr, false)["reports"]; }

  testing::FixtureSigners signers_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(ObserverReportsRouteTest, HostileReportsAreRefusedAndStoreNothing) {
  const std::string where = kWhere;
  for (const auto& [body, status, error] :
       {std::tuple{"{" + where + R"(,"observation":"counting-not-observed","lines":{"a":1}})", 400u, "malformed"},
        std::tuple{"{" + where + R"(,"observation":"had-tea"})", 400u, "malformed"},
        std::tuple{"{" + where + R"(,"observation":"other","note":")" + std::string(1001, 'n') + "\"}", 400u,
                   "malformed"},
        std::tuple{std::string(R"({"contest":"list","unit":"s9","observed_at":"2023-03-19T20:40Z",)"
                               R"("observation":"denied-access"})"),
                   404u, "unknown-unit"}}) {
    const ClientResponse refused = Request("POST", "/api/v1/observations", Signed("watch-1", body));
    EXPECT_EQ(refused.status, status) << body.substr(0, 120) << ": " << refused.body;
    EXPECT_EQ(json::parse(refused.body, nullptr, false).value("refusal", ""), error) << refused.body;
  }
  const ClientResponse commission =
      Request("POST", "/api/v1/observations", Signed("s1", "{" + where + R"(,"observation":"counting-not-observed"})"));
  EXPECT_EQ(commission.status, 403u) << commission.body;
  EXPECT_EQ(Reports(), json::array()) << "nothing was stored";
}

TEST_F(ObserverReportsRouteTest, AReportIsAcceptedListedCountedAndAResendRefused) {
  const std::string report =
      Signed("watch-1", std::string("{") + kWhere + R"(,"observation":"counting-not-observed","note":"Sent out"})");
  const ClientResponse accepted = Request("POST", "/api/v1/observations", report);
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(json::parse(accepted.body)["status"], "accepted") << accepted.body;

  const json observers = json::parse(Request("GET", "/api/v1/observers").body);
  ASSERT_EQ(observers["reports"].size(), 1u) << observers.dump();
  const json& listed = observers["reports"][0];
  EXPECT_EQ(listed["observer"], "watch-1");
  EXPECT_EQ(listed["organisation"], "Citizens' Watch");
  EXPECT_EQ(listed["unit"], "s2");
  EXPECT_EQ(listed["region"], "r1");
  EXPECT_EQ(listed["observation"], "counting-not-observed");
  EXPECT_EQ(listed["note"], "Sent out");
  EXPECT_EQ(observers["report_counts"]["by_reason"]["counting-not-observed"], 1);
  EXPECT_EQ(observers["report_counts"]["by_region"]["r1"]["counting-not-observed"], 1);
  EXPECT_EQ(observers["flags"], json::array()) << "a report is not a copy of figures";

  const ClientResponse resent = Request("POST", "/api/v1/observations", report);
  EXPECT_EQ(resent.status, 409u) << resent.body;
  EXPECT_EQ(json::parse(resent.body, nullptr, false).value("refusal", ""), "replay") << resent.body;
  EXPECT_EQ(Reports().size(), 1u);
}

}  // namespace
}  // namespace saylau::server
