// RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a
// UTF-8 byte-order mark is skipped. Each record remembers the line it starts on, for
// messages. Pure function over the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::formats {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Splits `text` into records; blank lines are skipped.
// Errors: kInvalidArgument "file:line: ..." for an unterminated quote or text after a
// closing quote.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& file_name);

// Reads a whole file. Errors: kNotFound when it cannot be read.
Result<std::string> ReadFile(const std::string& path);

// One field for a CSV line (RFC 4180): quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& text);

}  // namespace saylau::formats
