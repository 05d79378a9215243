// GzipPieces: a .gz data file uncompressed on a thread of its own, in pieces cut after whole
// CSV records, each checked for UTF-8 on that thread, while the caller reads the rows of the
// pieces before it (issue 22: the import had one busy core of two).
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "import_internal.h"
#include "saylau/base/text.h"
#include "saylau/formats/submission_file.h"

namespace saylau::importer::internal {
std::size_t GzipSizeHint(const std::string& path) {
  std::error_code error;
  const std::uintmax_t compressed = std::filesystem::file_size(path, error);
  if (error || compressed < 18) return 0;
  std::ifstream file(path, std::ios::binary);
  file.seekg(-4, std::ios::end);
  unsigned char trailer[4] = {};
  if (!file.read(reinterpret_cast<char*>(trailer), 4)) return 0;
  const std::uint32_t size = static_cast<std::uint32_t>(trailer[0]) | static_cast<std::uint32_t>(trailer[1]) << 8 |
                             static_cast<std::uint32_t>(trailer[2]) << 16 |
                             static_cast<std::uint32_t>(trailer[3]) << 24;
  if (size < compressed || size > compressed * 64) return 0;
  return size;
}

Error EncodingError(const TextProblem& problem, std::size_t file_offset, std::size_t line, std::string_view window,
                    const std::string& data_name) {
  const std::optional<TextProblem> in_line = CheckText(window, TextRule::kMultiline);
  std::string message = data_name + ":" + std::to_string(line) + ": " + (in_line ? in_line->message : problem.message) +
                        " of the line, byte " + std::to_string(file_offset + 1) + " of the file";
  if (problem.encoding) message += "; the data must be UTF-8: " + std::string(kUtf8Hint);
  return InvalidArgument(std::move(message));
}

Result<std::unique_ptr<GzipPieces>> GzipPieces::Open(const std::string& path, std::size_t piece_bytes) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return NotFound(path + ": cannot be read");
  gzbuffer(file, 1 << 17);
  auto pieces = std::unique_ptr<GzipPieces>(new GzipPieces(path, piece_bytes, GzipSizeHint(path)));
  pieces->thread_ = std::thread([raw = pieces.get(), file] { raw->Run(file); });
  return pieces;
}

GzipPieces::~GzipPieces() {
  if (thread_.joinable()) thread_.join();
}

std::optional<std::string_view> GzipPieces::Next() {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return given_ < pieces_.size() || done_; });
  // The pieces before are read: their memory goes back once checked clean (a message may quote
  // a piece only from the first problem on), so that the text is never held whole.
  for (; released_ < std::min(given_, checked_) && !problem_found_; ++released_) {
    std::string().swap(pieces_[released_]);
  }
  if (given_ == pieces_.size()) return std::nullopt;
  return std::string_view(pieces_[given_++]);
}

Status GzipPieces::Finish() {
  if (thread_.joinable()) thread_.join();
  if (failure_) return *failure_;
  if (!problem_) return {};
  // The line of the problem and its text up to 4 bytes past it (which may be in the next pieces).
  const std::string_view piece = pieces_[problem_piece_];
  const std::size_t at = problem_->offset;
  const std::string_view before = piece.substr(0, at);
  const std::size_t line =
      1 + lines_before_[problem_piece_] + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  std::string window(piece.substr(line_start, at - line_start));
  std::size_t wanted = 4;
  for (std::size_t p = problem_piece_, from = at; p < pieces_.size() && wanted > 0; ++p, from = 0) {
    const std::string_view taken = std::string_view(pieces_[p]).substr(from, wanted);
    window += taken;
    wanted -= taken.size();
  }
  return EncodingError(*problem_, offsets_[problem_piece_] + at, line, window, name_);
}

// Appends up to `bytes` of uncompressed text; `end` at the end of the stream. False (with
// failure_ set) when the file is not gzip or is cut short, as ReadDataFile says it.
bool GzipPieces::ReadMore(gzFile_s* file, std::size_t bytes, std::string& buffer, bool& end) {
  const std::size_t had = buffer.size();
  bytes = std::min<std::size_t>(bytes, 1 << 30);
  buffer.resize(had + bytes);
  const int read = gzread(file, buffer.data() + had, static_cast<unsigned>(bytes));
  buffer.resize(had + static_cast<std::size_t>(std::max(read, 0)));
  if (read < 0) {
    int code = 0;
    failure_ = InvalidArgument(name_ + ": not a readable gzip file (" + gzerror(file, &code) + ")");
    return false;
  }
  if (read == 0) {
    int code = Z_OK;
    gzerror(file, &code);
    if (code == Z_BUF_ERROR || !gzeof(file)) {  // as ReadDataFile: stopped before the stream's end
      failure_ = InvalidArgument(name_ + ": the gzip stream ends early");
      return false;
    }
    end = true;
  }
  return true;
}

void GzipPieces::Run(gzFile_s* file) {
  std::string buffer;      // the text not yet given out: the next piece and the start of the one after
  std::size_t offset = 0;  // of buffer[0] in the text
  std::size_t lines = 0;   // line feeds before buffer[0]
  bool end = false, first = true;
  while (true) {
    // Reads on until the buffer holds a whole record (the first piece: the first non-blank
    // line, the header, whole) or the stream ends (then the piece is the rest).
    std::size_t cut = 0;
    while (cut == 0) {
      // A record longer than a piece (or a quote left open) doubles what is read, so that the
      // scan for a record's end stays linear.
      if (!end && !ReadMore(file, std::max(piece_bytes_, buffer.size()), buffer, end)) break;
      if (end) {
        cut = buffer.size();
        break;
      }
      const std::string_view text(buffer);
      const std::size_t skip = first && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // CsvReader skips it
      cut = skip + formats::CsvWholeRecordsEnd(text.substr(skip));
      const std::size_t content = text.find_first_not_of(" \t\r\n", skip);
      if (first && (content == std::string_view::npos || cut <= content)) cut = 0;
    }
    if (failure_ || cut == 0) break;
    std::string_view piece;
    std::size_t index = 0;
    {
      const std::lock_guard lock(mutex_);
      // The buffer becomes the piece (its text not copied); what follows the cut starts the next.
      std::string rest = buffer.substr(cut);
      buffer.resize(cut);
      pieces_.push_back(std::move(buffer));
      buffer = std::move(rest);
      offsets_.push_back(offset);
      lines_before_.push_back(lines);
      piece = pieces_.back();  // a deque's elements stay where they are
      index = pieces_.size() - 1;
    }
    ready_.notify_one();
    offset += cut;
    first = false;
    if (!problem_) {
      problem_ = CheckText(piece, TextRule::kMultiline);
      problem_piece_ = index;
      lines += static_cast<std::size_t>(std::count(piece.begin(), piece.end(), '\n'));
      const std::lock_guard lock(mutex_);
      checked_ = index + 1;
      problem_found_ = problem_.has_value();
    }
    if (end && buffer.empty()) break;
  }
  gzclose(file);
  {
    const std::lock_guard lock(mutex_);
    done_ = true;
  }
  ready_.notify_one();
}

}  // namespace saylau::importer::internal
