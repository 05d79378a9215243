// ObserverCopies: the latest copy per observer and station, and the flags against the count.
#include "saylau/intake/observer_copies.h"

namespace saylau::intake {

void ObserverCopies::Record(std::int64_t seq, const std::string& observer, const core::Judgement& judged) {
  Copy copy{seq, observer, judged.contest, judged.round, judged.station, judged.values};
  const auto [at, inserted] =
      index_.try_emplace({observer, judged.contest, judged.round, judged.station}, copies_.size());
  if (inserted) {
    copies_.push_back(std::move(copy));
  } else {
    copies_[at->second] = std::move(copy);
  }
}

void ObserverCopies::Clear() {
  copies_.clear();
  index_.clear();
}

std::vector<ObserverFlag> ObserverCopies::Flags(
    const core::ElectionNight& night, const std::function<std::string(const std::string&)>& organisation) const {
  std::vector<ObserverFlag> flags;
  const core::Tabulation& tabulation = night.tabulation();
  for (const Copy& copy : copies_) {
    const core::ContestPlan& plan = night.plan().contest(copy.contest);
    ObserverFlag flag;
    flag.observer = copy.observer;
    flag.organisation = organisation ? organisation(copy.observer) : std::string();
    flag.contest = plan.contest->id;
    flag.round = copy.round;
    flag.unit = night.election().units()[plan.GlobalOf(copy.station).at()].id;
    flag.seq = copy.seq;
    flag.counted =
        tabulation.HasRound(copy.contest, copy.round) && tabulation.Reported(copy.contest, copy.round, copy.station);
    if (flag.counted) {
      flag.lines = core::CompareValues(*plan.form, *plan.contest,
                                       tabulation.Totals(copy.contest, copy.round, copy.station), copy.values);
      if (flag.lines.empty()) continue;
    }
    flags.push_back(std::move(flag));
  }
  return flags;
}

}  // namespace saylau::intake
