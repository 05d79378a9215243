#include "saylau/core/ratio.h"

#include <cstdio>

namespace saylau::core {
namespace {

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Parses up to 15 digits into an int64; the caller checked AllDigits.
std::int64_t DigitsValue(std::string_view digits) {
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

Result<Ratio> ParseRatio(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument("'" + std::string(text) +
                           "' is not a non-negative decimal number or fraction (e.g. 5, 1.4, 2/3)");
  };
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const std::string_view top = text.substr(0, slash);
    const std::string_view bottom = text.substr(slash + 1);
    if (!AllDigits(top) || !AllDigits(bottom) || top.size() > 15 || bottom.size() > 15) return bad();
    const std::int64_t den = DigitsValue(bottom);
    if (den == 0) return InvalidArgument("'" + std::string(text) + "' divides by zero");
    return Ratio{DigitsValue(top), den};
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (!AllDigits(whole) || whole.size() > 12) return bad();
  if (dot != std::string_view::npos && (!AllDigits(fraction) || fraction.size() > 12)) return bad();
  std::int64_t den = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i) den *= 10;
  const std::int64_t num = DigitsValue(whole) * den + (fraction.empty() ? 0 : DigitsValue(fraction));
  if (whole.size() + fraction.size() > 17) return bad();
  return Ratio{num, den};
}

std::string FormatRatio(const Ratio& ratio) {
  // Reduce, then print as a decimal when the denominator is 2^a 5^b.
  std::int64_t a = ratio.num, b = ratio.den;
  while (b != 0) {
    const std::int64_t t = a % b;
    a = b;
    b = t;
  }
  const std::int64_t gcd = a == 0 ? 1 : a;
  std::int64_t num = ratio.num / gcd, den = ratio.den / gcd;
  std::int64_t rest = den;
  int places = 0;
  while (rest % 10 == 0) rest /= 10, ++places;
  while (rest % 2 == 0) rest /= 2, num *= 5, den *= 5, ++places;
  while (rest % 5 == 0) rest /= 5, num *= 2, den *= 2, ++places;
  if (rest != 1) return std::to_string(ratio.num / gcd) + "/" + std::to_string(ratio.den / gcd);
  // Now den is 10^places.
  std::string text = std::to_string(num / den);
  if (places > 0) {
    std::string frac = std::to_string(num % den);
    frac.insert(0, static_cast<std::size_t>(places) - frac.size(), '0');
    text += "." + frac;
  }
  return text;
}

std::string PercentText(std::int64_t part, std::int64_t whole, int decimals) {
  if (whole == 0) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals,
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

}  // namespace saylau::core
