// The request boundary end to end, through a real server whose store throws (a stand-in for a
// bug of ours): a read that throws is answered 500 with a JSON error and counted, a commit
// that throws is answered 503 and leaves nothing half-applied, and the server goes on serving;
// a resend is then accepted.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/store/failing_store.h"

namespace saylau::server {
namespace {

using nlohmann::json;

class ThrowingStore : public store::FailingStore {
 public:
  using FailingStore::FailingStore;
  std::atomic<bool> throw_on_append{false};

  Status ScanMatching(const store::SubmissionFilter& filter,
                      const std::function<Status(const store::StoredSubmission&)>& visit) override {
    if (filter.unit == "s2") throw std::runtime_error("a bug in a store read");
    return FailingStore::ScanMatching(filter, visit);
  }
  Status Append(std::vector<store::StoredSubmission>& batch, std::span<const store::StoredTotals> totals,
                const std::optional<store::StoredTreeHead>& head) override {
    if (throw_on_append.exchange(false)) throw std::runtime_error("a bug while storing");
    return FailingStore::Append(batch, totals, head);
  }
};

const std::string kProtocol =
    R"({"contest":"list","unit":"s1","lines":{"voters":1000,"received":1010,"issued":600,"cancelled":410,)"
    R"("found":600,"valid":590,"invalid":10,"a":400,"b":170,"against_all":20}})";

TEST(BoundaryTest, ExceptionsAreAnsweredAndTheServerGoesOn) {
  const std::string dir = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";
  auto owned = std::make_unique<ThrowingStore>(store::CreateMemoryStore(
      {{"night.toml", "definition", formats::ReadFile(dir + "night.toml").value()},
       {"night-stations.csv", "stations", formats::ReadFile(dir + "night-stations.csv").value()}}));
  ThrowingStore& store = *owned;
  auto service = service::ResultsService::Open(std::move(owned));
  ASSERT_TRUE(service) << service.error().message;
  const crypto::KeyPair key = crypto::GenerateKeyPair("s1");
  ASSERT_TRUE((*service)->AddKey("s1", key.public_key, "2023-03-01T00:00:00Z"));
  ServerOptions options;
  options.port = 0;
  auto server = Server::Start(std::move(*service), options);
  ASSERT_TRUE(server) << server.error().message;
  auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string((*server)->port()));
  ASSERT_TRUE(client);
  const auto request = [&](const std::string& method, const std::string& target, const std::string& body = "") {
    Result<ClientResponse> response = (*client)->Request(method, target, body, body.empty() ? "" : "application/json");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  };

  const ClientResponse read = request("GET", "/api/v1/protocols?unit=s2");
  EXPECT_EQ(read.status, 500u) << read.body;
  EXPECT_EQ(json::parse(read.body, nullptr, false).value("error", ""), "internal") << read.body;
  EXPECT_EQ(request("GET", "/healthz").status, 200u);
  EXPECT_NE(request("GET", "/metrics").body.find("saylau_http_errors_total{kind=\"internal\"} 1\n"), std::string::npos);

  const std::string envelope = crypto::EncodeEnvelope(crypto::SignEnvelope(key, 1, kProtocol));
  store.throw_on_append = true;
  const ClientResponse thrown = request("POST", "/api/v1/protocols", envelope);
  EXPECT_EQ(thrown.status, 503u) << thrown.body;
  const json results = json::parse(request("GET", "/api/v1/results?contest=list").body);
  EXPECT_EQ(results["progress"]["reported"], 0) << "nothing of the failed batch is counted";
  const ClientResponse resent = request("POST", "/api/v1/protocols", envelope);
  ASSERT_EQ(resent.status, 200u) << resent.body;
  EXPECT_EQ(json::parse(resent.body)["status"], "accepted");
  EXPECT_EQ(json::parse(request("GET", "/api/v1/results?contest=list").body)["totals"]["a"], 400);
  EXPECT_EQ(json::parse(request("GET", "/api/v1/protocols?unit=s1").body)["submissions"].size(), 1u);
}

}  // namespace
}  // namespace saylau::server
