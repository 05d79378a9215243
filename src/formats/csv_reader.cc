// CsvReader: a small state machine over one record at a time.
#include "saylau/formats/csv_reader.h"

#include <algorithm>

#include "saylau/base/text.h"

namespace saylau::formats {

CsvReader::CsvReader(std::string_view text, std::string file_name) : text_(text), file_name_(std::move(file_name)) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") position_ = 3;
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  std::size_t used = 0;  // fields of `record` in use; their strings keep their capacity
  const auto field = [&]() -> std::string& {
    if (used == record.fields.size()) record.fields.emplace_back();
    std::string& out = record.fields[used++];
    out.clear();
    return out;
  };
  while (position_ < text_.size()) {
    // Skip blank lines.
    if (text_[position_] == '\n') {
      ++position_;
      ++line_;
      continue;
    }
    if (text_[position_] == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n') {
      position_ += 2;
      ++line_;
      continue;
    }
    record.line = line_;
    std::string* current = &field();
    bool after_quote = false;
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c == ',') {
        ++position_;
        current = &field();
        after_quote = false;
      } else if (c == '\n' || (c == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n')) {
        position_ += c == '\n' ? 1 : 2;
        ++line_;
        break;
      } else if (c == '"' && current->empty() && !after_quote) {
        ++position_;
        const int start_line = line_;
        while (true) {
          if (position_ >= text_.size()) {
            return InvalidArgument(EscapeText(file_name_) + ":" + std::to_string(start_line) +
                                   ": a quoted field is never closed");
          }
          const char q = text_[position_++];
          if (q == '"') {
            if (position_ < text_.size() && text_[position_] == '"') {
              *current += '"';
              ++position_;
            } else {
              break;
            }
          } else {
            if (q == '\n') ++line_;
            *current += q;
          }
        }
        after_quote = true;
      } else if (after_quote) {
        return InvalidArgument(EscapeText(file_name_) + ":" + std::to_string(line_) +
                               ": text after a closing quote (a quote inside a quoted field is written \"\")");
      } else {
        // Copy a run of ordinary characters at once.
        std::size_t end = position_;
        while (end < text_.size() && text_[end] != ',' && text_[end] != '\n' && text_[end] != '\r' &&
               text_[end] != '"') {
          ++end;
        }
        if (end == position_) end = position_ + 1;  // a lone '\r' or a '"' inside a field
        current->append(text_.data() + position_, end - position_);
        position_ = end;
      }
    }
    record.fields.resize(used);
    return true;
  }
  record.fields.clear();
  return false;
}

Result<bool> CsvReader::NextViews(std::vector<std::string_view>& fields, int& line) {
  fields.clear();
  // Fast path: a record without quotes is sliced in place.
  while (position_ < text_.size() && (text_[position_] == '\n' || text_[position_] == '\r')) {
    if (text_[position_] == '\n') ++line_;
    ++position_;
  }
  if (position_ >= text_.size()) return false;
  std::size_t end = text_.find('\n', position_);
  if (end == std::string_view::npos) end = text_.size();
  std::string_view record = text_.substr(position_, end - position_);
  if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
  if (record.find('"') == std::string_view::npos) {
    line = line_;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = record.find(',', start);
      if (comma == std::string_view::npos) {
        fields.push_back(record.substr(start));
        break;
      }
      fields.push_back(record.substr(start, comma - start));
      start = comma + 1;
    }
    position_ = std::min(end + 1, text_.size());  // no newline after the last record
    ++line_;
    return true;
  }
  // Quotes: the general reader, then views of its copies.
  CsvRecord copy;
  Result<bool> got = Next(copy);
  if (!got || !*got) return got;
  line = copy.line;
  unquoted_ = std::move(copy.fields);
  for (const std::string& field : unquoted_) fields.push_back(field);
  return true;
}

}  // namespace saylau::formats
