// OpenSubmissionFile: a SubmissionReader over a file read in pieces cut after whole records.
#include "saylau/formats/submission_file.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace saylau::formats {

std::size_t CsvWholeRecordsEnd(std::string_view text) {
  if (text.find('"') == std::string_view::npos) {
    // No quote (the usual piece): every line feed ends a record or a blank line.
    const std::size_t last = text.rfind('\n');
    return last == std::string_view::npos ? 0 : last + 1;
  }
  // CsvReader's states: inside a quoted field; the field so far empty (a quote there opens a
  // quoted field, elsewhere it is a character); just after a closing quote (only a comma or a
  // line break may follow); at a record's start (NextViews skips line breaks and lone '\r').
  bool quoted = false, field_empty = true, after_quote = false, record_start = true;
  std::size_t end = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (quoted) {
      if (c != '"') continue;
      if (at + 1 == text.size()) break;  // a doubled quote or the closing one: not known yet
      if (text[at + 1] == '"') {
        ++at;
      } else {
        quoted = false;
        after_quote = true;
      }
      continue;
    }
    if (record_start && (c == '\n' || c == '\r')) {
      if (c == '\n') end = at + 1;
      continue;
    }
    record_start = false;
    if (c == ',') {
      field_empty = true;
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r') {
        if (at + 1 == text.size()) break;
        if (text[at + 1] != '\n') {
          if (after_quote) break;  // CsvReader refuses the record
          field_empty = false;
          continue;
        }
        ++at;
      }
      end = at + 1;
      field_empty = true;
      after_quote = false;
      record_start = true;
    } else if (after_quote) {
      break;  // text after a closing quote: CsvReader refuses the record
    } else if (c == '"' && field_empty) {
      quoted = true;
    } else {
      field_empty = false;
    }
  }
  return end;
}

namespace {

// The end of the last whole JSON Lines line in `text`: a line break ends every line.
std::size_t JsonLinesEnd(std::string_view text) {
  const std::size_t last = text.rfind('\n');
  return last == std::string_view::npos ? 0 : last + 1;
}

class SubmissionFile : public SubmissionReader {
 public:
  SubmissionFile(std::FILE* file, std::string name, std::size_t piece_bytes, std::size_t file_bytes)
      : file_(file), name_(std::move(name)), piece_bytes_(std::max<std::size_t>(piece_bytes, 1)), size_(file_bytes) {}
  ~SubmissionFile() override {
    if (file_ != nullptr) std::fclose(file_);
  }
  SubmissionFile(const SubmissionFile&) = delete;
  SubmissionFile& operator=(const SubmissionFile&) = delete;

  Status Open() {
    // The first piece holds the first non-blank line whole, so that the kind of file (JSON
    // Lines or CSV, the open data's header) is told as from the whole text.
    if (Status ok = ReadOn(/*first=*/true); !ok) return ok;
    Result<std::unique_ptr<SubmissionReader>> reader = OpenSubmissions(Piece(), name_);
    if (!reader) return reader.error();
    reader_ = std::move(*reader);
    if (!done_ && !reader_->CanContinue()) {
      // The open data: read whole, as before.
      while (!done_) {
        if (Status ok = ReadMore(); !ok) return ok;
      }
      end_ = buffer_.size();
      reader = OpenSubmissions(Piece(), name_);
      if (!reader) return reader.error();
      reader_ = std::move(*reader);
    }
    return {};
  }

  Result<bool> Next(Submission& out) override {
    while (true) {
      Result<bool> got = reader_->Next(out);
      if (!got || *got) return got;
      if (done_ && end_ == buffer_.size()) return false;
      // The piece is read: what follows its last whole record starts the next one.
      before_ += end_;
      buffer_.erase(0, end_);
      end_ = 0;
      if (Status ok = ReadOn(/*first=*/false); !ok) return ok.error();
      reader_->ContinueWith(Piece());
    }
  }

  std::size_t position() const override { return before_ + reader_->position(); }
  std::size_t size() const override { return std::max(size_, before_ + buffer_.size()); }

 private:
  std::string_view Piece() const { return std::string_view(buffer_).substr(0, end_); }

  // Reads on until the buffer holds a whole record past what it held (end_ set after the last
  // one) or the file ends (end_ = everything).
  Status ReadOn(bool first) {
    while (true) {
      if (done_) {
        end_ = buffer_.size();
        return {};
      }
      if (Status ok = ReadMore(); !ok) return ok;
      std::string_view text(buffer_);
      std::size_t skip = 0;  // the byte-order mark, which CsvReader skips
      if (first && before_ == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") skip = 3;
      if (first) json_lines_ = ReadsAsJsonLines(text, name_);  // told from the file's start
      std::size_t end = json_lines_ ? JsonLinesEnd(text) : skip + CsvWholeRecordsEnd(text.substr(skip));
      if (first) {
        // The first piece ends after the first non-blank line (the header, or a JSON object).
        const std::size_t content = text.find_first_not_of(" \t\r\n", skip);
        if (content == std::string_view::npos || end <= content) end = 0;
      }
      if (end > 0) {
        end_ = end;
        return {};
      }
    }
  }

  // Appends the next piece of the file; done_ at its end.
  Status ReadMore() {
    const std::size_t had = buffer_.size();
    buffer_.resize(had + piece_bytes_);
    const std::size_t got = std::fread(buffer_.data() + had, 1, piece_bytes_, file_);
    buffer_.resize(had + got);
    if (got < piece_bytes_) {
      if (std::ferror(file_)) return Unavailable(name_ + ": reading the file failed");
      done_ = true;
    }
    return {};
  }

  std::FILE* file_;
  std::string name_;
  std::size_t piece_bytes_, size_;
  std::string buffer_;     // the piece being read and the start of the next
  std::size_t end_ = 0;    // the reader's text: buffer_[0, end_), whole records
  std::size_t before_ = 0; // bytes of the file before buffer_
  bool done_ = false;      // the file is read to its end
  bool json_lines_ = false;  // JSON Lines (a line break ends every record), else CSV
  std::unique_ptr<SubmissionReader> reader_;
};

}  // namespace

Result<std::unique_ptr<SubmissionReader>> OpenSubmissionFile(const std::string& path, std::size_t piece_bytes,
                                                             const std::string& name) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return NotFound(path + ": cannot read the file");
  std::error_code error;
  const std::uintmax_t bytes = std::filesystem::file_size(path, error);
  auto reader = std::make_unique<SubmissionFile>(file, name.empty() ? path : name, piece_bytes,
                                                 error ? 0 : static_cast<std::size_t>(bytes));
  if (Status ok = reader->Open(); !ok) return ok.error();
  return std::unique_ptr<SubmissionReader>(std::move(reader));
}

}  // namespace saylau::formats
