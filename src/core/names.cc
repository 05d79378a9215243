#include "saylau/core/names.h"

#include <cstdio>

namespace saylau::core {

std::optional<Language> LanguageFromCode(std::string_view code) {
  if (code == "kk") return Language::kKazakh;
  if (code == "ru") return Language::kRussian;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

std::string Names::In(Language language, std::string_view fallback) const {
  const CompactString* preferred = language == Language::kKazakh ? &kk : language == Language::kRussian ? &ru : &en;
  if (!preferred->empty()) return preferred->str();
  for (const CompactString* other : {&en, &ru, &kk}) {
    if (!other->empty()) return other->str();
  }
  return std::string(fallback);
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

namespace {

// Days since 1970-01-01 and back (H. Hinnant's civil-date algorithms).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

}  // namespace

Date AddDays(const Date& date, int days) { return CivilFromDays(DaysFromCivil(date.year, date.month, date.day) + days); }

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  date.year = std::stoi(std::string(text.substr(0, 4)));
  date.month = std::stoi(std::string(text.substr(5, 2)));
  date.day = std::stoi(std::string(text.substr(8, 2)));
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return std::nullopt;
  if (CivilFromDays(DaysFromCivil(date.year, date.month, date.day)) != date) return std::nullopt;
  return date;
}

}  // namespace saylau::core
