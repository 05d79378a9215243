// The API's read routes (GET and HEAD): the live count answered from snapshots of the live
// state (election, results, turnout, units, composition, statistics, the log's proofs), with
// ETag / 304 and gzip; protocol history, the rejected list, the log's entries and photos read
// through the service on the writer thread; and the dashboard's files.
#include <charconv>
#include <nlohmann/json.hpp>

#include "api.h"
#include "gzip.h"
#include "saylau/bundle/documents.h"
#include "body_views.h"
#include "unit_time.h"
#include "saylau/core/composition.h"
#include "saylau/core/seat_status.h"
#include "saylau/core/senate_summary.h"
#include "saylau/formats/elected_deputies.h"
#include "saylau/formats/outcome_json.h"
#include "saylau/formats/senate_summary_io.h"
#include "saylau/formats/statistics_io.h"
#include "saylau/stats/forensics.h"
#include "views.h"

namespace saylau::server {
namespace {

using nlohmann::json;

// A non-negative decimal of at most 18 digits (no sign, no spaces), or nullopt.
std::optional<std::uint64_t> QueryNumber(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Conditional (views.h) for a snapshot, its body shared instead of copied: 304 when the client
// has it (If-None-Match, for a 200 only), its gzip when the client takes gzip.
HttpResponse SnapshotResponse(const HttpRequest& request, std::shared_ptr<const Snapshot> snapshot) {
  HttpResponse response{snapshot->status, snapshot->content_type};
  if (snapshot->status == 200) response.etag = snapshot->etag;
  if (snapshot->status == 200 && MatchesEntityTag(request.if_none_match, snapshot->etag)) {
    response.status = 304;
    return response;
  }
  const bool gzip = !snapshot->gzipped.empty() && AcceptsGzip(request.accept_encoding);
  if (gzip) response.content_encoding = "gzip";
  const std::string& body = gzip ? snapshot->gzipped : snapshot->body;
  response.shared_body = std::shared_ptr<const std::string>(std::move(snapshot), &body);  // aliasing: keeps it alive
  return response;
}

// A required ?contest= that is absent: 400 naming the parameter and the contests there are
// (a contest that is given but unknown stays 404 unknown-contest).
HttpResponse MissingContest(const core::CountingPlan& plan) {
  std::string ids;
  for (const core::ContestPlan& contest : plan.contests()) {
    if (ids.size() > 200) {
      ids += ", ...";
      break;
    }
    ids += (ids.empty() ? "" : ", ") + contest.contest->id;
  }
  return ErrorResponse(400, "missing-parameter", "give ?contest=ID (one of: " + ids + ")");
}

}  // namespace

void Api::ReadHistory(const Query& query, Reply reply) {
  const std::string unit = query.Value("unit");
  if (unit.empty()) return reply(ErrorResponse(400, "missing-parameter", "give ?unit=ID (a unit of the election)"));
  committer_.Read([unit, reply](service::ResultsService& service) {
    if (service.election().UnitIndex(unit) < 0) {
      return reply(ErrorResponse(404, "unknown-unit", "unit '" + unit + "' is not in the election"));
    }
    json versions = json::array();
    const Status scanned = service.VisitHistory(unit, [&](const store::StoredSubmission& s) -> Status {
      const core::Contest* contest = service.election().FindContest(s.contest);
      versions.push_back(HistoryEntryJson(s, contest == nullptr ? nullptr : service.election().FormOf(*contest)));
      return {};
    });
    if (!scanned) return reply(ErrorResponse(503, "unavailable", scanned.error().message));
    reply(JsonResponse({{"unit", unit}, {"submissions", versions}}));
  });
}

void Api::ReadRejected(Reply reply) {
  committer_.Read([reply](service::ResultsService& service) {
    json rejected = json::array();
    const Status scanned = service.VisitRejected([&](const store::StoredSubmission& s) -> Status {
      json entry = RejectedEntryJson(s);
      // The unit's names beside its id, for the rejected page and its downloads.
      if (const int unit = service.election().UnitIndex(s.unit); unit >= 0)
        entry["unit_name"] = NamesJson(service.election().units()[unit].name);
      rejected.push_back(std::move(entry));
      return {};
    });
    if (!scanned) return reply(ErrorResponse(503, "unavailable", scanned.error().message));
    reply(JsonResponse({{"rejected", rejected}}));
  });
}

void Api::ReadLogEntries(const Query& query, Reply reply) {
  constexpr std::uint64_t kMaxEntries = 1000;
  const std::optional<std::uint64_t> start = QueryNumber(query.Value("start"));
  const std::string end_text = query.Value("end");
  const std::optional<std::uint64_t> end = end_text.empty() && start ? *start + 1 : QueryNumber(end_text);
  if (!start || !end || *end <= *start || *end - *start > kMaxEntries) {
    return reply(ErrorResponse(400, "bad-request",
                               "give ?start=A&end=B: the entries with leaf index A <= i < B, at most " +
                                   std::to_string(kMaxEntries) + " at a time"));
  }
  committer_.Read([start = *start, end = *end, reply](service::ResultsService& service) {
    json entries = json::array();
    bool stopped = false;  // the scan stops at its first error: past `end` is one
    const Status scanned =
        service.VisitLog(static_cast<std::int64_t>(start), [&](const store::StoredSubmission& s) -> Status {
          if (static_cast<std::uint64_t>(s.seq) > end) {
            stopped = true;
            return FailedPrecondition("past the range");
          }
          entries.push_back({{"leaf_index", s.seq - 1}, {"entry", ledger::EncodeLogEntry(service.LogEntryOf(s))}});
          return {};
        });
    if (!scanned && !stopped) {
      return reply(ErrorResponse(503, "unavailable", scanned.error().message));
    }
    reply(JsonResponse({{"start", start}, {"entries", entries}}));
  });
}

// Serves a paper protocol's photo (stored by PUT) by its SHA-256.
void Api::ReadPhoto(const std::string& sha256, Reply reply) {
  committer_.Read([sha256, reply](service::ResultsService& service) {
    Result<std::optional<store::StoredPhoto>> photo = service.Photo(sha256);
    if (!photo) return reply(ErrorResponse(503, "unavailable", photo.error().message));
    if (!*photo) return reply(ErrorResponse(404, "not-found", "no photo " + sha256));
    HttpResponse response{200, (*photo)->media_type, std::move((*photo)->bytes)};
    response.cache_control = "public, max-age=31536000, immutable";
    reply(std::move(response));
  });
}

HttpResponse Api::ReadSnapshot(const HttpRequest& request, const std::string& path, const Query& query) {
  std::shared_ptr<const Snapshot> snapshot;
  {
    std::shared_lock lock(state_.mutex);
    // Keyed by what the routes read, so that made-up parameters cannot make each request a
    // fresh (possibly costly) build. Decoded values hold no control characters.
    const std::string key =
        path + "\n" + query.Value("contest") + "\n" + query.Value("unit") + "\n" + query.Value("parent") + "\n" +
        query.Value("preset") + "\n" + query.Value("body") + "\n" + query.Value("round");
    snapshot = snapshots_.Get(key, state_.generation.load(), [&] {
      HttpResponse built = ReadLocked(path, query);
      return SnapshotCache::Built{built.status, std::move(built.content_type), std::move(built.body)};
    });
  }
  metrics_.SetSnapshotCounts(snapshots_.hits() + desk_snapshots_.hits(), snapshots_.builds() + desk_snapshots_.builds());
  return SnapshotResponse(request, std::move(snapshot));
}

HttpResponse Api::ReadStatic(const HttpRequest& request, const std::string& path) {
  const StaticFile* file = web_.Find(path);
  if (file == nullptr) {
    return ErrorResponse(404, "not-found",
                         web_.empty() ? "no such endpoint: " + path + " (the dashboard is not built: make build)"
                                      : "no such file: " + path);
  }
  HttpResponse response = Conditional(request, 200, file->content_type, file->body, file->gzipped, file->etag);
  if (file->immutable) response.cache_control = "public, max-age=31536000, immutable";
  return response;
}

HttpResponse Api::ReadStatistics(const std::string& path, const Query& query) {
  const core::ElectionNight& night = state_.service->night();
  if (path == "/api/v1/statistics/pvt") {
    if (!state_.pvt) {
      return ErrorResponse(404, "no-estimate",
                           "no PVT or exit-poll estimate is published here (saylau serve --pvt FILE)");
    }
    const core::ContestIndex contest = night.plan().FindContest(state_.pvt_contest);
    if (!contest.valid()) return ErrorResponse(404, "unknown-contest", "the estimate's contest is not in the election");
    const stats::StationResults stations = stats::StationsOf(night, contest);
    std::vector<stats::Comparison> comparison =
        stats::CompareWithOfficial(state_.pvt->shares, stats::OfficialShares(stations));
    const auto turnout = stats::CompareWithOfficial(state_.pvt->turnout, stats::OfficialShares(stations));
    comparison.insert(comparison.end(), turnout.begin(), turnout.end());
    json out = state_.pvt_published;
    out["comparison"] = formats::ComparisonJson(comparison);
    out["official_progress"] = ProgressJson(night.tabulation().ProgressAt(contest, 1, core::LocalUnit(0)));
    return JsonResponse(out);
  }
  const std::string contest_id = query.Value("contest");
  if (contest_id.empty()) return MissingContest(night.plan());
  const core::ContestIndex contest = night.plan().FindContest(contest_id);
  if (!contest.valid())
    return ErrorResponse(404, "unknown-contest", "contest '" + contest_id + "' is not in the election");
  // ?preset=kobak2016 or klimek2012: the definitions of the papers; without it the defaults of
  // saylau forensics. The null is exact; the snapshot cache answers every later request until
  // the count changes.
  const std::string preset = query.Value("preset");
  Result<stats::ForensicsOptions> options =
      preset.empty() ? Result<stats::ForensicsOptions>(stats::ForensicsOptions{}) : stats::ForensicsPreset(preset);
  if (!options) return ErrorResponse(400, "bad-request", options.error().message);
  options->threads = 1;
  const stats::ForensicsReport report =
      stats::RunForensics(stats::StationsOf(night, contest), *options, &night.election());
  return JsonResponse(formats::ForensicsJson(report));
}

HttpResponse Api::ReadLog(const std::string& path, const Query& query) {
  const service::ResultsService& service = *state_.service;
  const std::optional<ledger::TreeHead>& head = service.head();
  if (path == "/api/v1/observers") {
    json observers = json::array();
    for (const store::RegisteredObserver& o : service.observers()) {
      observers.push_back({{"id", o.id}, {"organisation", o.organisation}, {"kind", o.kind}, {"key", o.public_key}});
    }
    json reports = bundle::ReportsDocument(service.ObserverReports());
    return JsonResponse({{"observers", observers},
                         {"flags", bundle::FlagsDocument(service.ObserverFlags())["flags"]},
                         {"reports", std::move(reports["reports"])},
                         {"report_counts", {{"by_reason", std::move(reports["by_reason"])},
                                            {"by_region", std::move(reports["by_region"])}}}});
  }
  if (!head) return ErrorResponse(404, "no-tree-head", "nothing has been logged yet");
  if (path == "/api/v1/log/head") {
    json witnesses = json::array();
    for (const auto& [observer, witnessed] : service.witnesses()) {
      witnesses.push_back({{"observer", observer}, {"head", HeadJson(witnessed)}});
    }
    return JsonResponse({{"head", HeadJson(*head)}, {"signed", !head->signature.empty()}, {"witnesses", witnesses}});
  }
  if (path == "/api/v1/log/proof") {
    const std::optional<std::uint64_t> leaf = QueryNumber(query.Value("leaf"));
    const std::string size_text = query.Value("size");
    const std::optional<std::uint64_t> size = size_text.empty() ? head->size : QueryNumber(size_text);
    if (!leaf || !size || *leaf >= *size || *size > head->size) {
      return ErrorResponse(
          400, "bad-request",
          "give ?leaf=N[&size=M] with N < M <= " + std::to_string(head->size) + " (the tree head's size)");
    }
    return JsonResponse({{"leaf_index", *leaf},
                         {"tree_size", *size},
                         {"leaf_hash", ledger::ToHex(service.tree().Leaf(*leaf))},
                         {"inclusion", HashesJson(service.tree().InclusionProof(*leaf, *size))},
                         {"root", ledger::ToHex(service.tree().Root(*size))}});
  }
  if (path == "/api/v1/log/consistency") {
    const std::optional<std::uint64_t> first = QueryNumber(query.Value("first"));
    const std::string second_text = query.Value("second");
    const std::optional<std::uint64_t> second = second_text.empty() ? head->size : QueryNumber(second_text);
    if (!first || !second || *first == 0 || *first > *second || *second > head->size) {
      return ErrorResponse(400, "bad-request",
                           "give ?first=A[&second=B] with 0 < A <= B <= " + std::to_string(head->size));
    }
    return JsonResponse({{"first", *first},
                         {"second", *second},
                         {"first_root", ledger::ToHex(service.tree().Root(*first))},
                         {"second_root", ledger::ToHex(service.tree().Root(*second))},
                         {"consistency", HashesJson(service.tree().ConsistencyProof(*first, *second))}});
  }
  return ErrorResponse(404, "not-found", "no such endpoint: " + path);
}

HttpResponse Api::ReadLocked(const std::string& path, const Query& query) {
  const service::ResultsService& service = *state_.service;
  const core::Election& election = service.election();
  const core::ElectionNight& night = service.night();
  const core::CountingPlan& plan = night.plan();
  const auto unit_of = [&](const std::string& id) {
    return plan.FindUnit(id.empty() ? election.units().front().id : id);
  };
  if (path == "/api/v1/election") {
    json contests = json::array();
    for (const core::ContestPlan& contest : plan.contests()) {
      json options = json::array();
      for (const auto& option : contest.contest->options)
        options.push_back({{"id", option.id}, {"name", NamesJson(option.name)}, {"party", option.party}});
      contests.push_back({{"id", contest.contest->id},
                          {"name", NamesJson(contest.contest->name)},
                          {"unit", contest.contest->unit},
                          {"kind", contest.contest->kind},
                          {"body", contest.contest->body},
                          {"against_all", contest.contest->against_all},
                          {"certified_by", election.CertifierOf(*contest.contest)},
                          {"options", options}});
    }
    json parties = json::array();
    for (const core::Party& party : election.parties()) {
      parties.push_back({{"id", party.id},
                         {"name", NamesJson(party.name)},
                         {"short_name", party.short_name},
                         {"short_names", NamesJson(party.short_names)},
                         {"color", party.color}});
    }
    json regions = json::array();
    for (int child : plan.Children(core::GlobalUnit(0))) {
      const core::Unit& unit = election.units()[child];
      // Each region's own time: its zone and its polls' closing time (the reference zone's).
      regions.push_back({{"id", unit.id},
                         {"name", NamesJson(unit.name)},
                         {"kind", core::UnitKindName(unit.kind)},
                         {"time_zone", TimeZoneOf(election, plan, core::GlobalUnit(child))},
                         {"polls_close", PollsCloseOf(election, plan, core::GlobalUnit(child))}});
    }
    return JsonResponse({{"id", election.id()},
                         {"date", election.date().ToString()},
                         {"parties", parties},
                         {"regions", regions},
                         {"name", NamesJson(election.name())},
                         {"cec", election.units().front().id},
                         {"time_zone", election.units().front().time_zone.str()},  // the reference zone
                         {"units", election.units().size()},
                         {"bodies", BodiesJson(election)},
                         {"maps", MapsJson(election)},
                         {"contests", contests}});
  }
  if (path == "/api/v1/statistics/forensics" || path == "/api/v1/statistics/pvt") return ReadStatistics(path, query);
  if (path == "/api/v1/keys/last-seq") {
    const std::string key = query.Value("key");
    if (key.empty()) return ErrorResponse(400, "missing-parameter", "give ?key=BASE64 (percent-encoded)");
    return JsonResponse({{"key", key}, {"last_seq", service.LastKeySeq(key)}});
  }
  if (path.rfind("/api/v1/log/", 0) == 0 || path == "/api/v1/observers") return ReadLog(path, query);
  if (path == "/api/v1/results") {
    const std::string contest_id = query.Value("contest");
    if (contest_id.empty()) return MissingContest(plan);
    const core::ContestIndex contest = plan.FindContest(contest_id);
    if (!contest.valid())
      return ErrorResponse(404, "unknown-contest", "contest '" + contest_id + "' is not in the election");
    const core::ContestPlan& contest_plan = plan.contest(contest);
    const std::string unit_id = query.Value("unit").empty() ? contest_plan.contest->unit : query.Value("unit");
    const core::GlobalUnit unit = unit_of(unit_id);
    const core::LocalUnit local = unit.valid() ? contest_plan.LocalOf(unit) : core::LocalUnit();
    if (!local.valid()) {
      return ErrorResponse(404, "unknown-unit",
                           "unit '" + unit_id + "' is not where contest '" + contest_id + "' is counted");
    }
    const core::ContestStatus status = night.StatusOf(contest);
    const json totals =
        formats::ProtocolValuesToJson(contest_plan, night.tabulation().Totals(contest, status.round, local));
    const core::GlobalUnit parent = plan.Parent(unit);
    json out = {{"contest", contest_id},
                {"unit", unit_id},
                {"unit_name", NamesJson(election.units()[unit.at()].name)},
                {"unit_kind", core::UnitKindName(election.units()[unit.at()].kind)},
                {"time_zone", TimeZoneOf(election, plan, unit)},
                {"parent", parent.valid() ? json(election.units()[parent.at()].id) : json(nullptr)},
                {"stage", core::StageName(status.stage)},
                {"round", status.round},
                {"partial", status.partial},
                {"progress", ProgressJson(night.tabulation().ProgressAt(contest, status.round, local))},
                {"totals", totals}};
    if (local == core::LocalUnit(0) && status.outcome)
      out["outcome"] = formats::OutcomeToJson(election, *contest_plan.contest, *status.outcome);
    return JsonResponse(out);
  }
  if (path == "/api/v1/turnout") {
    const std::string unit_id = query.Value("unit");
    const core::GlobalUnit unit = unit_of(unit_id);
    if (!unit.valid()) return ErrorResponse(404, "unknown-unit", "unit '" + unit_id + "' is not in the election");
    // ?round=2: the runoff day's own reports (default 1).
    const std::string round_text = query.Value("round");
    const int round = round_text.empty() ? 1 : round_text == "1" ? 1 : round_text == "2" ? 2 : 0;
    if (round == 0) {
      return ErrorResponse(400, "bad-request", "?round= is 1 or 2 (a runoff's day), not '" + round_text + "'");
    }
    json times = json::array();
    for (int time = 0; time < core::kReportTimes; ++time) {
      const core::TurnoutFigure figure = night.turnout().At(unit, time, round);
      times.push_back({{"time", core::kReportTimeNames[time]},
                       {"reported", figure.reported},
                       {"expected", figure.expected},
                       {"voters", figure.voters},
                       {"issued", figure.issued}});
    }
    return JsonResponse({{"unit", election.units()[unit.at()].id}, {"round", round}, {"times", times}});
  }
  if (path == "/api/v1/units") {
    const core::GlobalUnit parent = unit_of(query.Value("parent"));
    if (!parent.valid())
      return ErrorResponse(404, "unknown-unit", "unit '" + query.Value("parent") + "' is not in the election");
    const std::string contest_id = query.Value("contest");
    const core::ContestIndex contest = contest_id.empty() ? core::ContestIndex(0) : plan.FindContest(contest_id);
    if (!contest.valid())
      return ErrorResponse(404, "unknown-contest", "contest '" + contest_id + "' is not in the election");
    const core::ContestPlan& contest_plan = plan.contest(contest);
    const int round = night.StatusOf(contest).round;
    json children = json::array();
    for (int child : plan.Children(parent)) {
      const core::Unit& unit = election.units()[child];
      json entry = {{"id", unit.id},
                    {"name", NamesJson(unit.name)},
                    {"kind", core::UnitKindName(unit.kind)},
                    {"time_zone", TimeZoneOf(election, plan, core::GlobalUnit(child))}};
      if (const core::LocalUnit local = contest_plan.LocalOf(core::GlobalUnit(child)); local.valid()) {
        entry["progress"] = ProgressJson(night.tabulation().ProgressAt(contest, round, local));
        // For maps and tables: the counted ballots and the leading option of the child.
        const auto values = night.tabulation().Totals(contest, round, local);
        const core::ProtocolForm& form = *contest_plan.form;
        entry["voters"] = form.BaseValue(core::BaseRole::kRegistered, values);
        entry["issued"] = form.BaseValue(core::BaseRole::kTookPart, values);
        entry["valid"] = form.BaseValue(core::BaseRole::kValid, values);
        const std::span<const std::int64_t> votes = form.Options(values);
        int leader = -1;
        for (int option = 0; option < static_cast<int>(votes.size()); ++option) {
          if (votes[option] > 0 && (leader < 0 || votes[option] > votes[leader])) leader = option;
        }
        if (leader >= 0) {
          entry["leader"] = {{"option", contest_plan.contest->options[leader].id}, {"votes", votes[leader]}};
        }
      }
      children.push_back(std::move(entry));
    }
    // The parent itself, so that a page can name it and walk up without the contest (which may
    // not be counted there: an akim's contest at a region of others).
    const core::Unit& parent_unit = election.units()[parent.at()];
    const core::GlobalUnit up = plan.Parent(parent);
    return JsonResponse({{"parent", parent_unit.id},
                         {"name", NamesJson(parent_unit.name)},
                         {"kind", core::UnitKindName(parent_unit.kind)},
                         {"up", up.valid() ? json(election.units()[up.at()].id) : json(nullptr)},
                         {"time_zone", TimeZoneOf(election, plan, parent)},
                         {"counted", contest_plan.LocalOf(parent).valid()},
                         {"contest", contest_plan.contest->id},
                         {"units", children}});
  }
  if (path == "/api/v1/bodies") return JsonResponse({{"bodies", BodySummariesJson(night)}});
  if (path == "/api/v1/senate") {
    // The Senate summary: each sitting's attendance and quorum, its state and winner, women elected.
    if (!core::HasSenateSittings(election)) {
      return ErrorResponse(404, "no-senate", "election '" + election.id() + "' has no indirect_majority contest");
    }
    return JsonResponse(formats::SenateSummaryToJson(election, core::SummarizeSenate(night)));
  }
  if (path == "/api/v1/composition") {
    // One body's seats (the first body by default): a council's never add to a chamber's.
    const std::string body_id = query.Value("body").empty() && !election.bodies().empty()
                                    ? election.bodies().front().id
                                    : query.Value("body");
    const core::Body* body = election.FindBody(body_id);
    if (body == nullptr && !plan.contests().empty())
      return ErrorResponse(404, "unknown-body", "body '" + body_id + "' is not in the election");
    // Every contest's status first: the outcomes must outlive the composition's pointers.
    std::vector<core::ContestStatus> statuses;
    for (std::size_t c = 0; c < plan.contests().size(); ++c) {
      if (plan.contests()[c].contest->body != body_id) continue;
      statuses.push_back(night.StatusOf(core::ContestIndex(c)));
    }
    std::vector<core::ContestOutcome> outcomes;
    json contest_seats = json::array();  // each contest's seats: leading or won, and why
    int reported = 0, expected = 0;
    for (const core::ContestStatus& status : statuses) {
      const core::SeatDecision seat = core::DecideSeatStatus(status);
      outcomes.push_back({status.contest, status.outcome ? &*status.outcome : nullptr, seat.won()});
      contest_seats.push_back({{"contest", status.contest->id},
                               {"seat_status", core::SeatStatusName(seat.status)},
                               {"won_because", seat.won() ? json(core::WonBecauseName(seat.because)) : json(nullptr)}});
      if (status.contest->kind == "party_list") {
        reported += status.progress.reported;
        expected += status.progress.expected;
      }
    }
    const core::Composition composition = core::ComposeChamber(election, outcomes);
    const json elected = formats::ElectedByPartyJson(outcomes);  // who took the seats, by party
    json parties = json::array();
    for (const core::PartySeats& seats : composition.parties) {
      const core::Party* party = election.FindParty(seats.party);
      parties.push_back(
          {{"party", seats.party},
           {"name", party ? NamesJson(party->name)
                          : json{{"kk", "Өзін-өзі ұсынғандар"}, {"ru", "Самовыдвиженцы"}, {"en", "Self-nominated"}}},
           {"short_name", party ? party->short_name : "Self-nominated"},
           {"color", party && !party->color.empty() ? party->color : "#8c8c8c"},
           {"list_seats", seats.list_seats},
           {"district_seats", seats.district_seats},
           {"seats", seats.total()},
           {"won_seats", seats.won_seats},
           {"leading_seats", seats.total() - seats.won_seats},
           {"elected", elected.value(seats.party, json::array())}});
    }
    return JsonResponse({{"body", body_id},
                         {"name", body ? NamesJson(body->name) : json(nullptr)},
                         {"kind", body ? core::BodyKindName(body->kind) : ""},
                         {"seats", composition.seats},
                         {"undecided", composition.undecided},
                         {"partial", reported < expected},
                         {"won", composition.won},
                         {"leading", composition.seats - composition.undecided - composition.won},
                         {"contests", contest_seats},
                         {"parties", parties}});
  }
  return ErrorResponse(404, "not-found", "no such endpoint: " + path);
}

}  // namespace saylau::server
