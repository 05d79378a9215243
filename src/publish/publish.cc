// Writing the public bundle and the static snapshot.
#include "saylau/publish/publish.h"

#include <filesystem>
#include <fstream>

#include "saylau/bundle/documents.h"
#include "saylau/bundle/forensics_documents.h"
#include "saylau/bundle/manifest.h"
#include "saylau/bundle/nist_export.h"
#include "saylau/bundle/open_data.h"
#include "saylau/ledger/merkle.h"

namespace saylau::bundle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kReadme = R"(# A saylau public bundle

Everything needed to recompute this election offline, without the results database:

    saylau verify .

- `definition/`        the election definition files, verbatim (`files.json` names their roles)
- `keys.json`          the commissions' registered public keys (Ed25519)
- `observers.json`     the accredited observers and their keys
- `log/entries.jsonl`  every stored submission in order, one log entry per line (line i+1 is leaf i)
- `log/heads.jsonl`    every signed tree head (RFC 6962 Merkle root over the entries)
- `results/*.json`     each contest: totals at every aggregate unit and the outcome with its arithmetic
- `observer-flags.json` stations where an observer's copy differs from the counted protocol
- `observer-reports.json` observers' reports without figures ("counting not observed", ...)
- `open-data/`         protocols.csv (one row per station, contest and option) and the NIST SP 1500-100
                       v2 results (nist-1500-100.json)
- `forensics/`         per contest decided at the top unit (100 stations or more): `saylau forensics
                       --preset kobak2016` on the counted protocols (forensics.json) and its plots (SVG)
- `photos/`            photos or scans of paper protocols, named by their SHA-256
- `manifest.json`      every other file with its size and SHA-256, and the last signed tree head;
                       `manifest.sig` signs it with the CEC's log key

The formats are described in saylau's docs/verify.md.
)";

Status WriteText(const fs::path& path, std::string_view text) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return InvalidArgument(path.string() + ": cannot write the file");
  return {};
}

Status CheckEmptyDirectory(const std::string& dir) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_empty(dir, error)) {
    return AlreadyExists(dir + ": the directory is not empty; publish into a new directory");
  }
  fs::create_directories(dir, error);
  if (error) return InvalidArgument(dir + ": cannot create the directory: " + error.message());
  return {};
}

std::string PhotoExtension(const std::string& media_type) {
  if (media_type == "image/png") return ".png";
  if (media_type == "application/pdf") return ".pdf";
  return ".jpg";
}

}  // namespace

Result<PublishSummary> WriteBundle(service::ResultsService& service, const std::string& dir,
                                   const std::string& application, const crypto::KeyPair* log_key) {
  if (Status ok = CheckEmptyDirectory(dir); !ok) return ok.error();
  const fs::path root(dir);
  PublishSummary summary;
  if (Status ok = WriteText(root / "README.md", kReadme); !ok) return ok.error();

  Result<std::vector<store::DefinitionFile>> files = service.store().DefinitionFiles();
  if (!files) return files.error();
  json roles = json::array();
  for (const store::DefinitionFile& file : *files) {
    const std::string name = fs::path(file.name).filename().string();
    roles.push_back({{"name", name}, {"role", file.role}});
    if (Status ok = WriteText(root / "definition" / name, file.content); !ok) return ok.error();
  }
  if (Status ok = WriteText(root / "definition" / "files.json", roles.dump(1) + "\n"); !ok) return ok.error();

  json keys = json::array();
  for (const store::RegisteredKey& key : service.keys()) {
    keys.push_back({{"commission", key.commission}, {"public_key", key.public_key}, {"added_at", key.added_at}});
  }
  if (Status ok = WriteText(root / "keys.json", keys.dump(0) + "\n"); !ok) return ok.error();
  json observers = json::array();
  for (const store::RegisteredObserver& o : service.observers()) {
    observers.push_back({{"id", o.id},
                         {"organisation", o.organisation},
                         {"kind", o.kind},
                         {"public_key", o.public_key},
                         {"added_at", o.added_at}});
  }
  if (Status ok = WriteText(root / "observers.json", observers.dump(1) + "\n"); !ok) return ok.error();

  {
    std::error_code error;
    fs::create_directories(root / "log", error);
    std::ofstream entries(root / "log" / "entries.jsonl", std::ios::binary);
    std::string line;
    const Status scanned = service.store().Scan(0, [&](const store::StoredSubmission& row) -> Status {
      line = ledger::EncodeLogEntry(service.LogEntryOf(row));
      line += '\n';
      entries << line;
      ++summary.entries;
      return {};
    });
    if (!scanned) return scanned.error();
    entries.close();
    if (!entries) return InvalidArgument((root / "log" / "entries.jsonl").string() + ": cannot write the file");
  }
  Result<std::vector<store::StoredTreeHead>> heads = service.store().TreeHeads();
  if (!heads) return heads.error();
  std::string head_lines, last_head;
  for (const store::StoredTreeHead& head : *heads) {
    last_head = ledger::EncodeTreeHead(
        {static_cast<std::uint64_t>(head.size), ledger::HashFromHex(head.root).value_or(ledger::Hash{}),
         head.timestamp, head.key, head.signature,
         head.binding.empty() ? std::nullopt : ledger::BindingFromText(head.binding)});
    head_lines += last_head + '\n';
    ++summary.heads;
  }
  if (Status ok = WriteText(root / "log" / "heads.jsonl", head_lines); !ok) return ok.error();

  for (const auto& [contest, document] : ResultsDocuments(service.night())) {
    if (Status ok = WriteText(root / ResultsFileName(contest), document.dump(1) + "\n"); !ok) return ok.error();
    ++summary.contests;
  }
  const std::vector<service::ObserverFlag> flags = service.ObserverFlags();
  summary.flags = static_cast<std::int64_t>(flags.size());
  if (Status ok = WriteText(root / "observer-flags.json", FlagsDocument(flags).dump(1) + "\n"); !ok) return ok.error();
  const json reports = ReportsDocument(service.ObserverReports());
  if (Status ok = WriteText(root / "observer-reports.json", reports.dump(1) + "\n"); !ok) return ok.error();

  {
    std::error_code error;
    fs::create_directories(root / "open-data", error);
    std::ofstream csv(root / "open-data" / "protocols.csv", std::ios::binary);
    Result<std::int64_t> rows = WriteOpenData(service, OpenDataFormat::kCsv, csv);
    if (!rows) return rows.error();
    summary.open_data_rows = *rows;
  }
  {
    // Written piece by piece: a precinct-level export of 800,000 stations is gigabytes.
    LazyJson lazy;
    const std::string path = (root / "open-data" / "nist-1500-100.json").string();
    FileSink nist(path);
    const bool written = lazy.Write(NistElectionDocument(lazy, service.night(), service::NowUtc(), application), 1,
                                    nist, "\n");
    if (!nist.Close() || !written) return InvalidArgument(path + ": cannot write the file");
  }

  for (const auto& [name, text] : ForensicsFiles(service.night())) {
    if (Status ok = WriteText(root / name, text); !ok) return ok.error();
    ++summary.forensics_files;
  }

  const Status photos = service.store().ScanPhotos([&](const store::StoredPhoto& photo) -> Status {
    ++summary.photos;
    return WriteText(root / "photos" / (photo.sha256 + PhotoExtension(photo.media_type)), photo.bytes);
  });
  if (!photos) return photos.error();

  // Last: the manifest of everything above, signed with the log key.
  if (log_key != nullptr && !heads->empty() && !heads->back().key.empty() &&
      heads->back().key != crypto::ToBase64(log_key->public_key)) {
    return FailedPrecondition("the log of this election is signed with the key " + heads->back().key +
                              ", not with the log key given (" + crypto::ToBase64(log_key->public_key) + ")");
  }
  nlohmann::ordered_json header = {{"format", "saylau-bundle-manifest-v1"}, {"election", service.election().id()}};
  if (!last_head.empty()) header["tree_head"] = nlohmann::ordered_json::parse(last_head);
  if (Status ok = WriteManifest(dir, std::move(header), log_key); !ok) return ok.error();
  summary.manifest_signed = log_key != nullptr;
  return summary;
}

Result<std::int64_t> WriteStaticSnapshot(service::ResultsService& service, const std::string& dir,
                                         const std::string& application) {
  if (Status ok = CheckEmptyDirectory(dir); !ok) return ok.error();
  const fs::path root(dir);
  json index = {
      {"election", service.election().id()}, {"generated_at", service::NowUtc()}, {"documents", json::object()}};
  if (service.head()) index["tree_head"] = json::parse(ledger::EncodeTreeHead(*service.head()));
  std::int64_t documents = 0;
  const auto add = [&](const std::string& name, const json& document) -> Status {
    const std::string text = document.dump() + "\n";
    const std::string object = "objects/" + ledger::ToHex(ledger::Sha256(text)) + ".json";
    if (Status ok = WriteText(root / object, text); !ok) return ok;
    index["documents"][name] = object;
    ++documents;
    return {};
  };
  for (const auto& [contest, document] : ResultsDocuments(service.night())) {
    if (Status ok = add(ResultsFileName(contest), document); !ok) return ok.error();
  }
  if (Status ok = add("observer-flags.json", FlagsDocument(service.ObserverFlags())); !ok) return ok.error();
  if (Status ok = add("observer-reports.json", ReportsDocument(service.ObserverReports())); !ok) return ok.error();
  if (Status ok = add("nist-1500-100.json", NistElectionReport(service.night(), service::NowUtc(), application)); !ok) {
    return ok.error();
  }
  if (Status ok = WriteText(root / "index.json", index.dump(1) + "\n"); !ok) return ok.error();
  return documents;
}

}  // namespace saylau::bundle
