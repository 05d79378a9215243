// For the fuzz targets: a small election (the test night of tests/data/good: a country, two
// regions, a district, three polling stations; a party list, a district seat, a referendum)
// held as text, so that a fuzzer needs no files, and a results service over it on the
// in-memory store with fixed keys. Not thread-safe; each target builds what it needs once.
#pragma once

#include <memory>
#include <string_view>

#include "saylau/core/election_night.h"
#include "saylau/crypto/signing.h"
#include "saylau/service/results_service.h"

namespace saylau::fuzz {

extern const std::string_view kSmallDefinition;  // TOML
extern const std::string_view kSmallStations;    // CSV

// The election of kSmallDefinition + kSmallStations; aborts when it does not load (a bug).
const core::Election& SmallElection();

// Keys from fixed seeds, so that every run is the same: the CEC ("c"), station "s1" and an
// accredited observer ("obs").
const crypto::KeyPair& CecKey();
const crypto::KeyPair& StationKey();
const crypto::KeyPair& ObserverKey();
const crypto::KeyPair& LogKey();

// A fresh service over the small election on the in-memory store: the keys above registered,
// the log key set, and, with `with_protocols`, accepted protocols of s1 and s2 for "list".
std::unique_ptr<service::ResultsService> OpenSmallService(bool with_protocols);

}  // namespace saylau::fuzz
