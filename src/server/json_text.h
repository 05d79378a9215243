// JSON text for the wire: every JSON the server writes goes through DumpJson, which cannot
// throw. A string that is not valid UTF-8 (a station name stored before init checked them, a
// byte from a request echoed in an error) has its bad bytes replaced by U+FFFD instead of
// ending the process. The boundary refuses such input first; this is the last line of defence.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace saylau::server {

inline std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace saylau::server
