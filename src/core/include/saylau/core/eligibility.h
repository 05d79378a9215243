// The law's checks on who may stand: presidential eligibility (age, residence, one
// seven-year term ...) and the 30 % share of women, young people and people with
// disabilities on party lists and among a party's deputies. Pure functions; they return
// findings, and the loader turns each into an error naming the file and line.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "saylau/core/model.h"

namespace saylau::core {

struct Finding {
  std::string subject;  // candidate or list id
  std::string field;    // the attribute that broke the rule ("birth_date")
  std::string message;
};

// Every rule `candidate` breaks on `election_day`; attributes not given are not checked.
std::vector<Finding> CheckPresidentialEligibility(const Candidate& candidate, const PresidentialEligibility& rules,
                                                  const Date& election_day);

// The attributes CheckPresidentialEligibility could not check because they were not given.
std::vector<std::string> UncheckedEligibilityFields(const Candidate& candidate);

struct QuotaCount {
  int members = 0;     // people counted
  int qualifying = 0;  // women, under the age, or with a disability (each once)
  int unknown = 0;     // people with no gender, birth date or disability given
  bool Meets(const Ratio& share_percent) const { return AtLeastPercent(qualifying, members, share_percent); }
};

// Counts the quota categories among `people` on `election_day`.
QuotaCount CountQuota(std::span<const Candidate> people, const ListQuota& quota, const Date& election_day);

}  // namespace saylau::core
