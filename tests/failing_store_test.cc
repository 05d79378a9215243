// A store that fails on purpose (store/failing_store.h) under the results service and under the
// HTTP server, on a real SQLite file: an append that fails, an fsync that fails after the write
// (the commit is stored but reported lost), a full disk, the storage gone. After each failure:
// the refused batch is not half-applied (the live state equals a fresh replay of the store and
// its log head covers exactly what is stored), nothing acknowledged is lost, a batch sent again
// after a lost acknowledgement is stored once, and submissions succeed once the storage heals.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/server/client.h"
#include "saylau/server/server.h"
#include "saylau/service/results_service.h"
#include "saylau/store/failing_store.h"
#include "saylau/store/sqlite_store.h"

namespace saylau {
namespace {

using nlohmann::json;
using store::FailingStore;
using Fault = FailingStore::Fault;

std::string FaultName(Fault fault) {
  switch (fault) {
    case Fault::kWriteFails:
      return "write fails";
    case Fault::kFsyncFails:
      return "fsync fails after the write";
    case Fault::kDiskFull:
      return "disk full";
    case Fault::kStorageGone:
      return "storage gone";
  }
  return "?";
}

std::vector<store::DefinitionFile> NightFiles() {
  const std::string dir = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";
  return {{"night.toml", "definition", formats::ReadFile(dir + "night.toml").value()},
          {"night-stations.csv", "stations", formats::ReadFile(dir + "night-stations.csv").value()}};
}

// A protocol body as a commission signs it; `broken` breaks found = valid + invalid.
std::string ProtocolBody(const std::string& contest, const std::string& unit, std::int64_t first, bool broken,
                         const std::string& reason) {
  const bool referendum = contest == "ref";
  json lines = {{"voters", 1000}, {"received", 1010}, {"issued", 600},  {"cancelled", 410},
                {"found", 600},   {"valid", 590},     {"invalid", referendum ? 6 : 10}};
  if (referendum) {
    lines["both_marked"] = 4;
    lines["yes"] = first;
    lines["no"] = 590 - first;
  } else {
    lines[contest == "list" ? "a" : "x"] = first;
    lines[contest == "list" ? "b" : "y"] = 590 - first - 20;
    lines["against_all"] = 20;
  }
  if (broken) lines["invalid"] = 11;
  json body = {{"contest", contest}, {"unit", unit}, {"lines", lines}};
  if (!reason.empty()) body["reason"] = reason;
  return body.dump();
}

// The election's commissions with their keys, and a random night of signed submissions
// (protocols, corrections by the country commission, broken protocols, turnout reports).
class Signers {
 public:
  Signers() {
    for (const char* commission : {"s1", "s2", "s3", "c"}) keys_[commission] = crypto::GenerateKeyPair(commission);
  }
  const std::map<std::string, crypto::KeyPair>& keys() const { return keys_; }

  std::vector<service::SignedSubmission> RandomNight(unsigned seed, int count) {
    std::mt19937 random(seed);
    const std::vector<std::string> contests = {"list", "seat", "ref"}, units = {"s1", "s2", "s3"};
    std::map<std::string, int> reports;  // turnout reports per station so far
    std::vector<service::SignedSubmission> night;
    for (int step = 0; step < count; ++step) {
      const std::string unit = units[random() % 3];
      std::string commission = unit, body;
      if (random() % 4 == 0 && reports[unit] < 5) {
        const int n = ++reports[unit];
        body = json{{"unit", unit}, {"time", std::to_string(8 + 2 * n) + ":00"}, {"voters", 1000}, {"issued", 100 * n}}
                   .dump();
      } else {
        const std::string contest = unit == "s3" ? (random() % 2 ? "list" : "ref") : contests[random() % 3];
        const bool correction = random() % 4 == 0;
        if (correction) commission = "c";
        // One draw after the other, in this order: as two arguments of one call their order would
        // be the compiler's choice (g++ and clang++ differ) and so would the night.
        const bool flag = random() % 6 == 0;
        const int votes = 100 + static_cast<int>(random() % 300);
        body = ProtocolBody(contest, unit, votes, flag, correction ? "recount" : "");
      }
      night.push_back({crypto::SignEnvelope(keys_.at(commission), ++seq_[commission], body), true});
    }
    return night;
  }

 private:
  std::map<std::string, crypto::KeyPair> keys_;
  std::map<std::string, std::int64_t> seq_;
};

std::string TempDb(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("saylau-failing-" + name + "-" + std::to_string(getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

// A signed envelope by its key and sequence number.
using EnvelopeId = std::pair<std::string, std::int64_t>;

// What the file holds, read through a second connection: each stored envelope, counted.
std::map<EnvelopeId, int> StoredEnvelopes(const std::string& path) {
  std::map<EnvelopeId, int> stored;
  auto store = store::OpenSqliteStore(path);
  EXPECT_TRUE(store) << store.error().message;
  if (!store) return stored;
  EXPECT_TRUE((*store)->Scan(0, [&](const store::StoredSubmission& s) -> Status {
    ++stored[{s.envelope.key, s.envelope.seq}];
    return {};
  }));
  return stored;
}

// The live state equals what a fresh process would rebuild from the file: the same log (size
// and root), the same totals, a log head covering every stored submission, and stored totals
// equal to a rebuild.
void ExpectStateEqualsStore(service::ResultsService& live, const std::string& path) {
  auto store = store::OpenSqliteStore(path);
  ASSERT_TRUE(store) << store.error().message;
  auto fresh = service::ResultsService::Open(std::move(*store));
  ASSERT_TRUE(fresh) << fresh.error().message;
  ASSERT_EQ(live.tree().size(), (*fresh)->tree().size()) << "the live log and the stored log differ";
  EXPECT_EQ(live.tree().Root(), (*fresh)->tree().Root());
  EXPECT_EQ(live.CurrentTotals(), (*fresh)->CurrentTotals()) << "the live totals are not the stored ones";
  if (live.tree().size() > 0) {
    ASSERT_TRUE(live.head().has_value());
    EXPECT_EQ(live.head()->size, live.tree().size()) << "the live log head does not cover what is stored";
  }
  Result<service::RebuildReport> report = (*fresh)->Rebuild(/*rewrite=*/false);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->differences.empty()) << report->differences.front();
}

// As the server's writer does: judge, store, acknowledge.
Result<std::vector<service::Acknowledgement>> SubmitSigned(service::ResultsService& service,
                                                           std::span<const service::SignedSubmission> batch) {
  service::ResultsService::PreparedBatch prepared = service.PrepareSigned(batch, "2023-03-19T21:00:00Z");
  const Status persisted = service.Persist(prepared);
  return service.Acknowledge(prepared, persisted);
}

class FailingStoreServiceTest : public ::testing::TestWithParam<Fault> {};

TEST_P(FailingStoreServiceTest, NothingAcknowledgedIsLostAndTheServiceRecovers) {
  const Fault fault = GetParam();
  const std::string path = TempDb("service");
  auto created = store::CreateSqliteStore(path, NightFiles());
  ASSERT_TRUE(created) << created.error().message;
  auto failing_owned = std::make_unique<FailingStore>(std::move(*created));
  FailingStore& failing = *failing_owned;
  auto opened = service::ResultsService::Open(std::move(failing_owned));
  ASSERT_TRUE(opened) << opened.error().message;
  service::ResultsService& service = **opened;
  Signers signers;
  for (const auto& [commission, key] : signers.keys()) {
    ASSERT_TRUE(service.AddKey(commission, key.public_key, "2023-03-01T00:00:00Z"));
  }
  ASSERT_TRUE(service.SetLogKey(crypto::GenerateKeyPair("log")));

  const std::vector<service::SignedSubmission> night = signers.RandomNight(static_cast<unsigned>(fault) + 7, 90);
  std::mt19937 random(11);
  std::map<EnvelopeId, std::int64_t> acknowledged;  // -> the log seq it was stored at (0: duplicate)
  std::map<EnvelopeId, std::string> statuses;
  int refused_batches = 0, trips = 0;
  std::size_t at = 0;
  while (at < night.size()) {
    if (failing.failures() == 0 && trips == 0 && at > 10) {
      failing.Arm(fault, 1 + static_cast<int>(random() % 3));  // strikes at one of the next appends
      ++trips;
    }
    const std::size_t size = std::min<std::size_t>(night.size() - at, 1 + random() % 5);
    const std::span<const service::SignedSubmission> batch(night.data() + at, size);
    const std::int64_t stored_before = static_cast<std::int64_t>(service.tree().size());
    Result<std::vector<service::Acknowledgement>> acks = SubmitSigned(service, batch);
    if (!acks) {
      SCOPED_TRACE("batch at " + std::to_string(at) + ": " + acks.error().message);
      ++refused_batches;
      EXPECT_EQ(acks.error().code, ErrorCode::kUnavailable);
      EXPECT_NE(acks.error().message.find("injected fault"), std::string::npos);
      if (fault == Fault::kStorageGone) {
        // The live state could not be rebuilt from a store that is gone: it says so, and
        // submissions fail until the storage is back.
        EXPECT_TRUE(service.stale());
        EXPECT_FALSE(SubmitSigned(service, batch));
      }
      if (fault == Fault::kDiskFull) {
        EXPECT_FALSE(SubmitSigned(service, batch)) << "the disk is still full";
      }
      failing.Heal();
      if (service.stale()) {
        ASSERT_TRUE(service.CatchUp());  // what the server's writer does next
      }
      const std::size_t stored_now = StoredEnvelopes(path).size();
      if (fault == Fault::kFsyncFails) {
        // The lost commit is stored whole, and the live state has it too.
        EXPECT_GT(stored_now, static_cast<std::size_t>(stored_before));
      } else {
        EXPECT_EQ(stored_now, static_cast<std::size_t>(stored_before)) << "a refused batch is stored in part";
      }
      ExpectStateEqualsStore(service, path);
      continue;  // the client sends the same batch again
    }
    ASSERT_EQ(acks->size(), size);
    for (std::size_t i = 0; i < size; ++i) {
      const EnvelopeId id{batch[i].envelope.key, batch[i].envelope.seq};
      const service::Acknowledgement& ack = (*acks)[i];
      ASSERT_FALSE(ack.refused) << ack.refused->message;
      // A submission acknowledged earlier is never acknowledged again as new.
      if (acknowledged.contains(id)) ADD_FAILURE() << "acknowledged twice: " << ack.what;
      acknowledged[id] = ack.seq;
      statuses[id] = std::string(core::VerdictName(ack.verdict));
    }
    at += size;
  }
  EXPECT_EQ(refused_batches, 1);
  EXPECT_EQ(trips, 1);

  // Every acknowledged submission is stored exactly once; a duplicate only after a lost commit.
  const std::map<EnvelopeId, int> stored = StoredEnvelopes(path);
  int duplicates = 0;
  for (const auto& [id, seq] : acknowledged) {
    const auto it = stored.find(id);
    ASSERT_NE(it, stored.end()) << id.first << "#" << id.second << " acknowledged (" << statuses[id]
                                << ") but not stored";
    EXPECT_EQ(it->second, 1) << id.first << "#" << id.second << " stored " << it->second << " times";
    duplicates += seq == 0 ? 1 : 0;
  }
  EXPECT_EQ(stored.size(), night.size()) << "every submission is stored once";
  if (fault == Fault::kFsyncFails) {
    EXPECT_GT(duplicates, 0) << "the batch resent after the lost commit is acknowledged as duplicates";
  } else {
    EXPECT_EQ(duplicates, 0);
  }
  ExpectStateEqualsStore(service, path);
  opened->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

INSTANTIATE_TEST_SUITE_P(Faults, FailingStoreServiceTest,
                         ::testing::Values(Fault::kWriteFails, Fault::kFsyncFails, Fault::kDiskFull,
                                           Fault::kStorageGone),
                         [](const ::testing::TestParamInfo<Fault>& info) {
                           std::string name = FaultName(info.param);
                           std::erase_if(name, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); });
                           return name;
                         });

// Through the HTTP server and its writer thread (the Committer): during each failure a
// submission gets 503 and reads go on; after it the same request succeeds (as duplicates
// after a lost commit), and the served log head always covers exactly what is stored.
TEST(FailingStoreServerTest, SubmissionsGet503DuringAFailureAndSucceedAfterwards) {
  const std::string path = TempDb("server");
  auto created = store::CreateSqliteStore(path, NightFiles());
  ASSERT_TRUE(created) << created.error().message;
  auto failing_owned = std::make_unique<FailingStore>(std::move(*created));
  FailingStore& failing = *failing_owned;
  auto opened = service::ResultsService::Open(std::move(failing_owned));
  ASSERT_TRUE(opened) << opened.error().message;
  Signers signers;
  for (const auto& [commission, key] : signers.keys()) {
    ASSERT_TRUE((*opened)->AddKey(commission, key.public_key, "2023-03-01T00:00:00Z"));
  }
  ASSERT_TRUE((*opened)->SetLogKey(crypto::GenerateKeyPair("log")));
  server::ServerOptions options;
  options.port = 0;
  auto server = server::Server::Start(std::move(*opened), options);
  ASSERT_TRUE(server) << server.error().message;
  auto client = server::HttpClient::Connect("http://127.0.0.1:" + std::to_string((*server)->port()));
  ASSERT_TRUE(client) << client.error().message;
  const auto post = [&](std::span<const service::SignedSubmission> batch) {
    // Protocols and turnout reports have their own paths: send each as its kind.
    json acks = json::array();
    unsigned status = 200;
    for (const service::SignedSubmission& submission : batch) {
      const bool turnout = json::parse(submission.envelope.body).contains("time");
      Result<server::ClientResponse> response = (*client)->Request(
          "POST", turnout ? "/api/v1/turnout" : "/api/v1/protocols", crypto::EncodeEnvelope(submission.envelope));
      EXPECT_TRUE(response) << response.error().message;
      if (!response) return std::pair{0u, acks};
      if (response->status != 200) {
        status = response->status;
        acks.push_back(json::parse(response->body, nullptr, false));
        continue;
      }
      acks.push_back(json::parse(response->body));
    }
    return std::pair{status, acks};
  };
  const auto head_size = [&]() -> std::int64_t {
    Result<server::ClientResponse> response = (*client)->Request("GET", "/api/v1/log/head", "");
    if (!response || response->status != 200) return -1;
    return json::parse(response->body)["head"].value("size", std::int64_t{0});
  };
  const auto stored_count = [&] { return static_cast<std::int64_t>(StoredEnvelopes(path).size()); };

  const std::vector<service::SignedSubmission> night = signers.RandomNight(3, 40);
  std::size_t at = 0;
  const auto next = [&](std::size_t n) {
    const std::span<const service::SignedSubmission> batch(night.data() + at, n);
    at += n;
    return batch;
  };
  std::map<EnvelopeId, std::string> acknowledged;
  const auto remember = [&](std::span<const service::SignedSubmission> batch, const json& acks) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      acknowledged[{batch[i].envelope.key, batch[i].envelope.seq}] = acks[i].value("status", "");
    }
  };
  for (const Fault fault : {Fault::kWriteFails, Fault::kFsyncFails, Fault::kDiskFull, Fault::kStorageGone}) {
    SCOPED_TRACE(FaultName(fault));
    const auto good = next(3);
    auto [status, acks] = post(good);
    ASSERT_EQ(status, 200u) << acks.dump();
    remember(good, acks);

    const auto batch = next(2);
    failing.Arm(fault, 1);
    auto [failed, failed_acks] = post(batch.subspan(0, 1));
    EXPECT_EQ(failed, 503u) << failed_acks.dump();
    EXPECT_EQ(failed_acks[0].value("error", ""), "unavailable") << failed_acks.dump();
    if (fault == Fault::kDiskFull || fault == Fault::kStorageGone) {
      EXPECT_EQ(post(batch).first, 503u) << "still failing";
      // Reads of the live state go on meanwhile.
      Result<server::ClientResponse> results = (*client)->Request("GET", "/api/v1/results?contest=list", "");
      ASSERT_TRUE(results);
      EXPECT_EQ(results->status, 200u);
    }
    failing.Heal();
    if (fault == Fault::kFsyncFails) {
      // The lost commit is stored: the served log head covers it before anything else is sent.
      EXPECT_EQ(head_size(), stored_count());
    }
    auto [retried, retried_acks] = post(batch);
    ASSERT_EQ(retried, 200u) << retried_acks.dump();
    remember(batch, retried_acks);
    if (fault == Fault::kFsyncFails) {
      EXPECT_EQ(retried_acks[0]["status"], "duplicate") << "stored by the lost commit: " << retried_acks.dump();
    } else {
      EXPECT_NE(retried_acks[0]["status"], "duplicate") << retried_acks.dump();
      EXPECT_GT(retried_acks[0].value("seq", 0), 0);
    }
    EXPECT_EQ(head_size(), stored_count()) << "the served log head covers exactly what is stored";
  }
  EXPECT_EQ(failing.failures() > 0, true);
  server->reset();

  const std::map<EnvelopeId, int> stored = StoredEnvelopes(path);
  for (const auto& [id, status] : acknowledged) {
    const auto it = stored.find(id);
    ASSERT_NE(it, stored.end()) << id.first << "#" << id.second << " acknowledged (" << status << ") but not stored";
    EXPECT_EQ(it->second, 1) << id.first << "#" << id.second << " stored " << it->second << " times";
  }
  EXPECT_EQ(stored.size(), acknowledged.size());
  auto store = store::OpenSqliteStore(path);
  ASSERT_TRUE(store);
  auto reopened = service::ResultsService::Open(std::move(*store));
  ASSERT_TRUE(reopened) << reopened.error().message;
  ASSERT_TRUE((*reopened)->head().has_value());
  EXPECT_EQ((*reopened)->head()->size, (*reopened)->tree().size());
  Result<service::RebuildReport> report = (*reopened)->Rebuild(/*rewrite=*/false);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->differences.empty()) << report->differences.front();
  reopened->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace saylau
