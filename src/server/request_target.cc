#include "request_target.h"

#include <boost/url.hpp>
#include <fmt/format.h>

namespace saylau::server {
namespace {

bool HasControl(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

// What is wrong with decoded text from a request, or empty when it is clean.
std::string Unclean(std::string_view text) {
  if (!IsValidUtf8(text)) return "is not valid UTF-8 (percent-escapes must encode UTF-8 text)";
  if (HasControl(text)) return "holds a control character";
  return {};
}

// Why Boost.URL refused `target`: the first query parameter it cannot parse, or the path.
Error Refusal(std::string_view target) {
  const std::size_t question = target.find('?');
  if (question != std::string_view::npos) {
    std::string_view rest = target.substr(question + 1);
    while (true) {
      const std::size_t amp = rest.find('&');
      const std::string_view piece = rest.substr(0, amp);
      if (!boost::urls::parse_query(piece)) {
        return InvalidArgument(fmt::format(
            "query parameter '{}' has a bad percent-escape or a character a URL may not hold (send %XX with two "
            "hex digits, UTF-8 text)",
            Printable(piece.substr(0, piece.find('=')))));
      }
      if (amp == std::string_view::npos) break;
      rest = rest.substr(amp + 1);
    }
  }
  return InvalidArgument(fmt::format(
      "the request path '{}' is not a URL path (a bad percent-escape, or a character a URL may not hold)",
      Printable(target.substr(0, question))));
}

}  // namespace

std::string Query::Value(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return value;
  }
  return {};
}

Result<RequestTarget> ParseRequestTarget(std::string_view target) {
  const auto url = boost::urls::parse_origin_form(boost::urls::string_view(target.data(), target.size()));
  if (!url) return Refusal(target);
  RequestTarget out;
  out.path = url->path();
  if (const std::string why = Unclean(out.path); !why.empty()) {
    return InvalidArgument("the request path '" + Printable(out.path) + "' " + why);
  }
  std::vector<std::pair<std::string, std::string>> params;
  for (const boost::urls::param& param : url->params()) {
    for (const std::string* text : {&param.key, &param.value}) {
      if (const std::string why = Unclean(*text); !why.empty()) {
        return InvalidArgument("query parameter '" + Printable(param.key) + "' " + why);
      }
    }
    params.emplace_back(param.key, param.value);
  }
  out.query = Query(std::move(params));
  return out;
}

std::string Printable(std::string_view text, std::size_t limit) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

}  // namespace saylau::server
