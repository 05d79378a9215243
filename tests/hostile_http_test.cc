// The hostile HTTP suite: the real `saylau serve` on loopback (a SQLite night with registered
// keys and a signed log) is sent what an attacker would send: bad percent-escapes, bytes that
// are not UTF-8 in the path, the query, a header and the body, huge headers and bodies, slow
// clients (slowloris) and idle ones, a flood of connections beyond the caps, unknown methods,
// and every forbidden write. After each attack the server still answers /healthz and the
// transparency log's size is what it was: nothing was stored. Also: a busy port exits 69.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/service/results_service.h"
#include "saylau/store/sqlite_store.h"
#include "saylau_process.h"
#include "serve_process.h"

namespace saylau::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A reply as read off the wire; status 0 when the server closed without answering.
struct Reply {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
  bool closed = false;  // the server closed the connection
  std::string Header(const std::string& name) const {
    const std::size_t at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos) return {};
    const std::size_t start = at + name.size() + 4;
    return head.substr(start, head.find("\r\n", start) - start);
  }
};

class Socket {
 public:
  // Connects to 127.0.0.1:port from the loopback address `from` (any of 127.0.0.0/8).
  Socket(unsigned short port, const std::string& from = "127.0.0.1") : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) throw std::runtime_error("bind " + from);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) throw std::runtime_error("connect");
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() { close(fd_); }

  // False when the server stopped taking bytes (it answered and closed).
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t sent = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }
  // True when something (bytes or the end) can be read within `timeout`.
  bool Readable(milliseconds timeout) const {
    pollfd waiting{fd_, POLLIN, 0};
    return poll(&waiting, 1, static_cast<int>(timeout.count())) > 0;
  }
  // Reads one response (by its Content-Length), or until the server closes or `timeout` passes.
  Reply Read(milliseconds timeout = milliseconds(5000)) {
    Reply reply;
    std::string data;
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      const std::size_t end = data.find("\r\n\r\n");
      if (end != std::string::npos) {
        reply.head = data.substr(0, end);
        const std::string length = reply.Header("Content-Length");
        if (!length.empty() && data.size() >= end + 4 + std::stoul(length)) break;
      }
      if (!Readable(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()))) break;
      char buffer[65536];
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        reply.closed = true;
        break;
      }
      data.append(buffer, static_cast<std::size_t>(n));
    }
    const std::size_t end = data.find("\r\n\r\n");
    if (data.rfind("HTTP/1.1 ", 0) == 0 && end != std::string::npos) {
      reply.status = std::stoi(data.substr(9, 3));
      reply.head = data.substr(0, end);
      reply.body = data.substr(end + 4);
    }
    return reply;
  }
  // True when the server closes the connection within `timeout` (reading and dropping bytes).
  bool ClosedWithin(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (!Readable(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()))) return false;
      char buffer[4096];
      if (recv(fd_, buffer, sizeof buffer, 0) <= 0) return true;
    }
    return false;
  }

 private:
  int fd_;
};

const std::string kProtocolTemplate =
    R"({"contest":"list","unit":"UNIT","lines":{"voters":1000,"received":1010,"issued":600,"cancelled":410,)"
    R"("found":600,"valid":590,"invalid":10,"a":A,"b":B,"against_all":20}})";

std::string ListProtocol(const std::string& unit, int a) {
  std::string body = kProtocolTemplate;
  body.replace(body.find("UNIT"), 4, unit);
  body.replace(body.find("A,"), 1, std::to_string(a));
  body.replace(body.find("B,"), 1, std::to_string(570 - a));
  return body;
}

std::string Request(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& more_headers = "", const std::string& type = "application/json") {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + more_headers;
  if (!body.empty() || method == "POST") {
    request += "Content-Type: " + type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return request + "\r\n" + body;
}

class HostileHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(FreshDirectory("hostile-http"));
    db_ = new std::string((*dir_ / "night.db").string());
    keys_ = new std::map<std::string, crypto::KeyPair>();
    const std::string data = Source("tests/data/good/");
    {
      std::vector<store::DefinitionFile> files = {
          {"night.toml", "definition", formats::ReadFile(data + "night.toml").value()},
          {"night-stations.csv", "stations", formats::ReadFile(data + "night-stations.csv").value()}};
      auto store = store::CreateSqliteStore(*db_, files);
      ASSERT_TRUE(store) << store.error().message;
      auto service = service::ResultsService::Open(std::move(*store));
      ASSERT_TRUE(service) << service.error().message;
      for (const char* commission : {"s1", "s2", "d1", "c"}) {
        (*keys_)[commission] = crypto::GenerateKeyPair(commission);
        ASSERT_TRUE((*service)->AddKey(commission, (*keys_)[commission].public_key, "2023-03-01T00:00:00Z"));
      }
    }
    const std::string log_key = (*dir_ / "log.key").string();
    const CommandRun made = Saylau("keys log --out " + log_key);
    ASSERT_EQ(made.exit_code, 0) << made.output;
    server_ = new ServeProcess(SAYLAU_BINARY, *db_, *dir_ / "serve.log",
                               {"--log-key", log_key, "--max-connections", "64", "--max-connections-per-client", "48",
                                "--header-timeout", "2", "--idle-timeout", "4"});
    port_ = static_cast<unsigned short>(std::stoi(server_->url().substr(server_->url().rfind(':') + 1)));
    // Something in the log, so that its size can be watched.
    const Reply first = Exchange(Request("POST", "/api/v1/protocols", Signed("s1", 5, ListProtocol("s1", 400))));
    ASSERT_EQ(first.status, 200) << first.body;
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(*dir_);
    delete keys_;
    delete db_;
    delete dir_;
  }

  void SetUp() override { size_before_ = TreeSize(); }
  // After each attack: the server answers and nothing was stored.
  void TearDown() override {
    ExpectServing();
    EXPECT_EQ(TreeSize(), size_before_) << "the attack changed the log";
  }

  static Reply Exchange(const std::string& raw, const std::string& from = "127.0.0.1") {
    Socket socket(port_, from);
    socket.Send(raw);
    return socket.Read();
  }
  static Reply Get(const std::string& target) { return Exchange(Request("GET", target)); }
  static std::string Signed(const std::string& commission, std::int64_t seq, const std::string& body) {
    return crypto::EncodeEnvelope(crypto::SignEnvelope((*keys_)[commission], seq, body));
  }
  static std::int64_t TreeSize() {
    const Reply head = Get("/api/v1/log/head");
    EXPECT_EQ(head.status, 200) << head.body;
    const json parsed = json::parse(head.body, nullptr, false);
    if (!parsed.is_object()) return -1;
    EXPECT_EQ(parsed.value("signed", false), true) << head.body;
    return parsed["head"].value("size", std::int64_t{-1});
  }
  // /healthz answers 200 (within a second: closed connections give their places back).
  static void ExpectServing() {
    Reply health;
    for (int attempt = 0; attempt < 20 && health.status != 200; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(milliseconds(50));
      health = Get("/healthz");
    }
    EXPECT_EQ(health.status, 200) << "the server no longer answers; its output:\n" << server_->Output();
  }
  // A 400-class answer whose JSON message names `what`.
  static void ExpectRefused(const Reply& reply, int status, const std::string& what) {
    EXPECT_EQ(reply.status, status) << reply.head << "\n" << reply.body;
    const json body = json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << "not JSON: " << reply.body;
    EXPECT_NE(body.value("message", "").find(what), std::string::npos) << body.dump();
  }
  static std::string Metrics() { return Get("/metrics").body; }
  // The value of one series in /metrics ("name{labels}"); -1 when it is not there.
  static long long Metric(const std::string& series) {
    const std::string text = Metrics();
    const std::size_t at = text.find("\n" + series + " ");
    return at == std::string::npos ? -1 : std::stoll(text.substr(at + series.size() + 2));
  }

  static std::filesystem::path* dir_;
  static std::string* db_;
  static std::map<std::string, crypto::KeyPair>* keys_;
  static ServeProcess* server_;
  static unsigned short port_;
  std::int64_t size_before_ = 0;
};

std::filesystem::path* HostileHttpTest::dir_ = nullptr;
std::string* HostileHttpTest::db_ = nullptr;
std::map<std::string, crypto::KeyPair>* HostileHttpTest::keys_ = nullptr;
ServeProcess* HostileHttpTest::server_ = nullptr;
unsigned short HostileHttpTest::port_ = 0;

TEST_F(HostileHttpTest, BadPercentEscapesAre400NamingTheParameter) {
  ExpectRefused(Get("/api/v1/protocols?unit=%zz1"), 400, "'unit'");
  ExpectRefused(Get("/api/v1/results?contest=list&unit=%"), 400, "'unit'");
  ExpectRefused(Get("/api/v1/results?contest=%4"), 400, "'contest'");
  ExpectRefused(Get("/api/v1/units?parent=%00"), 400, "'parent'");
  ExpectRefused(Get("/api/%zz/units"), 400, "path");
  // Numbers on the wire are never taken on trust.
  ExpectRefused(Get("/api/v1/log/proof?leaf=99999999999999999999999999"), 400, "leaf");
  ExpectRefused(Get("/api/v1/log/entries?start=-1"), 400, "start");
  ExpectRefused(Get("/api/v1/log/consistency?first=0x10"), 400, "first");
  EXPECT_EQ(Get("/api/v1/results?contest=list&unit=%73%31").status, 200);  // a good escape: s1
}

TEST_F(HostileHttpTest, BytesThatAreNotUtf8AreRefusedWherEverTheyCome) {
  ExpectRefused(Get("/api/v1/results?contest=%FFx"), 400, "'contest'");
  ExpectRefused(Get("/api/v1/results?contest=%C0%AF"), 400, "'contest'");  // overlong "/"
  ExpectRefused(Get("/api/v1/units?parent=%CF%F0%E8"), 400, "'parent'");   // CP1251
  // Raw bytes in the path and the query (not even a URL).
  EXPECT_EQ(Exchange(Request("GET", "/api/v1/\xFF\xFE")).status, 400);
  EXPECT_EQ(Exchange(Request("GET", "/api/v1/results?contest=\xCF\xF0\xE8")).status, 400);
  // A header.
  ExpectRefused(Exchange(Request("GET", "/healthz", "", "X-Observer: \xCF\xF0\xE8\xE2\xE5\xF2\r\n")), 400,
                "X-Observer");
  // A body: raw, and an envelope whose signed body holds an escaped lone surrogate.
  ExpectRefused(Exchange(Request("POST", "/api/v1/protocols", "{\"key\":\"\xFF\"}")), 400, "UTF-8");
  const Reply surrogate =
      Exchange(Request("POST", "/api/v1/protocols", Signed("s2", 1, R"({"contest":"list","unit":"s2\ud800"})")));
  EXPECT_EQ(surrogate.status / 100, 4) << surrogate.body;
  EXPECT_GE(Metric("saylau_http_errors_total{kind=\"bad-request\"}"), 7);
}

TEST_F(HostileHttpTest, HugeHeadersAndBodiesAreRefused) {
  const Reply huge_header = Exchange(Request("GET", "/healthz", "", "X-Pad: " + std::string(100'000, 'a') + "\r\n"));
  EXPECT_TRUE(huge_header.status == 431 || (huge_header.status == 0 && huge_header.closed)) << huge_header.head;
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  const Reply many_headers = Exchange(Request("GET", "/healthz", "", many));
  EXPECT_TRUE(many_headers.status == 431 || (many_headers.status == 0 && many_headers.closed));
  const Reply long_target = Exchange(Request("GET", "/api/v1/results?contest=" + std::string(50'000, 'x')));
  EXPECT_TRUE(long_target.status == 431 || (long_target.status == 0 && long_target.closed));
  // A body announced at 1 GB: refused before it is read.
  Socket socket(port_);
  socket.Send("POST /api/v1/protocols HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 1000000000\r\n\r\n{");
  const Reply too_large = socket.Read();
  EXPECT_EQ(too_large.status, 413) << too_large.head;
  // Not HTTP at all.
  EXPECT_EQ(Exchange(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + " hello\r\n\r\n").status, 400);
  EXPECT_EQ(Exchange("GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n").status, 400);
}

TEST_F(HostileHttpTest, SlowAndIdleClientsAreDroppedWhileOthersAreServed) {
  const auto started = Clock::now();
  Socket idle(port_);  // sends nothing: closed after --idle-timeout 4
  Socket slow(port_);  // slowloris: a header byte every 200 ms; dropped at --header-timeout 2
  slow.Send("GET /healthz HTTP/1.1\r\n");
  const std::string header = "X-Slow: " + std::string(200, 'a');
  bool slow_dropped = false;
  double slow_seconds = 0;
  for (std::size_t i = 0; i < header.size() && !slow_dropped; ++i) {
    if (!slow.Send(header.substr(i, 1)) || slow.ClosedWithin(milliseconds(200))) {
      slow_dropped = true;
      slow_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    }
    if (i % 5 == 0) {
      EXPECT_EQ(Get("/healthz").status, 200) << "others are served meanwhile";
    }
    if (Clock::now() - started > std::chrono::seconds(8)) break;
  }
  EXPECT_TRUE(slow_dropped) << "a slowloris client was not dropped";
  EXPECT_GE(slow_seconds, 1.5);
  EXPECT_LE(slow_seconds, 4.0);
  EXPECT_TRUE(idle.ClosedWithin(milliseconds(6000))) << "an idle connection was not closed";
  const double idle_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  EXPECT_GE(idle_seconds, 3.5);
  EXPECT_GE(Metric("saylau_http_errors_total{kind=\"slow-client\"}"), 1);
}

TEST_F(HostileHttpTest, AConnectionFloodIsCappedAnsweredWith503AndForgotten) {
  // 200 connections from five addresses against a cap of 64: 64 are held, the rest answered 503.
  std::this_thread::sleep_for(milliseconds(200));  // the connections of the last test are gone
  std::vector<std::unique_ptr<Socket>> flood;
  for (int i = 0; i < 200; ++i) flood.push_back(std::make_unique<Socket>(port_, "127.0.0." + std::to_string(2 + i / 40)));
  std::this_thread::sleep_for(milliseconds(500));
  int refused = 0, answered503 = 0, held = 0;
  for (auto& socket : flood) {
    if (!socket->Readable(milliseconds(0))) {
      ++held;
      continue;
    }
    const Reply reply = socket->Read(milliseconds(1000));
    ++refused;
    if (reply.status == 503) {
      ++answered503;
      EXPECT_EQ(reply.Header("Retry-After"), "1");
      EXPECT_NE(reply.body.find("too-many-connections"), std::string::npos) << reply.body;
    }
  }
  EXPECT_EQ(held, 64);
  EXPECT_EQ(refused, 136);
  EXPECT_EQ(answered503, 136);
  // Full: a newcomer is answered 503 at once, not left hanging.
  const auto asked = Clock::now();
  EXPECT_EQ(Exchange(Request("GET", "/healthz"), "127.0.0.20").status, 503);
  EXPECT_LT(Clock::now() - asked, milliseconds(1000));
  flood.clear();
  ExpectServing();

  // One address may hold 48 at most; the others are still served meanwhile.
  for (int i = 0; i < 60; ++i) flood.push_back(std::make_unique<Socket>(port_, "127.0.0.30"));
  std::this_thread::sleep_for(milliseconds(300));
  int from_one = 0;
  for (auto& socket : flood) from_one += socket->Readable(milliseconds(0)) ? 0 : 1;
  EXPECT_EQ(from_one, 48);
  EXPECT_EQ(Exchange(Request("GET", "/healthz"), "127.0.0.30").status, 503);
  EXPECT_EQ(Get("/healthz").status, 200);
  flood.clear();
  EXPECT_GE(Metric("saylau_http_errors_total{kind=\"over-capacity\"}"), 136 + 1 + 12 + 1);
  EXPECT_EQ(Metric("saylau_http_errors_total{kind=\"internal\"}"), 0);
}

TEST_F(HostileHttpTest, UnknownMethodsAre405WithAllow) {
  const Reply del = Exchange(Request("DELETE", "/api/v1/results?contest=list"));
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(del.Header("Allow"), "GET, HEAD");
  const Reply get_certify = Get("/api/v1/certify");
  EXPECT_EQ(get_certify.status, 405);
  EXPECT_EQ(get_certify.Header("Allow"), "POST");
  const Reply post_results = Exchange(Request("POST", "/api/v1/results", "{}"));
  EXPECT_EQ(post_results.status, 405);
  EXPECT_EQ(post_results.Header("Allow"), "GET, HEAD");
  const Reply put_protocols = Exchange(Request("PUT", "/api/v1/protocols", "{}"));
  EXPECT_EQ(put_protocols.status, 405);
  EXPECT_EQ(put_protocols.Header("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(Exchange(Request("BREW", "/healthz")).status, 405);
}

TEST_F(HostileHttpTest, EveryForbiddenWriteIsRefusedAndStoresNothing) {
  const auto refused = [&](const std::string& target, const std::string& body, int status, const std::string& code,
                           const std::string& type = "application/json") {
    const Reply reply = Exchange(Request("POST", target, body, "", type));
    EXPECT_EQ(reply.status, status) << body << "\n" << reply.body;
    const json answer = json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(answer.is_object()) << reply.body;
    const std::string got = answer.contains("refusal") ? answer["refusal"].get<std::string>()
                                                       : answer.value("error", std::string());
    EXPECT_EQ(got, code) << reply.body;
    ExpectServing();
    EXPECT_EQ(TreeSize(), size_before_) << "stored: " << body;
  };
  // Unsigned: no signature, an empty one, one that is not base64.
  json unsigned_envelope = json::parse(Signed("s2", 1, ListProtocol("s2", 300)));
  unsigned_envelope.erase("signature");
  refused("/api/v1/protocols", unsigned_envelope.dump(), 400, "malformed");
  unsigned_envelope["signature"] = "";
  const Reply empty = Exchange(Request("POST", "/api/v1/protocols", unsigned_envelope.dump()));
  EXPECT_TRUE(empty.status == 400 || empty.status == 401) << empty.body;
  unsigned_envelope["signature"] = "not base64 !";
  const Reply garbage = Exchange(Request("POST", "/api/v1/protocols", unsigned_envelope.dump()));
  EXPECT_TRUE(garbage.status == 400 || garbage.status == 401) << garbage.body;
  // A bad signature: the body changed after signing.
  crypto::Envelope tampered = crypto::SignEnvelope((*keys_)["s2"], 1, ListProtocol("s2", 300));
  tampered.body = ListProtocol("s2", 301);
  refused("/api/v1/protocols", crypto::EncodeEnvelope(tampered), 401, "bad-signature");
  // A key nobody registered (the wrong key).
  refused("/api/v1/protocols",
          crypto::EncodeEnvelope(crypto::SignEnvelope(crypto::GenerateKeyPair("s2"), 1, ListProtocol("s2", 300))), 401,
          "unknown-key");
  // Another unit's protocol.
  refused("/api/v1/protocols", Signed("s1", 6, ListProtocol("s2", 300)), 403, "not-authorised");
  // A replayed sequence number (seq 5 of s1 is stored) with another body, and one below it.
  refused("/api/v1/protocols", Signed("s1", 5, ListProtocol("s1", 401)), 409, "replay");
  refused("/api/v1/protocols", Signed("s1", 4, ListProtocol("s1", 401)), 409, "out-of-order");
  // Unknown contest and unit.
  std::string unknown_contest = ListProtocol("s1", 400);
  unknown_contest.replace(unknown_contest.find("\"list\""), 6, "\"nope\"");
  refused("/api/v1/protocols", Signed("s1", 7, unknown_contest), 404, "unknown-contest");
  refused("/api/v1/protocols", Signed("c", 1, ListProtocol("nowhere", 400)), 404, "unknown-unit");
  // Malformed, wrong content type, a turnout report sent as a protocol.
  refused("/api/v1/protocols", "{\"commission\":", 400, "malformed");
  refused("/api/v1/protocols", "[1,2]", 400, "malformed");
  refused("/api/v1/protocols", Signed("s1", 8, ListProtocol("s1", 400)), 415, "unsupported-media-type", "text/plain");
  refused("/api/v1/protocols", Signed("s1", 9, R"({"unit":"s1","time":"10:00","voters":1000,"issued":100})"), 400,
          "malformed");
  // Certification by a key that is not the CEC's, and a final one while stations are missing.
  refused("/api/v1/certify", Signed("d1", 1, R"({"contest":"list","stage":"preliminary"})"), 403, "not-authorised");
  refused("/api/v1/certify", Signed("c", 2, R"({"contest":"list","stage":"final"})"), 409, "not-allowed");
  // A commission posing as an observer.
  refused("/api/v1/observations", Signed("s2", 2, ListProtocol("s2", 1)), 403, "not-authorised");
  // The same submission again is a duplicate: acknowledged, not stored twice.
  const Reply again = Exchange(Request("POST", "/api/v1/protocols", Signed("s1", 5, ListProtocol("s1", 400))));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json::parse(again.body, nullptr, false).value("status", ""), "duplicate") << again.body;
}

TEST_F(HostileHttpTest, ABusyPortExitsWithItsOwnCode) {
  const CommandRun second = Saylau("serve --db " + *db_ + " --listen 127.0.0.1:" + std::to_string(port_) +
                                   " --web /nonexistent");
  EXPECT_EQ(second.exit_code, 69) << second.output;
  EXPECT_NE(second.output.find("cannot listen on 127.0.0.1:" + std::to_string(port_)), std::string::npos)
      << second.output;
}

}  // namespace
}  // namespace saylau::testing
