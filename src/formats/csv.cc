#include "saylau/formats/csv.h"

#include "saylau/formats/csv_reader.h"

#include <fstream>
#include <sstream>

namespace saylau::formats {

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& file_name) {
  CsvReader reader(text, file_name);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (true) {
    Result<bool> more = reader.Next(record);
    if (!more) return more.error();
    if (!*more) return records;
    records.push_back(record);
  }
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace saylau::formats
