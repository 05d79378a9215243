// An answer's status line and headers as text (response_head.h).
#include "response_head.h"

#include <charconv>

#include "net.h"

namespace saylau::server {
namespace {

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

void AppendNumber(std::string& out, std::size_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

}  // namespace

void AppendResponseHead(std::string& out, unsigned version, const HttpResponse& response, bool keep_alive,
                        std::size_t body_size) {
  out += "HTTP/";
  out += static_cast<char>('0' + version / 10 % 10);
  out += '.';
  out += static_cast<char>('0' + version % 10);
  out += ' ';
  AppendNumber(out, response.status);
  out += ' ';
  out += http::obsolete_reason(static_cast<http::status>(response.status));
  out += "\r\n";
  AppendField(out, "Server", "saylau");
  AppendField(out, "Content-Type", response.content_type);
  AppendField(out, "Cache-Control", response.cache_control);
  AppendField(out, "Access-Control-Allow-Origin", "*");
  if (!response.etag.empty()) {
    AppendField(out, "ETag", response.etag);
    AppendField(out, "Vary", "Accept-Encoding");
  }
  if (!response.content_encoding.empty()) AppendField(out, "Content-Encoding", response.content_encoding);
  if (!response.allow.empty()) AppendField(out, "Allow", response.allow);
  if (response.status == 503) AppendField(out, "Retry-After", "1");
  if (version < 11 && keep_alive) AppendField(out, "Connection", "keep-alive");
  if (version >= 11 && !keep_alive) AppendField(out, "Connection", "close");
  out += "Content-Length: ";  // on 204 and 304 too (0), as Beast 1.81's prepare_payload wrote it
  AppendNumber(out, body_size);
  out += "\r\n\r\n";
}

}  // namespace saylau::server
