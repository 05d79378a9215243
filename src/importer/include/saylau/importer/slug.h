// Identifiers made from names: a definition's ids are ASCII (letters, digits, - _ . :), while
// real data names its units and candidates in their own script. Slug transliterates Cyrillic
// (Russian, Kazakh, Ukrainian and Belarusian letters) to Latin, lowercases, and joins the
// remaining letters and digits with '-': "УИК №554" -> "uik-554", "Путин Владимир
// Владимирович" -> "putin-vladimir-vladimirovich". Pure, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace saylau::importer {

// The slug of `text` (valid UTF-8), at most `max_bytes` long (cut at a '-' boundary when it
// can be); empty when `text` has no letter or digit it can spell.
std::string Slug(std::string_view text, std::size_t max_bytes = 64);

}  // namespace saylau::importer
