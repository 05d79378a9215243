// A small blocking HTTP/1.1 client (Boost.Beast) for `saylau submit` and the API tests: one
// keep-alive connection, one request at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::server {

struct ClientResponse {
  unsigned status = 0;
  std::string body;  // as sent (still gzip-compressed when content_encoding is "gzip")
  std::string content_type;
  std::string etag;
  std::string content_encoding;
};

using RequestHeaders = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes a query value (RFC 3986 unreserved characters stay); base64 keys hold '+',
// '/' and '=', which must be escaped.
std::string QueryEscape(std::string_view text);

class HttpClient {
 public:
  // `url`: "http://HOST:PORT" (a path after it is ignored). Errors: kInvalidArgument for a
  // URL that is not that; kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<HttpClient>> Connect(const std::string& url);
  virtual ~HttpClient() = default;
  virtual Result<ClientResponse> Request(const std::string& method, const std::string& target, const std::string& body,
                                         const std::string& content_type = "application/json",
                                         const RequestHeaders& headers = {}) = 0;
};

// GET /api/v1/keys/last-seq: the last sequence number the server accepted from the key
// (base64); 0 for none. Errors: the client's, or kUnavailable when the answer is not that.
Result<std::int64_t> LastKeySeq(HttpClient& client, const std::string& key_base64);

}  // namespace saylau::server
