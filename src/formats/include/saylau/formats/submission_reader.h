// Reading protocols and turnout reports from a file, one at a time: CSV (a header naming the
// columns) or JSON Lines (one object per line). Formats: docs/protocol-format.md. A row that
// cannot be read as a whole (wrong number of fields, a value that is not a whole number, a
// line that is not JSON) still becomes a submission, carrying what was unreadable, so it is
// stored as rejected and never dropped. Only a file that is not such a file at all (no
// header, unknown columns in a turnout file) is an error. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "saylau/base/result.h"
#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"

namespace saylau::formats {

using Submission = std::variant<core::ProtocolSubmission, core::TurnoutSubmission>;

class SubmissionReader {
 public:
  virtual ~SubmissionReader() = default;
  // Reads the next submission into `out`; false at the end. Errors: kInvalidArgument
  // "file:line: ..." when the file cannot be read on (a broken quote).
  virtual Result<bool> Next(Submission& out) = 0;
  virtual std::size_t position() const = 0;  // bytes read, for progress
  virtual std::size_t size() const = 0;
  // Whether the reader can go on over a next piece of the file (ContinueWith), so that a file
  // need not be in memory whole (submission_file.h): CSV and JSON Lines of submissions can;
  // the open data's readers, which group rows into protocols, cannot.
  virtual bool CanContinue() const { return false; }
  // The text goes on with `more`, once Next returned false at the end of the text so far (which
  // ended after a whole record); line numbers continue. Only when CanContinue().
  virtual void ContinueWith(std::string_view /*more*/) {}
};

// `text` must outlive the reader. The kind is chosen by the file name (".jsonl", ".ndjson")
// or, failing that, by the first character ('{' = JSON Lines): ReadsAsJsonLines.
Result<std::unique_ptr<SubmissionReader>> OpenSubmissions(std::string_view text, const std::string& file_name);
bool ReadsAsJsonLines(std::string_view text, const std::string& file_name);

// One protocol or turnout report as a JSON object (a line of a JSON Lines file, or the body
// of a signed submission); a "time" field makes it a turnout report. Values that are not whole
// numbers become `unreadable` (so the submission is rejected under readable-lines). Errors:
// kInvalidArgument when the text is not a JSON object.
Result<Submission> ParseSubmissionJson(std::string_view text, const std::string& origin);

// Parses a non-negative or negative whole number ("-12" is read so the non-negative rule can
// name it). nullopt when the text is not a whole number within 64 bits.
std::optional<std::int64_t> ParseInteger(std::string_view text);

}  // namespace saylau::formats
