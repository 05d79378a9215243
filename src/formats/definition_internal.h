// Internal: the parts of the definition loader, one per section of the file.
#pragma once

#include <vector>

#include "saylau/core/model.h"
#include "toml_reader.h"

namespace saylau::formats::internal {

std::vector<core::Unit> ReadUnits(TomlReader& reader, const toml::table& root);
std::vector<core::Party> ReadParties(TomlReader& reader, const toml::table& root);
// The [[forms]] tables; `known` are the forms already defined (their ids may not be taken again).
std::vector<core::ProtocolForm> ReadForms(TomlReader& reader, const toml::table& root,
                                          const std::vector<core::ProtocolForm>& known);
// `forms`: every form a contest may name (checked: the form exists, has an against-all line
// when the ballot has one, and no option is named like one of its lines).
std::vector<core::Contest> ReadContests(TomlReader& reader, const toml::table& root, const core::Date& date,
                                        const std::vector<core::Unit>& units, const std::vector<core::Party>& parties,
                                        const std::vector<core::ProtocolForm>& forms);
core::Candidate ReadCandidate(TomlReader& reader, const toml::table& table);
// definition_bodies.cc: the [[bodies]]; each contest's body is one of them (the first by default).
std::vector<core::Body> ReadBodies(TomlReader& reader, const toml::table& root, std::vector<core::Contest>& contests);
// definition_maps.cc: a unit's `map` (a district of that map) and `districts` (a station's
// district of each map), read with the unit; the [[maps]], checked against the units.
void ReadUnitMaps(TomlReader& reader, const toml::table& table, core::Unit& unit);
std::vector<core::DistrictMap> ReadMaps(TomlReader& reader, const toml::table& root,
                                        const std::vector<core::Unit>& units);

}  // namespace saylau::formats::internal
