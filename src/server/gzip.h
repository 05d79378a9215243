// gzip (RFC 1952) compression of response bodies with zlib, and the strong ETag of a body.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace saylau::server {

std::string Gzip(std::string_view bytes);
// "\"<16 hex digits>\"": a 64-bit FNV-1a hash of the bytes, quoted as an entity tag.
std::string EntityTag(std::string_view bytes);
// Whether an Accept-Encoding header value admits gzip ("gzip", "gzip, br", "*"; not "gzip;q=0").
bool AcceptsGzip(std::string_view accept_encoding);
// Whether an If-None-Match header value matches `etag` (a list, or "*").
bool MatchesEntityTag(std::string_view if_none_match, std::string_view etag);

}  // namespace saylau::server
