// The load of the scale benchmark (bench/scale/run): pre-signed protocols (saylau submit
// --sign-only) sent over several connections to one or more `saylau serve` processes, in
// batches, each key's envelopes in order on one connection. An observer reads the event stream
// of one server (with several servers: one the load does not write to, when there is one) and
// notes when each log sequence number arrives there; latency = that moment minus the moment
// the request carrying it was sent, i.e. submission -> visible in that server's results.
// Prints one JSON object: submissions, seconds, per_second, latency p50/p99/max in ms.
//   scale_load --signed FILE --server URL[,URL...] --observe URL [--connections N] [--batch N]
#include <utility>  // first: Boost.Asio uses std::exchange without including it

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "saylau/server/failover_client.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
  std::string signed_file;
  std::vector<std::string> servers;
  std::string observe;
  int connections = 8;
  std::size_t batch = 100;
};

struct Line {
  std::string json;
  std::string key;
};

// Arrival time of each log sequence number in one server's event stream.
class Observer {
 public:
  explicit Observer(const std::string& url) {
    const auto port = static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    const std::string request = "GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n";
    boost::asio::write(socket_, boost::asio::buffer(request));
    thread_ = std::thread([this] { Read(); });
  }
  ~Observer() {
    boost::system::error_code ignored;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    thread_.join();
  }
  std::size_t seen() const { return seen_; }
  // seq -> arrival; call after the stream has gone quiet.
  std::unordered_map<std::int64_t, Clock::time_point> Arrivals() {
    std::lock_guard lock(mutex_);
    return arrivals_;
  }

 private:
  void Read() {
    std::string pending;
    char buffer[1 << 16];
    for (;;) {
      boost::system::error_code error;
      const std::size_t n = socket_.read_some(boost::asio::buffer(buffer), error);
      if (error) return;
      const Clock::time_point now = Clock::now();
      pending.append(buffer, n);
      std::size_t start = 0;
      for (std::size_t end = pending.find('\n'); end != std::string::npos; end = pending.find('\n', start)) {
        const std::string_view line(pending.data() + start, end - start);
        start = end + 1;
        if (!line.starts_with("data: {")) continue;
        const json data = json::parse(line.substr(6), nullptr, false);
        if (data.is_discarded() || !data.contains("seq")) continue;
        std::lock_guard lock(mutex_);
        arrivals_.emplace(data["seq"].get<std::int64_t>(), now);
        ++seen_;
      }
      pending.erase(0, start);
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_{io_};
  std::thread thread_;
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Clock::time_point> arrivals_;
  std::atomic<std::size_t> seen_{0};
};

double Percentile(std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

int Run(const Options& options) {
  std::vector<Line> lines;
  {
    std::ifstream in(options.signed_file);
    std::string text;
    while (std::getline(in, text)) {
      if (text.empty()) continue;
      const std::size_t key = text.find("\"key\":\"") + 7;
      lines.push_back({text, text.substr(key, text.find('"', key) - key)});
    }
  }
  if (lines.empty()) {
    std::cerr << "scale_load: no envelopes in " << options.signed_file << "\n";
    return 2;
  }
  // Each key's envelopes on one connection, in order (a station's list and district protocols).
  std::vector<std::vector<const Line*>> parts(static_cast<std::size_t>(options.connections));
  for (const Line& line : lines) parts[std::hash<std::string>{}(line.key) % parts.size()].push_back(&line);

  Observer observer(options.observe);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the stream is open
  std::mutex mutex;
  std::vector<std::pair<std::int64_t, Clock::time_point>> sent;  // log seq -> when its request went out
  sent.reserve(lines.size());
  std::atomic<std::size_t> acknowledged{0}, failures{0};
  const Clock::time_point started = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < parts.size(); ++c) {
    threads.emplace_back([&, c] {
      saylau::server::FailoverOptions failover;
      failover.servers = {options.servers[c % options.servers.size()]};
      auto client = saylau::server::FailoverClient::Connect(failover);
      if (!client) {
        ++failures;
        return;
      }
      const std::vector<const Line*>& mine = parts[c];
      std::vector<std::pair<std::int64_t, Clock::time_point>> local;
      for (std::size_t at = 0; at < mine.size(); at += options.batch) {
        const std::size_t end = std::min(mine.size(), at + options.batch);
        std::string body = "[";
        for (std::size_t i = at; i < end; ++i) body += (i > at ? "," : "") + mine[i]->json;
        body += "]";
        const Clock::time_point sent_at = Clock::now();
        auto response = (*client)->Request("POST", "/api/v1/protocols", body);
        if (!response || response->status != 200) {
          ++failures;
          std::cerr << "scale_load: " << (response ? response->body.substr(0, 300) : response.error().message) << "\n";
          return;
        }
        const json acks = json::parse(response->body)["acknowledgements"];
        for (const json& ack : acks) {
          const std::string status = ack.value("status", "");
          if (status == "accepted" || status == "rejected") local.emplace_back(ack["seq"].get<std::int64_t>(), sent_at);
        }
        acknowledged += end - at;
      }
      std::lock_guard lock(mutex);
      sent.insert(sent.end(), local.begin(), local.end());
    });
  }
  // Progress on stderr: the full run takes minutes.
  std::atomic<bool> done{false};
  std::thread progress([&] {
    while (!done) {
      std::this_thread::sleep_for(std::chrono::seconds(5));
      if (done) break;
      const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      std::cerr << fmt::format("  … {} of {} acknowledged, {:.0f}/s\n", acknowledged.load(), lines.size(),
                               static_cast<double>(acknowledged) / seconds);
    }
  });
  for (std::thread& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  done = true;
  progress.join();
  // Wait for the observer to see the last ones (it follows within about a poll interval).
  const Clock::time_point quiet = Clock::now() + std::chrono::seconds(30);
  while (observer.seen() < sent.size() && Clock::now() < quiet)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto arrivals = observer.Arrivals();
  std::vector<double> latency;
  latency.reserve(sent.size());
  std::size_t unseen = 0;
  for (const auto& [seq, when] : sent) {
    const auto arrived = arrivals.find(seq);
    if (arrived == arrivals.end()) {
      ++unseen;
      continue;
    }
    latency.push_back(std::chrono::duration<double, std::milli>(arrived->second - when).count());
  }
  std::sort(latency.begin(), latency.end());
  const json out = {{"submissions", acknowledged.load()},
                    {"stored", sent.size()},
                    {"failures", failures.load()},
                    {"seconds", seconds},
                    {"per_second", static_cast<double>(acknowledged) / seconds},
                    {"latency_ms",
                     {{"p50", Percentile(latency, 0.5)},
                      {"p99", Percentile(latency, 0.99)},
                      {"max", latency.empty() ? 0.0 : latency.back()}}},
                    {"not_seen_by_observer", unseen}};
  std::cout << out.dump() << std::endl;
  return failures == 0 && unseen == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--signed") {
      options.signed_file = value;
    } else if (flag == "--server") {
      auto servers = saylau::server::SplitServers(value);
      if (!servers) {
        std::cerr << "scale_load: " << servers.error().message << "\n";
        return 2;
      }
      options.servers = *servers;
    } else if (flag == "--observe") {
      options.observe = value;
    } else if (flag == "--connections") {
      options.connections = std::max(1, std::stoi(value));
    } else if (flag == "--batch") {
      options.batch = static_cast<std::size_t>(std::max(1, std::stoi(value)));
    } else {
      std::cerr << "scale_load: unknown option " << flag << "\n";
      return 2;
    }
  }
  if (options.signed_file.empty() || options.servers.empty() || options.observe.empty()) {
    std::cerr << "usage: scale_load --signed FILE --server URL[,URL...] --observe URL [--connections N] [--batch N]\n";
    return 2;
  }
  return Run(options);
}
