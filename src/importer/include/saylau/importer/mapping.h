// The mapping of `saylau import`: how a stations-and-results CSV that nobody here wrote (one
// row per polling station, the protocol's lines and the options' votes as columns) becomes an
// election definition, its stations CSV and its protocols. Written in TOML; the format and the
// Russian CEC example are in docs/import.md. Parsing checks the mapping on its own; the data's
// header is checked against it by BuildImport (import.h). Pure, safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::importer {

// How a level's unit ids are made (an id is ASCII: letters, digits, - _ . :).
enum class IdScheme {
  kCounter,  // prefix + a running number in the data's order, zero-padded to one width per level
  kSlug,     // prefix + the text transliterated (slug.h): "УИК №554" -> "uik-554"
  kText,     // prefix + the text itself, which must then be a valid id
};

// One level of the hierarchy: the units named by one column, top first; the last level holds
// the polling stations.
struct LevelMapping {
  std::string column;  // header text of the data column
  core::UnitKind kind = core::UnitKind::kStation;
  IdScheme id = IdScheme::kCounter;
  std::string prefix;
  bool qualified = true;  // id = the parent's id + "-" + its own (not for the first level)
  int line = 0;           // in the mapping, for messages
};

struct LineColumn {
  std::string line;    // a line of the form
  std::string column;  // header text of the data column
};

// Rows whose `column` holds one of `equals` are left out (e.g. a total row).
struct SkipRule {
  std::string column;
  std::vector<std::string> equals;
};

struct ImportMapping {
  std::string file;         // the mapping's file name, for messages
  std::string text;         // the mapping itself: [election], [root], [contest] and [[forms]] are copied from it
  std::string election_id;  // [election] id
  std::string root_id;      // [root] id: the one unit of the definition, above every row
  std::string contest_id;   // [contest] id
  std::string contest_kind;
  std::string form_id;      // the form of the contest: [contest] form, or the one [[forms]] id
  std::vector<std::string> form_lines;  // the lines of that form, in order
  std::vector<LevelMapping> levels;
  std::vector<LineColumn> lines;        // in the form's order
  bool options_rest = true;             // options: every column not named elsewhere, in the file's order
  std::vector<std::string> option_columns;           // ... or these (header texts), in this order
  std::map<std::string, std::string> option_ids;     // header text -> option id (default: its slug)
  std::vector<std::string> attribute_columns;        // carried to the stations CSV (e.g. "url")
  std::vector<std::string> ignore_columns;           // neither options nor attributes
  std::vector<SkipRule> skip;
  std::string registered_voters_line = "registered";  // the line that gives a station's voters
  std::string names_language = "en";                  // kk, ru or en: the language of the data's names
};

// Reads a mapping, with `settings` ("election.id=ru-2024-03-17-president", one mapping for
// several elections) put in first: a dotted key (tables made as needed) and a value, read as
// a date when written YYYY-MM-DD, as a whole number or true/false where the mapping has one,
// else as a string. Errors: kInvalidArgument listing every problem as "file:line: field:
// message" (a bad setting as "--set KEY: message").
Result<ImportMapping> ParseMapping(std::string_view text, const std::string& file_name,
                                   const std::vector<std::string>& settings = {});

}  // namespace saylau::importer
