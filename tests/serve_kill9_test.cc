// Durability of `saylau serve` on SQLite: two submitters stream signed protocols (from `saylau
// submit --sign-only`) over HTTP while the server is killed with SIGKILL at a random moment and
// restarted, at least 20 times. After each kill: every acknowledged submission is stored
// exactly once (by its key and sequence number, at the log seq its acknowledgement named),
// nothing is stored twice, the database reopens (every stored tree head matches the stored
// submissions and the last covers them all) and the stored totals equal a rebuild. The
// submitters send again what was not acknowledged, as `saylau submit` does; at the end the
// whole night is stored once.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "saylau/server/client.h"
#include "saylau/service/results_service.h"
#include "saylau/store/sqlite_store.h"
#include "saylau_process.h"
#include "serve_process.h"

namespace saylau::testing {
namespace {

using nlohmann::json;
using EnvelopeId = std::pair<std::string, std::int64_t>;  // key, key seq

struct Ack {
  std::string status;  // accepted | rejected | duplicate
  std::int64_t seq = 0;
};

// One submitter: its envelopes (each key's in order), the next one not yet acknowledged, and
// what it was told.
struct Submitter {
  std::vector<const SignedLine*> lines;
  std::size_t next = 0;
  std::map<EnvelopeId, Ack> acks;
  std::vector<std::string> problems;
};

// Sends from `submitter.next` in batches of 1..8 until it is done or the server stops answering.
void Stream(Submitter& submitter, const std::string& url, unsigned seed, std::atomic<std::size_t>& acknowledged) {
  auto client = server::HttpClient::Connect(url);
  if (!client) return;
  std::mt19937 random(seed);
  while (submitter.next < submitter.lines.size()) {
    const std::size_t end = std::min(submitter.lines.size(), submitter.next + 1 + random() % 8);
    std::string body = "[";
    for (std::size_t i = submitter.next; i < end; ++i) body += (i > submitter.next ? "," : "") + submitter.lines[i]->json;
    body += "]";
    Result<server::ClientResponse> response = (*client)->Request("POST", "/api/v1/protocols", body);
    if (!response) return;  // killed mid-request: sent again after the restart
    if (response->status != 200) {
      submitter.problems.push_back("HTTP " + std::to_string(response->status) + " " + response->body);
      return;
    }
    const json acks = json::parse(response->body)["acknowledgements"];
    for (std::size_t i = submitter.next; i < end; ++i) {
      const json& ack = acks.at(i - submitter.next);
      const std::string status = ack.value("status", "");
      const EnvelopeId id{submitter.lines[i]->key, submitter.lines[i]->seq};
      if (status != "accepted" && status != "rejected" && status != "duplicate") {
        submitter.problems.push_back(id.first + "#" + std::to_string(id.second) + ": " + ack.dump());
        continue;
      }
      if (submitter.acks.contains(id)) {
        submitter.problems.push_back(id.first + "#" + std::to_string(id.second) + " acknowledged twice");
      }
      submitter.acks[id] = {status, ack.value("seq", std::int64_t{0})};
    }
    acknowledged += end - submitter.next;
    submitter.next = end;
  }
}

// The database after a kill: every acknowledged envelope stored once (at the seq it was
// acknowledged with), nothing stored twice, the log reopens and the totals equal a rebuild.
// Returns how many envelopes are stored.
std::size_t ExpectDurable(const std::string& db, const std::vector<Submitter>& submitters) {
  std::map<EnvelopeId, std::vector<std::int64_t>> stored;  // -> the log seqs it is stored at
  {
    auto store = store::OpenSqliteStore(db);
    EXPECT_TRUE(store) << store.error().message;
    if (!store) return 0;
    EXPECT_TRUE((*store)->Scan(0, [&](const store::StoredSubmission& s) -> Status {
      stored[{s.envelope.key, s.envelope.seq}].push_back(s.seq);
      return {};
    }));
  }
  for (const auto& [id, seqs] : stored) {
    EXPECT_EQ(seqs.size(), 1u) << id.first << "#" << id.second << " is stored " << seqs.size() << " times";
  }
  for (const Submitter& submitter : submitters) {
    for (const auto& [id, ack] : submitter.acks) {
      const auto it = stored.find(id);
      if (it == stored.end()) {
        ADD_FAILURE() << id.first << "#" << id.second << " was acknowledged (" << ack.status << ") but is lost";
        continue;
      }
      if (ack.status != "duplicate") {
        EXPECT_EQ(it->second.front(), ack.seq) << "stored elsewhere than acknowledged";
      }
    }
  }
  auto store = store::OpenSqliteStore(db);
  EXPECT_TRUE(store) << store.error().message;
  if (!store) return stored.size();
  auto service = service::ResultsService::Open(std::move(*store));
  EXPECT_TRUE(service) << service.error().message;  // replays; refuses a log that no longer matches its heads
  if (!service) return stored.size();
  EXPECT_EQ((*service)->tree().size(), stored.size());
  if ((*service)->tree().size() > 0) {
    EXPECT_TRUE((*service)->head().has_value());
    if ((*service)->head()) {
      EXPECT_EQ((*service)->head()->size, (*service)->tree().size());
    }
  }
  Result<service::RebuildReport> report = (*service)->Rebuild(/*rewrite=*/false);
  EXPECT_TRUE(report) << report.error().message;
  if (report) {
    EXPECT_TRUE(report->differences.empty()) << report->differences.front();
  }
  return stored.size();
}

TEST(ServeKill9Test, AcknowledgedSubmissionsSurviveSigkillOfServeOnSqlite) {
  const std::filesystem::path dir = FreshDirectory("serve-kill9");
  const std::string definition = Source("elections/kz/2023-03-19-mazhilis.toml");
  const std::string night = (dir / "night").string(), db = (dir / "night.db").string(),
                    keys = (dir / "keys").string(), signed_file = (dir / "signed.jsonl").string();
  for (const std::string& command :
       {"synth " + definition + " --seed 9 --stations 600 --out " + night,
        "init " + definition + " --stations " + night + "/stations.csv --db " + db,
        "keys gen --all --db " + db + " --out " + keys,
        "submit --keys " + keys + " --sign-only " + signed_file + " " + night + "/protocols.csv"}) {
    const CommandRun run = Saylau(command);
    ASSERT_EQ(run.exit_code, 0) << command << "\n" << run.output;
  }
  const std::vector<SignedLine> envelopes = ReadSignedLines(signed_file);
  ASSERT_GT(envelopes.size(), 500u);
  std::vector<Submitter> submitters(2);
  for (const SignedLine& line : envelopes) {
    submitters[std::hash<std::string>{}(line.key) % submitters.size()].lines.push_back(&line);
  }

  std::mt19937 random(20260319);
  int killed_mid_stream = 0, trial = 0;
  std::vector<std::size_t> progress;
  const auto started = std::chrono::steady_clock::now();
  const auto done = [&] {
    for (const Submitter& s : submitters)
      if (s.next < s.lines.size()) return false;
    return true;
  };
  while (killed_mid_stream < 20 && trial < 40 && !done()) {
    ++trial;
    SCOPED_TRACE("trial " + std::to_string(trial));
    ServeProcess serve(SAYLAU_BINARY, db, dir / ("serve-" + std::to_string(trial) + ".log"));
    std::atomic<std::size_t> acknowledged{0};
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < submitters.size(); ++i) {
      threads.emplace_back(Stream, std::ref(submitters[i]), serve.url(), static_cast<unsigned>(random()),
                           std::ref(acknowledged));
    }
    // Odd trials: after a random number of acknowledgements and a few milliseconds more (mid
    // commit, mid request); even trials: a random time after the server listens (early on).
    const bool by_count = trial % 2 == 1;
    const std::size_t target = 1 + random() % 40;
    const auto wait = std::chrono::microseconds(by_count ? random() % 5000 : random() % 150000);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (by_count && acknowledged < target && !done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(wait);
    const bool streaming = !done();
    EXPECT_TRUE(serve.Stop(SIGKILL));
    for (std::thread& thread : threads) thread.join();
    killed_mid_stream += streaming ? 1 : 0;
    progress.push_back(acknowledged);
    for (const Submitter& s : submitters) EXPECT_TRUE(s.problems.empty()) << s.problems.front();
    ExpectDurable(db, submitters);
    if (HasFatalFailure() || HasFailure()) break;
  }
  EXPECT_GE(killed_mid_stream, 20) << "each kill should land while submissions stream";

  // The rest of the night, without a kill: everything is stored once.
  {
    ServeProcess serve(SAYLAU_BINARY, db, dir / "serve-last.log");
    std::atomic<std::size_t> acknowledged{0};
    for (Submitter& submitter : submitters) Stream(submitter, serve.url(), 1, acknowledged);
    EXPECT_TRUE(done());
  }
  for (const Submitter& s : submitters) EXPECT_TRUE(s.problems.empty()) << s.problems.front();
  EXPECT_EQ(ExpectDurable(db, submitters), envelopes.size());
  std::string counts;
  for (std::size_t n : progress) counts += std::to_string(n) + " ";
  // Stored by a commit whose acknowledgement the kill cut off, then sent again.
  std::size_t resent = 0;
  for (const Submitter& s : submitters) {
    for (const auto& [id, ack] : s.acks) resent += ack.status == "duplicate" ? 1 : 0;
  }
  std::cout << "[ kill -9 serve ] " << killed_mid_stream << " kills mid-stream in " << trial << " trials, "
            << envelopes.size() << " envelopes, "
            << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count()
            << " s; stored before the kill but acknowledged only when sent again: " << resent
            << "; acknowledged per trial: " << counts << "\n";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace saylau::testing
