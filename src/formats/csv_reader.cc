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
  // One pass over the record's bytes: a comma ends a field, the line feed the record (a '\r'
  // just before it is dropped); a quote anywhere sends the record to the general reader. Most
  // fields of a protocol row are a few bytes or empty, so this beats a search per field.
  const char* const begin = text_.data();
  const char* const stop = begin + text_.size();
  const char* field_start = begin + position_;
  const char* at = field_start;
  bool quoted = false;
  for (; at != stop; ++at) {
    const char c = *at;
    if (c == ',') {
      fields.emplace_back(field_start, static_cast<std::size_t>(at - field_start));
      field_start = at + 1;
    } else if (c == '\n') {
      break;
    } else if (c == '"') {
      quoted = true;
      break;
    }
  }
  if (!quoted) {
    const char* field_end = at;
    if (field_end != field_start && field_end[-1] == '\r') --field_end;
    fields.emplace_back(field_start, static_cast<std::size_t>(field_end - field_start));
    line = line_;
    position_ = std::min(static_cast<std::size_t>(at - begin) + 1, text_.size());  // no newline after the last record
    ++line_;
    return true;
  }
  fields.clear();
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
