// The session's answers on the wire, byte-level (server.cc: the head written by hand, the body
// shared, GETs without a body not read twice, answers given at once written without a post):
// pipelined requests of every kind answered in order on one connection (a snapshot, its HEAD,
// its 304, its gzip, a GET carrying a body, a 405, a 404 with Connection: close and then the
// close), and an HTTP/1.0 client kept alive when it asks; the event stream recognised by its
// decoded path without parsing every other target.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api.h"
#include "saylau/server/server.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::server {
namespace {

struct Answer {
  std::string head;
  std::string body;
  std::string Header(const std::string& name) const {
    const std::size_t at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos) return "(none)";
    const std::size_t start = at + name.size() + 4;
    return head.substr(start, head.find("\r\n", start) - start);
  }
};

// Sends `requests` at once on a new connection, then reads until the server closes (or, when
// `half_close`, after shutting down the sending side) and splits what came into answers by
// their Content-Length. `rest` gets any bytes that are not a whole answer.
std::vector<Answer> Exchange(unsigned short port, const std::string& requests, std::string& rest,
                             bool half_close = true) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote), 0);
  std::string_view data = requests;
  while (!data.empty()) {
    const ssize_t sent = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) break;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  if (half_close) shutdown(fd, SHUT_WR);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string stream;
  char buffer[65536];
  for (;;) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    stream.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  std::vector<Answer> answers;
  for (;;) {
    const std::size_t end = stream.find("\r\n\r\n");
    if (end == std::string::npos) break;
    Answer answer{stream.substr(0, end), {}};
    const std::string length = answer.Header("Content-Length");
    if (length == "(none)" || stream.size() < end + 4 + std::stoul(length)) break;
    answer.body = stream.substr(end + 4, std::stoul(length));
    stream.erase(0, end + 4 + answer.body.size());
    answers.push_back(std::move(answer));
  }
  rest = stream;
  return answers;
}

class SessionWireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto service = service::ResultsService::Open(store::CreateMemoryStore(testing::FixtureFiles()));
    ASSERT_TRUE(service) << service.error().message;
    ServerOptions options;
    options.port = 0;
    auto server = Server::Start(std::move(*service), options);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
  }
  std::unique_ptr<Server> server_;
};

TEST_F(SessionWireTest, PipelinedRequestsAreAnsweredInOrderAndByteExact) {
  const std::string results = "/api/v1/results?contest=list";
  std::string rest;
  const std::vector<Answer> first = Exchange(server_->port(), "GET " + results + " HTTP/1.1\r\nHost: x\r\n\r\n", rest);
  ASSERT_EQ(first.size(), 1u);
  const std::string etag = first[0].Header("ETag");
  ASSERT_EQ(etag.size(), 18u) << first[0].head;
  ASSERT_GT(first[0].body.size(), 100u);
  EXPECT_EQ(first[0].head,
            "HTTP/1.1 200 OK\r\nServer: saylau\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\n"
            "Access-Control-Allow-Origin: *\r\nETag: " +
                etag + "\r\nVary: Accept-Encoding\r\nContent-Length: " + std::to_string(first[0].body.size()));

  const std::string pipeline =
      "GET " + results + " HTTP/1.1\r\nHost: x\r\n\r\n" +                                   // 0: the snapshot
      "HEAD " + results + " HTTP/1.1\r\nHost: x\r\n\r\n" +                                  // 1: its HEAD
      "GET " + results + " HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n" +    // 2: 304
      "GET " + results + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n" +          // 3: gzip
      "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" +                // 4: a body, skipped
      "POST /api/v1/results HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}" +           // 5: 405
      "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" +              // 6: 404, then closed
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";                                            // never answered
  const std::vector<Answer> answers = Exchange(server_->port(), pipeline, rest, false);
  ASSERT_EQ(answers.size(), 7u) << (answers.empty() ? rest : answers.back().head);
  EXPECT_EQ(rest, "");
  EXPECT_EQ(answers[0].head, first[0].head);
  EXPECT_EQ(answers[0].body, first[0].body);
  EXPECT_TRUE(answers[1].head.starts_with("HTTP/1.1 200 OK\r\n")) << answers[1].head;
  EXPECT_EQ(answers[1].Header("ETag"), etag);
  EXPECT_EQ(answers[1].Header("Content-Length"), "0");  // as Beast's serializer wrote a HEAD before
  EXPECT_EQ(answers[1].body, "");
  EXPECT_TRUE(answers[2].head.starts_with("HTTP/1.1 304 Not Modified\r\n")) << answers[2].head;
  EXPECT_EQ(answers[2].Header("ETag"), etag);
  EXPECT_EQ(answers[2].body, "");
  EXPECT_TRUE(answers[3].head.starts_with("HTTP/1.1 200 OK\r\n")) << answers[3].head;
  EXPECT_EQ(answers[3].Header("Content-Encoding"), "gzip");
  ASSERT_GE(answers[3].body.size(), 2u);
  EXPECT_EQ(answers[3].body.substr(0, 2), "\x1f\x8b");
  EXPECT_LT(answers[3].body.size(), first[0].body.size());
  EXPECT_EQ(answers[4].body, "ok\n");
  EXPECT_EQ(answers[4].Header("Content-Type"), "text/plain");
  EXPECT_TRUE(answers[5].head.starts_with("HTTP/1.1 405 Method Not Allowed\r\n")) << answers[5].head;
  EXPECT_EQ(answers[5].Header("Allow"), "GET, HEAD");
  EXPECT_TRUE(answers[6].head.starts_with("HTTP/1.1 404 Not Found\r\n")) << answers[6].head;
  EXPECT_EQ(answers[6].Header("Connection"), "close");
  EXPECT_NE(answers[6].body.find("not-found"), std::string::npos) << answers[6].body;
}

TEST_F(SessionWireTest, AnHttp10ClientIsKeptAliveWhenItAsksAndClosedOtherwise) {
  std::string rest;
  const std::vector<Answer> kept = Exchange(server_->port(),
                                            "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                                            "GET /healthz HTTP/1.0\r\n\r\n"
                                            "GET /healthz HTTP/1.0\r\n\r\n",
                                            rest, false);
  ASSERT_EQ(kept.size(), 2u) << rest;
  EXPECT_EQ(kept[0].head,
            "HTTP/1.0 200 OK\r\nServer: saylau\r\nContent-Type: text/plain\r\nCache-Control: no-cache\r\n"
            "Access-Control-Allow-Origin: *\r\nConnection: keep-alive\r\nContent-Length: 3");
  EXPECT_EQ(kept[1].Header("Connection"), "(none)");  // not kept: answered, then closed
  EXPECT_EQ(kept[1].body, "ok\n");
  EXPECT_EQ(rest, "");
}

TEST_F(SessionWireTest, AMalformedRequestAfterAGoodOneIsRefusedAndClosed) {
  std::string rest;
  const std::vector<Answer> answers =
      Exchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/9\r\n\r\n", rest, false);
  ASSERT_EQ(answers.size(), 2u) << rest;
  EXPECT_EQ(answers[0].body, "ok\n");
  EXPECT_TRUE(answers[1].head.starts_with("HTTP/1.1 400 Bad Request\r\n")) << answers[1].head;
  EXPECT_EQ(answers[1].Header("Connection"), "close");
  EXPECT_EQ(rest, "");
}

TEST(IsEventStreamTest, TheDecodedPathDecidesAndOnlyAGet) {
  const auto is_stream = [](const std::string& method, const std::string& target) {
    return Api::IsEventStream(HttpRequest{method, target, "", "", "", ""});
  };
  EXPECT_TRUE(is_stream("GET", "/api/v1/events"));
  EXPECT_TRUE(is_stream("GET", "/api/v1/events?since=3"));
  EXPECT_TRUE(is_stream("GET", "/api/v1/%65vents"));
  EXPECT_TRUE(is_stream("GET", "/api%2Fv1/events"));
  EXPECT_TRUE(is_stream("GET", "/%61%70%69/v1/events?x=%41"));
  EXPECT_FALSE(is_stream("HEAD", "/api/v1/events"));
  EXPECT_FALSE(is_stream("POST", "/api/v1/events"));
  EXPECT_FALSE(is_stream("GET", "/api/v1/events/"));
  EXPECT_FALSE(is_stream("GET", "/api/v1/eventsx"));
  EXPECT_FALSE(is_stream("GET", "/api/v1/results?contest=events"));
  EXPECT_FALSE(is_stream("GET", "/api/v1/results?x=/api/v1/events"));
  EXPECT_FALSE(is_stream("GET", "/api/v1/%zzvents"));  // a bad escape: not a stream (Route answers 400)
  EXPECT_FALSE(is_stream("GET", "/api/v1/%65ventsx"));
  EXPECT_FALSE(is_stream("GET", ""));
  EXPECT_FALSE(is_stream("GET", "?/api/v1/events"));
}

}  // namespace
}  // namespace saylau::server
