// The observers' copies of station protocols and the rule that flags a station: an accredited
// observer's latest copy differs from the protocol counted there, line by line, or nothing is
// counted there yet. The results service keeps it live; the verifier rebuilds it from the
// public log; both publish the same flags. Pure; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "saylau/core/election_night.h"

namespace saylau::intake {

struct ObserverFlag {
  std::string observer;
  std::string organisation;
  std::string contest;
  int round = 1;
  std::string unit;
  std::int64_t seq = 0;                     // the observer's copy in the log
  bool counted = false;                     // whether the station has an accepted protocol
  std::vector<core::LineDifference> lines;  // the lines that differ
};

class ObserverCopies {
 public:
  // Keeps `judged` (an admitted copy, contest and station resolved) as the observer's latest
  // copy of that station's protocol in that round; `seq` is its place in the log (1-based).
  void Record(std::int64_t seq, const std::string& observer, const core::Judgement& judged);
  std::size_t size() const { return copies_.size(); }
  void Clear();

  // Every station where an observer's latest copy differs from what `night` counts, in the
  // order the copies first came.
  std::vector<ObserverFlag> Flags(const core::ElectionNight& night,
                                  const std::function<std::string(const std::string& observer)>& organisation) const;

 private:
  struct Copy {
    std::int64_t seq = 0;
    std::string observer;
    core::ContestIndex contest;
    int round = 1;
    core::LocalUnit station;
    core::ProtocolValues values;
  };
  std::vector<Copy> copies_;
  // (observer, contest, round, station) -> index in copies_
  std::map<std::tuple<std::string, core::ContestIndex, int, core::LocalUnit>, std::size_t> index_;
};

}  // namespace saylau::intake
