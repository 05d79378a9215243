// The status line and headers of an answer, written as text (what Boost.Beast's serializer
// wrote for the same response, byte for byte: response_head_test compares them), so that the
// session sends the head and a shared body with one gathered write and no copy of the body.
// Pure function, thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "api.h"

namespace saylau::server {

// Appends to `out` the head of `response` for a client of HTTP `version` (Beast's numbering: 11
// is HTTP/1.1): the status line, Server, Content-Type, Cache-Control, Access-Control-Allow-Origin,
// ETag and Vary (when it has an ETag), Content-Encoding, Allow, Retry-After (503), Connection
// (close when not `keep_alive` from HTTP/1.1 on, keep-alive when kept before it), Content-Length
// (`body_size`, also on 204 and 304), then the blank line.
void AppendResponseHead(std::string& out, unsigned version, const HttpResponse& response, bool keep_alive,
                        std::size_t body_size);

}  // namespace saylau::server
