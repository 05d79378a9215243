// Names in the three languages the product speaks (Kazakh, Russian, English) and calendar
// dates with the full-years arithmetic that age rules need. Pure values.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "saylau/core/compact_string.h"

namespace saylau::core {

enum class Language { kKazakh, kRussian, kEnglish };
std::optional<Language> LanguageFromCode(std::string_view code);  // "kk", "ru", "en"

// Each name is a CompactString (8 bytes, against std::string's 32): a country's 800,000 polling
// stations each have three names.
struct Names {
  CompactString kk;
  CompactString ru;
  CompactString en;
  // The name in `language`, falling back to English, Russian, Kazakh, then `fallback`.
  std::string In(Language language, std::string_view fallback) const;
};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
  std::string ToString() const;  // YYYY-MM-DD
};

// `date` moved by `days` (may be negative), in the proleptic Gregorian calendar.
Date AddDays(const Date& date, int days);
// "YYYY-MM-DD" (also the date part of "YYYY-MM-DDTHH:MM..."); nullopt when malformed.
std::optional<Date> ParseDate(std::string_view text);

// Whole years from `birth` to `on` (the age on that day).
int FullYearsBetween(const Date& birth, const Date& on);

}  // namespace saylau::core
