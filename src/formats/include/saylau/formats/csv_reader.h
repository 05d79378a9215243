// Streaming RFC 4180 CSV: one record at a time over text in memory, reusing the record's
// storage so large files (hundreds of megabytes of protocols) parse without a copy per field.
// Quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a UTF-8 byte-order
// mark is skipped; blank lines are skipped. Not thread-safe; one reader per text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/formats/csv.h"

namespace saylau::formats {

class CsvReader {
 public:
  // `text` must outlive the reader.
  CsvReader(std::string_view text, std::string file_name);

  // Reads the next record into `record` (fields replaced). Returns false at the end of the
  // text; errors: kInvalidArgument "file:line: ..." for an unterminated quote or text after a
  // closing quote.
  Result<bool> Next(CsvRecord& record);

  // The same, without copying: unquoted fields view the text; quoted ones (with their quotes
  // undone) view storage owned by the reader, valid until the next call.
  Result<bool> NextViews(std::vector<std::string_view>& fields, int& line);

  // The text goes on with `more` (a file read in pieces): the reader must have consumed its
  // text to the end, which ended after a whole record; line numbers continue. `more` must
  // outlive the reader's use of it.
  void Continue(std::string_view more) {
    text_ = more;
    position_ = 0;
  }

  // Bytes consumed so far and in total, for progress.
  std::size_t position() const { return position_; }
  std::size_t size() const { return text_.size(); }
  const std::string& file_name() const { return file_name_; }

 private:
  std::string_view text_;
  std::string file_name_;
  std::size_t position_ = 0;
  int line_ = 1;
  std::vector<std::string> unquoted_;  // storage for quoted fields of the current record
};

}  // namespace saylau::formats
