// saylau observers add|list and saylau witness: accredited observers (citizen, party,
// international) with their own Ed25519 keys. An observer sends its signed copies of station
// protocols with `saylau submit --observer`; `saylau witness` checks the log's newest signed
// tree head (its signature and, against the head the observer saw last, a consistency proof)
// and countersigns it, so the operator cannot show different histories to different people.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "key_files.h"
#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/ledger/tree_head.h"
#include "saylau/server/client.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct ObserversOptions {
  std::string db;
  std::string id;
  std::string organisation;
  std::string kind = "citizen";
  std::string out = "keys";
  // witness
  std::string server;
  std::string key;
  std::string state;
  std::string log_key;
};

int RunAdd(const ObserversOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  const crypto::KeyPair key = crypto::GenerateKeyPair(options.id);
  const fs::path path = KeyFilePath(options.out, options.id);
  std::error_code error;
  fs::create_directories(options.out, error);
  if (fs::exists(path, error)) {
    return ReportError(AlreadyExists(path.string() + ": a key file is there already; keys are never overwritten"));
  }
  const store::RegisteredObserver observer{options.id, options.organisation, options.kind,
                                           crypto::ToBase64(key.public_key), NowIso()};
  if (Status ok = (*service)->AddObservers(std::span(&observer, 1)); !ok) return ReportError(ok.error());
  std::ofstream file(path, std::ios::binary);
  file << crypto::EncodeKeyFile(key, true);
  file.close();
  if (!file) return ReportError(InvalidArgument(path.string() + ": cannot write the key file"));
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, error);
  std::cout << fmt::format("registered {} observer '{}' ({}); key file {}\n", options.kind, options.id,
                           options.organisation, path.string());
  return kExitOk;
}

int RunList(const ObserversOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  std::cout << "id,organisation,kind,public_key,added_at\n";
  for (const store::RegisteredObserver& o : (*service)->observers()) {
    std::cout << o.id << ',' << formats::CsvField(o.organisation) << ',' << o.kind << ',' << o.public_key << ','
              << o.added_at << '\n';
  }
  return kExitOk;
}

Result<json> GetJson(server::HttpClient& client, const std::string& target) {
  Result<server::ClientResponse> response = client.Request("GET", target, "");
  if (!response) return response.error();
  const json parsed = json::parse(response->body, nullptr, false);
  if (response->status != 200 || parsed.is_discarded()) {
    return Unavailable(fmt::format("GET {}: HTTP {}: {}", target, response->status, response->body));
  }
  return parsed;
}

int RunWitness(const ObserversOptions& options) {
  Result<std::vector<crypto::KeyPair>> keys = ReadKeyFiles(options.key);
  if (!keys) return ReportError(keys.error());
  if (keys->size() != 1 || keys->front().secret_key.empty()) {
    return ReportError(InvalidArgument(options.key + ": give one observer key file with its secret key"));
  }
  const crypto::KeyPair& key = keys->front();
  Result<std::unique_ptr<server::HttpClient>> client = server::HttpClient::Connect(options.server);
  if (!client) return ReportError(client.error());
  Result<json> answer = GetJson(**client, "/api/v1/log/head");
  if (!answer) return ReportError(answer.error());
  Result<ledger::TreeHead> head = ledger::DecodeTreeHead((*answer)["head"].dump());
  if (!head) return ReportError(Unavailable("the server's tree head: " + head.error().message));
  if (!ledger::VerifyTreeHead(*head)) {
    std::cout << "NOT WITNESSED: the tree head at size " << head->size << " is not signed by the key it names\n";
    return kExitCheckFailed;
  }
  if (!options.log_key.empty() && head->key != options.log_key) {
    std::cout << "NOT WITNESSED: the head is signed by " << head->key << ", not by the published log key "
              << options.log_key << "\n";
    return kExitCheckFailed;
  }
  // Consistency with the head this observer saw last.
  if (!options.state.empty() && fs::exists(options.state)) {
    Result<std::string> text = formats::ReadFile(options.state);
    if (!text) return ReportError(text.error());
    Result<ledger::TreeHead> last = ledger::DecodeTreeHead(*text);
    if (!last) return ReportError(InvalidArgument(options.state + ": " + last.error().message));
    if (last->size > head->size) {
      std::cout << "NOT WITNESSED: the log shrank from " << last->size << " to " << head->size << " entries\n";
      return kExitCheckFailed;
    }
    bool consistent = last->size == head->size ? last->root == head->root : true;
    if (last->size > 0 && last->size < head->size) {
      Result<json> proof =
          GetJson(**client, fmt::format("/api/v1/log/consistency?first={}&second={}", last->size, head->size));
      if (!proof) return ReportError(proof.error());
      std::vector<ledger::Hash> hashes;
      for (const json& hex : (*proof)["consistency"])
        hashes.push_back(ledger::HashFromHex(hex.get<std::string>()).value_or(ledger::Hash{}));
      consistent = ledger::VerifyConsistency(last->size, head->size, hashes, last->root, head->root);
    }
    if (!consistent) {
      std::cout << "NOT WITNESSED: the log at size " << head->size
                << " does not extend the head this observer saw at size " << last->size << " (root "
                << ledger::ToHex(last->root) << "): a forked history\n";
      return kExitCheckFailed;
    }
    std::cout << "consistent with the head seen before (size " << last->size << ")\n";
  }
  Result<std::int64_t> seq = server::LastKeySeq(**client, crypto::ToBase64(key.public_key));
  if (!seq) return ReportError(seq.error());
  const std::string body = json{{"witness", json::parse(ledger::EncodeTreeHead(*head))}}.dump();
  const crypto::Envelope envelope = crypto::SignEnvelope(key, *seq + 1, body);
  Result<server::ClientResponse> posted =
      (*client)->Request("POST", "/api/v1/observations", crypto::EncodeEnvelope(envelope));
  if (!posted) return ReportError(posted.error());
  if (posted->status != 200) {
    std::cout << "NOT WITNESSED: the server refused the countersignature: HTTP " << posted->status << " "
              << posted->body << "\n";
    return kExitCheckFailed;
  }
  if (!options.state.empty()) {
    std::ofstream out(options.state, std::ios::binary);
    out << ledger::EncodeTreeHead(*head) << '\n';
  }
  std::cout << fmt::format("witnessed the tree head at size {} (root {}), signed by the log key {}\n", head->size,
                           ledger::ToHex(head->root), head->key);
  return kExitOk;
}

}  // namespace

void AddObserversCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<ObserversOptions>();
  CLI::App* observers = app.add_subcommand(
      "observers",
      "Accredited observers (citizen, party, international). Each has its own key: it sends signed copies\n"
      "of station protocols taken at the polling station (saylau submit --observer), and countersigns the\n"
      "log's tree heads (saylau witness). A copy that differs from the counted protocol is flagged publicly.");
  observers->require_subcommand(1);
  CLI::App* add = observers->add_subcommand(
      "add",
      "Register an observer and write its key file DIR/ID.key (secret; mode 0600).\n"
      "Example: saylau observers add --db night.db --id ng-1 --org \"Citizens' Watch\" --kind citizen --out keys");
  add->add_option("--db", options->db, "The election database")->required();
  add->add_option("--id", options->id, "The observer's id (not a commission's)")->required();
  add->add_option("--org", options->organisation, "The organisation")->required();
  add->add_option("--kind", options->kind, "citizen (default), party or international")
      ->check(CLI::IsMember({"citizen", "party", "international"}));
  add->add_option("--out", options->out, "Directory for the key file (default: keys)");
  add->callback([&run, options] { run = [options] { return RunAdd(*options); }; });
  CLI::App* list = observers->add_subcommand("list", "List the registered observers as CSV.");
  list->add_option("--db", options->db, "The election database")->required();
  list->callback([&run, options] { run = [options] { return RunList(*options); }; });

  CLI::App* witness = app.add_subcommand(
      "witness",
      "As an accredited observer, check the log's newest signed tree head and countersign it. With --state,\n"
      "the head is also checked to extend the one this observer witnessed before (a consistency proof),\n"
      "and is saved there. Exit 0 witnessed, 1 the head failed a check (nothing was signed).\n"
      "Example: saylau witness --server http://127.0.0.1:8080 --key keys/ng-1.key --state ng-1.head");
  witness->add_option("--server", options->server, "The server, http://HOST:PORT")->required();
  witness->add_option("--key", options->key, "The observer's key file")->required();
  witness->add_option("--state", options->state, "The file of the head witnessed last (read, then replaced)");
  witness->add_option("--log-key", options->log_key, "The CEC's published log key (base64), to pin");
  witness->callback([&run, options] { run = [options] { return RunWitness(*options); }; });
}

}  // namespace saylau::cli
