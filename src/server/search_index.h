// Search for a station, a unit or a candidate (GET /api/v1/search?q=): every unit of the
// commission tree by its id, its names in kk/ru/en and its extra columns (an address), and every
// candidate (of a candidates' contest, or on a party's list) by id and names. Matching folds case
// (Latin, Cyrillic and the Kazakh letters) and ё to е, so "АБАЙ" finds "Абай". Built once from the
// definition, which does not change while the server runs; const and safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/core/model.h"

namespace saylau::server {

struct SearchEntry {
  enum class Kind { kStation, kUnit, kCandidate };
  Kind kind = Kind::kUnit;
  std::string id;
  core::Names name;
  std::string parent;        // units: the unit above (empty at the root)
  std::string contest;       // candidates: the contest they stand in
  std::string option;        // list candidates: the party's option; else the candidate's own id
  int list_position = 0;     // list candidates: their place on the list (1 = first); else 0
  std::string folded;        // id, names and extra columns, folded, '\n' between them
};

struct SearchFound {
  std::vector<const SearchEntry*> entries;  // best first: exact, then prefix, then inside
  bool truncated = false;                   // more matched than the limit
};

class SearchIndex {
 public:
  explicit SearchIndex(const core::Election& election);
  // At most `limit` entries matching `query` (already validated UTF-8). A query that folds to
  // nothing finds nothing.
  SearchFound Find(std::string_view query, std::size_t limit) const;
  std::string_view KindName(SearchEntry::Kind kind) const;

 private:
  std::vector<SearchEntry> entries_;
};

// `utf8` in lower case (ASCII, Cyrillic with Kazakh letters, Latin-1 letters), ё as е, runs of
// white space as one space, trimmed. Bytes it does not know pass through unchanged.
std::string FoldForSearch(std::string_view utf8);

}  // namespace saylau::server
