// Reading saylau's own open data back as protocols (issue 18: the export reads back for every
// contest kind). The open data has one row per option of each counted protocol, with the
// protocol's lines repeated on every row (bundle/open_data.h); the reader groups a protocol's
// rows back into one protocol. Internal to formats: OpenSubmissions picks it by the header.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/formats/submission_reader.h"

namespace saylau::formats {

// Whether a CSV header is the open data's (it has the columns option and votes).
bool IsOpenDataHeader(const std::vector<std::string>& columns);
// Whether the first object of a JSON Lines text is an open-data row (option and votes, no lines).
bool IsOpenDataJsonLines(std::string_view text);

// The whole file read at once, so that a file whose rows do not make protocols is refused
// before anything of it is stored. Errors: kInvalidArgument "file:line: ..." for rows of one
// protocol whose lines disagree, an option given twice for a protocol, a protocol's rows not
// together, a value that is not a whole number, a row without contest, unit or option. A
// missing option row is not known here (the reader has no definition): the protocol is read
// without it, and ingest rejects it under options-exact, naming the option and file:line.
Result<std::unique_ptr<SubmissionReader>> OpenOpenDataCsv(std::string_view text, const std::string& file_name);
Result<std::unique_ptr<SubmissionReader>> OpenOpenDataJsonLines(std::string_view text, const std::string& file_name);

}  // namespace saylau::formats
