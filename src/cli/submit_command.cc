// saylau submit --server URL --key FILE | --keys DIR FILE...: protocols and turnout reports
// signed by their commissions and sent to a saylau server (POST /api/v1/protocols, /turnout)
// in batches, optionally paced over a span of time (how the demo replays election night).
// Each acknowledgement is counted; every rejection and refusal is listed with its reasons.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "commands.h"
#include "key_files.h"
#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/number_text.h"
#include "saylau/formats/observer_report_json.h"
#include "saylau/formats/submission_json.h"
#include "saylau/ledger/merkle.h"
#include "saylau/server/client.h"
#include "saylau/server/failover_client.h"
#include "service_access.h"

namespace saylau::cli {
namespace {

using nlohmann::json;

struct SubmitOptions {
  std::string server;
  std::string key;
  std::string keys;
  std::vector<std::string> files;
  int batch = 500;
  double over = 0;
  std::string sign_only;
  int show = 20;
  double retry_for = 120;  // seconds to keep sending a request again after a lost connection or HTTP 503
  bool observer = false;   // send as an accredited observer's copies (POST /api/v1/observations)
  std::string photos;      // a directory of paper protocols' photos, UNIT.CONTEST[.rN].jpg|.png|.pdf or UNIT.*
};

// A paper protocol's photo to upload once its protocol is stored.
struct PhotoFile {
  std::string sha256;
  std::string media_type;
  std::string bytes;
};

// The photo of one paper protocol in `directory`, if there is one: each ballot's protocol has
// its own, UNIT.CONTEST.ext (round 1) or UNIT.CONTEST.rN.ext; UNIT.ext, one scan of all the
// station's protocols (the earlier naming), is the fallback.
std::optional<PhotoFile> FindPhoto(const std::string& directory, const core::ProtocolSubmission& protocol) {
  if (directory.empty()) return std::nullopt;
  const std::string own = protocol.unit + "." + protocol.contest +
                          (protocol.round > 1 ? ".r" + std::to_string(protocol.round) : std::string());
  for (const std::string& stem : {own, protocol.unit}) {
    for (const auto& [extension, type] : {std::pair{".jpg", "image/jpeg"},
                                          {".jpeg", "image/jpeg"},
                                          {".png", "image/png"},
                                          {".pdf", "application/pdf"}}) {
      Result<std::string> bytes = formats::ReadFile(directory + "/" + stem + extension);
      if (bytes) return PhotoFile{ledger::ToHex(ledger::Sha256(*bytes)), type, std::move(*bytes)};
    }
  }
  return std::nullopt;
}

struct Summary {
  std::int64_t sent = 0, accepted = 0, corrections = 0, rejected = 0, duplicates = 0, refused = 0;
  std::vector<std::string> problems;
};

// The signing keys: one (--key) for everything, or one per commission (--keys DIR).
class Signer {
 public:
  Status Load(const SubmitOptions& options) {
    if (options.key.empty() == options.keys.empty()) {
      return InvalidArgument("give one of --key FILE (one commission) or --keys DIR (a key file per commission)");
    }
    Result<std::vector<crypto::KeyPair>> keys = ReadKeyFiles(options.key.empty() ? options.keys : options.key);
    if (!keys) return keys.error();
    for (crypto::KeyPair& key : *keys) {
      if (key.secret_key.empty()) {
        return InvalidArgument("the key file of '" + key.commission + "' holds no secret key: it cannot sign");
      }
      if (!options.key.empty()) single_ = key.commission;
      by_commission_[key.commission] = std::move(key);
    }
    return {};
  }

  // The key that signs for `unit`, given the commission the body names (empty: the unit's own).
  const crypto::KeyPair* KeyFor(const std::string& named_commission, const std::string& unit) const {
    const std::string& commission = !single_.empty() ? single_ : (named_commission.empty() ? unit : named_commission);
    const auto found = by_commission_.find(commission);
    return found == by_commission_.end() ? nullptr : &found->second;
  }

 private:
  std::string single_;
  std::map<std::string, crypto::KeyPair> by_commission_;
};

// Per-key sequence numbers: the next after what the server has seen (or 1 when signing offline).
class Sequences {
 public:
  explicit Sequences(server::HttpClient* client) : client_(client) {}
  Result<std::int64_t> Next(const std::string& key_base64) {
    auto found = last_.find(key_base64);
    if (found == last_.end()) {
      std::int64_t last = 0;
      if (client_ != nullptr) {
        Result<std::int64_t> known = server::LastKeySeq(*client_, key_base64);
        if (!known) return known.error();
        last = *known;
      }
      found = last_.emplace(key_base64, last).first;
    }
    return ++found->second;
  }

 private:
  server::HttpClient* client_;
  std::map<std::string, std::int64_t> last_;
};

void Tally(const json& ack, Summary& summary, int show) {
  const std::string status = ack.value("status", "");
  std::string problem;
  if (status == "accepted") {
    ++summary.accepted;
    summary.corrections += ack.value("correction", false) ? 1 : 0;
  } else if (status == "duplicate") {
    ++summary.duplicates;
  } else if (status == "rejected") {
    ++summary.rejected;
    problem = "  " + ack.value("origin", "") + ": " + ack.value("what", "") + ": rejected";
    for (const json& reason : ack.value("reasons", json::array())) {
      problem += "\n      " + reason.value("relation", "") + ": " + reason.value("detail", "");
    }
  } else {
    ++summary.refused;
    problem = "  " + ack.value("origin", "") + ": refused (" + ack.value("refusal", ack.value("error", "")) +
              "): " + ack.value("message", "");
  }
  if (!problem.empty() && static_cast<int>(summary.problems.size()) < show) summary.problems.push_back(problem);
}

struct Pending {
  bool turnout = false;
  std::string origin;
  crypto::Envelope envelope;
};

// Reads every file into signed envelopes, in file order; the photos named go to `photos`.
Result<std::vector<Pending>> SignAll(const SubmitOptions& options, const Signer& signer, Sequences& sequences,
                                     std::vector<PhotoFile>& photos) {
  std::vector<Pending> all;
  for (const std::string& file : options.files) {
    Result<std::string> text = formats::ReadFile(file);
    if (!text) return text.error();
    if (options.observer && formats::IsObserverReportsFile(*text, file)) {
      // Reports without figures (docs/observer-reports.md): the file is checked whole first.
      Result<std::vector<core::ObserverReport>> reports = formats::ReadObserverReports(*text, file);
      if (!reports) {
        return InvalidArgument(reports.error().message + " (nothing was signed or sent; fix the file and run submit again)");
      }
      for (const core::ObserverReport& report : *reports) {
        const crypto::KeyPair* key = signer.KeyFor(report.observer, report.unit);
        if (key == nullptr) return NotFound(report.origin + ": no key file for the observer that reports this");
        Result<std::int64_t> seq = sequences.Next(crypto::ToBase64(key->public_key));
        if (!seq) return seq.error();
        Pending pending;
        pending.origin = report.origin;
        pending.envelope = crypto::SignEnvelope(*key, *seq, formats::EncodeObserverReport(report));
        all.push_back(std::move(pending));
      }
      continue;
    }
    Result<std::unique_ptr<formats::SubmissionReader>> reader = formats::OpenSubmissions(*text, file);
    if (!reader) return reader.error();
    formats::Submission next;
    while (true) {
      Result<bool> got = (*reader)->Next(next);
      if (!got) return got.error();
      if (!*got) break;
      // A commission signs exactly what it wrote: a row that is not clean text (a CP1251
      // export) or not JSON is refused here, naming its place, before anything is signed.
      const auto& read_problems = std::visit(
          [](const auto& s) -> const auto& { return s.read_problems; }, next);
      if (!read_problems.empty()) {
        const std::string& origin = std::visit(
            [](const auto& s) -> const auto& { return s.origin; }, next);
        return InvalidArgument(origin + ": " + read_problems[0].relation + ": " + read_problems[0].detail +
                               " (nothing was signed or sent; fix the file and run submit again)");
      }
      Pending pending;
      const crypto::KeyPair* key = nullptr;
      if (auto* protocol = std::get_if<core::ProtocolSubmission>(&next)) {
        key = signer.KeyFor(protocol->commission, protocol->unit);
        if (std::optional<PhotoFile> photo = FindPhoto(options.photos, *protocol)) {
          protocol->photo = photo->sha256;
          // One scan may serve several contests' protocols of a station: upload it once.
          if (std::none_of(photos.begin(), photos.end(),
                           [&](const PhotoFile& p) { return p.sha256 == photo->sha256; })) {
            photos.push_back(std::move(*photo));
          }
        }
        pending.origin = protocol->origin;
        pending.envelope.body = formats::EncodeProtocol(*protocol);
      } else {
        const auto& report = std::get<core::TurnoutSubmission>(next);
        key = signer.KeyFor(report.commission, report.unit);
        pending.turnout = true;
        pending.origin = report.origin;
        pending.envelope.body = formats::EncodeTurnout(report);
      }
      if (key == nullptr) {
        return NotFound(pending.origin + ": no key file for the commission that submits this (looked in " +
                        options.keys + ")");
      }
      Result<std::int64_t> seq = sequences.Next(crypto::ToBase64(key->public_key));
      if (!seq) return seq.error();
      pending.envelope = crypto::SignEnvelope(*key, *seq, std::move(pending.envelope.body));
      all.push_back(std::move(pending));
    }
  }
  return all;
}

int RunSubmit(const SubmitOptions& options) {
  Signer signer;
  if (Status ok = signer.Load(options); !ok) return ReportError(ok.error());
  if (options.observer && options.key.empty()) {
    return ReportError(InvalidArgument("--observer signs with the observer's own key: give --key FILE"));
  }
  if (options.server.empty() == options.sign_only.empty()) {
    return ReportError(InvalidArgument("give --server URL to send, or --sign-only FILE to write the envelopes"));
  }
  std::unique_ptr<server::FailoverClient> client;
  if (!options.server.empty()) {
    Result<std::vector<std::string>> servers = server::SplitServers(options.server);
    if (!servers) return ReportError(servers.error());
    server::FailoverOptions failover;
    failover.servers = std::move(*servers);
    failover.retry_for = std::chrono::milliseconds(static_cast<std::int64_t>(options.retry_for * 1000));
    failover.note = [](const std::string& note) { std::cerr << "\nsaylau: " << note << "\n"; };
    Result<std::unique_ptr<server::FailoverClient>> connected = server::FailoverClient::Connect(std::move(failover));
    if (!connected) return ReportError(connected.error());
    client = std::move(*connected);
  }
  Sequences sequences(client.get());
  std::vector<PhotoFile> photos;
  Result<std::vector<Pending>> signed_all = SignAll(options, signer, sequences, photos);
  if (!signed_all) return ReportError(signed_all.error());
  const std::vector<Pending>& all = *signed_all;

  if (!options.sign_only.empty()) {
    std::ofstream out(options.sign_only, std::ios::binary);
    for (const Pending& pending : all) out << crypto::EncodeEnvelope(pending.envelope) << '\n';
    out.close();
    if (!out) return ReportError(InvalidArgument(options.sign_only + ": cannot write"));
    std::cout << fmt::format("signed {} submissions into {}\n", formats::Grouped(std::ssize(all)), options.sign_only);
    return kExitOk;
  }

  Summary summary;
  ProgressBar bar("submit to " + options.server);
  const auto started = std::chrono::steady_clock::now();
  std::size_t at = 0;
  while (at < all.size()) {
    // One batch: consecutive envelopes of one kind, at most --batch of them.
    std::size_t end = at;
    std::string body = "[";
    while (end < all.size() && end - at < static_cast<std::size_t>(options.batch) &&
           all[end].turnout == all[at].turnout) {
      if (end > at) body += ',';
      body += crypto::EncodeEnvelope(all[end].envelope);
      ++end;
    }
    body += ']';
    if (options.over > 0) {
      // Paced: envelope i goes out at i / n of the span.
      const auto due = started + std::chrono::duration<double>(options.over * static_cast<double>(at) /
                                                               static_cast<double>(all.size()));
      std::this_thread::sleep_until(due);
    }
    const char* path = options.observer  ? "/api/v1/observations"
                       : all[at].turnout ? "/api/v1/turnout"
                                         : "/api/v1/protocols";
    Result<server::ClientResponse> response = client->Request("POST", path, body);
    if (!response) {
      bar.Finish();
      std::cerr << fmt::format("saylau: {} of {} submissions were acknowledged before the server went away\n",
                               formats::Grouped(summary.sent), formats::Grouped(std::ssize(all)));
      return ReportError(response.error());
    }
    const json parsed = json::parse(response->body, nullptr, false);
    if (response->status != 200 || !parsed.contains("acknowledgements")) {
      bar.Finish();
      return ReportError(Unavailable(fmt::format("the server answered HTTP {}: {}", response->status, response->body)));
    }
    for (const json& ack : parsed["acknowledgements"]) Tally(ack, summary, options.show);
    summary.sent += static_cast<std::int64_t>(end - at);
    at = end;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    bar.Update(
        static_cast<double>(at) / static_cast<double>(all.size()),
        fmt::format("{} sent, {:.0f}/s", formats::Grouped(summary.sent), summary.sent / std::max(seconds, 1e-9)));
  }
  bar.Finish();
  std::int64_t uploaded = 0;
  for (const PhotoFile& photo : photos) {
    Result<server::ClientResponse> response =
        client->Request("PUT", "/api/v1/photos/" + photo.sha256, photo.bytes, photo.media_type);
    if (!response) return ReportError(response.error());
    if (response->status != 200) {
      summary.problems.push_back("  photo " + photo.sha256 + ": HTTP " + std::to_string(response->status) + " " +
                                 response->body);
      ++summary.refused;
    } else {
      ++uploaded;
    }
  }
  if (!photos.empty()) std::cout << fmt::format("uploaded {} of {} paper protocol photos\n", uploaded, photos.size());
  if (client->retries() > 0) {
    std::cout << fmt::format("{} request{} sent again after a lost connection or HTTP 503 (nothing is stored twice)\n",
                             client->retries(), client->retries() == 1 ? " was" : "s were");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format(
      "sent {} signed submissions in {:.1f} s: {} accepted ({} correction{}), {} rejected, {} duplicates, {} refused\n",
      formats::Grouped(summary.sent), seconds, formats::Grouped(summary.accepted),
      formats::Grouped(summary.corrections), summary.corrections == 1 ? "" : "s", formats::Grouped(summary.rejected),
      formats::Grouped(summary.duplicates), formats::Grouped(summary.refused));
  for (const std::string& problem : summary.problems) std::cout << problem << "\n";
  const std::int64_t problems = summary.rejected + summary.refused;
  if (problems > static_cast<std::int64_t>(summary.problems.size())) {
    std::cout << "  … and " << formats::Grouped(problems - std::ssize(summary.problems))
              << " more; GET /api/v1/rejected lists the rejected ones\n";
  }
  return problems > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace

void AddSubmitCommand(CLI::App& app, Runner& run) {
  auto options = std::make_shared<SubmitOptions>();
  CLI::App* command = app.add_subcommand(
      "submit",
      "Sign protocols and turnout reports (CSV or JSON Lines, as for ingest) and send them to a saylau\n"
      "server. Each is signed by its commission's key: --key FILE signs everything as one commission\n"
      "(a station, or a higher commission correcting its subtree); --keys DIR picks COMMISSION.key for\n"
      "each row (the row's commission column, else its unit). Sequence numbers continue from the\n"
      "server's record of each key. Exit 0 when all were accepted (or duplicates), 1 when any was\n"
      "rejected or refused, 2 bad input, 75 the server could not be reached.\n"
      "A row that is not UTF-8 (e.g. a CP1251 export; convert with iconv -f cp1251 -t utf-8), holds a\n"
      "control character or is not JSON is not signed: submit exits 2 naming its file:line and field,\n"
      "and nothing is signed or sent (ingest, which signs nothing, stores such a row as rejected).\n"
      "A request that meets a lost connection or HTTP 503 is sent again (to the next --server, when\n"
      "several are given) for up to --retry-for seconds; the server acknowledges a submission it\n"
      "stored already as a duplicate, so nothing is stored twice.\n"
      "Examples: saylau submit --server http://127.0.0.1:8080 --key keys/abai-0001.key protocol.csv\n"
      "          saylau submit --server http://127.0.0.1:8080 --keys keys --over 60 night/protocols.csv\n"
      "          saylau submit --server http://a:8080,http://b:8080 --keys keys night/protocols.csv");
  command->add_option("files", options->files, "Protocol or turnout files (.csv, .jsonl)")->required();
  command->add_option("--server", options->server,
                      "The server, http://HOST:PORT; several, comma-separated, are tried in turn when one fails");
  command
      ->add_option("--retry-for", options->retry_for,
                   "Seconds to keep sending a request again after a lost connection or HTTP 503 (default 120; 0: "
                   "never)")
      ->check(CLI::Range(0.0, 86400.0));
  command->add_option("--key", options->key, "One commission's key file");
  command->add_option("--keys", options->keys, "A directory of key files, COMMISSION.key");
  command->add_option("--batch", options->batch, "Submissions per request (default 500)")->check(CLI::Range(1, 10000));
  command->add_option("--over", options->over, "Spread the sending over this many seconds (a replay)")
      ->check(CLI::Range(0.0, 86400.0));
  command->add_option("--sign-only", options->sign_only,
                      "Write the signed envelopes as JSON Lines to this file instead of sending (sequence numbers "
                      "start at 1)");
  command->add_option("--show", options->show, "Rejections and refusals to list (default 20)");
  command->add_option("--photos", options->photos,
                      "A directory of photos or scans of the signed paper protocols, one per protocol:\n"
                      "UNIT.CONTEST.jpg|.png|.pdf (UNIT.CONTEST.r2.jpg for round 2), else UNIT.jpg for all the\n"
                      "station's protocols; each one's SHA-256 goes into its signed protocol and the file is\n"
                      "uploaded after it");
  command->add_flag("--observer", options->observer,
                    "Send as an accredited observer's copies of station protocols (saylau observers add); they are\n"
                    "logged and compared with the counted protocols, never counted. A file with an 'observation'\n"
                    "column (or JSON Lines with that field) holds reports without figures: counting-not-observed,\n"
                    "denied-access, ... (docs/observer-reports.md), checked whole before anything is sent");
  command->callback([&run, options] { run = [options] { return RunSubmit(*options); }; });
}

}  // namespace saylau::cli
