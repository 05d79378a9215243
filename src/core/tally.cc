#include "saylau/core/tally.h"

#include <numeric>

#include "saylau/core/model.h"

namespace saylau::core {
namespace {

void AddOptional(std::optional<std::int64_t>& into, const std::optional<std::int64_t>& value) {
  if (into && value) {
    *into += *value;
  } else {
    into.reset();
  }
}

}  // namespace

std::int64_t Tally::ValidOptions() const { return std::accumulate(votes.begin(), votes.end(), std::int64_t{0}); }

std::int64_t Tally::ValidWithAgainstAll() const { return ValidOptions() + against_all; }

void Tally::Add(const Tally& other) {
  AddOptional(registered, other.registered);
  AddOptional(took_part, other.took_part);
  AddOptional(valid, other.valid);
  AddOptional(invalid, other.invalid);
  AddOptional(both_marked, other.both_marked);
  against_all += other.against_all;
  if (votes.size() < other.votes.size()) votes.resize(other.votes.size(), 0);
  for (std::size_t i = 0; i < other.votes.size(); ++i) votes[i] += other.votes[i];
}

Result<Tally> TallyAt(const Election& election, const Contest& contest, const std::string& unit, int round,
                      std::span<const UnitCount> counts) {
  std::vector<const UnitCount*> below;
  const UnitCount* direct = nullptr;
  for (const UnitCount& count : counts) {
    if (count.round != round) continue;
    if (count.unit == unit) {
      direct = &count;
    } else if (election.IsWithin(count.unit, unit)) {
      below.push_back(&count);
    }
  }
  if (direct != nullptr) {
    if (!below.empty()) {
      return InvalidArgument(below.front()->origin + ": counts for unit '" + below.front()->unit + "' lie inside '" +
                             unit + "', which has its own count (" + direct->origin +
                             "); the votes would count twice: give one or the other");
    }
    return direct->tally;
  }
  if (below.empty()) {
    return NotFound("no counts for contest '" + contest.id + "' at or below unit '" + unit + "'");
  }
  for (const UnitCount* a : below) {
    for (const UnitCount* b : below) {
      if (a != b && election.IsWithin(a->unit, b->unit)) {
        return InvalidArgument(a->origin + ": counts for unit '" + a->unit + "' and for its ancestor '" + b->unit +
                               "' (" + b->origin + ") would count the same votes twice");
      }
    }
  }
  Tally sum;
  sum.registered = 0;
  sum.took_part = 0;
  sum.invalid = 0;
  sum.both_marked = 0;
  sum.votes.assign(contest.options.size(), 0);
  for (const UnitCount* count : below) sum.Add(count->tally);
  return sum;
}

}  // namespace saylau::core
