#include "saylau/core/composition.h"

#include <algorithm>
#include <map>

namespace saylau::core {

Composition ComposeChamber(const Election& election, std::span<const ContestOutcome> contests) {
  Composition composition;
  std::map<std::string, PartySeats> by_party;
  for (const ContestOutcome& entry : contests) {
    const Contest& contest = *entry.contest;
    const bool decided = entry.outcome != nullptr && entry.outcome->decision == Decision::kDecided;
    if (const auto* rules = std::get_if<PartyListRules>(&contest.rules)) {
      composition.seats += rules->seats;
      const auto* details = decided ? std::get_if<PartyListDetails>(&entry.outcome->details) : nullptr;
      if (details == nullptr) {
        composition.undecided += rules->seats;
        continue;
      }
      for (std::size_t option = 0; option < contest.options.size() && option < details->seats.size(); ++option) {
        if (details->seats[option] == 0) continue;
        const std::string& party =
            contest.options[option].party.empty() ? contest.options[option].id : contest.options[option].party;
        PartySeats& seats = by_party[party];
        seats.party = party;
        seats.list_seats += details->seats[option];
        if (entry.won) {
          seats.won_seats += details->seats[option];
          composition.won += details->seats[option];
        }
      }
    } else if (contest.kind == "single_member") {
      composition.seats += 1;
      if (!decided || entry.outcome->winners.empty()) {
        ++composition.undecided;
        continue;
      }
      const std::optional<int> winner = contest.OptionIndex(entry.outcome->winners.front());
      const std::string party =
          winner && !contest.options[*winner].party.empty() ? contest.options[*winner].party : kSelfNominated;
      PartySeats& seats = by_party[party];
      seats.party = party;
      ++seats.district_seats;
      if (entry.won) {
        ++seats.won_seats;
        ++composition.won;
      }
    }
  }
  const auto order = [&](const std::string& party) {
    const auto& parties = election.parties();
    const auto found = std::find_if(parties.begin(), parties.end(), [&](const Party& p) { return p.id == party; });
    return static_cast<int>(found - parties.begin());
  };
  for (auto& [party, seats] : by_party) composition.parties.push_back(seats);
  std::stable_sort(composition.parties.begin(), composition.parties.end(),
                   [&](const PartySeats& a, const PartySeats& b) {
                     if (a.total() != b.total()) return a.total() > b.total();
                     return order(a.party) < order(b.party);
                   });
  return composition;
}

}  // namespace saylau::core
