#include "saylau/core/names.h"

#include <cstdio>

namespace saylau::core {

std::optional<Language> LanguageFromCode(std::string_view code) {
  if (code == "kk") return Language::kKazakh;
  if (code == "ru") return Language::kRussian;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

const std::string& Names::In(Language language, const std::string& fallback) const {
  const std::string* preferred = language == Language::kKazakh ? &kk : language == Language::kRussian ? &ru : &en;
  if (!preferred->empty()) return *preferred;
  for (const std::string* other : {&en, &ru, &kk}) {
    if (!other->empty()) return *other;
  }
  return fallback;
}

std::string Date::ToString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int FullYearsBetween(const Date& birth, const Date& on) {
  int years = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
  return years;
}

}  // namespace saylau::core
