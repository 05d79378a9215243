#include "gzip.h"

#include <fmt/format.h>
#include <zlib.h>

#include <cstdint>

namespace saylau::server {

std::string Gzip(std::string_view bytes) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END ? out : std::string();
}

std::string EntityTag(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  return fmt::format("\"{:016x}\"", hash);
}

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

template <typename Visit>
void ForEachListItem(std::string_view list, Visit visit) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    visit(Trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  bool accepts = false;
  ForEachListItem(accept_encoding, [&](std::string_view item) {
    const std::size_t semicolon = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semicolon));
    if (coding != "gzip" && coding != "*") return;
    const std::string_view parameters = semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
    const bool refused = Trim(parameters) == "q=0" || Trim(parameters) == "q=0.0" || Trim(parameters) == "q=0.000";
    accepts = accepts || !refused;
  });
  return accepts;
}

bool MatchesEntityTag(std::string_view if_none_match, std::string_view etag) {
  bool matches = false;
  ForEachListItem(if_none_match, [&](std::string_view item) {
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    matches = matches || item == "*" || item == etag;
  });
  return matches;
}

}  // namespace saylau::server
