// Loading and hashing an election's definition files.
#include "saylau/intake/definition.h"

#include <optional>
#include <vector>

#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/ledger/binding.h"

namespace saylau::intake {
namespace {

std::string Basename(const std::string& name) {
  const std::size_t slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

}  // namespace

Result<core::Election> LoadElection(std::span<const DefinitionFile> files, const LoadOptions& options) {
  std::optional<core::Election> election;
  for (const DefinitionFile& file : files) {
    if (file.role == "definition") {
      Result<core::Election> parsed = formats::ParseDefinition(file.content, file.name);
      if (!parsed) return parsed.error();
      election = std::move(*parsed);
    }
  }
  if (!election) return FailedPrecondition("the database holds no election definition");
  for (const DefinitionFile& file : files) {
    if (file.role != "stations") continue;
    formats::StationsReading reading;
    reading.names = options.names;
    Result<core::Election> with = formats::AddStations(*election, file.content, file.name, reading);
    if (!with) return with.error();
    election = std::move(*with);
  }
  return std::move(*election);
}

ledger::Hash DefinitionHashOf(std::span<const DefinitionFile> files) {
  std::vector<std::string> names;  // BoundFile holds views: the names must outlive it
  names.reserve(files.size());
  for (const DefinitionFile& file : files) names.push_back(Basename(file.name));
  std::vector<ledger::BoundFile> bound;
  bound.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) bound.push_back({names[i], files[i].role, files[i].content});
  return ledger::DefinitionHash(bound);
}

}  // namespace saylau::intake
