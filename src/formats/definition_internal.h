// Internal: the parts of the definition loader, one per section of the file.
#pragma once

#include <vector>

#include "saylau/core/model.h"
#include "toml_reader.h"

namespace saylau::formats::internal {

std::vector<core::Unit> ReadUnits(TomlReader& reader, const toml::table& root);
std::vector<core::Party> ReadParties(TomlReader& reader, const toml::table& root);
std::vector<core::Contest> ReadContests(TomlReader& reader, const toml::table& root, const core::Date& date,
                                        const std::vector<core::Unit>& units, const std::vector<core::Party>& parties);
core::Candidate ReadCandidate(TomlReader& reader, const toml::table& table);

}  // namespace saylau::formats::internal
