// The request target (path and query) as the HTTP session received it, parsed with Boost.URL
// (origin-form, RFC 9112 3.2.1) and checked before any route sees it: a malformed target or
// percent-escape, a decoded path or parameter that is not valid UTF-8 or holds a control
// character, is refused with a message naming the parameter. Pure functions, any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/base/text.h"  // IsValidUtf8

namespace saylau::server {

// The decoded query parameters, in order; "+" is a space.
class Query {
 public:
  Query() = default;
  explicit Query(std::vector<std::pair<std::string, std::string>> params) : params_(std::move(params)) {}
  // The value of the first parameter called `name`; empty when there is none.
  std::string Value(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& params() const { return params_; }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

struct RequestTarget {
  std::string path;  // decoded, starts with "/"
  Query query;
};

// Errors: kInvalidArgument naming what is wrong (the parameter, for a bad escape in a query).
Result<RequestTarget> ParseRequestTarget(std::string_view target);

// `text` for a message: printable ASCII kept, every other byte as %XX, at most `limit` bytes.
std::string Printable(std::string_view text, std::size_t limit = 80);

}  // namespace saylau::server
