// Internal to the importer: the units read from the data, before they have ids, and the steps
// of BuildImport that live in their own files (ids in unit_ids.cc, the definition's TOML in
// definition_writer.cc, a .gz file read in pieces in data_pieces.cc).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/base/text.h"
#include "saylau/formats/diagnostics.h"
#include "saylau/importer/mapping.h"

struct gzFile_s;  // zlib's

namespace saylau::importer::internal {

// A unit named by the data: a commission of some level, or (the last level) a station.
struct DataUnit {
  int level = 0;
  int parent = -1;   // index in the units, -1 under the root
  std::string text;  // as in the data: its name
  int line = 0;      // where the data first names it
  std::string id;    // made by AssignUnitIds
};

// An option column of the data.
struct OptionColumn {
  int column = 0;
  std::string header;  // the candidate's or party's name
  std::string id;
};

// Gives every unit its id under the levels' schemes (counters padded to one width per level,
// slugs made unique in their scope with -2, -3, ...). Problems go to `problems` with the line
// where the data names the unit.
void AssignUnitIds(const ImportMapping& mapping, const std::string& data_name, std::vector<DataUnit>& units,
                   formats::Diagnostics& problems);

// The definition's TOML: [election] and [root] as in the mapping, its [[forms]], and the
// contest with `unit`, `form` and the options (candidates, or parties for a party list).
Result<std::string> WriteDefinition(const ImportMapping& mapping, const std::vector<OptionColumn>& options);

// The uncompressed size a gzip file's trailer gives (modulo 2^32, of its last member), when
// it is plausible (between the compressed size and 64 times it); else 0. A hint only.
std::size_t GzipSizeHint(const std::string& path);

// The error for text that is not UTF-8 or holds a control character: "NAME:LINE: <the problem
// within the line> of the line, byte B of the file[; the data must be UTF-8: iconv hint]".
// `problem` is CheckText's (kMultiline) for the text, found at byte `file_offset` of the file
// on line `line`; `window` is that line's text from its start to 4 bytes past the problem.
Error EncodingError(const TextProblem& problem, std::size_t file_offset, std::size_t line, std::string_view window,
                    const std::string& data_name);

// A .gz data file uncompressed on a thread of its own into pieces of about `piece_bytes`, each
// ending after the last whole CSV record in it (CsvWholeRecordsEnd; the first holds the first
// non-blank line whole, the last is whatever is left) and checked for UTF-8 on that thread, so
// that the caller reads the rows of one piece while the next is made. A piece read and checked
// clean is let go at the next call of Next. Next and Finish are for one thread, the caller's.
class GzipPieces {
 public:
  // Errors: kNotFound when the file cannot be opened.
  static Result<std::unique_ptr<GzipPieces>> Open(const std::string& path, std::size_t piece_bytes);
  GzipPieces(const GzipPieces&) = delete;
  GzipPieces& operator=(const GzipPieces&) = delete;
  ~GzipPieces();

  // The next piece, once it is made; nullopt after the last (or when the file failed).
  std::optional<std::string_view> Next();
  // The text's size as the gzip trailer gives it (0 when implausible), for progress.
  std::size_t size_hint() const { return size_hint_; }
  // Waits for the thread. Errors as ReadDataFile's (kInvalidArgument: not gzip, cut short);
  // else the first byte that is not UTF-8 (or a control character) as EncodingError.
  Status Finish();

 private:
  GzipPieces(std::string name, std::size_t piece_bytes, std::size_t size_hint)
      : name_(std::move(name)), piece_bytes_(std::max<std::size_t>(piece_bytes, 1)), size_hint_(size_hint) {}
  void Run(gzFile_s* file);
  bool ReadMore(gzFile_s* file, std::size_t bytes, std::string& buffer, bool& end);

  const std::string name_;
  const std::size_t piece_bytes_, size_hint_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> pieces_;         // under mutex_ while the thread runs
  std::vector<std::size_t> offsets_;       // of each piece in the text
  std::vector<std::size_t> lines_before_;  // line feeds before each piece (up to the first problem)
  std::size_t given_ = 0;                  // pieces Next has given out
  std::size_t checked_ = 0;                // under mutex_: pieces checked for UTF-8
  std::size_t released_ = 0;               // pieces whose memory went back
  bool problem_found_ = false;             // under mutex_: problem_ is set
  bool done_ = false;                      // under mutex_: no piece will follow
  std::optional<Error> failure_;           // the thread's: the gzip stream's
  std::optional<TextProblem> problem_;     // the thread's: the first text problem
  std::size_t problem_piece_ = 0;
};

}  // namespace saylau::importer::internal
