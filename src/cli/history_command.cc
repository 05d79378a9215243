// saylau history --db FILE --unit U: every stored version of a station's protocols and
// turnout reports, with what changed between accepted versions.
#include <iostream>
#include <map>

#include "commands.h"
#include "saylau/formats/submission_json.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct HistoryOptions {
  std::string db, unit, contest;
};

int RunHistory(const HistoryOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  service::ResultsService& service = **opened;
  if (service.election().FindUnit(options.unit) == nullptr) {
    return ReportError(NotFound("unit '" + options.unit + "' is not in election '" + service.election().id() + "'"));
  }
  std::map<std::string, std::map<std::string, std::int64_t>> last_accepted;  // key -> lines
  int shown = 0;
  Status scanned = service.store().ScanMatching({options.unit, false}, [&](const store::StoredSubmission& s) -> Status {
    if (!options.contest.empty() && s.contest != options.contest) return {};
    if (s.kind != store::SubmissionKind::kProtocol && s.kind != store::SubmissionKind::kTurnout) return {};
    ++shown;
    std::map<std::string, std::int64_t> lines;
    std::string key, who, reason;
    if (s.kind == store::SubmissionKind::kProtocol) {
      Result<core::ProtocolSubmission> protocol = formats::DecodeProtocol(s.body);
      if (!protocol) return protocol.error();
      for (const auto& [name, value] : protocol->lines) lines[name] = value;
      key = "protocol " + s.contest + " round " + std::to_string(s.round);
      who = protocol->commission;
      reason = protocol->reason;
    } else {
      Result<core::TurnoutSubmission> report = formats::DecodeTurnout(s.body);
      if (!report) return report.error();
      lines = {{"voters", report->voters}, {"issued", report->issued}};
      key = "turnout at " + s.time;
      who = report->commission;
      reason = report->reason;
    }
    std::cout << "#" << s.seq << " " << key << " version " << s.version << ": "
              << (s.accepted ? "accepted" : "REJECTED") << ", by " << (who.empty() ? options.unit : who) << ", "
              << s.received_at << " (" << s.origin << ")" << (reason.empty() ? "" : ", reason: " + reason) << "\n";
    if (!s.accepted) {
      if (auto list = formats::DecodeViolations(s.reasons)) {
        for (const core::Violation& v : *list) std::cout << "    " << v.relation << ": " << v.detail << "\n";
      }
      return {};
    }
    // An accepted protocol's reasons are its warnings (failed warn relations, counted anyway).
    if (auto list = formats::DecodeViolations(s.reasons)) {
      for (const core::Violation& v : *list) std::cout << "    warning: " << v.relation << ": " << v.detail << "\n";
    }
    const auto previous = last_accepted.find(key);
    if (previous != last_accepted.end()) {
      bool changed = false;
      for (const auto& [name, value] : lines) {
        const auto old = previous->second.find(name);
        const std::int64_t before = old == previous->second.end() ? 0 : old->second;
        if (before != value) {
          std::cout << "    " << name << ": " << before << " → " << value << " (" << (value > before ? "+" : "")
                    << value - before << ")\n";
          changed = true;
        }
      }
      if (!changed) std::cout << "    no line changed\n";
    }
    last_accepted[key] = std::move(lines);
    return {};
  });
  if (!scanned) return ReportError(scanned.error());
  if (shown == 0) std::cout << "nothing stored for " << options.unit << "\n";
  return kExitOk;
}

}  // namespace

void AddHistoryCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* command = app.add_subcommand(
      "history",
      "Every stored version of a polling station's protocols and turnout reports, in order, with the\n"
      "reasons for rejections and, for each correction, the lines that changed.\n"
      "Example: saylau history --db night.db --unit astana-0001");
  command->add_option("--db", options->db, "The election database")->required();
  command->add_option("--unit", options->unit, "The polling station")->required();
  command->add_option("--contest", options->contest, "Only this contest");
  command->callback([&run, options] { run = [options] { return RunHistory(*options); }; });
}

}  // namespace saylau::cli
