#include "saylau/formats/number_text.h"

#include <algorithm>

namespace saylau::formats {

std::string Int128Text(core::Int128 value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  std::string text;
  while (value != 0) {
    const int digit = static_cast<int>(value % 10);
    text.push_back(static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  if (negative) text.push_back('-');
  std::reverse(text.begin(), text.end());
  return text;
}

std::string FractionText(core::Int128 num, core::Int128 den, int places) {
  if (den == 0) return "∞";
  core::Int128 scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const core::Int128 scaled = (num * scale * 2 + den) / (den * 2);  // half-up
  std::string digits = Int128Text(scaled / scale);
  if (places == 0) return digits;
  std::string fraction = Int128Text(scaled % scale);
  fraction.insert(0, static_cast<std::size_t>(places) - fraction.size(), '0');
  return digits + "." + fraction;
}

std::string Grouped(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string text;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) text += ' ';
    text += digits[i];
  }
  return value < 0 ? "-" + text : text;
}

}  // namespace saylau::formats
