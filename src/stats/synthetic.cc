#include "saylau/stats/synthetic.h"

#include <unordered_map>

#include "saylau/base/random.h"
#include "saylau/core/protocol.h"

namespace saylau::stats {

StationResults ResultsOfSynth(const core::Election& election, const synth::SynthElection& night,
                              const std::string& contest_id) {
  StationResults out;
  out.contest = contest_id;
  const core::Contest* contest = election.FindContest(contest_id);
  const synth::SynthContest* values = nullptr;
  for (const synth::SynthContest& c : night.contests) values = c.contest == contest_id ? &c : values;
  if (contest == nullptr || values == nullptr || election.FormOf(*contest) == nullptr) return out;
  const core::ProtocolForm& form = *election.FormOf(*contest);
  const std::size_t first_option = form.lines.size();
  for (const core::Option& option : contest->options) out.columns.push_back(option.id);
  if (contest->against_all) out.columns.push_back("against_all");
  std::unordered_map<std::string, int> region_index;
  const std::size_t options = contest->options.size();
  for (std::size_t k = 0; k < values->stations.size(); ++k) {
    const synth::SynthStation& station = night.stations[values->stations[k]];
    const std::int64_t* row = &values->values[k * values->width];
    auto [it, added] = region_index.emplace(station.region, static_cast<int>(out.regions.size()));
    if (added) out.regions.push_back(station.region);
    StationRow r;
    r.id = station.id;
    r.region = it->second;
    r.settlement = station.urban ? core::Settlement::kUrban : core::Settlement::kRural;
    r.reported = true;
    const std::span<const std::int64_t> line_values(row, static_cast<std::size_t>(values->width));
    r.registered = form.BaseValue(core::BaseRole::kRegistered, line_values);
    r.took_part = form.BaseValue(core::BaseRole::kTookPart, line_values);
    r.invalid = form.BaseValue(core::BaseRole::kInvalid, line_values);
    for (std::size_t c = 0; c < options; ++c)
      out.votes.push_back(row[first_option + c]), r.base += row[first_option + c];
    if (contest->against_all) {
      out.votes.push_back(form.AgainstAllValue(line_values));
      r.base += form.AgainstAllValue(line_values);
    }
    out.rows.push_back(std::move(r));
  }
  return out;
}

std::vector<FrameStation> FrameOfSynth(const synth::SynthElection& night) {
  std::vector<FrameStation> frame;
  for (const synth::SynthStation& s : night.stations) {
    frame.push_back({s.id, s.region, s.urban ? core::Settlement::kUrban : core::Settlement::kRural, s.registered});
  }
  return frame;
}

std::map<std::string, std::vector<std::int64_t>> SimulateInterviews(const SampleDesign& design,
                                                                    const StationResults& results, int per_station,
                                                                    std::uint64_t seed) {
  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < results.rows.size(); ++r) row_of.emplace(results.rows[r].id, r);
  Random random(seed);
  std::map<std::string, std::vector<std::int64_t>> interviews;
  for (const SampledStation& station : design.stations) {
    const auto it = row_of.find(station.unit);
    if (it == row_of.end() || !results.rows[it->second].reported || results.rows[it->second].base <= 0) continue;
    const std::int64_t* votes = results.VotesOf(it->second);
    std::vector<std::int64_t>& answers = interviews[station.unit];
    answers.assign(results.width(), 0);
    for (int i = 0; i < per_station; ++i) {
      auto voter = static_cast<std::int64_t>(random.Below(static_cast<std::uint64_t>(results.rows[it->second].base)));
      int column = 0;
      while (voter >= votes[column]) voter -= votes[column++];
      ++answers[column];
    }
  }
  return interviews;
}

}  // namespace saylau::stats
