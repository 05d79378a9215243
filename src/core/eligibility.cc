#include "saylau/core/eligibility.h"

namespace saylau::core {

std::vector<Finding> CheckPresidentialEligibility(const Candidate& candidate, const PresidentialEligibility& rules,
                                                  const Date& election_day) {
  std::vector<Finding> findings;
  const auto add = [&](std::string field, std::string message) {
    findings.push_back({candidate.id, std::move(field), std::move(message)});
  };
  if (candidate.birth_date) {
    const int age = FullYearsBetween(*candidate.birth_date, election_day);
    if (age < rules.min_age) {
      add("birth_date", "is " + std::to_string(age) + " on election day " + election_day.ToString() +
                            "; the President must be at least " + std::to_string(rules.min_age));
    }
  }
  if (candidate.seven_year_terms_served && *candidate.seven_year_terms_served > rules.max_seven_year_terms) {
    add("seven_year_terms_served", "has served " + std::to_string(*candidate.seven_year_terms_served) +
                                       " seven-year term(s); a person may be elected President only once");
  }
  if (candidate.residence_years && *candidate.residence_years < rules.min_residence_years) {
    add("residence_years", "has lived in Kazakhstan for the last " + std::to_string(*candidate.residence_years) +
                               " years; " + std::to_string(rules.min_residence_years) + " are required");
  }
  if (candidate.public_service_years && *candidate.public_service_years < rules.min_public_service_years) {
    add("public_service_years", "has " + std::to_string(*candidate.public_service_years) +
                                    " years of public service or elected office; " +
                                    std::to_string(rules.min_public_service_years) + " are required");
  }
  if (rules.requires_citizen_by_birth && candidate.citizen_by_birth == false) {
    add("citizen_by_birth", "is not a citizen by birth");
  }
  if (rules.requires_higher_education && candidate.higher_education == false) {
    add("higher_education", "has no higher education");
  }
  if (rules.requires_kazakh && candidate.kazakh_fluent == false) {
    add("kazakh_fluent", "is not fluent in the state language");
  }
  return findings;
}

std::vector<std::string> UncheckedEligibilityFields(const Candidate& candidate) {
  std::vector<std::string> missing;
  if (!candidate.birth_date) missing.push_back("birth_date");
  if (!candidate.seven_year_terms_served) missing.push_back("seven_year_terms_served");
  if (!candidate.residence_years) missing.push_back("residence_years");
  if (!candidate.public_service_years) missing.push_back("public_service_years");
  if (!candidate.citizen_by_birth) missing.push_back("citizen_by_birth");
  if (!candidate.higher_education) missing.push_back("higher_education");
  if (!candidate.kazakh_fluent) missing.push_back("kazakh_fluent");
  return missing;
}

QuotaCount CountQuota(std::span<const Candidate> people, const ListQuota& quota, const Date& election_day) {
  QuotaCount count;
  for (const Candidate& person : people) {
    ++count.members;
    const bool woman = person.gender == 'f';
    const bool young = person.birth_date && FullYearsBetween(*person.birth_date, election_day) < quota.youth_below_age;
    const bool disabled = quota.counts_disability && person.disability.value_or(false);
    if (woman || young || disabled) {
      ++count.qualifying;
    } else if (!person.gender || !person.birth_date) {
      ++count.unknown;
    }
  }
  return count;
}

}  // namespace saylau::core
