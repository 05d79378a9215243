// The one small election the tests beside the code share (test-only; saylau::testing), read
// from tests/data/good/night.toml and night-stations.csv, with builders for submissions that
// satisfy every control relation. Its shape:
//
//   c (country, 3,000 voters)
//   ├── r1 (region, polls close 20:00)
//   │   └── d1 (constituency)
//   │       ├── s1 (station, 1,000 voters, urban)
//   │       └── s2 (station, 1,000 voters, rural)
//   └── r2 (region, polls close 21:00)
//       └── s3 (station, 1,000 voters, rural)
//
//   "list"  party list over c: parties a, b and against all; 10 seats, Hare, 5% threshold of
//           the valid ballots with against all
//   "seat"  single member over d1: candidates x, y and against all
//   "ref"   referendum over c: yes, no
//
// Turnout is reported at core::kReportTimeNames (10:00 ... close). Not thread-safe to call
// FixtureElection() for the first time from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/core/model.h"
#include "saylau/core/protocol.h"
#include "saylau/core/turnout.h"
#include "saylau/store/store.h"

namespace saylau::testing {

inline constexpr std::array<std::string_view, 3> kFixtureStations = {"s1", "s2", "s3"};
inline constexpr std::int64_t kFixtureVotersPerStation = 1000;

// The definition's TOML text and the stations' CSV text, as stored in a database.
std::string FixtureDefinitionText();
std::string FixtureStationsText();
// Both, as the definition files of a store (store::CreateMemoryStore, CreateSqliteStore).
std::vector<store::DefinitionFile> FixtureFiles();
// The election loaded from both files once; lives until the program ends.
const core::Election& FixtureElection();
// The definition alone, without the stations' file (c, r1, r2, d1 and the contests): what
// `saylau synth` places synthetic stations under. Loaded once, as FixtureElection().
const core::Election& FixtureDefinition();

// A protocol of `contest` ("list", "seat" or "ref") at `unit` that satisfies every relation:
// 1000 voters, 1010 received, 600 issued, 410 cancelled, 600 found, 590 valid, 10 invalid (for
// the referendum 6, and 4 with both answers marked); against all 20 when on the ballot; the
// first option `first` votes, the second the rest of the valid ballots.
core::ProtocolSubmission GoodProtocol(const std::string& contest, const std::string& unit, std::int64_t first = 400);
// Sets line `line` (added when absent) / removes it.
void SetLine(core::ProtocolSubmission& protocol, const std::string& line, std::int64_t value);
void RemoveLine(core::ProtocolSubmission& protocol, const std::string& line);
// The value of `line` in `protocol`; 0 when absent.
std::int64_t LineOf(const core::ProtocolSubmission& protocol, const std::string& line);

// A turnout report of station `unit` at `time` (one of core::kReportTimeNames).
core::TurnoutSubmission TurnoutReport(const std::string& unit, const std::string& time, std::int64_t issued,
                                      std::int64_t voters = kFixtureVotersPerStation);

}  // namespace saylau::testing
