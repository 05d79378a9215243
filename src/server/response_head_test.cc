// The session's hand-written response head against what Boost.Beast's serializer wrote for the
// same response before (the code that built the beast::http::response, kept here as the
// reference): byte for byte, on every combination of status, version, connection, HEAD,
// fields and body size the routes give.
#include "response_head.h"

#include <gtest/gtest.h>

#include <sstream>

#include "net.h"

namespace saylau::server {
namespace {

// The session's former Write, serialised by Beast: head and body.
std::string BeastText(unsigned version, const HttpResponse& out, bool keep_alive, bool head) {
  http::response<http::string_body> response(static_cast<http::status>(out.status), version);
  response.set(http::field::server, "saylau");
  response.set(http::field::content_type, out.content_type);
  response.set(http::field::cache_control, out.cache_control);
  response.set(http::field::access_control_allow_origin, "*");
  if (!out.etag.empty()) {
    response.set(http::field::etag, out.etag);
    response.set(http::field::vary, "Accept-Encoding");
  }
  if (!out.content_encoding.empty()) response.set(http::field::content_encoding, out.content_encoding);
  if (!out.allow.empty()) response.set(http::field::allow, out.allow);
  if (out.status == 503) response.set(http::field::retry_after, "1");
  response.keep_alive(keep_alive);
  response.body() = head ? std::string() : std::string(out.body_view());
  response.prepare_payload();
  std::ostringstream text;
  text << response;
  return text.str();
}

std::string HandText(unsigned version, const HttpResponse& out, bool keep_alive, bool head) {
  const std::string_view body = head ? std::string_view() : out.body_view();
  std::string text;
  AppendResponseHead(text, version, out, keep_alive, body.size());
  text += body;
  return text;
}

TEST(ResponseHeadTest, WritesWhatBeastWroteForEveryKindOfAnswer) {
  const std::string big(16169, 'x');
  int compared = 0;
  for (const unsigned status : {200u, 201u, 202u, 204u, 304u, 400u, 401u, 403u, 404u, 405u, 409u, 413u, 415u, 422u,
                                431u, 500u, 503u, 599u}) {
    const bool bodiless = status == 204 || status == 304;
    for (const unsigned version : {10u, 11u}) {
      for (const bool keep_alive : {true, false}) {
        for (const bool head : {false, true}) {
          for (int fields = 0; fields < 8; ++fields) {
            for (const std::size_t size : {std::size_t{0}, std::size_t{3}, big.size()}) {
              if (bodiless && size != 0) continue;
              HttpResponse out;
              out.status = status;
              if (fields & 1) out.etag = "\"665b9464505cbd1a\"";
              if (fields & 2) out.content_encoding = "gzip";
              if (fields & 4) {
                out.allow = "GET, HEAD";
                out.content_type = "text/plain; version=0.0.4";
                out.cache_control = "public, max-age=31536000, immutable";
              }
              // Half of them with the body shared, as a snapshot's.
              if (size % 2 == 1) {
                out.shared_body = std::make_shared<const std::string>(big.substr(0, size));
              } else {
                out.body = big.substr(0, size);
              }
              EXPECT_EQ(HandText(version, out, keep_alive, head), BeastText(version, out, keep_alive, head))
                  << "status " << status << " version " << version << " keep-alive " << keep_alive << " head " << head
                  << " fields " << fields << " body " << size;
              ++compared;
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(compared, 16 * 2 * 2 * 2 * 8 * 3 + 2 * 2 * 2 * 2 * 8);
}

TEST(ResponseHeadTest, AppendsToWhatIsThere) {
  HttpResponse out;
  out.body = "ok\n";
  std::string text = "before";
  AppendResponseHead(text, 11, out, true, 3);
  EXPECT_EQ(text,
            "beforeHTTP/1.1 200 OK\r\nServer: saylau\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\n"
            "Access-Control-Allow-Origin: *\r\nContent-Length: 3\r\n\r\n");
}

TEST(ResponseHeadTest, SharedBodyIsTheBody) {
  HttpResponse out;
  out.body = "ignored";
  out.shared_body = std::make_shared<const std::string>("{\"a\":1}");
  EXPECT_EQ(out.body_view(), "{\"a\":1}");
  out.shared_body.reset();
  EXPECT_EQ(out.body_view(), "ignored");
}

}  // namespace
}  // namespace saylau::server
