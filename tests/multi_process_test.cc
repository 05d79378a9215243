// Several `saylau serve` processes on one PostgreSQL database (docs/DEPLOYMENT.md), as real
// processes over real HTTP:
// - two servers take signed submissions from concurrent submitters at the same moment: the
//   log stays single (sequence numbers 1..N with no gap or repeat, every tree head matches the
//   stored submissions), each server follows the other's submissions in its results and its
//   event stream within a second, and both show the same totals;
// - one server is killed with SIGKILL mid-stream: the submitters go on against the other,
//   and every acknowledged submission is stored exactly once;
// - PostgreSQL itself is restarted mid-stream (its own throw-away cluster): submissions get
//   HTTP 503, succeed when sent again, and nothing is lost or stored twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <utility>

#include "pg_test_database.h"
#include "saylau/server/failover_client.h"
#include "saylau/service/results_service.h"
#include "saylau/store/postgres_store.h"
#include "saylau_process.h"
#include "serve_process.h"

namespace saylau::testing {
namespace {

using nlohmann::json;

// A synthetic night in a fresh database: stations, their registered keys, and every protocol
// signed by its station (seq 1, 2, ... per key) but not yet sent.
struct Night {
  std::filesystem::path dir;
  std::string db;
  std::vector<SignedLine> envelopes;
  Night(std::filesystem::path dir, std::string db) : dir(std::move(dir)), db(std::move(db)) {}
  Night(Night&& other) noexcept
      : dir(std::exchange(other.dir, {})), db(std::move(other.db)), envelopes(std::move(other.envelopes)) {}
  ~Night() {
    std::error_code ignored;
    if (!dir.empty()) std::filesystem::remove_all(dir, ignored);
  }
};

Night PrepareNight(const std::string& name, const std::string& db, int stations) {
  Night night(FreshDirectory(name), db);
  const std::string definition = Source("elections/kz/2023-03-19-mazhilis.toml");
  const std::string out = (night.dir / "night").string(), keys = (night.dir / "keys").string();
  const std::string signed_file = (night.dir / "signed.jsonl").string();
  for (const std::string& command :
       {"synth " + definition + " --seed 7 --stations " + std::to_string(stations) + " --out " + out,
        "init " + definition + " --stations " + out + "/stations.csv --db " + db,
        "keys gen --all --db " + db + " --out " + keys,
        "submit --keys " + keys + " --sign-only " + signed_file + " " + out + "/protocols.csv"}) {
    const CommandRun run = Saylau(command);
    if (run.exit_code != 0) throw std::runtime_error("saylau " + command + " failed:\n" + run.output);
  }
  night.envelopes = ReadSignedLines(signed_file);
  return night;
}

// The envelopes split between `parts` submitters, every key's in one part and in order.
std::vector<std::vector<const SignedLine*>> SplitByKey(const std::vector<SignedLine>& lines, std::size_t parts) {
  std::vector<std::vector<const SignedLine*>> split(parts);
  for (const SignedLine& line : lines) split[std::hash<std::string>{}(line.key) % parts].push_back(&line);
  return split;
}

struct Sent {
  std::map<std::pair<std::string, std::int64_t>, std::string> acknowledged;  // (key, seq) -> status
  std::vector<std::string> problems;                                         // refusals and unexpected answers
  std::vector<std::string> notes;                                            // the failover client's retries
  std::vector<double> visible_ms;  // submission acknowledged here -> in the other server's head
};

// Sends `lines` in batches through a failover client over `servers`; after each acknowledged
// batch, `after_batch` gets the highest log sequence number it was given.
Sent SendAll(const std::vector<const SignedLine*>& lines, const std::vector<std::string>& servers, std::size_t batch,
             const std::function<void(std::int64_t, Sent&)>& after_batch = {}) {
  Sent sent;
  server::FailoverOptions options;
  options.servers = servers;
  options.retry_for = std::chrono::seconds(60);
  options.first_pause = std::chrono::milliseconds(50);
  options.note = [&](const std::string& note) { sent.notes.push_back(note); };
  auto client = server::FailoverClient::Connect(options);
  if (!client) {
    sent.problems.push_back("connect: " + client.error().message);
    return sent;
  }
  for (std::size_t at = 0; at < lines.size(); at += batch) {
    const std::size_t end = std::min(lines.size(), at + batch);
    std::string body = "[";
    for (std::size_t i = at; i < end; ++i) body += (i > at ? "," : "") + lines[i]->json;
    body += "]";
    Result<server::ClientResponse> response = (*client)->Request("POST", "/api/v1/protocols", body);
    if (!response || response->status != 200) {
      sent.problems.push_back(response ? "HTTP " + std::to_string(response->status) + " " + response->body
                                       : response.error().message);
      return sent;
    }
    const json acks = json::parse(response->body)["acknowledgements"];
    std::int64_t highest = 0;
    for (std::size_t i = at; i < end; ++i) {
      const json& ack = acks[i - at];
      const std::string status = ack.value("status", "");
      if (status != "accepted" && status != "rejected" && status != "duplicate") {
        sent.problems.push_back(lines[i]->key + "#" + std::to_string(lines[i]->seq) + ": " + ack.dump());
        continue;
      }
      sent.acknowledged[{lines[i]->key, lines[i]->seq}] = status;
      highest = std::max(highest, ack.value("seq", std::int64_t{0}));
    }
    if (after_batch) after_batch(highest, sent);
  }
  return sent;
}

std::int64_t HeadSize(server::HttpClient& client) {
  Result<server::ClientResponse> response = client.Request("GET", "/api/v1/log/head", "");
  if (!response || response->status != 200) return 0;
  return json::parse(response->body)["head"].value("size", std::int64_t{0});
}

// What the database holds: each stored signed submission's (key, key seq), counted.
std::map<std::pair<std::string, std::int64_t>, int> StoredEnvelopes(const std::string& db) {
  std::map<std::pair<std::string, std::int64_t>, int> stored;
  auto store = store::OpenPostgresStore(db);
  EXPECT_TRUE(store) << store.error().message;
  if (!store) return stored;
  EXPECT_TRUE((*store)->Scan(0, [&](const store::StoredSubmission& s) -> Status {
    ++stored[{s.envelope.key, s.envelope.seq}];
    return {};
  }));
  return stored;
}

// The stored log is whole: opening replays it (a gap or a head that does not match fails),
// the last head covers every submission, and the stored totals equal a rebuild.
void ExpectConsistentLog(const std::string& db, std::size_t expected_submissions) {
  auto store = store::OpenPostgresStore(db);
  ASSERT_TRUE(store) << store.error().message;
  auto service = service::ResultsService::Open(std::move(*store));
  ASSERT_TRUE(service) << service.error().message;
  EXPECT_EQ((*service)->tree().size(), expected_submissions);
  ASSERT_TRUE((*service)->head().has_value());
  EXPECT_EQ((*service)->head()->size, (*service)->tree().size()) << "every stored submission is under a tree head";
  Result<service::RebuildReport> report = (*service)->Rebuild(/*rewrite=*/false);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->differences.empty()) << report->differences.front();
}

// Every envelope acknowledged is stored, and nothing is stored twice.
void ExpectStoredOnce(const std::string& db, const std::vector<Sent>& all) {
  const auto stored = StoredEnvelopes(db);
  for (const auto& [envelope, count] : stored) {
    EXPECT_EQ(count, 1) << envelope.first << "#" << envelope.second << " is stored " << count << " times";
  }
  std::size_t acknowledged = 0;
  for (const Sent& sent : all) {
    for (const auto& [envelope, status] : sent.acknowledged) {
      ++acknowledged;
      EXPECT_TRUE(stored.contains(envelope))
          << envelope.first << "#" << envelope.second << " was acknowledged (" << status << ") but is not stored";
    }
  }
  EXPECT_GT(acknowledged, 0u);
}

std::string Percentiles(std::vector<double> values) {
  if (values.empty()) return "none";
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
  };
  return "p50 " + std::to_string(at(0.5)).substr(0, 6) + " ms, p99 " + std::to_string(at(0.99)).substr(0, 6) +
         " ms, max " + std::to_string(values.back()).substr(0, 6) + " ms (" + std::to_string(values.size()) +
         " samples)";
}

TEST(MultiProcessTest, TwoServersOnOneDatabaseKeepOneLogAndFollowEachOther) {
  const std::string db = FreshPgDatabase(PgClusterUrl(), "two");
  const Night night = PrepareNight("two-servers", db, 600);
  ASSERT_GT(night.envelopes.size(), 1000u);
  ServeProcess a(SAYLAU_BINARY, db, night.dir / "a.log"), b(SAYLAU_BINARY, db, night.dir / "b.log");
  EventReader events_a(a.url()), events_b(b.url());
  auto probe_b = server::HttpClient::Connect(b.url());
  ASSERT_TRUE(probe_b);

  // Submitters on both servers at once; the first also times how soon B shows what A stored.
  const auto parts = SplitByKey(night.envelopes, 4);
  std::vector<Sent> sent(4);
  std::vector<std::thread> submitters;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string& server = i % 2 == 0 ? a.url() : b.url();
    submitters.emplace_back([&, i, server] {
      std::function<void(std::int64_t, Sent&)> probe;
      if (i == 0) {
        probe = [&](std::int64_t seq, Sent& mine) {
          const auto acked = std::chrono::steady_clock::now();
          while (HeadSize(**probe_b) < seq) {
            if (std::chrono::steady_clock::now() - acked > std::chrono::seconds(10)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
          }
          mine.visible_ms.push_back(
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - acked).count());
        };
      }
      sent[i] = SendAll(parts[i], {server}, 25, probe);
    });
  }
  for (std::thread& submitter : submitters) submitter.join();
  for (const Sent& s : sent) EXPECT_TRUE(s.problems.empty()) << s.problems.front();

  const std::size_t total = night.envelopes.size();
  ExpectStoredOnce(db, sent);
  ExpectConsistentLog(db, total);
  // Each server's event stream carries every stored submission: its own and the other's.
  EXPECT_TRUE(events_a.WaitFor(total, std::chrono::seconds(5))) << events_a.submissions() << " of " << total;
  EXPECT_TRUE(events_b.WaitFor(total, std::chrono::seconds(5))) << events_b.submissions() << " of " << total;
  // The same log head and the same national results on both.
  auto probe_a = server::HttpClient::Connect(a.url());
  ASSERT_TRUE(probe_a);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((HeadSize(**probe_a) != static_cast<std::int64_t>(total) ||
          HeadSize(**probe_b) != static_cast<std::int64_t>(total)) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string results = "/api/v1/results?contest=mazhilis-list";
  const json from_a = json::parse((*probe_a)->Request("GET", results, "")->body);
  const json from_b = json::parse((*probe_b)->Request("GET", results, "")->body);
  EXPECT_EQ(from_a["totals"], from_b["totals"]);
  EXPECT_EQ(from_a["progress"], from_b["progress"]);
  EXPECT_EQ(json::parse((*probe_a)->Request("GET", "/api/v1/log/head", "")->body)["head"]["root"],
            json::parse((*probe_b)->Request("GET", "/api/v1/log/head", "")->body)["head"]["root"]);

  // What A stored shows on B within a second (B polls the log every 100 ms).
  std::vector<double> visible = sent[0].visible_ms;
  std::cout << "[ follow ] A's submissions visible on B: " << Percentiles(visible) << "\n";
  ASSERT_FALSE(visible.empty());
  std::sort(visible.begin(), visible.end());
  EXPECT_LT(visible[visible.size() / 2], 1000.0);
  EXPECT_LT(visible[visible.size() * 9 / 10], 1000.0);
}

TEST(MultiProcessTest, KillingOneServerLosesNothingAcknowledged) {
  const std::string db = FreshPgDatabase(PgClusterUrl(), "kill");
  const Night night = PrepareNight("kill-server", db, 400);
  auto a = std::make_unique<ServeProcess>(SAYLAU_BINARY, db, night.dir / "a.log");
  ServeProcess b(SAYLAU_BINARY, db, night.dir / "b.log");
  const std::string a_url = a->url(), b_url = b.url();

  // Two submitters, each preferring a different server and failing over to the other; A is
  // killed with SIGKILL once a third of everything is acknowledged.
  const auto parts = SplitByKey(night.envelopes, 2);
  std::atomic<std::size_t> acknowledged{0};
  std::atomic<bool> killed{false};
  std::vector<Sent> sent(2);
  const auto count = [&](std::int64_t, Sent&) {
    acknowledged += 10;
    if (!killed && acknowledged >= night.envelopes.size() / 3) {
      killed = true;
      EXPECT_TRUE(a->Stop(SIGKILL));
    }
  };
  std::thread first([&] { sent[0] = SendAll(parts[0], {a_url, b_url}, 10, count); });
  std::thread second([&] { sent[1] = SendAll(parts[1], {b_url, a_url}, 10, count); });
  first.join();
  second.join();
  ASSERT_TRUE(killed);
  for (const Sent& s : sent) EXPECT_TRUE(s.problems.empty()) << s.problems.front();
  EXPECT_FALSE(sent[0].notes.empty()) << "the submitter on A should have failed over to B";
  std::cout << "[ kill -9 ] the submitter on A failed over: " << (sent[0].notes.empty() ? "" : sent[0].notes[0])
            << "\n";
  ExpectStoredOnce(db, sent);
  ExpectConsistentLog(db, night.envelopes.size());
}

TEST(MultiProcessTest, RestartingPostgresGivesRetryableErrorsAndLosesNothing) {
  // Its own cluster: restarting the shared one would disturb the other tests.
  const std::filesystem::path cluster = FreshDirectory("pg-restart-cluster");
  const std::string script = Source("scripts/pg-test-cluster");
  ASSERT_EQ(std::system((script + " start " + cluster.string() + " >/dev/null").c_str()), 0);
  // Stops the cluster, then removes the directory that says where it is (in that order).
  struct Cleanup {
    std::string command;
    std::filesystem::path directory;
    ~Cleanup() {
      (void)std::system(command.c_str());
      std::filesystem::remove_all(directory);
    }
  } cleanup{script + " stop " + cluster.string(), cluster};
  ::setenv("SAYLAU_TEST_PG_RESTART_DIR", cluster.c_str(), 1);
  const std::string db = FreshPgDatabase(PgClusterUrl("SAYLAU_TEST_PG_RESTART_DIR"), "restart");
  const Night night = PrepareNight("pg-restart", db, 400);
  ServeProcess a(SAYLAU_BINARY, db, night.dir / "a.log"), b(SAYLAU_BINARY, db, night.dir / "b.log");

  const auto parts = SplitByKey(night.envelopes, 2);
  std::atomic<std::size_t> acknowledged{0};
  std::atomic<bool> restarted{false};
  std::vector<Sent> sent(2);
  std::thread restarter;
  const auto count = [&](std::int64_t, Sent&) {
    if ((acknowledged += 10) >= night.envelopes.size() / 3 && !restarted.exchange(true)) {
      restarter = std::thread([&] { EXPECT_EQ(std::system((script + " restart " + cluster.string()).c_str()), 0); });
    }
  };
  std::thread first([&] { sent[0] = SendAll(parts[0], {a.url()}, 10, count); });
  std::thread second([&] { sent[1] = SendAll(parts[1], {b.url()}, 10, count); });
  first.join();
  second.join();
  ASSERT_TRUE(restarted);
  restarter.join();
  for (const Sent& s : sent) EXPECT_TRUE(s.problems.empty()) << s.problems.front();
  std::size_t unavailable = 0;
  for (const Sent& s : sent) {
    for (const std::string& note : s.notes) unavailable += note.find("HTTP 503") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(unavailable, 0u) << "the restart should have met a submission with HTTP 503";
  for (const Sent& s : sent) {
    for (const std::string& note : s.notes) {
      if (note.find("HTTP 503") != std::string::npos) {
        std::cout << "[ pg restart ] " << note.substr(0, 400) << "\n";
        break;
      }
    }
  }
  ExpectStoredOnce(db, sent);
  ExpectConsistentLog(db, night.envelopes.size());
}

}  // namespace
}  // namespace saylau::testing
