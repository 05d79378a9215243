// GET /api/v1/search through a real server: found stations and candidates as JSON, and hostile
// queries (none, blanks only, too long, odd UTF-8, bad limits, a POST) answered 400/405 by name,
// never crashing; the limit holds whatever the query.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::server {
namespace {

using nlohmann::json;

class SearchRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto service = service::ResultsService::Open(store::CreateMemoryStore(testing::FixtureFiles()));
    ASSERT_TRUE(service) << service.error().message;
    ServerOptions options;
    options.port = 0;
    auto server = Server::Start(std::move(*service), options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }

  ClientResponse Get(const std::string& target) {
    Result<ClientResponse> response = client_->Request("GET", target, "", "application/json");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }

  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(SearchRouteTest, FindsAStationWithItsParentAndACandidateWithItsContest) {
  const ClientResponse stations = Get("/api/v1/search?q=STATION%202");
  ASSERT_EQ(stations.status, 200u) << stations.body;
  const json found = json::parse(stations.body);
  EXPECT_EQ(found["query"], "STATION 2");
  EXPECT_EQ(found["truncated"], false);
  ASSERT_EQ(found["results"].size(), 1u) << stations.body;
  EXPECT_EQ(found["results"][0]["kind"], "station");
  EXPECT_EQ(found["results"][0]["id"], "s2");
  EXPECT_EQ(found["results"][0]["name"]["en"], "Station 2");
  EXPECT_EQ(found["results"][0]["parent"], "d1");
  EXPECT_EQ(found["results"][0]["parent_name"]["en"], "District 1");

  const json candidate = json::parse(Get("/api/v1/search?q=candidate%20x").body);
  ASSERT_EQ(candidate["results"].size(), 1u);
  EXPECT_EQ(candidate["results"][0]["kind"], "candidate");
  EXPECT_EQ(candidate["results"][0]["contest"], "seat");
  EXPECT_EQ(candidate["results"][0]["option"], "x");
  EXPECT_FALSE(candidate["results"][0].contains("parent"));

  const json none = json::parse(Get("/api/v1/search?q=%D0%B6%D0%BE%D2%9B").body);  // "жоқ"
  EXPECT_EQ(none["results"].size(), 0u);
}

TEST_F(SearchRouteTest, TheLimitHoldsAndIsSaid) {
  const json one = json::parse(Get("/api/v1/search?q=s&limit=1").body);
  ASSERT_EQ(one["results"].size(), 1u);
  EXPECT_EQ(one["truncated"], true);
  EXPECT_EQ(one["limit"], 1);
  const json all = json::parse(Get("/api/v1/search?q=s&limit=100").body);
  EXPECT_EQ(all["truncated"], false);
  EXPECT_GE(all["results"].size(), 3u);
}

TEST_F(SearchRouteTest, HostileQueriesAreRefusedByName) {
  const std::string long_query(101, 'a');
  using Case = std::tuple<std::string, unsigned, std::string>;
  for (const auto& [target, status, error] : std::vector<Case>{
           Case{"/api/v1/search", 400u, "missing-parameter"},
           Case{"/api/v1/search?q=", 400u, "missing-parameter"},
           Case{"/api/v1/search?q=%20%20%C2%A0", 400u, "missing-parameter"},  // blanks and a no-break space
           Case{"/api/v1/search?q=" + long_query, 400u, "bad-request"},
           Case{"/api/v1/search?q=%FF%FE", 400u, "bad-request"},  // not UTF-8
           Case{"/api/v1/search?q=%C3", 400u, "bad-request"},     // a cut sequence
           Case{"/api/v1/search?q=s&limit=0", 400u, "bad-request"},
           Case{"/api/v1/search?q=s&limit=101", 400u, "bad-request"},
           Case{"/api/v1/search?q=s&limit=-1", 400u, "bad-request"},
           Case{"/api/v1/search?q=s&limit=99999999999999999999", 400u, "bad-request"},
       }) {
    const ClientResponse response = Get(target);
    EXPECT_EQ(response.status, status) << target << ": " << response.body;
    const json body = json::parse(response.body, nullptr, false);
    EXPECT_EQ(body.value("error", ""), error) << target << ": " << response.body;
  }
  // 100 characters (Cyrillic: 200 bytes) is allowed and finds nothing.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "%D0%96";  // Ж
  const ClientResponse longest = Get("/api/v1/search?q=" + hundred);
  EXPECT_EQ(longest.status, 200u) << longest.body;
  EXPECT_EQ(json::parse(longest.body)["results"].size(), 0u);
  // Combining marks and emoji are text like any other.
  EXPECT_EQ(Get("/api/v1/search?q=%CC%81%F0%9F%97%B3").status, 200u);
  const Result<ClientResponse> post = client_->Request("POST", "/api/v1/search?q=s", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(json::parse(post->body)["error"], "method-not-allowed");
}

}  // namespace
}  // namespace saylau::server
