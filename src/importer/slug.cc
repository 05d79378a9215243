// Slug: Cyrillic to Latin (a plain scheme close to the passport transliteration), lowercase,
// other characters as separators.
#include "saylau/importer/slug.h"

#include <cstdint>
#include <unordered_map>

namespace saylau::importer {
namespace {

// Decodes the code point at text[at] (valid UTF-8 assumed; a bad byte counts as one
// separator), advancing `at`.
char32_t NextCodePoint(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char c = byte(at);
  int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (at + static_cast<std::size_t>(length) > text.size()) length = 1;
  char32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
  for (int i = 1; i < length; ++i) code = (code << 6) | (byte(at + i) & 0x3F);
  at += static_cast<std::size_t>(length);
  return length == 1 && c >= 0x80 ? U' ' : code;
}

const std::unordered_map<char32_t, std::string_view>& Cyrillic() {
  static const auto* table = new std::unordered_map<char32_t, std::string_view>{
      {U'а', "a"},  {U'б', "b"},   {U'в', "v"},  {U'г', "g"},  {U'д', "d"},    {U'е', "e"},  {U'ё', "e"},
      {U'ж', "zh"}, {U'з', "z"},   {U'и', "i"},  {U'й', "i"},  {U'к', "k"},    {U'л', "l"},  {U'м', "m"},
      {U'н', "n"},  {U'о', "o"},   {U'п', "p"},  {U'р', "r"},  {U'с', "s"},    {U'т', "t"},  {U'у', "u"},
      {U'ф', "f"},  {U'х', "kh"},  {U'ц', "ts"}, {U'ч', "ch"}, {U'ш', "sh"},   {U'щ', "shch"}, {U'ъ', ""},
      {U'ы', "y"},  {U'ь', ""},    {U'э', "e"},  {U'ю', "iu"}, {U'я', "ia"},
      // Kazakh
      {U'ә', "a"},  {U'ғ', "g"},   {U'қ', "q"},  {U'ң', "n"},  {U'ө', "o"},    {U'ұ', "u"},  {U'ү', "u"},
      {U'һ', "h"},  {U'і', "i"},
      // Ukrainian and Belarusian
      {U'є', "ie"}, {U'ї', "i"},   {U'ґ', "g"},  {U'ў', "u"},
  };
  return *table;
}

// The lowercase Latin spelling of `code`, or nullopt-like empty view with `known` false.
std::string_view Spell(char32_t code, bool& known, char& ascii) {
  known = true;
  if (code < 0x80) {
    const char c = static_cast<char>(code);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      ascii = c;
      return std::string_view(&ascii, 1);
    }
    if (c >= 'A' && c <= 'Z') {
      ascii = static_cast<char>(c - 'A' + 'a');
      return std::string_view(&ascii, 1);
    }
    known = false;
    return {};
  }
  char32_t lower = code;
  if (code >= U'А' && code <= U'Я') lower = code + 0x20;               // basic Russian capitals
  if (code >= U'Ѐ' && code <= U'Џ') lower = code + 0x50;               // Ѐ..Џ -> ѐ..џ
  if (code >= 0x0460 && code <= 0x04FF && code % 2 == 0) lower = code + 1;  // extended pairs (Ә, Ғ, Қ, ...)
  const auto found = Cyrillic().find(lower);
  if (found == Cyrillic().end()) {
    known = false;
    return {};
  }
  return found->second;
}

}  // namespace

std::string Slug(std::string_view text, std::size_t max_bytes) {
  std::string slug;
  bool separator = false;
  for (std::size_t at = 0; at < text.size();) {
    bool known = false;
    char ascii = 0;
    const std::string_view spelled = Spell(NextCodePoint(text, at), known, ascii);
    if (!known) {
      separator = !slug.empty();
      continue;
    }
    if (spelled.empty()) continue;  // the hard and soft signs
    if (separator) slug += '-';
    separator = false;
    slug += spelled;
  }
  if (slug.size() > max_bytes) {
    const std::size_t cut = slug.rfind('-', max_bytes);
    slug.resize(cut != std::string::npos && cut > max_bytes / 2 ? cut : max_bytes);
  }
  return slug;
}

}  // namespace saylau::importer
