// The listed candidates of party-list contests in the NIST export, and who took the seats.
#include "nist_candidates.h"

#include <algorithm>

namespace saylau::bundle::internal {
namespace {

nlohmann::json Text(const core::Names& names) {
  nlohmann::json strings = nlohmann::json::array();
  for (const auto& [language, text] : {std::pair{"kk", &names.kk}, {"ru", &names.ru}, {"en", &names.en}}) {
    if (!text->empty()) {
      strings.push_back({{"@type", "ElectionResults.LanguageString"}, {"Content", *text}, {"Language", language}});
    }
  }
  return {{"@type", "ElectionResults.InternationalizedText"}, {"Text", strings}};
}

}  // namespace

std::string ListCandidateRef(const std::string& contest, const std::string& option, const std::string& candidate) {
  return "can-" + contest + "-" + option + "-" + candidate;
}

std::string WinnerStatus(core::Stage stage) {
  if (stage == core::Stage::kOpen) return "";
  return stage == core::Stage::kFinal ? "winner" : "projected-winner";
}

void AppendListCandidates(const core::Election& election, const core::Contest& contest,
                          const core::ContestStatus& status, nlohmann::json& candidates) {
  if (!std::holds_alternative<core::PartyListRules>(contest.rules)) return;
  const core::PartyListDetails* details =
      status.outcome ? std::get_if<core::PartyListDetails>(&status.outcome->details) : nullptr;
  const bool decided = status.outcome && status.outcome->decision == core::Decision::kDecided;
  const std::string winner = decided ? WinnerStatus(status.stage) : "";
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    const core::Option& option = contest.options[i];
    const std::vector<int>* elected =
        details != nullptr && i < details->list_seats.size() ? &details->list_seats[i].elected : nullptr;
    for (std::size_t position = 0; position < option.list.size(); ++position) {
      const core::Candidate& person = option.list[position];
      nlohmann::json out = {{"@type", "ElectionResults.Candidate"},
                            {"@id", ListCandidateRef(contest.id, option.id, person.id)},
                            {"BallotName", Text(person.name)}};
      if (election.FindParty(option.party) != nullptr) out["PartyId"] = "par-" + option.party;
      if (person.withdrawn) {
        const bool after_the_vote = person.withdrawn_on && *person.withdrawn_on > election.date();
        out[after_the_vote ? "PostElectionStatus" : "PreElectionStatus"] = "withdrawn";
      } else if (elected != nullptr && !winner.empty() &&
                 std::find(elected->begin(), elected->end(), static_cast<int>(position)) != elected->end()) {
        out["PostElectionStatus"] = winner;
      }
      candidates.push_back(std::move(out));
    }
  }
}

}  // namespace saylau::bundle::internal
