// A file of submissions read in pieces (issue 22: ingest in bounded memory): the file is read
// a few megabytes at a time, each piece cut after the last whole record in it, and one
// SubmissionReader goes on from piece to piece, so that only a piece is in memory and line
// numbers, origins and messages are those of reading the whole file at once. A kind of file
// that cannot be read in pieces (the open data, whose rows group into protocols) is read whole,
// as before. Not thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "saylau/base/result.h"
#include "saylau/formats/submission_reader.h"

namespace saylau::formats {

// Where a piece of CSV text may be cut: the end of the last whole record in `text`, which
// starts at a record's start (after the file's byte-order mark), read as CsvReader reads
// (quoted fields may hold line breaks). 0 when no record ends in it; the scan stops at a quote
// CsvReader would refuse (the rest is then read whole, so the error is the same). Exposed for
// tests.
std::size_t CsvWholeRecordsEnd(std::string_view text);

// Opens `path` (messages name `name`, the path when empty) for reading in pieces of about
// `piece_bytes`. Errors: kNotFound when it cannot be read; those of OpenSubmissions.
Result<std::unique_ptr<SubmissionReader>> OpenSubmissionFile(const std::string& path, std::size_t piece_bytes = 4 << 20,
                                                             const std::string& name = "");

}  // namespace saylau::formats
