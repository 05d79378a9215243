// GET /api/v1/search?q=TEXT[&limit=N]: stations, units and candidates whose id or name (kk, ru,
// en) or a station's extra column holds the text (search_index.h), best first, at most `limit`
// (default 20, at most 100). The query is 1 to 100 characters after trimming; the index is built
// on the first search and kept (the definition does not change while serving).
#include <nlohmann/json.hpp>

#include "api.h"
#include "search_index.h"
#include "views.h"

namespace saylau::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxQueryCharacters = 100;
constexpr std::size_t kDefaultLimit = 20;
constexpr std::size_t kMaxLimit = 100;

std::size_t CodePoints(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

HttpResponse Api::ReadSearch(const Query& query) {
  const std::string text = query.Value("q");
  const std::string folded = FoldForSearch(text);
  if (folded.empty()) {
    return ErrorResponse(400, "missing-parameter", "give ?q=TEXT: a station's, unit's or candidate's id or name");
  }
  if (CodePoints(folded) > kMaxQueryCharacters) {
    return ErrorResponse(400, "bad-request",
                         "?q= is at most " + std::to_string(kMaxQueryCharacters) + " characters");
  }
  std::size_t limit = kDefaultLimit;
  if (const std::string limit_text = query.Value("limit"); !limit_text.empty()) {
    limit = 0;
    const bool digits = limit_text.size() <= 3 && limit_text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) limit = std::stoul(limit_text);
    if (limit < 1 || limit > kMaxLimit) {
      return ErrorResponse(400, "bad-request", "?limit= is a whole number from 1 to " + std::to_string(kMaxLimit));
    }
  }
  const core::Election& election = state_.service->election();
  std::call_once(search_built_, [&] { search_ = std::make_unique<const SearchIndex>(election); });
  const SearchFound found = search_->Find(folded, limit);
  json results = json::array();
  for (const SearchEntry* entry : found.entries) {
    json hit = {{"kind", search_->KindName(entry->kind)}, {"id", entry->id}, {"name", NamesJson(entry->name)}};
    if (entry->kind == SearchEntry::Kind::kCandidate) {
      hit["contest"] = entry->contest;
      hit["option"] = entry->option;
      if (entry->list_position > 0) hit["list_position"] = entry->list_position;
    } else if (const int parent = election.UnitIndex(entry->parent); parent >= 0) {
      hit["parent"] = entry->parent;
      hit["parent_name"] = NamesJson(election.units()[parent].name);
    }
    results.push_back(std::move(hit));
  }
  return JsonResponse({{"query", text}, {"limit", limit}, {"truncated", found.truncated}, {"results", results}});
}

}  // namespace saylau::server
