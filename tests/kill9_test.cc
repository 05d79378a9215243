// Durability: `saylau ingest` is killed with SIGKILL at random moments, 20 times. After each
// kill, every submission it had acknowledged (its --ack-log) is in the database, and the
// stored totals equal a rebuild from the stored submissions. Finally the ingest runs to the
// end and the national totals are the official ones. The transparency log survives too: the
// stored submissions hash to every stored tree head, and the last head covers them all.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include "saylau/service/results_service.h"
#include "saylau/store/sqlite_store.h"
#include "saylau_process.h"

namespace saylau::testing {
namespace {

struct Acked {
  std::int64_t seq;
  std::string what;
};

// Complete lines of the acknowledgement log ("seq verdict what"); a line cut by the kill is ignored.
std::vector<Acked> ReadAcks(const std::filesystem::path& log) {
  const std::string text = ReadAll(log);
  std::vector<Acked> acks;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start)) {
    const std::string line = text.substr(start, end - start);
    const std::size_t first = line.find(' '), second = line.find(' ', first + 1);
    acks.push_back({std::stoll(line.substr(0, first)), line.substr(second + 1)});
  }
  return acks;
}

std::size_t StoredAcks(const std::filesystem::path& log) {
  std::size_t count = 0;
  for (const Acked& ack : ReadAcks(log)) count += ack.seq > 0 ? 1 : 0;
  return count;
}

// Runs ingest in a child process and kills it with SIGKILL once `kill_now` says so (polled
// every 2 ms); returns whether it was killed while still running.
bool RunAndKill(const std::vector<std::string>& arguments, const std::function<bool()>& kill_now) {
  const pid_t child = fork();
  if (child == 0) {
    std::vector<char*> argv;
    static const std::string binary = SAYLAU_BINARY;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    if (freopen("/dev/null", "w", stdout) == nullptr || freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(child, &status, WNOHANG) == child) return false;  // finished before the kill
    if (kill_now()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

TEST(Kill9Test, AcknowledgedSubmissionsSurviveSigkillAndTotalsEqualARebuild) {
  const std::filesystem::path dir = FreshDirectory("kill9");
  const std::string definition = Source("elections/kz/2023-03-19-mazhilis.toml");
  const std::string night = (dir / "night").string(), db = (dir / "night.db").string(),
                    log = (dir / "acks.log").string();
  ASSERT_EQ(Saylau("synth " + definition + " --seed 5 --stations 1000 --out " + night).exit_code, 0);
  ASSERT_EQ(Saylau("init " + definition + " --stations " + night + "/stations.csv --db " + db).exit_code, 0);
  const std::vector<std::string> ingest = {"ingest", "--db", db, "--batch", "16", "--ack-log", log,
                                           night + "/turnout.csv", night + "/protocols.csv"};
  std::mt19937 random(20230319);
  int killed_mid_run = 0;
  std::set<std::int64_t> acked_before;
  std::vector<std::size_t> progress;  // submissions newly acknowledged in each trial
  for (int trial = 1; trial <= 20; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    // Odd trials: kill after a random number of newly stored acknowledgements (mid-ingest,
    // often mid-transaction); even trials: after a random time (start-up, replay, duplicates).
    const std::size_t start = std::filesystem::exists(log) ? StoredAcks(log) : 0;
    const std::size_t target = start + 1 + random() % 400;
    const auto started = std::chrono::steady_clock::now();
    const auto after = std::chrono::milliseconds(random() % 500);
    const bool by_count = trial % 2 == 1;
    killed_mid_run += RunAndKill(ingest, [&] {
                        if (!by_count) return std::chrono::steady_clock::now() - started >= after;
                        return std::filesystem::exists(log) && StoredAcks(log) >= target;
                      })
                          ? 1
                          : 0;

    Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore(db);
    ASSERT_TRUE(store) << store.error().message;
    std::map<std::int64_t, std::string> stored;  // seq -> "kind unit"
    ASSERT_TRUE((*store)->Scan(0, [&](const store::StoredSubmission& s) -> Status {
      stored[s.seq] = s.unit;
      return {};
    }));
    int checked = 0;
    for (const Acked& ack : ReadAcks(log)) {
      if (ack.seq == 0) continue;  // a duplicate: nothing was stored for it
      const auto it = stored.find(ack.seq);
      ASSERT_NE(it, stored.end()) << "acknowledged seq " << ack.seq << " (" << ack.what << ") is lost";
      EXPECT_NE((ack.what + " ").find(" " + it->second + " "), std::string::npos) << ack.what << " vs " << it->second;
      ++checked;
    }
    const std::size_t before = acked_before.size();
    for (const Acked& ack : ReadAcks(log)) {
      if (ack.seq > 0) acked_before.insert(ack.seq);
    }
    progress.push_back(acked_before.size() - before);
    EXPECT_EQ(checked, static_cast<int>(acked_before.size()));

    // Opening checks that the stored submissions still hash to every stored tree head; the
    // last head covers every stored submission (heads commit with their batch).
    Result<std::unique_ptr<service::ResultsService>> service = service::ResultsService::Open(std::move(*store));
    ASSERT_TRUE(service) << service.error().message;
    const std::uint64_t logged = (*service)->tree().size();
    if (logged > 0) {
      ASSERT_TRUE((*service)->head().has_value());
      EXPECT_EQ((*service)->head()->size, logged) << "every stored submission is under a stored tree head";
    }
    Result<service::RebuildReport> report = (*service)->Rebuild(/*rewrite=*/false);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->differences.empty()) << report->differences.front();
  }
  EXPECT_GE(killed_mid_run, 10) << "most kills should land while ingest is running";
  std::string counts;
  for (std::size_t n : progress) counts += std::to_string(n) + " ";
  std::cout << "[ kill -9 ] killed mid-run " << killed_mid_run << " of 20; acknowledged per trial: " << counts << "\n";

  const CommandRun finish = Saylau("ingest --db " + db + " " + night + "/turnout.csv " + night + "/protocols.csv");
  EXPECT_EQ(finish.exit_code, 0) << finish.output;
  Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore(db);
  ASSERT_TRUE(store);
  Result<std::unique_ptr<service::ResultsService>> service = service::ResultsService::Open(std::move(*store));
  ASSERT_TRUE(service);
  const core::ElectionNight& state = (*service)->night();
  const core::ContestIndex list = state.plan().FindContest("mazhilis-list");
  EXPECT_FALSE(state.StatusOf(list).partial);
  const auto totals = state.tabulation().Totals(list, 1, core::LocalUnit(0));
  const core::ProtocolForm& form = *state.plan().contest(list).form;
  EXPECT_EQ(form.LineValue("issued", totals), 6521860);
  EXPECT_EQ(form.Options(totals)[0], 3431510);  // amanat
  EXPECT_EQ(form.LineValue("against_all", totals), 248291);
  Result<service::RebuildReport> report = (*service)->Rebuild(false);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->differences.empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace saylau::testing
