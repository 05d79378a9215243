// The shared fixture election: its files read from the source tree, loaded once, and builders
// for submissions that satisfy every control relation.
#include "saylau/testing/fixture_election.h"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <variant>

#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"

namespace saylau::testing {
namespace {

std::string ReadFixtureFile(const std::string& name) {
  Result<std::string> text = formats::ReadFile(std::string(SAYLAU_FIXTURE_DIR) + "/" + name);
  if (!text) throw std::runtime_error("the fixture election's " + name + " does not read: " + text.error().message);
  return std::move(*text);
}

core::Election LoadDefinition() {
  Result<core::Election> definition = formats::ParseDefinition(FixtureDefinitionText(), "night.toml");
  if (!definition) throw std::runtime_error("night.toml does not load: " + definition.error().message);
  return std::move(*definition);
}

core::Election LoadFixture() {
  Result<core::Election> election =
      formats::AddStations(FixtureDefinition(), FixtureStationsText(), "night-stations.csv");
  if (!election) throw std::runtime_error("night-stations.csv does not load: " + election.error().message);
  return std::move(*election);
}

}  // namespace

std::string FixtureDefinitionText() { return ReadFixtureFile("night.toml"); }
std::string FixtureStationsText() { return ReadFixtureFile("night-stations.csv"); }

std::vector<store::DefinitionFile> FixtureFiles() {
  return {{"night.toml", "definition", FixtureDefinitionText()},
          {"night-stations.csv", "stations", FixtureStationsText()}};
}

const core::Election& FixtureDefinition() {
  static const core::Election definition = LoadDefinition();
  return definition;
}

const core::Election& FixtureElection() {
  static const core::Election election = LoadFixture();
  return election;
}

core::ProtocolSubmission GoodProtocol(const std::string& contest, const std::string& unit, std::int64_t first) {
  const core::Contest* found = FixtureElection().FindContest(contest);
  if (found == nullptr || found->options.size() != 2) {
    throw std::invalid_argument("GoodProtocol: '" + contest + "' is not a contest of the fixture election");
  }
  const bool referendum = std::holds_alternative<core::ReferendumRules>(found->rules);
  const std::int64_t valid = 590, against_all = found->against_all ? 20 : 0;
  core::ProtocolSubmission p;
  p.contest = contest;
  p.unit = unit;
  p.origin = "test";
  p.lines = {{"voters", kFixtureVotersPerStation},
             {"received", 1010},
             {"issued", 600},
             {"cancelled", 410},
             {"found", 600},
             {"valid", valid},
             {"invalid", referendum ? 6 : 10}};
  if (referendum) p.lines.push_back({"both_marked", 4});
  p.lines.push_back({found->options[0].id, first});
  p.lines.push_back({found->options[1].id, valid - against_all - first});
  if (found->against_all) p.lines.push_back({"against_all", against_all});
  return p;
}

void SetLine(core::ProtocolSubmission& protocol, const std::string& line, std::int64_t value) {
  for (auto& [name, v] : protocol.lines) {
    if (name == line) {
      v = value;
      return;
    }
  }
  protocol.lines.push_back({line, value});
}

void RemoveLine(core::ProtocolSubmission& protocol, const std::string& line) {
  std::erase_if(protocol.lines, [&](const auto& item) { return item.first == line; });
}

std::int64_t LineOf(const core::ProtocolSubmission& protocol, const std::string& line) {
  for (const auto& [name, value] : protocol.lines) {
    if (name == line) return value;
  }
  return 0;
}

core::TurnoutSubmission TurnoutReport(const std::string& unit, const std::string& time, std::int64_t issued,
                                      std::int64_t voters) {
  core::TurnoutSubmission report;
  report.unit = unit;
  report.time = time;
  report.voters = voters;
  report.issued = issued;
  report.origin = "test";
  return report;
}

}  // namespace saylau::testing
