// An election's definition files (the TOML definition and, optionally, the stations CSV) as
// stored and as published in a bundle: loading them into a core::Election, and the hash every
// signed tree head binds (ledger/binding.h). One home, so the service that signs and the
// verifier that checks load and hash the same way.
#pragma once

#include <span>
#include <string>

#include "saylau/base/result.h"
#include "saylau/core/model.h"
#include "saylau/ledger/merkle.h"

namespace saylau::intake {

struct DefinitionFile {
  std::string name;  // as given; the bundle publishes it without its directories
  std::string role;  // "definition" or "stations"
  std::string content;
};

// What a load keeps. `names` false: the stations' names (the stations CSV's) are left empty and
// not checked (formats::StationsReading::names), for saylau ingest, which never shows them; the
// definition's own units keep theirs. Everything else loads, and is rejected, as with names.
struct LoadOptions {
  bool names = true;
};

// Errors: the parser's, naming the file and line; kFailedPrecondition when no file has the
// role "definition".
Result<core::Election> LoadElection(std::span<const DefinitionFile> files, const LoadOptions& options = {});
// ledger::DefinitionHash over the files as the bundle publishes them (each name's last part).
ledger::Hash DefinitionHashOf(std::span<const DefinitionFile> files);

}  // namespace saylau::intake
