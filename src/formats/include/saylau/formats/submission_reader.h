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
};

// `text` must outlive the reader. The kind is chosen by the file name (".jsonl", ".ndjson")
// or, failing that, by the first character ('{' = JSON Lines).
Result<std::unique_ptr<SubmissionReader>> OpenSubmissions(std::string_view text, const std::string& file_name);

// One protocol or turnout report as a JSON object (a line of a JSON Lines file, or the body
// of a signed submission); a "time" field makes it a turnout report. Values that are not whole
// numbers become `unreadable` (so the submission is rejected under readable-lines). Errors:
// kInvalidArgument when the text is not a JSON object.
Result<Submission> ParseSubmissionJson(std::string_view text, const std::string& origin);

// Parses a non-negative or negative whole number ("-12" is read so the non-negative rule can
// name it). nullopt when the text is not a whole number within 64 bits.
std::optional<std::int64_t> ParseInteger(std::string_view text);

}  // namespace saylau::formats
