// `saylau serve` as a child process for tests and benchmarks that need several servers, a
// kill -9, or a real process boundary: started on a free loopback port, its output in a file,
// stopped (or killed) by the owner. Also the signed envelopes of a synthetic night, and a
// reader of a server's event stream.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace saylau::testing {

class ServeProcess {
 public:
  // Starts `binary serve --db DB --listen 127.0.0.1:0 ...` and waits until it listens.
  ServeProcess(const std::string& binary, const std::string& db, const std::filesystem::path& log,
               const std::vector<std::string>& more = {})
      : log_(log) {
    std::vector<std::string> arguments = {binary,     "serve",       "--db",  db,
                                          "--listen", "127.0.0.1:0", "--web", "/nonexistent"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (std::string& argument : arguments) argv.push_back(argument.data());
      argv.push_back(nullptr);
      if (freopen(log.c_str(), "w", stdout) == nullptr || dup2(fileno(stdout), 2) < 0) _exit(126);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(log_);
      std::string line;
      while (std::getline(in, line)) {
        const std::size_t api = line.find("API        http://");
        if (api != std::string::npos) {
          url_ = line.substr(api + 11, line.find("/api/v1") - api - 11);
          return;
        }
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("saylau serve exited at start; its output:\n" + Output());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("saylau serve did not start listening within 60 s; its output:\n" + Output());
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  ~ServeProcess() { Stop(SIGTERM); }

  const std::string& url() const { return url_; }
  std::string Output() const {
    std::ifstream in(log_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // Sends `signal` and waits for the process to end; true when it ended by that signal or exit 0.
  bool Stop(int signal) {
    if (pid_ <= 0) return false;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return (WIFSIGNALED(status) && WTERMSIG(status) == signal) || (WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
  std::string url_;
};

// One signed envelope as `saylau submit --sign-only` writes it, with the key that signed it.
struct SignedLine {
  std::string json;
  std::string key;
  std::int64_t seq = 0;
};

inline std::vector<SignedLine> ReadSignedLines(const std::filesystem::path& file) {
  std::vector<SignedLine> lines;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json envelope = nlohmann::json::parse(line);
    lines.push_back({line, envelope.at("key").get<std::string>(), envelope.at("seq").get<std::int64_t>()});
  }
  return lines;
}

// Reads a server's /api/v1/events on its own thread, counting `event: submission` messages and
// noting when each arrived.
class EventReader {
 public:
  explicit EventReader(const std::string& url) {
    const std::size_t colon = url.rfind(':');
    const auto port = static_cast<unsigned short>(std::stoi(url.substr(colon + 1)));
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    const std::string request = "GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n";
    boost::asio::write(socket_, boost::asio::buffer(request));
    thread_ = std::thread([this] { Read(); });
  }
  ~EventReader() {
    boost::system::error_code ignored;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    thread_.join();
  }
  std::size_t submissions() const { return submissions_; }
  // Waits until at least `count` submission events have arrived; false after `timeout`.
  bool WaitFor(std::size_t count, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (submissions_ < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

 private:
  void Read() {
    std::string pending;
    char buffer[65536];
    for (;;) {
      boost::system::error_code error;
      const std::size_t n = socket_.read_some(boost::asio::buffer(buffer), error);
      if (error) return;
      pending.append(buffer, n);
      for (std::size_t at = pending.find("event: submission\n"); at != std::string::npos;
           at = pending.find("event: submission\n", at + 1)) {
        ++submissions_;
      }
      // Keep only a tail too short to hold a whole marker: the start of one cut in two.
      constexpr std::size_t kTail = sizeof("event: submission\n") - 2;
      if (pending.size() > kTail) pending.erase(0, pending.size() - kTail);
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_{io_};
  std::thread thread_;
  std::atomic<std::size_t> submissions_{0};
};

}  // namespace saylau::testing
