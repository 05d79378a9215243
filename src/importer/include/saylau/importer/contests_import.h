// Many small contests from CSV (issue 19, item 5): hundreds of rural akims or council
// districts, each a row of contests.csv, their candidates rows of candidates.csv, added to a
// definition as [[contests]] of its own TOML. Every bad row is named by file, line and column,
// all at once, and nothing is written then. Pure: text in, text out; no I/O.
#pragma once

#include <string>

#include "saylau/base/result.h"
#include "saylau/core/model.h"

namespace saylau::importer {

struct ContestsCsv {
  std::string contests_text, contests_file;      // id,body,kind,unit,name_kk,name_ru,name_en
  std::string candidates_text, candidates_file;  // contest,id,name_kk,name_ru,name_en,party,gender
};

struct ImportedContests {
  std::string definition;  // the definition's text with the contests appended
  int contests = 0;
  int candidates = 0;
};

// Appends the contests of `csv` to `definition_text` (the definition `definition` was loaded
// from), checked against it: candidate contests only (plurality, single_member,
// majority_runoff), each in a unit of the definition (a map's district too) and a body of it,
// with at least one candidate; ids new and clean, names clean, parties known, gender f or m.
// The result is loaded again as a whole (`definition_file` names it in a message).
// Errors: kInvalidArgument listing each problem as "file:line: column: message".
Result<ImportedContests> ImportContests(const core::Election& definition, const std::string& definition_text,
                                        const std::string& definition_file, const ContestsCsv& csv);

}  // namespace saylau::importer
