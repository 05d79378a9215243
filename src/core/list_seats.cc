// Seats to listed candidates in list order (withdrawals skipped), and the checks on a list:
// its length, the quota (each person once), a person on two lists.
#include "saylau/core/list_seats.h"

#include <algorithm>

namespace saylau::core {
namespace {

Int128 CeilDiv(Int128 num, Int128 den) { return (num + den - 1) / den; }

std::string PersonKey(const Candidate& candidate, std::string_view name) {
  return std::string(name) + "|" + (candidate.birth_date ? candidate.birth_date->ToString() : "");
}

}  // namespace

ListSeats AssignListSeats(const Option& option, int seats) {
  ListSeats out;
  if (option.list.empty() || seats <= 0) return out;
  if (!option.named_deputies.empty()) {
    out.designated = true;
    for (const std::string& id : option.named_deputies) {
      for (std::size_t i = 0; i < option.list.size(); ++i) {
        if (option.list[i].id == id) out.elected.push_back(static_cast<int>(i));
      }
    }
  } else {
    for (std::size_t i = 0; i < option.list.size() && static_cast<int>(out.elected.size()) < seats; ++i) {
      if (!option.list[i].withdrawn) out.elected.push_back(static_cast<int>(i));
    }
  }
  out.vacant = std::max(0, seats - static_cast<int>(out.elected.size()));
  return out;
}

std::int64_t MaxListLength(int seats, const Ratio& over_seats_percent) {
  return seats + static_cast<std::int64_t>(
                     CeilDiv(Int128{seats} * over_seats_percent.num, Int128{100} * over_seats_percent.den));
}

std::int64_t QuotaPeopleNeeded(std::int64_t members, const Ratio& share_percent) {
  return static_cast<std::int64_t>(CeilDiv(Int128{members} * share_percent.num, Int128{100} * share_percent.den));
}

std::vector<Finding> CheckPartyList(const Option& option, const PartyListRules& rules, const Date& election_day) {
  std::vector<Finding> findings;
  const auto length = static_cast<std::int64_t>(option.list.size());
  if (rules.list_length_over_seats_percent && length > 0) {
    const std::int64_t longest = MaxListLength(rules.seats, *rules.list_length_over_seats_percent);
    if (length > longest) {
      findings.push_back({option.id, "candidates",
                          "list length: the list of '" + option.id + "' has " + std::to_string(length) +
                              " candidates; the law allows at most " + std::to_string(longest) + " (" +
                              std::to_string(rules.seats) + " seats + " +
                              FormatRatio(*rules.list_length_over_seats_percent) + " %, rounded up)"});
    }
  }
  if (rules.quota && length > 0) {
    const QuotaCount count = CountQuota(option.list, *rules.quota, election_day);
    if (!count.Meets(rules.quota->share_percent) && count.unknown == 0) {
      findings.push_back({option.id, "candidates",
                          "list quota: the list of '" + option.id + "' has " + std::to_string(count.qualifying) +
                              " of " + std::to_string(count.members) + " candidates who are women, under " +
                              std::to_string(rules.quota->youth_below_age) +
                              " or have a disability (each person counted once); at least " +
                              std::to_string(QuotaPeopleNeeded(count.members, rules.quota->share_percent)) + " (" +
                              FormatRatio(rules.quota->share_percent) + " %, rounded up) are required"});
    }
  }
  return findings;
}

std::vector<Finding> FindPeopleOnTwoLists(const Contest& contest) {
  std::vector<Finding> findings;
  // (key, party) of every person seen so far: the id, and the name with the birth date.
  std::vector<std::pair<std::string, std::string>> seen_ids, seen_people;
  for (const Option& option : contest.options) {
    if (option.kind != OptionKind::kParty) continue;
    for (const Candidate& candidate : option.list) {
      const auto same_id = std::find_if(seen_ids.begin(), seen_ids.end(), [&](const auto& s) {
        return s.first == candidate.id && s.second != option.id;
      });
      if (same_id != seen_ids.end()) {
        findings.push_back({option.id, "candidates",
                            "a person on two lists: candidate '" + candidate.id + "' is on the list of '" +
                                same_id->second + "' and on the list of '" + option.id + "'"});
        continue;
      }
      seen_ids.emplace_back(candidate.id, option.id);
      if (!candidate.birth_date) continue;
      for (const CompactString* name : {&candidate.name.kk, &candidate.name.ru, &candidate.name.en}) {
        if (name->empty()) continue;
        const std::string key = PersonKey(candidate, *name);
        const auto same_person = std::find_if(seen_people.begin(), seen_people.end(),
                                              [&](const auto& s) { return s.first == key && s.second != option.id; });
        if (same_person != seen_people.end()) {
          findings.push_back({option.id, "candidates",
                              "a person on two lists: '" + *name + "', born " + candidate.birth_date->ToString() +
                                  ", is on the list of '" + same_person->second + "' and (as '" + candidate.id +
                                  "') on the list of '" + option.id + "'"});
          break;
        }
      }
      for (const CompactString* name : {&candidate.name.kk, &candidate.name.ru, &candidate.name.en}) {
        if (!name->empty()) seen_people.emplace_back(PersonKey(candidate, *name), option.id);
      }
    }
  }
  return findings;
}

}  // namespace saylau::core
