// WriteSyntheticSitting: the synthetic Senate sitting as attendance CSV and protocol JSON Lines.
#include "synth_sitting.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"

namespace saylau::cli {
namespace {

void WriteVotes(std::ofstream& file, const std::vector<core::ProtocolSubmission>& votes) {
  for (const core::ProtocolSubmission& p : votes) {
    nlohmann::ordered_json lines = nlohmann::ordered_json::object();
    for (const auto& [name, value] : p.lines) lines[name] = value;
    nlohmann::ordered_json row = {{"contest", p.contest}, {"unit", p.unit}, {"round", p.round}, {"lines", lines}};
    file << row.dump() << '\n';
  }
}

}  // namespace

int WriteSyntheticSitting(const core::Election& election, const synth::SittingSynthPlan& plan, std::uint64_t seed,
                          const std::string& out) {
  Result<synth::SittingNight> night = synth::SynthesizeSitting(election, plan, seed);
  if (!night) return ReportError(night.error());
  std::error_code error;
  std::filesystem::create_directories(out, error);
  const std::filesystem::path dir(out);
  std::ofstream attendance(dir / "attendance.csv", std::ios::binary),
      round1(dir / "votes-round1.jsonl", std::ios::binary), round2(dir / "votes-round2.jsonl", std::ios::binary);
  if (!attendance || !round1 || !round2) return ReportError(InvalidArgument(out + ": cannot write files there"));
  attendance << "unit,time,voters,issued\n";
  for (const core::TurnoutSubmission& r : night->attendance) {
    attendance << r.unit << ',' << r.time << ',' << r.voters << ',' << r.issued << '\n';
  }
  WriteVotes(round1, night->votes);
  WriteVotes(round2, night->repeat_votes);
  std::cout << "wrote a synthetic sitting of " << night->votes.size() << " sittings to " << out << ": "
            << night->attendance.size() << " attendance reports (" << plan.times.front() << " to " << plan.times.back()
            << "), " << night->votes.size() << " votes, " << night->repeat_votes.size() << " repeat vote(s)\n"
            << "next: saylau init DEFINITION --db senate.db; saylau ingest --db senate.db "
            << (dir / "attendance.csv").string() << " " << (dir / "votes-round1.jsonl").string() << " "
            << (dir / "votes-round2.jsonl").string() << "\n";
  return kExitOk;
}

}  // namespace saylau::cli
