// The one home of the open data's layout (docs/protocol-format.md, "Open data"): the columns
// that are not protocol lines, in the order `saylau export`, `saylau publish` and `saylau verify`
// write them (bundle/open_data.h) and the reader skips them (open_data_reader.h). The form's line
// columns go between `votes` and `warnings`. Each id (unit, option) has its names in Kazakh,
// Russian and English beside it. Constants only.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace saylau::formats {

// The columns before the protocol's lines, in the CSV's order.
inline constexpr std::array<std::string_view, 16> kOpenDataLeadingColumns = {
    "election",     "contest",        "round",          "unit",           "unit_name_kk",   "unit_name_ru",
    "unit_name_en", "parent",         "version",        "seq",            "stage",          "option",
    "option_name_kk", "option_name_ru", "option_name_en", "votes"};
// The column after the protocol's lines.
inline constexpr std::string_view kOpenDataWarningsColumn = "warnings";

// Whether `column` is one of the open data's own columns (not a protocol line).
inline bool IsOpenDataField(std::string_view column) {
  return column == kOpenDataWarningsColumn ||
         std::find(kOpenDataLeadingColumns.begin(), kOpenDataLeadingColumns.end(), column) !=
             kOpenDataLeadingColumns.end();
}

}  // namespace saylau::formats
