// saylau keys gen|add|list: the commissions' Ed25519 key pairs. gen writes one key file per
// commission (secret; mode 0600) and registers the public keys in an election database when
// --db is given; add registers public keys from key files; list prints what is registered.
#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "key_files.h"
#include "saylau/crypto/signing.h"
#include "saylau/formats/number_text.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

namespace fs = std::filesystem;

struct KeysOptions {
  std::string db;
  std::vector<std::string> commissions;
  bool all = false;
  std::string out = "keys";
  std::vector<std::string> files;
};

Status WriteSecretFile(const fs::path& path, const std::string& text) {
  std::error_code exists;
  if (fs::exists(path, exists)) {
    return AlreadyExists(path.string() + ": a key file is there already; keys are never overwritten (remove it first)");
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return InvalidArgument(path.string() + ": cannot write the key file");
  ::chmod(path.c_str(), 0600);
  return {};
}

int RunGen(const KeysOptions& options) {
  std::unique_ptr<service::ResultsService> service;
  if (!options.db.empty()) {
    Result<std::unique_ptr<service::ResultsService>> opened = OpenService(options.db);
    if (!opened) return ReportError(opened.error());
    service = std::move(*opened);
  }
  std::vector<std::string> commissions = options.commissions;
  if (options.all) {
    if (!service) return ReportError(InvalidArgument("--all needs --db: the commissions are the election's units"));
    for (const core::Unit& unit : service->election().units()) commissions.push_back(unit.id);
  }
  if (commissions.empty()) return ReportError(InvalidArgument("name a commission (--commission ID) or give --all"));
  if (service) {
    for (const std::string& id : commissions) {
      if (service->election().UnitIndex(id) < 0) {
        return ReportError(
            NotFound("commission '" + id + "' is not a unit of election '" + service->election().id() + "'"));
      }
    }
  }
  std::error_code created;
  fs::create_directories(options.out, created);
  if (created) return ReportError(InvalidArgument(options.out + ": cannot create the directory: " + created.message()));
  std::vector<crypto::KeyPair> keys;
  keys.reserve(commissions.size());
  for (const std::string& id : commissions) {
    crypto::KeyPair key = crypto::GenerateKeyPair(id);
    if (Status ok = WriteSecretFile(KeyFilePath(options.out, id), crypto::EncodeKeyFile(key, true)); !ok) {
      return ReportError(ok.error());
    }
    keys.push_back(std::move(key));
  }
  std::cout << fmt::format("wrote {} key file{} to {}/ (secret: keep each with its commission)\n",
                           formats::Grouped(static_cast<std::int64_t>(keys.size())), keys.size() == 1 ? "" : "s",
                           options.out);
  if (service) {
    if (Status ok = service->AddKeys(keys, NowIso()); !ok) return ReportError(ok.error());
    std::cout << "registered the public keys in " << options.db << "\n";
  }
  return kExitOk;
}

// The CEC's log key signs the transparency log's tree heads; it is not a commission's key and
// is not registered: the first signed head fixes it for the election.
int RunLogKey(const KeysOptions& options) {
  const crypto::KeyPair key = crypto::GenerateKeyPair("log");
  if (Status ok = WriteSecretFile(options.out, crypto::EncodeKeyFile(key, true)); !ok) return ReportError(ok.error());
  std::cout << "wrote the log key to " << options.out << " (secret: the CEC's server signs tree heads with it)\n"
            << "public key: " << crypto::ToBase64(key.public_key) << "  (publish it; saylau verify --log-key checks it)\n";
  return kExitOk;
}

int RunAdd(const KeysOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  std::vector<crypto::KeyPair> keys;
  for (const std::string& file : options.files) {
    Result<std::vector<crypto::KeyPair>> read = ReadKeyFiles(file);
    if (!read) return ReportError(read.error());
    keys.insert(keys.end(), read->begin(), read->end());
  }
  if (Status ok = (*service)->AddKeys(keys, NowIso()); !ok) return ReportError(ok.error());
  std::cout << fmt::format("registered {} public key{}\n", formats::Grouped(static_cast<std::int64_t>(keys.size())),
                           keys.size() == 1 ? "" : "s");
  return kExitOk;
}

int RunList(const KeysOptions& options) {
  Result<std::unique_ptr<service::ResultsService>> service = OpenService(options.db);
  if (!service) return ReportError(service.error());
  // Unit ids, base64 keys and ISO times hold no commas or quotes: plain CSV.
  std::cout << "commission,public_key,added_at,last_seq\n";
  for (const store::RegisteredKey& key : (*service)->keys()) {
    std::cout << key.commission << ',' << key.public_key << ',' << key.added_at << ','
              << (*service)->LastKeySeq(key.public_key) << '\n';
  }
  return kExitOk;
}

}  // namespace

void AddKeysCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<KeysOptions>();
  CLI::App* keys = app.add_subcommand(
      "keys",
      "The commissions' signing keys (Ed25519). Every commission — station, district, region, and the\n"
      "CEC (the country unit) — signs what it submits; the server accepts a submission only under a\n"
      "registered key, for the commission's own unit or one below it.");
  keys->require_subcommand(1);

  CLI::App* gen = keys->add_subcommand(
      "gen",
      "Generate key pairs: one key file per commission, named COMMISSION.key, readable by its owner only.\n"
      "With --db the public keys are registered in that election at once.\n"
      "Examples: saylau keys gen --commission abai-0001 --out keys\n"
      "          saylau keys gen --all --db night.db --out keys");
  gen->add_option("--commission", options->commissions, "A commission's unit id (repeatable)");
  gen->add_flag("--all", options->all, "Every commission of the election (needs --db)");
  gen->add_option("--out", options->out, "Directory for the key files (default: keys)");
  gen->add_option("--db", options->db, "Register the public keys in this election database");
  gen->callback([&run, options] { run = [options] { return RunGen(*options); }; });

  CLI::App* add =
      keys->add_subcommand("add",
                           "Register public keys from key files (or directories of *.key files); the secret half, if\n"
                           "present, is not stored. All or none are registered.\n"
                           "Example: saylau keys add --db night.db keys/abai-0001.key");
  add->add_option("--db", options->db, "The election database")->required();
  add->add_option("files", options->files, "Key files or directories")->required();
  add->callback([&run, options] { run = [options] { return RunAdd(*options); }; });

  CLI::App* log = keys->add_subcommand(
      "log",
      "Make the CEC's transparency-log key (Ed25519): saylau serve --log-key FILE signs every tree head\n"
      "with it. Publish the public key it prints, so that observers can check the heads.\n"
      "Example: saylau keys log --out kz-log.key");
  log->add_option("--out", options->out, "The key file to write")->required();
  log->callback([&run, options] { run = [options] { return RunLogKey(*options); }; });

  CLI::App* list =
      keys->add_subcommand("list", "List the registered public keys as CSV, with each key's last sequence number.");
  list->add_option("--db", options->db, "The election database")->required();
  list->callback([&run, options] { run = [options] { return RunList(*options); }; });
}

}  // namespace saylau::cli
