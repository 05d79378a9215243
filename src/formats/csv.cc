#include "saylau/formats/csv.h"

#include <fstream>
#include <sstream>

namespace saylau::formats {

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& file_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  bool in_quotes = false;
  bool after_quote = false;  // a quoted field just closed
  bool record_has_content = false;
  const auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  const auto end_record = [&] {
    end_field();
    if (record_has_content) records.push_back(std::move(record));
    record = CsvRecord{};
    record_has_content = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      record_has_content = true;
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the record
    } else if (c == '\n') {
      end_record();
      ++line;
      record.line = line;
    } else if (c == '"' && field.empty() && !after_quote) {
      in_quotes = true;
      record_has_content = true;
    } else if (after_quote) {
      return InvalidArgument(file_name + ":" + std::to_string(line) +
                             ": text after a closing quote (a quote inside a quoted field is written \"\")");
    } else {
      field += c;
      record_has_content = true;
    }
  }
  if (in_quotes) {
    return InvalidArgument(file_name + ":" + std::to_string(record.line) + ": a quoted field is never closed");
  }
  if (record_has_content || !field.empty()) end_record();
  return records;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace saylau::formats
