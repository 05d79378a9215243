// saylau certify --db FILE --stage preliminary|final: the commission announces or certifies results.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "key_files.h"
#include "saylau/crypto/envelope.h"
#include "saylau/server/client.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

struct CertifyOptions {
  std::string db;
  std::string stage;
  std::vector<std::string> contests;
  std::string at;
  std::string by;
  std::string note;
  std::string server;
  std::string key;
  int round = 0;  // 0: each contest's current round
};

// Certification through a server: the certifying commission's key signs {"contest","stage","note"[,"round"]}
// per contest.
int RunRemoteCertify(const CertifyOptions& options) {
  using nlohmann::json;
  if (options.key.empty()) {
    return ReportError(InvalidArgument("--server needs --key: the certifying commission's key file"));
  }
  Result<std::vector<crypto::KeyPair>> keys = ReadKeyFiles(options.key);
  if (!keys) return ReportError(keys.error());
  if (keys->size() != 1 || keys->front().secret_key.empty()) {
    return ReportError(InvalidArgument(options.key + ": give one key file with its secret key"));
  }
  const crypto::KeyPair& key = keys->front();
  Result<std::unique_ptr<server::HttpClient>> client = server::HttpClient::Connect(options.server);
  if (!client) return ReportError(client.error());
  std::vector<std::string> contests = options.contests;
  if (contests.empty()) {
    Result<server::ClientResponse> election = (*client)->Request("GET", "/api/v1/election", "");
    if (!election) return ReportError(election.error());
    // The contests this key's commission certifies (all when the server does not say).
    for (const json& contest : json::parse(election->body, nullptr, false).value("contests", json::array())) {
      const std::string certifier = contest.value("certified_by", "");
      if (certifier.empty() || key.commission.empty() || certifier == key.commission) {
        contests.push_back(contest.value("id", ""));
      }
    }
  }
  Result<std::int64_t> last = server::LastKeySeq(**client, crypto::ToBase64(key.public_key));
  if (!last) return ReportError(last.error());
  std::int64_t seq = *last;
  int refused = 0;
  for (const std::string& contest : contests) {
    json body = {{"contest", contest}, {"stage", options.stage}, {"note", options.note}};
    if (options.round != 0) body["round"] = options.round;
    const crypto::Envelope envelope = crypto::SignEnvelope(key, ++seq, body.dump());
    Result<server::ClientResponse> response =
        (*client)->Request("POST", "/api/v1/certify", crypto::EncodeEnvelope(envelope));
    if (!response) return ReportError(response.error());
    const json ack = json::parse(response->body, nullptr, false);
    if (response->status == 200) {
      std::cout << contest << ": " << options.stage << " (acknowledged, stored)\n";
    } else {
      ++refused;
      std::cout << contest << ": refused (HTTP " << response->status << ", " << ack.value("refusal", "")
                << "): " << ack.value("message", response->body) << "\n";
    }
  }
  return refused > 0 ? kExitCheckFailed : kExitOk;
}

int RunCertify(const CertifyOptions& options) {
  if (!options.server.empty()) return RunRemoteCertify(options);
  if (options.db.empty()) return ReportError(InvalidArgument("give --db FILE, or --server URL with --key FILE"));
  Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
  if (!opened) return ReportError(opened.error());
  service::ResultsService& service = **opened;
  const core::Election& election = service.election();
  // All contests by default; with --by, those that commission certifies.
  std::vector<std::string> contests = options.contests;
  if (contests.empty()) {
    for (const core::Contest& contest : election.contests()) {
      if (options.by.empty() || election.CertifierOf(contest) == options.by) contests.push_back(contest.id);
    }
    if (contests.empty()) return ReportError(NotFound("no contest is certified by '" + options.by + "'"));
  }
  const core::Stage stage = *core::StageFromName(options.stage);
  // Each contest by its own certifying commission unless --by names one (then it must be that one).
  const auto by_for = [&](const std::string& id) -> std::string {
    if (!options.by.empty()) return options.by;
    const core::Contest* contest = election.FindContest(id);
    return contest != nullptr ? election.CertifierOf(*contest) : election.units().front().id;
  };
  // Check every contest first, so the command does all or nothing.
  for (const std::string& id : contests) {
    if (Status ok = service.night().CheckStageChange({id, stage, "", by_for(id), "", options.round}); !ok) {
      return ReportError(ok.error());
    }
  }
  for (const std::string& id : contests) {
    const core::StageChange change{id,          stage, options.at.empty() ? NowIso() : options.at, by_for(id),
                                   options.note, options.round};
    if (Status ok = service.Certify(change); !ok) return ReportError(ok.error());
    std::cout << id << ": " << StageLine(service, service.night().plan().FindContest(id)) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddCertifyCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<CertifyOptions>();
  CLI::App* command = app.add_subcommand(
      "certify",
      "Move contests to the next result stage: preliminary (announced on election night) or final\n"
      "(certified by the contest's commission, certified_by in the definition, the CEC by default; needs\n"
      "every polling station reported). Stages are per round: --round 1 closes round one (default: the\n"
      "current round); round two is certified only after round one is final. After the final stage a\n"
      "protocol or turnout report of that round changes only under a recount order (saylau recount).\n"
      "All contests by default (with --by, those that commission certifies); all or none are moved.\n"
      "Through a running server, the certifying commission signs it: --server URL --key FILE (the time\n"
      "is the server's).\n"
      "Example: saylau certify --db night.db --stage final --at 2023-03-27T12:00:00+06:00\n"
      "         saylau certify --server http://127.0.0.1:8080 --key keys/kz.key --stage preliminary");
  command->add_option("--db", options->db, "The election database");
  command->add_option("--server", options->server, "Certify through this saylau server (http://HOST:PORT)");
  command->add_option("--key", options->key, "With --server: the certifying commission's key file");
  command->add_option("--stage", options->stage, "preliminary or final")
      ->required()
      ->check(CLI::IsMember({"preliminary", "final"}));
  command->add_option("--contest", options->contests, "Only these contests (repeatable)");
  command->add_option("--at", options->at, "When (ISO 8601; default now); compared with the legal deadline");
  command->add_option("--by", options->by,
                      "The certifying commission's unit (default: each contest's certified_by, else the CEC)");
  command->add_option("--round", options->round, "The round to certify (default: each contest's current round)")
      ->check(CLI::Range(1, 1000));
  command->add_option("--note", options->note, "A note kept with the record (a resolution number)");
  command->callback([&run, options] { run = [options] { return RunCertify(*options); }; });
}

}  // namespace saylau::cli
