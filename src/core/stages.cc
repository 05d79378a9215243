// Stage names and the final-result deadline.
#include "saylau/core/stages.h"

namespace saylau::core {

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kOpen: return "open";
    case Stage::kPreliminary: return "preliminary";
    case Stage::kFinal: return "final";
  }
  return "open";
}

std::optional<Stage> StageFromName(std::string_view name) {
  for (Stage stage : {Stage::kOpen, Stage::kPreliminary, Stage::kFinal}) {
    if (StageName(stage) == name) return stage;
  }
  return std::nullopt;
}

std::optional<Date> FinalResultDeadline(const Election& election, const Contest& contest) {
  const std::string& text = contest.result_deadline;  // "P<n>D"
  if (text.size() < 3 || text.front() != 'P' || text.back() != 'D') return std::nullopt;
  int days = 0;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || days > 100000) return std::nullopt;
    days = days * 10 + (text[i] - '0');
  }
  return AddDays(election.date(), days);
}

}  // namespace saylau::core
