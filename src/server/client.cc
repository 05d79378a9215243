// The blocking HTTP client (Boost.Beast) that saylau submit, certify and witness use.
#include "saylau/server/client.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "net.h"

namespace saylau::server {
namespace {

class BeastClient : public HttpClient {
 public:
  BeastClient(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)), stream_(io_) {}

  Status Open() {
    beast::error_code error;
    tcp::resolver resolver(io_);
    const auto endpoints = resolver.resolve(host_, port_, error);
    if (!error) stream_.connect(endpoints, error);
    if (error) return Unavailable("cannot connect to " + host_ + ":" + port_ + ": " + error.message());
    return {};
  }

  Result<ClientResponse> Request(const std::string& method, const std::string& target, const std::string& body,
                                 const std::string& content_type, const RequestHeaders& headers) override {
    for (int attempt = 0; attempt < 2; ++attempt) {
      http::request<http::string_body> request(http::string_to_verb(method), target, 11);
      request.set(http::field::host, host_);
      request.set(http::field::user_agent, "saylau");
      for (const auto& [name, value] : headers) request.set(name, value);
      if (!body.empty() || method == "POST") {
        request.set(http::field::content_type, content_type);
        request.body() = body;
      }
      request.keep_alive(true);
      request.prepare_payload();
      beast::error_code error;
      http::write(stream_, request, error);
      http::response_parser<http::string_body> parser;
      parser.body_limit(256 << 20);
      if (!error) http::read(stream_, buffer_, parser, error);
      if (!error) {
        const auto& response = parser.get();
        return ClientResponse{response.result_int(), response.body(), std::string(response[http::field::content_type]),
                              std::string(response[http::field::etag]),
                              std::string(response[http::field::content_encoding])};
      }
      // The server may have closed a kept-alive connection: reconnect once.
      stream_.close();
      buffer_.clear();
      if (Status ok = Open(); !ok) return ok.error();
      if (attempt == 1) return Unavailable("request to " + host_ + ":" + port_ + " failed: " + error.message());
    }
    return Unavailable("request failed");
  }

 private:
  std::string host_, port_;
  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

}  // namespace

std::string QueryEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<std::int64_t> LastKeySeq(HttpClient& client, const std::string& key_base64) {
  Result<ClientResponse> response = client.Request("GET", "/api/v1/keys/last-seq?key=" + QueryEscape(key_base64), "");
  if (!response) return response.error();
  const nlohmann::json body = nlohmann::json::parse(response->body, nullptr, false);
  if (response->status != 200 || !body.is_object() || !body.contains("last_seq") ||
      !body["last_seq"].is_number_integer()) {
    return Unavailable("the server did not tell the key's last sequence number (HTTP " +
                       std::to_string(response->status) + ")");
  }
  return body["last_seq"].get<std::int64_t>();
}

Result<std::unique_ptr<HttpClient>> HttpClient::Connect(const std::string& url) {
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) return InvalidArgument("'" + url + "' is not an http:// URL (http://HOST:PORT)");
  std::string rest = url.substr(prefix.size());
  rest = rest.substr(0, rest.find('/'));
  const std::size_t colon = rest.rfind(':');
  const std::string host = colon == std::string::npos ? rest : rest.substr(0, colon);
  const std::string port = colon == std::string::npos ? "80" : rest.substr(colon + 1);
  if (host.empty()) return InvalidArgument("'" + url + "' names no host");
  auto client = std::make_unique<BeastClient>(host, port);
  if (Status ok = client->Open(); !ok) return ok.error();
  return std::unique_ptr<HttpClient>(std::move(client));
}

}  // namespace saylau::server
