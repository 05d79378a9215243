// saylau status --db FILE [--unit U] [--contest C]: stage, progress, missing stations,
// rejected protocols, counted protocols with warnings and turnout through the day.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "saylau/bundle/protocol_warnings.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/submission_json.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct StatusOptions {
  std::string db;
  std::string unit;
  std::vector<std::string> contests;
  std::string format = "table";
  int show = 10;
};

std::string Percent(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? formats::FractionText(core::Int128(part) * 100, whole, 2) + " %" : "–";
}

struct Rejection {
  std::string contest, unit, origin, reasons;
  int version;
};

int RunStatus(const StatusOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  service::ResultsService& service = **opened;
  const core::Election& election = service.election();
  const core::ElectionNight& night = service.night();
  const core::CountingPlan& plan = night.plan();
  const std::string unit_id = options.unit.empty() ? election.units().front().id : options.unit;
  const core::GlobalUnit unit = plan.FindUnit(unit_id);
  if (!unit.valid()) return ReportError(NotFound("unit '" + unit_id + "' is not in election '" + election.id() + "'"));
  for (const std::string& id : options.contests) {
    if (!plan.FindContest(id).valid()) return ReportError(NotFound("unknown contest '" + id + "'"));
  }
  // Rejected submissions whose station has not been set right since.
  std::vector<Rejection> rejections;
  Status scanned = service.store().ScanMatching({"", true}, [&](const store::StoredSubmission& s) -> Status {
    if (s.kind != store::SubmissionKind::kProtocol) return {};
    const core::ContestIndex contest = plan.FindContest(s.contest);
    const core::GlobalUnit global = plan.FindUnit(s.unit);
    bool in_scope = !global.valid() || election.IsWithin(s.unit, unit_id);
    if (contest.valid() && !options.contests.empty() &&
        std::find(options.contests.begin(), options.contests.end(), s.contest) == options.contests.end()) {
      in_scope = false;
    }
    if (!in_scope) return {};
    if (contest.valid() && global.valid()) {
      const core::LocalUnit local = plan.contest(contest).LocalOf(global);
      if (local.valid() && s.round >= 1 && s.round <= plan.contest(contest).max_round &&
          (night.Versions(contest, s.round, local) != s.version || !night.LatestRejected(contest, s.round, local))) {
        return {};  // a later version settled it
      }
    }
    std::string reasons;
    if (auto list = formats::DecodeViolations(s.reasons)) {
      for (const core::Violation& v : *list) reasons += (reasons.empty() ? "" : "; ") + v.relation + ": " + v.detail;
    }
    rejections.push_back({s.contest, s.unit, s.origin, reasons, s.version});
    return {};
  });
  if (!scanned) return ReportError(scanned.error());

  nlohmann::json json = {{"election", election.id()}, {"unit", unit_id}, {"contests", nlohmann::json::array()}};
  std::ostringstream text;
  text << election.name().en << " — status at " << unit_id << "\n";
  for (std::size_t c = 0; c < plan.contests().size(); ++c) {
    const core::ContestIndex index(c);
    const core::ContestPlan& contest = plan.contest(index);
    if (!options.contests.empty() &&
        std::find(options.contests.begin(), options.contests.end(), contest.contest->id) == options.contests.end()) {
      continue;
    }
    core::LocalUnit local = contest.LocalOf(unit);
    if (!local.valid()) {
      // The unit lies above the contest (a region holding a district): show the contest whole.
      if (!election.IsWithin(contest.contest->unit, unit_id)) continue;
      local = core::LocalUnit(0);
    }
    const core::ContestStatus status = night.StatusOf(index);
    const core::Progress progress = night.tabulation().ProgressAt(index, status.round, local);
    std::vector<int> missing_units;  // global indices, listed in the definition's order
    for (std::size_t k = 0; k < contest.units.size(); ++k) {
      if (!contest.counting[k] || night.tabulation().Reported(index, status.round, core::LocalUnit(k))) {
        continue;
      }
      if (election.IsWithin(election.units()[contest.units[k]].id, election.units()[contest.GlobalOf(local).at()].id)) {
        missing_units.push_back(contest.units[k]);
      }
    }
    std::sort(missing_units.begin(), missing_units.end());
    const int missing_count = static_cast<int>(missing_units.size());
    std::vector<std::string> missing;
    for (int k = 0; k < missing_count && k < options.show; ++k)
      missing.push_back(election.units()[missing_units[k]].id);
    const std::string stage = StageLine(service, index);
    text << "\n" << contest.contest->id << " — " << contest.contest->name.en << "\n  " << stage << "\n";
    text << fmt::format(
        "  at {}: {} of {} stations reported ({}), voters on the list at reported stations {} of {} ({})\n",
        election.units()[contest.GlobalOf(local).at()].id, formats::Grouped(progress.reported),
        formats::Grouped(progress.expected), Percent(progress.reported, progress.expected),
        formats::Grouped(progress.voters_reported), formats::Grouped(progress.voters_expected),
        Percent(progress.voters_reported, progress.voters_expected));
    if (missing_count > 0) {
      text << "  missing (" << formats::Grouped(missing_count) << "): ";
      for (std::size_t i = 0; i < missing.size(); ++i) text << (i ? ", " : "") << missing[i];
      text << (missing_count > static_cast<int>(missing.size()) ? ", …" : "") << "\n";
    }
    nlohmann::json entry = {{"contest", contest.contest->id},
                            {"stage", core::StageName(status.stage)},
                            {"partial", status.partial},
                            {"round", status.round},
                            {"reported", progress.reported},
                            {"expected", progress.expected},
                            {"voters_reported", progress.voters_reported},
                            {"voters_expected", progress.voters_expected},
                            {"missing_count", missing_count},
                            {"missing", missing},
                            {"summary", stage}};
    if (const auto deadline = core::FinalResultDeadline(election, *contest.contest)) {
      entry["final_deadline"] = deadline->ToString();
    }
    nlohmann::json history = nlohmann::json::array();
    for (const core::StageChange& change : night.StageHistory(index)) {
      history.push_back({{"stage", core::StageName(change.stage)}, {"at", change.at}, {"by", change.by}});
    }
    entry["stages"] = history;
    json["contests"].push_back(entry);
  }
  text << "\nturnout at " << unit_id << " (ballots issued / voters on the list at reporting stations):\n";
  json["turnout"] = nlohmann::json::array();
  for (int time = 0; time < core::kReportTimes; ++time) {
    const core::TurnoutFigure figure = night.turnout().At(unit, time);
    text << fmt::format("  {:>6}  {:>7}  {} of {} stations, {} of {}\n", core::kReportTimeNames[time],
                        Percent(figure.issued, figure.voters), formats::Grouped(figure.reported),
                        formats::Grouped(figure.expected), formats::Grouped(figure.issued),
                        formats::Grouped(figure.voters));
    json["turnout"].push_back({{"time", core::kReportTimeNames[time]},
                               {"reported", figure.reported},
                               {"expected", figure.expected},
                               {"voters", figure.voters},
                               {"issued", figure.issued}});
  }
  // Counted protocols whose form's warn relations fail, recomputed from the counted values.
  std::vector<std::string> warned;
  json["warned"] = nlohmann::json::array();
  for (std::size_t c = 0; c < plan.contests().size(); ++c) {
    const core::ContestPlan& contest = plan.contests()[c];
    if (!options.contests.empty() &&
        std::find(options.contests.begin(), options.contests.end(), contest.contest->id) == options.contests.end()) {
      continue;
    }
    for (int round = 1; round <= contest.max_round; ++round) {
      for (std::size_t k = 0; k < contest.units.size(); ++k) {
        const core::LocalUnit local(k);
        if (!contest.counting[k] || !night.tabulation().Reported(core::ContestIndex(c), round, local)) continue;
        const std::string& station = election.units()[contest.units[k]].id;
        if (!election.IsWithin(station, unit_id)) continue;
        const std::vector<std::string> names =
            bundle::FailedWarnings(*contest.form, night.tabulation().Totals(core::ContestIndex(c), round, local));
        if (names.empty()) continue;
        warned.push_back(contest.contest->id + " at " + station +
                         (round > 1 ? " (round " + std::to_string(round) + ")" : "") + ": " +
                         bundle::WarningsField(names));
        json["warned"].push_back(
            {{"contest", contest.contest->id}, {"unit", station}, {"round", round}, {"warnings", names}});
      }
    }
  }
  if (!warned.empty()) text << "\ncounted protocols with warnings: " << warned.size() << "\n";
  for (std::size_t i = 0; i < warned.size() && static_cast<int>(i) < options.show; ++i)
    text << "  " << warned[i] << "\n";
  if (static_cast<int>(warned.size()) > options.show) {
    text << "  … and " << warned.size() - options.show << " more (--show N, or --format json)\n";
  }
  text << "\nrejected protocols not yet set right: " << rejections.size() << "\n";
  json["rejected"] = nlohmann::json::array();
  for (std::size_t i = 0; i < rejections.size(); ++i) {
    const Rejection& r = rejections[i];
    if (static_cast<int>(i) < options.show) {
      const std::string what =
          r.contest.empty() && r.unit.empty() ? "a line that could not be read" : r.contest + " at " + r.unit;
      text << "  " << what << " (version " << r.version << ", " << r.origin << "): " << r.reasons << "\n";
    }
    json["rejected"].push_back({{"contest", r.contest},
                                {"unit", r.unit},
                                {"version", r.version},
                                {"origin", r.origin},
                                {"reasons", r.reasons}});
  }
  if (static_cast<int>(rejections.size()) > options.show) {
    text << "  … and " << rejections.size() - options.show << " more (--show N, or --format json)\n";
  }
  if (options.format == "json") {
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << text.str();
  }
  return kExitOk;
}

}  // namespace

void AddStatusCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* command = app.add_subcommand(
      "status",
      "Where the count stands: each contest's stage (open, preliminary, final) and deadline, stations\n"
      "reported and missing, voters covered, turnout at each reporting time, and rejected protocols\n"
      "with every broken rule. --unit narrows it to a region, district or station.\n"
      "Example: saylau status --db night.db --unit astana");
  command->add_option("--db", options->db, "The election database")->required();
  command->add_option("--unit", options->unit, "A unit id (default: the whole country)");
  command->add_option("--contest", options->contests, "Only these contests (repeatable)");
  command->add_option("--format", options->format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
  command->add_option("--show", options->show, "How many missing stations and rejections to list (default 10)");
  command->callback([&run, options] { run = [options] { return RunStatus(*options); }; });
}

}  // namespace saylau::cli
