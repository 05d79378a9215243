// The commission's desk (desk_view.h): the key's commission, the units it may write with what
// each has sent, the contests and the protocol forms as data, in the shape of
// web/src/desk/types.ts.
#include "desk_view.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "saylau/core/attendance.h"
#include "saylau/core/protocol.h"
#include "saylau/core/protocol_form.h"
#include "saylau/formats/outcome_json.h"
#include "views.h"

namespace saylau::server {
namespace {

using nlohmann::json;

std::string_view TermKindName(core::LineTerm::Kind kind) {
  switch (kind) {
    case core::LineTerm::Kind::kLine:
      return "line";
    case core::LineTerm::Kind::kOptions:
      return "options";
    case core::LineTerm::Kind::kLiteral:
      return "literal";
  }
  return "literal";
}

json ExpressionJson(const core::LineExpression& expression) {
  json terms = json::array();
  for (const core::LineTerm& term : expression.terms) {
    json out = {{"kind", TermKindName(term.kind)}, {"negative", term.negative}};
    if (term.kind == core::LineTerm::Kind::kLine) out["line"] = term.line;
    if (term.kind == core::LineTerm::Kind::kLiteral) out["literal"] = term.literal;
    terms.push_back(std::move(out));
  }
  return {{"text", expression.text}, {"terms", std::move(terms)}};
}

// A form as data: its lines in paper order and its own relations with their parsed terms.
json DeskFormJson(const core::ProtocolForm& form) {
  json lines = json::array();
  for (const core::FormLine& line : form.lines) {
    lines.push_back({{"name", line.name},
                     {"label", NamesJson(line.label)},
                     {"required", line.required},
                     {"when_against_all", line.when_against_all}});
  }
  json relations = json::array();
  for (const core::FormRelation& relation : form.relations) {
    relations.push_back({{"name", relation.name},
                         {"severity", core::SeverityName(relation.severity)},
                         {"left", ExpressionJson(relation.left)},
                         {"op", core::ComparisonText(relation.op)},
                         {"right", ExpressionJson(relation.right)},
                         {"text", relation.text}});
  }
  return {{"id", form.id},
          {"name", NamesJson(form.name)},
          {"lines", std::move(lines)},
          {"relations", relations},
          {"took_part", ExpressionJson(form.bases.took_part)}};
}

// The option indices on the ballot of `round` (every option when the round is not open).
std::vector<int> BallotOf(const core::ElectionNight& night, core::ContestIndex contest, int round) {
  const core::RoundOpening opening = night.OpeningOf(contest, round);
  if (opening.open) return opening.ballot;
  std::vector<int> all(night.plan().contest(contest).contest->options.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  return all;
}

// Each contest's current round and that round's ballot, found once per answer: a runoff's
// needs round one's outcome, which every unit of a national desk would otherwise recompute.
class Rounds {
 public:
  struct Round {
    int number = 1;
    std::vector<int> ballot;  // option indices
  };
  explicit Rounds(const core::ElectionNight& night) : night_(night) {}
  const Round& Of(core::ContestIndex contest) {
    auto [at, added] = rounds_.try_emplace(contest.at());
    if (added) {
      at->second.number = night_.CurrentRound(contest);
      at->second.ballot = BallotOf(night_, contest, at->second.number);
    }
    return at->second;
  }

 private:
  const core::ElectionNight& night_;
  std::map<int, Round> rounds_;
};

json ContestJson(const core::ElectionNight& night, Rounds& rounds, core::ContestIndex index,
                 const std::string& commission) {
  const core::ContestPlan& plan = night.plan().contest(index);
  const core::Contest& contest = *plan.contest;
  json options = json::array();
  for (const core::Option& option : contest.options) {
    options.push_back({{"id", option.id}, {"name", NamesJson(option.name)}, {"party", option.party}});
  }
  const int round = rounds.Of(index).number;
  json ballot = json::array();
  for (int option : rounds.Of(index).ballot) ballot.push_back(contest.options[option].id);
  const std::string& certifier = night.election().CertifierOf(contest);
  json out = {{"id", contest.id},
              {"name", NamesJson(contest.name)},
              {"kind", contest.kind},
              {"form", plan.form->id},
              {"against_all", contest.against_all},
              {"options", std::move(options)},
              {"round", round},
              {"ballot", std::move(ballot)},
              {"stage", core::StageName(night.StageOf(index, round))},
              {"certified_by", certifier},
              {"can_certify", certifier == commission}};
  // A sitting's attendance, as its protocol is judged against it (quorum-in-attendance, attendance-agrees).
  if (const auto* rules = std::get_if<core::IndirectMajorityRules>(&contest.rules)) {
    for (std::size_t local = 0; local < plan.counting.size(); ++local) {
      if (!plan.counting[local]) continue;
      const core::GlobalUnit unit = plan.GlobalOf(core::LocalUnit(static_cast<int>(local)));
      const std::optional<core::SittingQuorum> quorum = night.attendance().QuorumOf(unit);
      if (!quorum) continue;
      out["quorum"] = {{"unit", night.election().units()[unit.at()].id},
                       {"reached", quorum->reached},
                       {"present", quorum->latest_present},
                       {"electors", quorum->electors},
                       {"at", core::AttendanceTimeText(quorum->latest_minute, night.election().date())},
                       {"rule", core::QuorumRuleText(*rules, quorum->electors)}};
    }
  }
  return out;
}

using LatestRows = DeskHistory::LatestRows;

// The unit's contest as the desk shows it: the latest version of the current round.
json UnitContestJson(const core::ElectionNight& night, Rounds& rounds, core::ContestIndex index, core::LocalUnit local,
                     const LatestRows& latest) {
  const core::ContestPlan& plan = night.plan().contest(index);
  const int round = rounds.Of(index).number;
  json out = {{"contest", plan.contest->id},
              {"status", "missing"},
              {"version", 0},
              {"reasons", json::array()},
              {"warnings", json::array()}};
  const auto row = latest.find({plan.contest->id, round});
  if (row != latest.end()) {
    out["status"] = row->second.accepted ? "accepted" : "rejected";
    out["version"] = row->second.version;
    json reasons = StoredJson(row->second.reasons);
    if (!reasons.is_array()) reasons = json::array();
    out[row->second.accepted ? "warnings" : "reasons"] = std::move(reasons);
  }
  if (night.tabulation().Reported(index, round, local)) {
    // The lines and the options on this round's ballot (a runoff's correction has no line for
    // a candidate who is not on it).
    json values = formats::ProtocolValuesToJson(plan, night.tabulation().Totals(index, round, local));
    const std::vector<int>& ballot = rounds.Of(index).ballot;
    for (std::size_t option = 0; option < plan.contest->options.size(); ++option) {
      if (std::find(ballot.begin(), ballot.end(), static_cast<int>(option)) == ballot.end()) {
        values.erase(plan.contest->options[option].id);
      }
    }
    out["values"] = std::move(values);
  }
  return out;
}

// A counting unit the key may write, with what it has sent; `contests` collects its contests.
Result<json> UnitJson(service::ResultsService& service, DeskHistory& history, Rounds& rounds, core::GlobalUnit unit,
                      bool own, std::set<int>& contests) {
  const core::ElectionNight& night = service.night();
  const core::CountingPlan& plan = night.plan();
  const core::Unit& defined = service.election().units()[unit.at()];
  bool sent = false;  // a version stored for one of its contests: read its history
  int turnout_round = 1;
  std::vector<int> versions;  // each contest's current round and its stored versions there
  for (const auto& [contest, local] : plan.ContestsAt(unit)) {
    const core::ContestIndex index(contest);
    const int round = rounds.Of(index).number;
    turnout_round = std::max(turnout_round, std::min(round, core::kMaxTurnoutRound));
    versions.push_back(round);
    versions.push_back(night.Versions(index, round, core::LocalUnit(local)));
    sent = sent || versions.back() > 0;
    contests.insert(contest);
  }
  static const LatestRows kNone;
  const LatestRows* latest = &kNone;
  if (sent) {
    Result<const LatestRows*> read = history.Of(service, defined.id, versions);
    if (!read) return read.error();
    latest = *read;
  }
  json unit_contests = json::array();
  for (const auto& [contest, local] : plan.ContestsAt(unit)) {
    unit_contests.push_back(
        UnitContestJson(night, rounds, core::ContestIndex(contest), core::LocalUnit(local), *latest));
  }
  json times = json::array();
  json accepted = json::array();  // the accepted reports, for the desk's checks against them
  const core::GlobalUnit parent = plan.Parent(unit);
  json out = {{"id", defined.id},
              {"name", NamesJson(defined.name)},
              {"kind", core::UnitKindName(defined.kind)},
              {"parent", parent.valid() ? json(service.election().units()[parent.at()].id) : json(nullptr)},
              {"own", own},
              {"contests", std::move(unit_contests)}};
  const core::ContestIndex sitting = night.attendance().SittingContest(unit);
  if (sitting.valid()) {
    // A Senate sitting: attendance at any time of the morning, of its electors.
    if (const auto* reports = night.attendance().ReportsOf(unit); reports != nullptr) {
      for (const auto& [minute, entry] : *reports) {
        if (!entry.accepted) continue;
        const std::string time = core::AttendanceTimeText(minute, service.election().date());
        times.push_back(time);
        accepted.push_back({{"time", time}, {"voters", entry.electors}, {"issued", entry.present}});
      }
    }
    // Only the contest's own electors: electors-as-defined holds against those alone.
    const auto* rules = std::get_if<core::IndirectMajorityRules>(&plan.contest(sitting).contest->rules);
    if (rules != nullptr && rules->electors) out["electors"] = *rules->electors;
  } else {
    for (int time = 0; time < core::kReportTimes; ++time) {
      const auto report = night.turnout().ReportOf(unit, time, turnout_round);
      if (!report) continue;
      times.push_back(core::kReportTimeNames[time]);
      accepted.push_back(
          {{"time", core::kReportTimeNames[time]}, {"voters", report->first}, {"issued", report->second}});
    }
  }
  out["turnout_times"] = std::move(times);
  out["turnout_reports"] = std::move(accepted);
  return out;
}

// The holder of `key` among the registered commissions, or the error response.
Result<std::string> CommissionOf(const service::ResultsService& service, const std::string& key) {
  for (const store::RegisteredKey& registered : service.keys()) {
    if (registered.public_key == key) return registered.commission;
  }
  for (const store::RegisteredObserver& observer : service.observers()) {
    if (observer.public_key == key) {
      return FailedPrecondition("the key belongs to observer '" + observer.id + "': the desk takes a commission's key");
    }
  }
  return NotFound("the key '" + Printable(key, 60) + "' is not registered (saylau keys add)");
}

}  // namespace

std::optional<HttpResponse> DeskRefusal(const service::ResultsService& service, std::string key) {
  if (key.empty()) return ErrorResponse(400, "missing-parameter", "give ?key=BASE64 (the commission's public key)");
  std::replace(key.begin(), key.end(), ' ', '+');
  const Result<std::string> commission = CommissionOf(service, key);
  if (!commission) {
    return commission.error().code == ErrorCode::kNotFound
               ? ErrorResponse(404, "unknown-key", commission.error().message)
               : ErrorResponse(403, "not-a-commission", commission.error().message);
  }
  if (!service.night().plan().FindUnit(*commission).valid()) {
    return ErrorResponse(403, "not-a-commission", "the key's commission '" + *commission + "' is not a unit");
  }
  return std::nullopt;
}

HttpResponse DeskResponse(service::ResultsService& service, DeskHistory& history, std::string key) {
  if (std::optional<HttpResponse> refused = DeskRefusal(service, key)) return std::move(*refused);
  std::replace(key.begin(), key.end(), ' ', '+');
  const Result<std::string> commission = CommissionOf(service, key);
  const core::ElectionNight& night = service.night();
  const core::CountingPlan& plan = night.plan();
  const core::Election& election = service.election();
  const core::GlobalUnit holder = plan.FindUnit(*commission);
  // Its own unit first when a contest is counted there, then every counting unit below it.
  std::set<int> contests;
  Rounds rounds(night);
  json units = json::array();
  std::vector<core::GlobalUnit> writable;
  if (plan.IsLeaf(holder) && !plan.ContestsAt(holder).empty()) writable.push_back(holder);
  for (std::size_t at = 0; at < election.units().size(); ++at) {
    const core::GlobalUnit unit(static_cast<int>(at));
    if (unit == holder || !plan.IsLeaf(unit) || plan.ContestsAt(unit).empty()) continue;
    if (plan.IsAncestorOrSelf(holder, unit)) writable.push_back(unit);
  }
  for (const core::GlobalUnit unit : writable) {
    Result<json> entry = UnitJson(service, history, rounds, unit, unit == holder, contests);
    if (!entry) return ErrorResponse(503, "unavailable", entry.error().message);
    units.push_back(std::move(*entry));
  }
  for (std::size_t c = 0; c < plan.contests().size(); ++c) {
    if (election.CertifierOf(*plan.contests()[c].contest) == *commission) contests.insert(static_cast<int>(c));
  }
  json contest_list = json::array();
  json forms = json::array();
  std::set<std::string> forms_listed;
  for (const int contest : contests) {
    const core::ContestIndex index(contest);
    contest_list.push_back(ContestJson(night, rounds, index, *commission));
    const core::ProtocolForm& form = *plan.contest(index).form;
    if (forms_listed.insert(form.id).second) forms.push_back(DeskFormJson(form));
  }
  json path = json::array();
  for (core::GlobalUnit at = plan.Parent(holder); at.valid(); at = plan.Parent(at)) {
    const core::Unit& unit = election.units()[at.at()];
    path.insert(path.begin(), json{{"id", unit.id}, {"name", NamesJson(unit.name)}});
  }
  const core::Unit& own = election.units()[holder.at()];
  json times = json::array();
  for (const std::string_view time : core::kReportTimeNames) times.push_back(time);
  return JsonResponse({{"key", key},
                       {"last_seq", service.LastKeySeq(key)},
                       {"commission",
                        {{"id", own.id},
                         {"name", NamesJson(own.name)},
                         {"kind", core::UnitKindName(own.kind)},
                         {"path", std::move(path)}}},
                       {"double_entry", election.double_entry()},
                       {"max_line_value", core::kMaxLineValue},
                       {"turnout_times", std::move(times)},
                       {"election_day", election.date().ToString()},
                       {"forms", std::move(forms)},
                       {"contests", std::move(contest_list)},
                       {"units", std::move(units)}});
}

}  // namespace saylau::server
