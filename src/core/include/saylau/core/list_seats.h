// Who takes the seats a party list won, and the law's checks on a list as registered.
// Seats go to the list's candidates in list order, skipping the withdrawn, unless the
// definition records the party's own choice (named deputies); seats the list cannot fill
// stay vacant. The checks: the list's length (seats plus a share), the 30 % quota (women,
// the young, people with disabilities; each person counted once) and a person on two lists.
// Pure functions over validated values, safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "saylau/core/eligibility.h"
#include "saylau/core/model.h"

namespace saylau::core {

// The seats of one list and the candidates who take them.
struct ListSeats {
  std::vector<int> elected;  // indices into the option's list, in the order they take the seats
  int vacant = 0;            // seats won that no candidate left on the list can take
  bool designated = false;   // the elected are the party's named deputies, not the list order
};

// The candidates of `option` who take its `seats`: its named deputies when the definition
// gives them (the party's choice, known after the count), else the first `seats` candidates
// of its list who have not withdrawn. An option without a list elects nobody and reports no
// vacancy (its candidates are simply not known).
ListSeats AssignListSeats(const Option& option, int seats);

// The longest list `seats` allow: seats + ceil(seats * percent / 100).
std::int64_t MaxListLength(int seats, const Ratio& over_seats_percent);

// The least number of quota people a list of `members` needs: ceil(members * percent / 100).
std::int64_t QuotaPeopleNeeded(std::int64_t members, const Ratio& share_percent);

// Every rule the registered list of `option` breaks (withdrawn candidates included: the law
// checks the list as registered). Finding.field is the definition key the message is about
// ("candidates"); the message names the party and the rule. A quota with people whose
// gender or birth date is not given is not judged.
std::vector<Finding> CheckPartyList(const Option& option, const PartyListRules& rules, const Date& election_day);

// People on more than one list of `contest`: the same candidate id, or the same name (in
// any language given) and birth date under two ids. Finding.subject is the later list's party.
std::vector<Finding> FindPeopleOnTwoLists(const Contest& contest);

}  // namespace saylau::core
