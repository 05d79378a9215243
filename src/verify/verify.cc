// The offline verifier of a public bundle: the order of its steps, the report, and the
// definition and keys it starts from.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "saylau/bundle/json_fields.h"
#include "saylau/intake/definition.h"
#include "verifier.h"

namespace saylau::bundle {

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

std::string Place(const char* file, std::size_t index) { return fmt::format("{}:{}", file, index + 1); }

VerifyReport Verifier::Run() {
  if (!StartEntries()) return std::move(report_);
  const bool defined = LoadDefinition();  // while the workers check signatures
  if (defined) {
    LoadKeys();
    log_key_ = FirstLogKey();  // witnesses are admitted against it during the replay
    Replay();
  }
  StopEntries();
  if (!defined) return std::move(report_);
  CheckHeads();
  StartManifestCheck();  // on a thread of its own, while the documents are compared
  CheckKeysBound();
  CheckKnownHead();
  ReleaseLogState();  // before the documents are recomputed, which is where the peak was
  CheckTotals();
  CompareResults();
  CompareFlags();
  CompareReports();
  CompareNist();
  CompareOpenData();
  CompareForensics();
  CheckPhotos();
  CheckSignedManifest();
  return std::move(report_);
}

// The log's checks are done: the Merkle tree, the keys and keys.json's rows are given back
// (at 800,000 stations ~170 MB), so the documents' recomputation does not add to them.
void Verifier::ReleaseLogState() {
  entries_logged_ = tree_.size();
  tree_ = ledger::MerkleTree();
  keys_ = intake::KeyRegistry();
  key_uses_ = KeyUses();
  key_rows_ = KeyRows();
  keys_hashes_.clear();
}

void Verifier::Fail(const std::string& place, const std::string& message) {
  report_.failures.push_back(place + ": " + message);
}

CheckLine& Verifier::Check(const std::string& what) {
  for (CheckLine& line : report_.checks) {
    if (line.what == what) return line;
  }
  report_.checks.push_back({what});
  return report_.checks.back();
}

void Verifier::Progress(const std::string& stage, double fraction) {
  if (options_.progress) options_.progress(stage, fraction);
}

bool Verifier::LoadDefinition() {
  const std::optional<std::string> roles = ReadText(root_ / "definition" / "files.json");
  const json parsed = roles ? json::parse(*roles, nullptr, false) : json();
  if (!parsed.is_array()) {
    Fail("definition/files.json", "missing or not a list of {name, role}: is this a saylau bundle?");
    return false;
  }
  std::vector<intake::DefinitionFile> files;
  for (const json& file : parsed) {
    const std::string name = TextField(file, "name");
    const std::optional<std::string> content = ReadText(root_ / "definition" / name);
    if (name.empty() || name.find('/') != std::string::npos || !content) {
      Fail("definition/" + name, "cannot be read");
      return false;
    }
    files.push_back({name, TextField(file, "role"), *content});
  }
  definition_hash_ = intake::DefinitionHashOf(files);
  Result<core::Election> election = intake::LoadElection(files);
  if (!election) {
    Fail("definition/", election.error().message);
    return false;
  }
  election_ = std::make_unique<core::Election>(std::move(*election));
  night_ = std::make_unique<core::ElectionNight>(*election_);
  CheckLine& line = Check("definition");
  line.checked = 1;
  line.detail = fmt::format("{}: {} units, {} contests", election_->id(), election_->units().size(),
                            night_->plan().contests().size());
  return true;
}

// Calls `row` with each element of the JSON list in `file` and its index, parsing the file as a
// stream: an element is dropped once handled, so a list of 800,000 keys is never a tree.
// Fails `file` with `problem` when it is not a list (or breaks off: the rows before stay).
bool Verifier::LoadKeyList(const std::string& file, const std::function<void(const json&, std::size_t)>& row) {
  std::ifstream in(root_ / file, std::ios::binary);
  if (!in) return false;
  bool list = false;
  std::size_t index = 0;
  const json top = json::parse(
      in,
      [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 0 && event == json::parse_event_t::array_start) list = true;
        if (!list || depth != 1) return true;
        if (event == json::parse_event_t::object_end || event == json::parse_event_t::array_end ||
            event == json::parse_event_t::value) {
          row(parsed, index++);
          return false;  // handled: not kept in the tree
        }
        return true;
      },
      false);
  return list && top.is_array();
}

void Verifier::LoadKeys() {
  const auto text = TextField;
  const bool keys = LoadKeyList("keys.json", [&](const json& element, std::size_t i) {
    const std::string commission = text(element, "commission"), key = text(element, "public_key");
    if (election_->UnitIndex(commission) < 0) {
      Fail(fmt::format("keys.json[{}]", i), "commission '" + commission + "' is not a unit of the election");
    }
    keys_.Add(key, commission, false);
    key_rows_.Add(commission, key, text(element, "added_at"));
  });
  if (!keys) Fail("keys.json", "missing or not a list of keys");
  std::error_code error;
  const bool observers = !fs::exists(root_ / "observers.json", error) ||
                         LoadKeyList("observers.json", [&](const json& element, std::size_t) {
                           const std::string id = text(element, "id"), key = text(element, "public_key");
                           keys_.Add(key, id, true);
                           organisation_[id] = text(element, "organisation");
                           observer_rows_.push_back(
                               {id, organisation_[id], text(element, "kind"), key, text(element, "added_at")});
                         });
  if (!observers) Fail("observers.json", "not a list of observers");
  // Both lists are read whole: the views stay valid from here on.
  key_rows_.Shrink();
  key_uses_.Index(
      key_rows_.size(), [this](std::size_t row) { return key_rows_.Field(row, 1); }, observer_rows_.size(),
      [this](std::size_t row) { return std::string_view(observer_rows_[row][3]); });
}

Verifier::~Verifier() { StopEntries(); }

VerifyReport VerifyBundle(const VerifyOptions& options) {
  // Every reading of the bundle is guarded; should one still throw, the bundle fails (it is
  // never taken as verified) and the process goes on.
  try {
    return Verifier(options).Run();
  } catch (const std::exception& error) {
    VerifyReport report;
    report.failures.push_back(options.dir + ": the verifier stopped on an unexpected input (" + error.what() +
                              "): the bundle is not verified");
    return report;
  }
}

}  // namespace saylau::bundle
