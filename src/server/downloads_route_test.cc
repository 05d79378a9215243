// The download page's routes through a real server (downloads.h): serve --bundle DIR lists the
// bundle's files with their sizes and SHA-256 at GET /api/v1/downloads and serves each listed
// file at /bundle/<path>; nothing else under DIR is reachable (an unlisted file, "..", an
// encoded slash), a file too large is listed but not served, and a manifest that does not hold
// (malformed, a path outside the bundle, a missing file, another size) stops the start, named.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "saylau/ledger/merkle.h"
#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kCsv[] = "election,contest\nnight,list\n";

class DownloadsRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("saylau-downloads-" + std::to_string(random()));
    fs::create_directories(dir_ / "open-data");
    Write("open-data/protocols.csv", kCsv);
    Write("secret.txt", "not listed\n");
    Write("manifest.sig", "c2lnbmF0dXJl\n");
    WriteManifest({{{"path", "open-data/protocols.csv"},
                    {"bytes", std::string(kCsv).size()},
                    {"sha256", ledger::ToHex(ledger::Sha256(kCsv))}}});
  }
  void TearDown() override {
    server_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void Write(const std::string& path, const std::string& text) {
    std::ofstream(dir_ / path, std::ios::binary | std::ios::trunc) << text;
  }
  void WriteManifest(const json& files) {
    const json manifest = {{"format", "saylau-bundle-manifest-v1"},
                           {"election", "night"},
                           {"tree_head", {{"size", 3}, {"key", "bG9nIGtleQ=="}}},
                           {"files", files}};
    Write("manifest.json", manifest.dump(1) + "\n");
  }
  Result<std::unique_ptr<Server>> Start(std::uint64_t limit = 1 << 20, bool bundle = true) {
    auto service = service::ResultsService::Open(store::CreateMemoryStore(testing::FixtureFiles()));
    EXPECT_TRUE(service) << service.error().message;
    ServerOptions options;
    options.port = 0;
    if (bundle) options.bundle_dir = dir_.string();
    options.bundle_file_limit = limit;
    return Server::Start(std::move(*service), options);
  }
  void Serve(std::uint64_t limit = 1 << 20, bool bundle = true) {
    auto server = Start(limit, bundle);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
    auto client = HttpClient::Connect("http://127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
  }
  ClientResponse Get(const std::string& path) {
    Result<ClientResponse> response = client_->Request("GET", path, "", "");
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : ClientResponse{};
  }
  void ExpectRefusedAtStart(const std::string& what) {
    auto server = Start();
    ASSERT_FALSE(server) << "started with a manifest that does not hold; expected: " << what;
    EXPECT_NE(server.error().message.find(what), std::string::npos) << server.error().message;
  }

  fs::path dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(DownloadsRouteTest, TheListingGivesEveryFileWithItsSizeAndHash) {
  ASSERT_NO_FATAL_FAILURE(Serve());
  const ClientResponse listing = Get("/api/v1/downloads");
  ASSERT_EQ(listing.status, 200u) << listing.body;
  const json body = json::parse(listing.body);
  EXPECT_EQ(body["election"], "night");
  EXPECT_EQ(body["signed"], true);
  EXPECT_EQ(body["log_key"], "bG9nIGtleQ==");
  ASSERT_EQ(body["files"].size(), 3u) << body.dump();
  EXPECT_EQ(body["files"][0]["path"], "manifest.json");
  EXPECT_EQ(body["files"][1]["path"], "manifest.sig");
  EXPECT_EQ(body["files"][1]["bytes"], 13);
  EXPECT_EQ(body["files"][1]["sha256"], ledger::ToHex(ledger::Sha256("c2lnbmF0dXJl\n")));
  const json& csv = body["files"][2];
  EXPECT_EQ(csv["path"], "open-data/protocols.csv");
  EXPECT_EQ(csv["bytes"], std::string(kCsv).size());
  EXPECT_EQ(csv["url"], "/bundle/open-data/protocols.csv");

  const ClientResponse file = Get("/bundle/open-data/protocols.csv");
  EXPECT_EQ(file.status, 200u);
  EXPECT_EQ(file.body, kCsv);
  EXPECT_EQ(file.content_type, "text/csv; charset=utf-8");
  const ClientResponse manifest = Get("/bundle/manifest.json");
  EXPECT_EQ(manifest.status, 200u);
  EXPECT_EQ(ledger::ToHex(ledger::Sha256(manifest.body)), body["files"][0]["sha256"]);
}

TEST_F(DownloadsRouteTest, NothingUnlistedIsServed) {
  ASSERT_NO_FATAL_FAILURE(Serve());
  for (const std::string path : {"/bundle/secret.txt", "/bundle/../secret.txt", "/bundle/open-data/../secret.txt",
                                 "/bundle/open-data%2F..%2Fsecret.txt", "/bundle/", "/bundle/open-data",
                                 "/bundle//open-data/protocols.csv", "/bundle/OPEN-DATA/protocols.csv"}) {
    const ClientResponse response = Get(path);
    EXPECT_TRUE(response.status == 404u || response.status == 400u) << path << ": " << response.status;
    EXPECT_EQ(response.body.find("not listed"), std::string::npos) << path;
  }
  Result<ClientResponse> post = client_->Request("POST", "/api/v1/downloads", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
}

TEST_F(DownloadsRouteTest, AFileLargerThanTheLimitIsListedButNotServed) {
  ASSERT_NO_FATAL_FAILURE(Serve(/*limit=*/10));
  const json body = json::parse(Get("/api/v1/downloads").body);
  EXPECT_EQ(body["files"][2]["bytes"], std::string(kCsv).size());
  const ClientResponse file = Get("/bundle/open-data/protocols.csv");
  EXPECT_EQ(file.status, 404u);
  EXPECT_EQ(json::parse(file.body)["error"], "too-large") << file.body;
}

TEST_F(DownloadsRouteTest, WithoutABundleTheListingIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(Serve(1 << 20, /*bundle=*/false));
  const ClientResponse listing = Get("/api/v1/downloads");
  EXPECT_EQ(listing.status, 404u);
  EXPECT_EQ(json::parse(listing.body)["error"], "no-bundle") << listing.body;
  EXPECT_EQ(Get("/bundle/manifest.json").status, 404u);
}

TEST_F(DownloadsRouteTest, AManifestThatDoesNotHoldStopsTheStart) {
  const std::string hash = ledger::ToHex(ledger::Sha256(kCsv));
  const auto entry = [&](const json& path, const json& bytes, const json& sha256) {
    return json::array({{{"path", path}, {"bytes", bytes}, {"sha256", sha256}}});
  };
  WriteManifest(entry("../secret.txt", 11, hash));
  ExpectRefusedAtStart("manifest.json files[0]: path '../secret.txt' is not a file's path inside the bundle");
  WriteManifest(entry("/etc/passwd", 11, hash));
  ExpectRefusedAtStart("files[0]: path '/etc/passwd' is not");
  WriteManifest(entry("open-data/missing.csv", 11, hash));
  ExpectRefusedAtStart("files[0]: open-data/missing.csv: missing");
  WriteManifest(entry("open-data/protocols.csv", 99, hash));
  ExpectRefusedAtStart("files[0]: open-data/protocols.csv: " + std::to_string(std::string(kCsv).size()) +
                       " bytes, the manifest lists 99");
  WriteManifest(entry("open-data/protocols.csv", -1, hash));
  ExpectRefusedAtStart("files[0]: not {\"path\"");
  WriteManifest(entry("open-data/protocols.csv", std::string(kCsv).size(), "abc"));
  ExpectRefusedAtStart("files[0]: open-data/protocols.csv: sha256 is not 64 lowercase hex digits");
  WriteManifest(json::array({entry("open-data/protocols.csv", std::string(kCsv).size(), hash)[0],
                             entry("open-data/protocols.csv", std::string(kCsv).size(), hash)[0]}));
  ExpectRefusedAtStart("files[1]: open-data/protocols.csv: listed twice");
  Write("manifest.json", "{\"files\": 3}\n");
  ExpectRefusedAtStart("manifest.json: not a manifest");
  fs::remove(dir_ / "manifest.json");
  ExpectRefusedAtStart("manifest.json cannot be read");
}

}  // namespace
}  // namespace saylau::server
