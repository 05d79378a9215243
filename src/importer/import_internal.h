// Internal to the importer: the units read from the data, before they have ids, and the steps
// of BuildImport that live in their own files (ids in unit_ids.cc, the definition's TOML in
// definition_writer.cc).
#pragma once

#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/formats/diagnostics.h"
#include "saylau/importer/mapping.h"

namespace saylau::importer::internal {

// A unit named by the data: a commission of some level, or (the last level) a station.
struct DataUnit {
  int level = 0;
  int parent = -1;  // index in the units, -1 under the root
  std::string text;  // as in the data: its name
  int line = 0;      // where the data first names it
  std::string id;    // made by AssignUnitIds
};

// An option column of the data.
struct OptionColumn {
  int column = 0;
  std::string header;  // the candidate's or party's name
  std::string id;
};

// Gives every unit its id under the levels' schemes (counters padded to one width per level,
// slugs made unique in their scope with -2, -3, ...). Problems go to `problems` with the line
// where the data names the unit.
void AssignUnitIds(const ImportMapping& mapping, const std::string& data_name, std::vector<DataUnit>& units,
                   formats::Diagnostics& problems);

// The definition's TOML: [election] and [root] as in the mapping, its [[forms]], and the
// contest with `unit`, `form` and the options (candidates, or parties for a party list).
Result<std::string> WriteDefinition(const ImportMapping& mapping, const std::vector<OptionColumn>& options);

}  // namespace saylau::importer::internal
