// The elected persons of a party-list outcome as JSON and as text.
#include "saylau/formats/elected_deputies.h"

#include <fmt/format.h>

namespace saylau::formats {
namespace {

bool Shown(const core::PartyListDetails& details, std::size_t option) {
  return option < details.list_seats.size() && option < details.seats.size() && details.seats[option] > 0 &&
         (!details.list_seats[option].elected.empty() || details.list_seats[option].vacant > 0);
}

}  // namespace

nlohmann::json ElectedToJson(const core::Contest& contest, const core::PartyListDetails& details) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    if (!Shown(details, i)) continue;
    const core::Option& option = contest.options[i];
    const core::ListSeats& taken = details.list_seats[i];
    nlohmann::json people = nlohmann::json::array();
    for (int index : taken.elected) {
      const core::Candidate& person = option.list[index];
      nlohmann::json entry{{"id", person.id},
                           {"name", {{"kk", person.name.kk}, {"ru", person.name.ru}, {"en", person.name.en}}},
                           {"list_position", index + 1}};
      if (person.placeholder) entry["placeholder"] = true;
      people.push_back(std::move(entry));
    }
    out.push_back({{"option", option.id},
                   {"seats", details.seats[i]},
                   {"designated", taken.designated},
                   {"vacant", taken.vacant},
                   {"candidates", std::move(people)}});
  }
  return out;
}

std::string ElectedToText(const core::Contest& contest, const core::PartyListDetails& details,
                          core::Language language) {
  std::string text;
  for (std::size_t i = 0; i < contest.options.size(); ++i) {
    if (!Shown(details, i)) continue;
    const core::Option& option = contest.options[i];
    const core::ListSeats& taken = details.list_seats[i];
    if (text.empty()) text = "  elected deputies:\n";
    text += fmt::format("    {} ({} seats, {}):\n", option.name.In(language, option.id), details.seats[i],
                        taken.designated ? "named by the party" : "in list order");
    for (int index : taken.elected) {
      const core::Candidate& person = option.list[index];
      text += fmt::format("      {:>3}. {} ({}){}\n", index + 1, person.name.In(language, person.id), person.id,
                          person.placeholder ? " [placeholder]" : "");
    }
    if (taken.vacant > 0) {
      text += fmt::format("      {} seat(s) vacant: no candidate left on the list\n", taken.vacant);
    }
  }
  return text;
}

nlohmann::json ElectedByPartyJson(std::span<const core::ContestOutcome> contests) {
  nlohmann::json out = nlohmann::json::object();
  const auto add = [&](const std::string& party, const core::Names& name, const std::string& id,
                       const std::string& contest) -> nlohmann::json& {
    nlohmann::json& people = out[party];
    if (people.is_null()) people = nlohmann::json::array();
    people.push_back({{"id", id}, {"name", {{"kk", name.kk}, {"ru", name.ru}, {"en", name.en}}}, {"contest", contest}});
    return people.back();
  };
  for (const core::ContestOutcome& entry : contests) {
    if (entry.contest == nullptr || entry.outcome == nullptr || entry.outcome->decision != core::Decision::kDecided) {
      continue;
    }
    const core::Contest& contest = *entry.contest;
    if (const auto* list = std::get_if<core::PartyListDetails>(&entry.outcome->details)) {
      for (std::size_t i = 0; i < contest.options.size() && i < list->list_seats.size(); ++i) {
        const core::Option& option = contest.options[i];
        const std::string& party = option.party.empty() ? option.id : option.party;
        for (int index : list->list_seats[i].elected) {
          add(party, option.list[index].name, option.list[index].id, contest.id)["list_position"] = index + 1;
        }
      }
    } else if (contest.kind == "single_member" && !entry.outcome->winners.empty()) {
      const std::optional<int> winner = contest.OptionIndex(entry.outcome->winners.front());
      if (!winner) continue;
      const core::Option& option = contest.options[*winner];
      add(option.party.empty() ? core::kSelfNominated : option.party, option.name, option.id, contest.id);
    }
  }
  return out;
}

}  // namespace saylau::formats
