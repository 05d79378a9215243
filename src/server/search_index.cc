// The search index of GET /api/v1/search: folded text of every unit and candidate, scanned per
// query (10,100 stations take well under a millisecond; no query can cost more than one scan).
#include "search_index.h"

#include <algorithm>
#include <array>

namespace saylau::server {
namespace {

// Decodes one code point at `i` (valid UTF-8 assumed; a stray byte is returned as itself).
char32_t Next(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
  if (i + length > text.size()) length = 1;
  char32_t code = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
  for (int k = 1; k < length; ++k) code = (code << 6) | (byte(i + k) & 0x3F);
  i += length;
  return code;
}

void Append(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

char32_t Lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // Latin-1 capitals
  if (c >= 0x410 && c <= 0x42F) return c + 32;             // А-Я
  if (c >= 0x400 && c <= 0x40F) return c + 80;             // Ѐ-Џ (Ё, І, ...)
  // Cyrillic supplement (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ): capitals even, small letters odd, except
  // U+04C1-U+04CE where the capitals are odd; U+04C0 (palochka) pairs with U+04CF.
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) return c | 1;
  if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
  if (c == 0x4C0) return 0x4CF;
  return c;
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F; }

std::string FoldAll(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += '\n';
    out += FoldForSearch(part);
  }
  return out;
}

// 0: a field equals the query; 1: a field or one of its words starts with it; 2: inside one; -1: no.
int Rank(const std::string& folded, const std::string& query) {
  int best = -1;
  for (std::size_t at = folded.find(query); at != std::string::npos; at = folded.find(query, at + 1)) {
    const bool starts_field = at == 0 || folded[at - 1] == '\n';
    const std::size_t end = at + query.size();
    const bool ends_field = end == folded.size() || folded[end] == '\n';
    const bool starts_word = starts_field || folded[at - 1] == ' ' || folded[at - 1] == '-';
    const int rank = starts_field && ends_field ? 0 : starts_word ? 1 : 2;
    if (best < 0 || rank < best) best = rank;
    if (best == 0) break;
  }
  return best;
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool space = false;
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t c = Lower(Next(utf8, i));
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (c == 0x451) c = 0x435;  // ё as е
    if (space) out += ' ';
    space = false;
    Append(out, c);
  }
  return out;
}

SearchIndex::SearchIndex(const core::Election& election) {
  const std::vector<core::Unit>& units = election.units();
  for (std::size_t u = 1; u < units.size(); ++u) {  // the root (the country) is the front page
    const core::Unit& unit = units[u];
    if (!unit.map.empty()) continue;  // a map's district: a contest's place, found by its candidates
    SearchEntry entry{.kind = unit.kind == core::UnitKind::kStation ? SearchEntry::Kind::kStation
                                                                    : SearchEntry::Kind::kUnit,
                      .id = unit.id,
                      .name = unit.name,
                      .parent = unit.parent};
    entry.folded = FoldAll({unit.id, unit.name.kk, unit.name.ru, unit.name.en});
    for (const auto& [column, value] : unit.attributes) {
      if (value.rfind("http", 0) != 0) entry.folded += "\n" + FoldForSearch(value);
    }
    entries_.push_back(std::move(entry));
  }
  for (const core::Contest& contest : election.contests()) {
    for (const core::Option& option : contest.options) {
      if (option.kind == core::OptionKind::kCandidate) {
        SearchEntry entry{.kind = SearchEntry::Kind::kCandidate, .id = option.id, .name = option.name,
                          .contest = contest.id, .option = option.id};
        entry.folded = FoldAll({option.id, option.name.kk, option.name.ru, option.name.en});
        entries_.push_back(std::move(entry));
      }
      if (option.kind != core::OptionKind::kParty) continue;  // a candidate's option lists the candidate
      for (std::size_t i = 0; i < option.list.size(); ++i) {
        const core::Candidate& candidate = option.list[i];
        SearchEntry entry{.kind = SearchEntry::Kind::kCandidate, .id = candidate.id, .name = candidate.name,
                          .contest = contest.id, .option = option.id, .list_position = static_cast<int>(i) + 1};
        entry.folded = FoldAll({candidate.id, candidate.name.kk, candidate.name.ru, candidate.name.en});
        entries_.push_back(std::move(entry));
      }
    }
  }
}

SearchFound SearchIndex::Find(std::string_view query, std::size_t limit) const {
  const std::string folded = FoldForSearch(query);
  SearchFound found;
  if (folded.empty() || folded.find('\n') != std::string::npos) return found;
  // Each rank's matches in the definition's order, then the best ranks first up to the limit.
  std::array<std::vector<const SearchEntry*>, 3> by_rank;
  for (const SearchEntry& entry : entries_) {
    const int rank = Rank(entry.folded, folded);
    if (rank >= 0) by_rank[rank].push_back(&entry);
  }
  for (const auto& ranked : by_rank) {
    for (const SearchEntry* entry : ranked) {
      if (found.entries.size() == limit) {
        found.truncated = true;
        return found;
      }
      found.entries.push_back(entry);
    }
  }
  return found;
}

std::string_view SearchIndex::KindName(SearchEntry::Kind kind) const {
  switch (kind) {
    case SearchEntry::Kind::kStation:
      return "station";
    case SearchEntry::Kind::kCandidate:
      return "candidate";
    case SearchEntry::Kind::kUnit:
      break;
  }
  return "unit";
}

}  // namespace saylau::server
