// The offline verifier of a public bundle.
#include "saylau/bundle/verify.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "saylau/bundle/documents.h"
#include "saylau/bundle/manifest.h"
#include "saylau/bundle/nist_export.h"
#include "saylau/bundle/open_data.h"
#include "saylau/crypto/envelope.h"
#include "saylau/formats/submission_json.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/ledger/binding.h"
#include "saylau/ledger/log_entry.h"
#include "saylau/ledger/merkle.h"
#include "saylau/ledger/tree_head.h"
#include "saylau/service/results_service.h"

namespace saylau::bundle {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kEntries = "log/entries.jsonl";
constexpr const char* kHeads = "log/heads.jsonl";

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

// What the parallel pass finds for each entry: its leaf hash, the decoded entry, and whether
// its signature verifies.
struct Decoded {
  ledger::Hash leaf{};
  std::optional<ledger::LogEntry> entry;
  std::string error;
  bool signature_valid = false;
};

class Verifier {
 public:
  explicit Verifier(const VerifyOptions& options) : options_(options), root_(options.dir) {}

  VerifyReport Run() {
    if (!StartEntries()) return std::move(report_);
    const bool defined = LoadDefinition();  // while the workers check signatures
    if (defined) {
      LoadKeys();
      Replay();
    }
    StopEntries();
    if (!defined) return std::move(report_);
    CheckHeads();
    CheckKeysBound();
    CheckKnownHead();
    CheckWitnesses();
    CheckTotals();
    CompareResults();
    CompareFlags();
    CompareNist();
    CompareOpenData();
    CheckPhotos();
    CheckSignedManifest();
    return std::move(report_);
  }

 private:
  void Fail(const std::string& place, const std::string& message) {
    report_.failures.push_back(place + ": " + message);
  }
  CheckLine& Check(const std::string& what) {
    for (CheckLine& line : report_.checks) {
      if (line.what == what) return line;
    }
    report_.checks.push_back({what});
    return report_.checks.back();
  }
  void Progress(const std::string& stage, double fraction) {
    if (options_.progress) options_.progress(stage, fraction);
  }

  bool LoadDefinition() {
    const std::optional<std::string> roles = ReadText(root_ / "definition" / "files.json");
    const json parsed = roles ? json::parse(*roles, nullptr, false) : json();
    if (!parsed.is_array()) {
      Fail("definition/files.json", "missing or not a list of {name, role}: is this a saylau bundle?");
      return false;
    }
    std::vector<store::DefinitionFile> files;
    for (const json& file : parsed) {
      const std::string name = file.value("name", "");
      const std::optional<std::string> content = ReadText(root_ / "definition" / name);
      if (name.empty() || name.find('/') != std::string::npos || !content) {
        Fail("definition/" + name, "cannot be read");
        return false;
      }
      files.push_back({name, file.value("role", ""), *content});
    }
    std::vector<ledger::BoundFile> bound;
    for (const store::DefinitionFile& file : files) bound.push_back({file.name, file.role, file.content});
    definition_hash_ = ledger::DefinitionHash(bound);
    Result<core::Election> election = service::LoadElection(files);
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

  void LoadKeys() {
    const std::optional<std::string> keys = ReadText(root_ / "keys.json");
    const json parsed = keys ? json::parse(*keys, nullptr, false) : json();
    if (!parsed.is_array()) Fail("keys.json", "missing or not a list of keys");
    for (std::size_t i = 0; parsed.is_array() && i < parsed.size(); ++i) {
      const std::string commission = parsed[i].value("commission", "");
      if (election_->UnitIndex(commission) < 0) {
        Fail(fmt::format("keys.json[{}]", i), "commission '" + commission + "' is not a unit of the election");
      }
      commission_of_[parsed[i].value("public_key", "")] = commission;
      key_rows_.push_back({commission, parsed[i].value("public_key", ""), parsed[i].value("added_at", "")});
      key_position_.emplace(key_rows_.back()[1], i);
    }
    const std::optional<std::string> observers = ReadText(root_ / "observers.json");
    const json listed = observers ? json::parse(*observers, nullptr, false) : json::array();
    if (!listed.is_array()) Fail("observers.json", "not a list of observers");
    for (std::size_t i = 0; listed.is_array() && i < listed.size(); ++i) {
      const std::string id = listed[i].value("id", "");
      observer_of_[listed[i].value("public_key", "")] = id;
      organisation_[id] = listed[i].value("organisation", "");
      observer_rows_.push_back({id, listed[i].value("organisation", ""), listed[i].value("kind", ""),
                                listed[i].value("public_key", ""), listed[i].value("added_at", "")});
      observer_position_.emplace(observer_rows_.back()[3], i);
    }
  }

  // Reads the entries and starts the workers that decode, hash and signature-check them in
  // chunks; the replay (on this thread) follows the chunks as they finish and helps when it
  // catches up, so judging overlaps the signature checks.
  bool StartEntries() {
    std::optional<std::string> text = ReadText(root_ / kEntries);
    if (!text) {
      Fail(kEntries, "missing");
      return false;
    }
    entries_text_ = std::move(*text);
    lines_ = Lines(entries_text_);
    decoded_.resize(lines_.size());
    chunks_ = (lines_.size() + kChunk - 1) / kChunk;
    ready_ = std::make_unique<std::atomic<bool>[]>(chunks_);
    const int threads =
        options_.threads > 0 ? options_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    report_.threads = threads;
    started_ = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) {
      pool_.emplace_back([this] {
        while (ClaimAndProcess()) {
        }
      });
    }
    return true;
  }

  // Decodes, hashes and checks the signatures of the next unclaimed chunk; false when none is left.
  bool ClaimAndProcess() {
    if (next_chunk_.load() >= chunks_) return false;
    const std::size_t chunk = next_chunk_.fetch_add(1);
    if (chunk >= chunks_) return false;
    for (std::size_t i = chunk * kChunk; i < std::min(lines_.size(), (chunk + 1) * kChunk); ++i) {
      Decoded& out = decoded_[i];
      out.leaf = ledger::LeafHash(lines_[i]);
      Result<ledger::LogEntry> entry = ledger::DecodeLogEntry(lines_[i]);
      if (!entry) {
        out.error = entry.error().message;
        continue;
      }
      if (entry->signed_entry()) out.signature_valid = crypto::VerifyEnvelope(entry->envelope());
      out.entry = std::move(*entry);
    }
    ready_[chunk].store(true, std::memory_order_release);
    if (finished_chunks_.fetch_add(1) + 1 == chunks_) {
      signatures_done_ = std::chrono::steady_clock::now();
    }
    return true;
  }

  void StopEntries() {
    next_chunk_.store(chunks_);  // nothing more is claimed
    for (std::thread& thread : pool_) thread.join();
    pool_.clear();
    report_.signature_seconds = std::chrono::duration<double>(std::max(signatures_done_, started_) - started_).count();
  }

  bool IsAncestorOrSelf(int ancestor, int unit) const {
    for (int at = unit; at >= 0; at = night_->plan().Parent(at)) {
      if (at == ancestor) return true;
    }
    return false;
  }

  // The signer's authority and sequence number; false when the entry must not be counted.
  bool CheckSigner(std::size_t i, const ledger::LogEntry& entry, bool observer_kind) {
    const std::string place = Place(kEntries, i);
    CheckLine& signatures = Check("signatures");
    ++signatures.checked;
    ++report_.signatures;
    if (!decoded_[i].signature_valid) {
      ++signatures.failed;
      Fail(place, fmt::format("the signature does not verify ({} by '{}', key {}, key_seq {})", entry.kind,
                              entry.commission, entry.key, entry.key_seq));
      return false;
    }
    CheckLine& keys = Check("registered keys and sequence numbers");
    ++keys.checked;
    const auto& registry = observer_kind ? observer_of_ : commission_of_;
    const auto found = registry.find(entry.key);
    if (found == registry.end() || found->second != entry.commission) {
      ++keys.failed;
      Fail(place, fmt::format("the key {} is not registered to {} '{}'", entry.key,
                              observer_kind ? "observer" : "commission", entry.commission));
      return false;
    }
    KeyUse& use = last_seq_.try_emplace(entry.key, KeyUse{0, i, observer_kind}).first->second;
    std::int64_t& last = use.last_seq;
    if (entry.key_seq <= last) {
      ++keys.failed;
      Fail(place, fmt::format("key_seq {} of '{}' is not above the {} it used before: an entry replayed or reordered",
                              entry.key_seq, entry.commission, last));
      return false;
    }
    last = entry.key_seq;
    return true;
  }

  bool CheckAuthority(std::size_t i, const std::string& commission, const std::string& unit_id) {
    CheckLine& authority = Check("authority of the signing commission");
    ++authority.checked;
    const int by = election_->UnitIndex(commission), unit = election_->UnitIndex(unit_id);
    if (unit < 0 || by < 0 || !IsAncestorOrSelf(by, unit)) {
      ++authority.failed;
      Fail(Place(kEntries, i), "commission '" + commission + "' has no authority over '" + unit_id + "'");
      return false;
    }
    return true;
  }

  void CompareVerdict(std::size_t i, const ledger::LogEntry& entry, core::Judgement& judgement,
                      const std::string& what) {
    CheckLine& line =
        Check(entry.kind == "protocol" ? "protocols re-judged (control relations)" : "turnout reports re-judged");
    ++line.checked;
    const core::Verdict logged = entry.accepted ? core::Verdict::kAccepted : core::Verdict::kRejected;
    if (judgement.verdict != logged) {
      ++line.failed;
      std::string why;
      for (const core::Violation& v : judgement.violations) why += "; " + v.relation + ": " + v.detail;
      Fail(Place(kEntries, i),
           fmt::format("{}: logged as {}, but the rules judge it {}{}", what, entry.accepted ? "accepted" : "rejected",
                       core::VerdictName(judgement.verdict), why));
      judgement.verdict = logged;
      if (judgement.version == 0) judgement.version = 1;
    }
  }

  void Replay() {
    for (std::size_t i = 0; i < decoded_.size(); ++i) {
      if (i % kChunk == 0) {
        while (!ready_[i / kChunk].load(std::memory_order_acquire)) {
          if (!ClaimAndProcess()) std::this_thread::yield();
        }
        if (i % (16 * kChunk) == 0) Progress("verify", static_cast<double>(i) / static_cast<double>(decoded_.size()));
      }
      tree_.Append(decoded_[i].leaf);
      if (!decoded_[i].entry) {
        Fail(Place(kEntries, i), "not a log entry: " + decoded_[i].error);
        continue;
      }
      ReplayEntry(i, *decoded_[i].entry);
    }
    CheckLine& log = Check("log entries");
    log.checked = static_cast<std::int64_t>(decoded_.size());
    if (unsigned_ > 0) log.detail = fmt::format("{} entered by the operator from files (unsigned)", unsigned_);
  }

  void ReplayEntry(std::size_t i, const ledger::LogEntry& entry) {
    const std::string place = Place(kEntries, i);
    const bool observer_kind = entry.kind == "observation" || entry.kind == "witness";
    if (entry.signed_entry()) {
      if (!CheckSigner(i, entry, observer_kind)) return;
    } else {
      ++unsigned_;
      if (observer_kind) {
        Fail(place, "an observer's entry without a signature");
        return;
      }
    }
    const std::string origin = place;
    if (entry.kind == "protocol" || entry.kind == "turnout" || entry.kind == "observation") {
      Result<formats::Submission> parsed = Error{};
      if (entry.signed_entry()) {
        parsed = formats::ParseSubmissionJson(entry.body, origin);
      } else if (entry.kind == "turnout") {
        Result<core::TurnoutSubmission> report = formats::DecodeTurnout(entry.body);
        parsed = report ? Result<formats::Submission>(std::move(*report)) : Result<formats::Submission>(report.error());
      } else {
        Result<core::ProtocolSubmission> protocol = formats::DecodeProtocol(entry.body);
        parsed = protocol ? Result<formats::Submission>(std::move(*protocol))
                          : Result<formats::Submission>(protocol.error());
      }
      if (!parsed) {
        Fail(place, "the body is not a " + entry.kind + ": " + parsed.error().message);
        return;
      }
      if (auto* protocol = std::get_if<core::ProtocolSubmission>(&*parsed)) {
        if (entry.signed_entry()) {
          protocol->commission = entry.commission;
          if (!observer_kind && !CheckAuthority(i, entry.commission, protocol->unit)) return;
        }
        core::Judgement judgement = night_->JudgeProtocol(*protocol);
        if (observer_kind) {
          RecordObservation(i, entry, *protocol, judgement);
          return;
        }
        const std::string what = "protocol " + protocol->contest + " at " + protocol->unit;
        if (judgement.contest < 0 || judgement.unit < 0) {
          Fail(place, what + ": no such contest or polling station");
          return;
        }
        CompareVerdict(i, entry, judgement, what);
        night_->RecordProtocol(judgement);
        if (judgement.verdict == core::Verdict::kAccepted) {
          counted_[{protocol->contest, protocol->round, protocol->unit}] = {judgement.version,
                                                                            static_cast<std::int64_t>(i) + 1};
        }
        if (!protocol->photo.empty()) photos_.emplace(protocol->photo, i);
      } else {
        auto& report = std::get<core::TurnoutSubmission>(*parsed);
        if (entry.signed_entry()) {
          report.commission = entry.commission;
          if (!CheckAuthority(i, entry.commission, report.unit)) return;
        }
        core::Judgement judgement = night_->JudgeTurnout(report);
        if (judgement.unit < 0 || judgement.time < 0) {
          Fail(place, "turnout at " + report.unit + " " + report.time + ": no such unit or reporting time");
          return;
        }
        CompareVerdict(i, entry, judgement, "turnout " + report.unit + " at " + report.time);
        night_->RecordTurnout(judgement, report);
      }
      return;
    }
    if (entry.kind == "stage") {
      CheckLine& line = Check("certifications");
      ++line.checked;
      core::StageChange change;
      if (entry.signed_entry()) {
        const json body = json::parse(entry.body, nullptr, false);
        const std::optional<core::Stage> stage =
            body.is_object() ? core::StageFromName(body.value("stage", "")) : std::nullopt;
        if (!stage) {
          ++line.failed;
          Fail(place, "a certification is {\"contest\", \"stage\"}");
          return;
        }
        if (entry.commission != election_->units().front().id) {
          ++line.failed;
          Fail(place, "a certification signed by '" + entry.commission + "', not by the Central Election Commission");
          return;
        }
        change = {body.value("contest", ""), *stage, entry.received_at, entry.commission, body.value("note", "")};
      } else {
        Result<core::StageChange> decoded = formats::DecodeStageChange(entry.body);
        if (!decoded) {
          ++line.failed;
          Fail(place, decoded.error().message);
          return;
        }
        change = std::move(*decoded);
      }
      if (Status ok = night_->CheckStageChange(change); !ok) {
        ++line.failed;
        Fail(place, "certification of " + change.contest + " as " + std::string(core::StageName(change.stage)) +
                        " was not allowed at that point: " + ok.error().message);
        return;
      }
      night_->RecordStageChange(change);
      return;
    }
    if (entry.kind == "recount") {
      CheckLine& line = Check("recount orders");
      ++line.checked;
      Result<core::RecountOrder> order = formats::DecodeRecount(entry.body);
      if (!order || !night_->CheckRecount(*order)) {
        ++line.failed;
        Fail(place, "a recount order that does not decode or was not allowed at that point");
        return;
      }
      night_->RecordRecount(*order);
      return;
    }
    if (entry.kind == "witness") {
      const json body = json::parse(entry.body, nullptr, false);
      Result<ledger::TreeHead> head = body.is_object() && body.contains("witness")
                                          ? ledger::DecodeTreeHead(body["witness"].dump())
                                          : Result<ledger::TreeHead>(InvalidArgument("no 'witness' head"));
      if (!head) {
        Fail(place, "a witness entry: " + head.error().message);
        return;
      }
      witnesses_.push_back({i, entry.commission, *head});
      return;
    }
    Fail(place, "unknown kind of entry '" + entry.kind + "'");
  }

  void RecordObservation(std::size_t i, const ledger::LogEntry& entry, const core::ProtocolSubmission& copy,
                         const core::Judgement& judged) {
    CheckLine& line = Check("observers' copies");
    ++line.checked;
    if (judged.contest < 0 || judged.unit < 0) {
      ++line.failed;
      Fail(Place(kEntries, i), "an observer's copy for " + copy.unit + ": not a polling station of " + copy.contest);
      return;
    }
    observations_[{entry.commission, judged.contest, judged.round, judged.unit}] = {static_cast<std::int64_t>(i) + 1,
                                                                                    judged.values};
  }

  void CheckHeads() {
    const std::optional<std::string> text = ReadText(root_ / kHeads);
    if (!text) {
      Fail(kHeads, "missing");
      return;
    }
    Check("signed tree heads");
    Check("definition and keys bound to every signed head");  // CheckBinding's, made before `line` is held
    CheckLine& line = Check("signed tree heads");
    std::optional<ledger::TreeHead> previous;
    std::string key = options_.log_key;
    std::size_t first_bad = SIZE_MAX, later_bad = 0;
    const std::vector<std::string_view> lines = Lines(*text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      ++line.checked;
      const std::string place = Place(kHeads, i);
      Result<ledger::TreeHead> head = ledger::DecodeTreeHead(lines[i]);
      if (!head) {
        ++line.failed;
        Fail(place, head.error().message);
        continue;
      }
      if (key.empty()) key = head->key;
      if (!ledger::VerifyTreeHead(*head) || head->key != key) {
        ++line.failed;
        Fail(place, head->signature.empty() ? "the tree head is not signed"
                    : head->key != key      ? "the tree head is signed by " + head->key + ", not the log key " + key
                                            : "the tree head's signature does not verify");
        continue;
      }
      CheckBinding(place, *head);
      if (previous && (head->size <= previous->size || head->timestamp < previous->timestamp)) {
        ++line.failed;
        Fail(place, fmt::format("tree head at size {} follows one at size {}: heads must grow, in time order",
                                head->size, previous->size));
        continue;
      }
      if (head->size > tree_.size()) {
        ++line.failed;
        Fail(place, fmt::format("the tree head says {} entries but {} has only {}: entries are missing", head->size,
                                kEntries, tree_.size()));
        continue;
      }
      if (tree_.Root(head->size) != head->root) {
        ++line.failed;
        // Every later head contains the same change: name the first, count the rest.
        if (first_bad != SIZE_MAX) {
          ++later_bad;
          continue;
        }
        const std::uint64_t from = previous ? previous->size : 0;
        Fail(place, fmt::format("the signed root at size {} does not match the entries: an entry among leaves "
                                "{}..{} ({} lines {}..{}) was changed, dropped, added or reordered",
                                head->size, from, head->size - 1, kEntries, from + 1, head->size));
        first_bad = std::min<std::size_t>(first_bad, i);
        continue;
      }
      if (previous) {
        const std::vector<ledger::Hash> proof = tree_.ConsistencyProof(previous->size, head->size);
        if (!ledger::VerifyConsistency(previous->size, head->size, proof, previous->root, head->root)) {
          ++line.failed;
          Fail(place, "not consistent with the previous head");
        }
      }
      previous = *head;
      valid_heads_.push_back(*head);
    }
    log_key_ = key;
    if (binding_failures_ > 1) {
      Fail(kHeads, fmt::format("{} more signed heads do not bind this bundle's definition and keys either",
                               binding_failures_ - 1));
    }
    if (later_bad > 0) {
      Fail(kHeads, fmt::format("{} later signed heads do not match the entries either (they contain the same leaves)",
                               later_bad));
    }
    if (!previous) {
      Fail(kHeads, "no valid signed tree head: nothing in the log is signed by the CEC");
    } else if (previous->size != tree_.size() && first_bad == SIZE_MAX) {
      Fail(kHeads, fmt::format("the last signed head covers {} entries but {} holds {}: {} entries are not covered "
                               "by any signed head",
                               previous->size, kEntries, tree_.size(), tree_.size() - previous->size));
    }
    line.detail =
        fmt::format("signed by {}; roots recomputed from the entries; each consistent with the one before", key);
  }

  // The hash of the first `keys` keys of keys.json and `observers` observers of
  // observers.json; nullopt when the files list fewer.
  std::optional<ledger::Hash> KeysHashAt(std::uint64_t keys, std::uint64_t observers) {
    if (keys > key_rows_.size() || observers > observer_rows_.size()) return std::nullopt;
    const auto counts = std::pair(keys, observers);
    if (const auto found = keys_hashes_.find(counts); found != keys_hashes_.end()) return found->second;
    std::vector<ledger::BoundKey> bound_keys;
    for (std::size_t i = 0; i < keys; ++i) bound_keys.push_back({key_rows_[i][0], key_rows_[i][1], key_rows_[i][2]});
    std::vector<ledger::BoundObserver> bound_observers;
    for (std::size_t i = 0; i < observers; ++i) {
      const auto& o = observer_rows_[i];
      bound_observers.push_back({o[0], o[1], o[2], o[3], o[4]});
    }
    return keys_hashes_.emplace(counts, ledger::KeysHash(bound_keys, bound_observers)).first->second;
  }

  // A signed head binds the definition and the keys (tree_head.h): both must be this
  // bundle's. The first head that differs is named; the others are counted.
  void CheckBinding(const std::string& place, const ledger::TreeHead& head) {
    CheckLine& line = Check("definition and keys bound to every signed head");
    ++line.checked;
    std::string problem;
    if (!head.binding) {
      problem = fmt::format("tree head {} is not bound to a definition and keys (a version-1 head, signed before "
                            "saylau bound them): it cannot show which definition was counted",
                            head.size);
    } else if (head.binding->definition != definition_hash_) {
      problem = fmt::format("tree head {}: definition hash differs: the bundle's definition is not the one that "
                            "was signed (signed {}, definition/ hashes to {})",
                            head.size, ledger::ToHex(head.binding->definition), ledger::ToHex(definition_hash_));
    } else if (const std::optional<ledger::Hash> keys =
                   KeysHashAt(head.binding->keys_count, head.binding->observers_count);
               !keys) {
      problem = fmt::format("tree head {} binds {} keys and {} observers, but keys.json lists {} and observers.json "
                            "{}: registered keys are missing",
                            head.size, head.binding->keys_count, head.binding->observers_count, key_rows_.size(),
                            observer_rows_.size());
    } else if (*keys != head.binding->keys) {
      problem = fmt::format("tree head {}: keys hash differs: the first {} keys of keys.json and {} observers of "
                            "observers.json are not the ones that were signed (a key changed, removed or reordered)",
                            head.size, head.binding->keys_count, head.binding->observers_count);
    }
    if (problem.empty()) {
      line.detail = fmt::format("definition {}…; {} keys and {} observers at the last head",
                                ledger::ToHex(definition_hash_).substr(0, 16), head.binding->keys_count,
                                head.binding->observers_count);
      return;
    }
    ++line.failed;
    if (binding_failures_++ == 0) Fail(place, problem);
  }

  // Every key that signed an entry must be bound by the first signed head covering that
  // entry: a key added to keys.json afterwards cannot make an entry count.
  void CheckKeysBound() {
    if (valid_heads_.empty()) return;
    CheckLine& line = Check("keys bound before they signed");
    std::vector<std::pair<std::size_t, std::string>> uses;  // (first entry, key), in log order
    for (const auto& [key, use] : last_seq_) uses.emplace_back(use.first_entry, key);
    std::sort(uses.begin(), uses.end());
    for (const auto& [entry, key] : uses) {
      ++line.checked;
      const auto covering = std::upper_bound(valid_heads_.begin(), valid_heads_.end(), entry,
                                             [](std::size_t i, const ledger::TreeHead& head) { return i < head.size; });
      if (covering == valid_heads_.end() || !covering->binding) continue;  // reported with the heads
      const bool observer = last_seq_.at(key).observer;
      const auto& positions = observer ? observer_position_ : key_position_;
      const auto position = positions.find(key);
      const std::uint64_t bound = observer ? covering->binding->observers_count : covering->binding->keys_count;
      if (position != positions.end() && position->second < bound) continue;
      ++line.failed;
      Fail(Place(kEntries, entry),
           fmt::format("signed with the key {} ({}[{}]), which the tree head at size {} covering this entry does "
                       "not bind (it binds the first {}): a key added to the bundle afterwards",
                       key, observer ? "observers.json" : "keys.json",
                       position == positions.end() ? std::string("?") : std::to_string(position->second),
                       covering->size, bound));
    }
    const ledger::TreeHead& last = valid_heads_.back();
    if (last.binding && last.binding->keys_count < key_rows_.size()) {
      line.detail = fmt::format("{} keys registered after the last signed head (they signed nothing)",
                                key_rows_.size() - last.binding->keys_count);
    }
  }

  // The head an observer saved earlier (--known-head): the bundle's log must contain it and
  // extend it. A smaller log is a rollback; another root at that size, a fork.
  void CheckKnownHead() {
    if (options_.known_head_file.empty()) return;
    CheckLine& line = Check("the log extends the head saved earlier (--known-head)");
    ++line.checked;
    const std::string place = "--known-head " + options_.known_head_file;
    const std::optional<std::string> text = ReadText(options_.known_head_file);
    json parsed = text ? json::parse(*text, nullptr, false) : json();
    if (parsed.is_object() && parsed.contains("head") && parsed["head"].is_object()) parsed = parsed["head"];
    Result<ledger::TreeHead> known = !text               ? Result<ledger::TreeHead>(NotFound("cannot be read"))
                                     : parsed.is_object() ? ledger::DecodeTreeHead(parsed.dump())
                                                          : Result<ledger::TreeHead>(InvalidArgument("not JSON"));
    const auto fail = [&](const std::string& what) {
      ++line.failed;
      Fail(place, what);
    };
    if (!known) return fail("not a tree head: " + known.error().message);
    if (!ledger::VerifyTreeHead(*known)) return fail("the saved head's signature does not verify");
    if (!log_key_.empty() && known->key != log_key_) {
      return fail("the saved head is signed by " + known->key + ", not the log key " + log_key_);
    }
    if (valid_heads_.empty()) return fail("the bundle has no valid signed head to compare with");
    const ledger::TreeHead& last = valid_heads_.back();
    if (known->size == 0) return fail("the saved head is of the empty log: save one with entries");
    if (known->size > last.size) {
      return fail(fmt::format("rollback: the bundle's log ends at size {} (its last signed head), but you saw a "
                              "signed head at size {}: {} {} cut off",
                              last.size, known->size, known->size - last.size,
                              known->size - last.size == 1 ? "entry was" : "entries were"));
    }
    const std::vector<ledger::Hash> proof = tree_.ConsistencyProof(known->size, last.size);
    if (!ledger::VerifyConsistency(known->size, last.size, proof, known->root, last.root)) {
      return fail(fmt::format("fork: the bundle's log had root {} at size {}, not the root {} you saw; its last head "
                              "(size {}) does not extend your head",
                              ledger::ToHex(tree_.Root(known->size)), known->size, ledger::ToHex(known->root),
                              last.size));
    }
    if (known->binding && last.binding && known->binding->definition != last.binding->definition) {
      return fail("the definition bound to the saved head differs from the bundle's");
    }
    line.detail = fmt::format("size {} -> {}: consistent (RFC 9162 proof of {} hashes)", known->size, last.size,
                              proof.size());
  }

  void CheckSignedManifest() {
    CheckLine& line = Check("signed manifest: every published file (size, SHA-256)");
    // The entries' bytes are all under the signed roots (CheckHeads): measured, not hashed again.
    const bool entries_checked = !valid_heads_.empty() && valid_heads_.back().size == tree_.size();
    const ManifestCheck check =
        CheckManifest(options_.dir, log_key_, {{kEntries, {entries_text_, entries_checked}}});
    line.checked = check.checked;
    line.failed = static_cast<std::int64_t>(check.failures.size());
    for (const std::string& failure : check.failures) report_.failures.push_back(failure);
    if (check.manifest.is_object()) {
      const json listed = check.manifest.value("tree_head", json());
      if (valid_heads_.empty() || listed != json::parse(ledger::EncodeTreeHead(valid_heads_.back()))) {
        ++line.failed;
        Fail(kManifest, "its tree_head is not the last signed head of log/heads.jsonl");
      }
    }
  }

  void CheckWitnesses() {
    CheckLine& line = Check("witnessed heads (observers' countersignatures)");
    for (const auto& [index, observer, head] : witnesses_) {
      ++line.checked;
      const bool in_log = head.size > 0 && head.size <= tree_.size() && tree_.Root(head.size) == head.root;
      if (!ledger::VerifyTreeHead(head) || head.key != log_key_ || !in_log) {
        ++line.failed;
        Fail(Place(kEntries, index),
             fmt::format("observer '{}' countersigned a head (size {}, root {}) that {}", observer, head.size,
                         ledger::ToHex(head.root),
                         in_log ? "is not signed by the log key" : "is not in this log's history: a forked log"));
      }
    }
  }

  // Every aggregate total again, as a plain bottom-up sum of the counted stations.
  void CheckTotals() {
    CheckLine& line = Check("totals at every level (summed twice)");
    const auto& contests = night_->plan().contests();
    for (std::size_t c = 0; c < contests.size(); ++c) {
      const core::ContestPlan& plan = contests[c];
      for (int round = 1; round <= plan.max_round; ++round) {
        if (!night_->tabulation().HasRound(static_cast<int>(c), round)) continue;
        std::vector<std::int64_t> sums(plan.units.size() * plan.width, 0);
        for (std::size_t local = 0; local < plan.units.size(); ++local) {
          if (!plan.counting[local] ||
              !night_->tabulation().Reported(static_cast<int>(c), round, static_cast<int>(local))) {
            continue;
          }
          const auto values = night_->tabulation().Totals(static_cast<int>(c), round, static_cast<int>(local));
          for (int at = plan.parent[local]; at >= 0; at = plan.parent[at]) {
            for (int v = 0; v < plan.width; ++v) sums[at * plan.width + v] += values[v];
          }
        }
        for (std::size_t local = 0; local < plan.units.size(); ++local) {
          if (plan.counting[local]) continue;
          ++line.checked;
          const auto totals = night_->tabulation().Totals(static_cast<int>(c), round, static_cast<int>(local));
          if (!std::equal(totals.begin(), totals.end(), sums.begin() + local * plan.width)) {
            ++line.failed;
            Fail("totals", "contest " + plan.contest->id + " at " + election_->units()[plan.units[local]].id +
                               ": the tabulation and the plain sum of its stations differ");
          }
        }
      }
    }
  }

  std::optional<json> ReadJson(const std::string& name) {
    const std::optional<std::string> text = ReadText(root_ / name);
    if (!text) {
      Fail(name, "missing");
      return std::nullopt;
    }
    json parsed = json::parse(*text, nullptr, false);
    if (parsed.is_discarded()) {
      Fail(name, "not JSON");
      return std::nullopt;
    }
    return parsed;
  }

  static std::string Short(const json& value) {
    std::string text = value.dump();
    return text.size() > 80 ? text.substr(0, 77) + "..." : text;
  }

  // Every difference between two documents, by JSON pointer.
  void Differences(const std::string& file, const json& published, const json& recomputed, CheckLine& line) {
    for (const json& op : json::diff(recomputed, published)) {
      ++line.failed;
      const std::string path = op.value("path", "");
      const json::json_pointer pointer(path);
      const std::string was = recomputed.contains(pointer) ? Short(recomputed.at(pointer)) : "nothing";
      const std::string now = published.contains(pointer) ? Short(published.at(pointer)) : "nothing";
      Fail(file + " " + path, "published " + now + ", recomputed " + was);
    }
  }

  void CompareResults() {
    CheckLine& line = Check("results and seats (published = recomputed)");
    std::set<std::string> expected;
    for (const auto& [contest, recomputed] : ResultsDocuments(*night_)) {
      const std::string file = ResultsFileName(contest);
      expected.insert(file);
      ++line.checked;
      std::optional<json> published = ReadJson(file);
      if (!published) {
        ++line.failed;
        continue;
      }
      // Totals by unit, so that a changed figure is named by its unit and line.
      std::map<std::pair<int, std::string>, json> published_totals;
      for (const json& row : published->value("totals", json::array())) {
        published_totals[{row.value("round", 0), row.value("unit", "")}] = row;
      }
      for (const json& row : recomputed["totals"]) {
        const std::pair<int, std::string> key{row["round"].get<int>(), row["unit"].get<std::string>()};
        const auto found = published_totals.find(key);
        const std::string where = fmt::format("{} totals at {} (round {})", file, key.second, key.first);
        if (found == published_totals.end()) {
          ++line.failed;
          Fail(where, "missing from the published results");
          continue;
        }
        for (const auto& [name, value] : row["lines"].items()) {
          const json published_value = found->second["lines"].value(name, json());
          if (published_value != value) {
            ++line.failed;
            Fail(where,
                 fmt::format("line '{}': published {}, recomputed {}", name, Short(published_value), value.dump()));
          }
        }
        if (found->second.value("reported", -1) != row["reported"] ||
            found->second.value("voters_reported", -1) != row["voters_reported"]) {
          ++line.failed;
          Fail(where, "the count of stations reported differs");
        }
        published_totals.erase(found);
      }
      for (const auto& [key, row] : published_totals) {
        ++line.failed;
        Fail(fmt::format("{} totals at {} (round {})", file, key.second, key.first),
             "published, but nothing was counted there");
      }
      json published_rest = *published, recomputed_rest = recomputed;
      published_rest.erase("totals");
      recomputed_rest.erase("totals");
      Differences(file, published_rest, recomputed_rest, line);
    }
    std::error_code error;
    for (const auto& file : fs::directory_iterator(root_ / "results", error)) {
      const std::string name = "results/" + file.path().filename().string();
      if (!expected.contains(name)) Fail(name, "not a contest of this election");
    }
  }

  void CompareFlags() {
    std::vector<service::ObserverFlag> flags;
    for (const auto& [key, observation] : observations_) {
      const auto& [observer, contest, round, local] = key;
      const core::ContestPlan& plan = night_->plan().contests()[contest];
      service::ObserverFlag flag{
          observer,         organisation_[observer], plan.contest->id, round, election_->units()[plan.units[local]].id,
          observation.first};
      flag.counted =
          night_->tabulation().HasRound(contest, round) && night_->tabulation().Reported(contest, round, local);
      if (flag.counted) {
        flag.lines =
            core::CompareValues(*plan.contest, night_->tabulation().Totals(contest, round, local), observation.second);
        if (flag.lines.empty()) continue;
      }
      flags.push_back(std::move(flag));
    }
    std::sort(flags.begin(), flags.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    for (const service::ObserverFlag& flag : flags) {
      std::string text =
          fmt::format("station {} ({}): observer '{}' ({})", flag.unit, flag.contest, flag.observer, flag.organisation);
      if (!flag.counted) text += ": no protocol is counted, but the observer has a copy";
      for (const core::LineDifference& d : flag.lines) {
        text += fmt::format("; {}: counted {}, observer's copy {}", d.line, d.counted, d.observed);
      }
      report_.findings.push_back(std::move(text));
    }
    CheckLine& line = Check("observers' flags (published = recomputed)");
    line.checked = static_cast<std::int64_t>(observations_.size());
    line.detail = fmt::format("{} station{} flagged", flags.size(), flags.size() == 1 ? "" : "s");
    std::optional<json> published = ReadJson("observer-flags.json");
    if (!published) return;
    // The published flags are in the service's order; compare as sets of the same records.
    json recomputed = FlagsDocument(flags)["flags"];
    json listed = published->value("flags", json::array());
    const auto by_seq = [](const json& a, const json& b) { return a.value("seq", 0) < b.value("seq", 0); };
    std::sort(listed.begin(), listed.end(), by_seq);
    if (listed != recomputed) {
      ++line.failed;
      Differences("observer-flags.json", {{"flags", listed}}, {{"flags", recomputed}}, line);
    }
  }

  void CompareNist() {
    CheckLine& line = Check("NIST SP 1500-100 export (published = recomputed)");
    std::error_code error;
    const auto size = fs::file_size(root_ / "open-data/nist-1500-100.json", error);
    if (!error && static_cast<std::int64_t>(size) > options_.nist_limit_bytes) {
      line.detail =
          fmt::format("not compared: {} MB is over --nist-limit {} MB", size >> 20, options_.nist_limit_bytes >> 20);
      return;
    }
    ++line.checked;
    const std::string name = "open-data/nist-1500-100.json";
    const std::optional<std::string> text = ReadText(root_ / name);
    if (!text) {
      ++line.failed;
      Fail(name, "missing");
      return;
    }
    // The fast path: publish writes dump(1), so the same document gives the same bytes. Only
    // when they differ is the file parsed to name the differences.
    const auto field = [&](const std::string& key) {
      const std::string marker = "\"" + key + "\": \"";
      const std::size_t at = text->find(marker);
      if (at == std::string::npos) return std::string();
      const std::size_t begin = at + marker.size();
      return text->substr(begin, text->find('"', begin) - begin);
    };
    const json recomputed = NistElectionReport(*night_, field("GeneratedDate"), field("VendorApplicationId"));
    if (recomputed.dump(1) + "\n" == *text) return;
    std::optional<json> published = ReadJson(name);
    if (!published) {
      ++line.failed;
      return;
    }
    Differences(name, *published, recomputed, line);  // nothing when only the layout differs
  }

  // The open data, recomputed from the replayed state byte for byte; a difference is named
  // by its line. Skipped above --nist-limit, like the NIST export (the manifest still covers it).
  void CompareOpenData() {
    CheckLine& line = Check("open data CSV (published = recomputed)");
    const std::string name = "open-data/protocols.csv";
    std::error_code error;
    const auto size = fs::file_size(root_ / name, error);
    if (!error && static_cast<std::int64_t>(size) > options_.nist_limit_bytes) {
      line.detail =
          fmt::format("not compared: {} MB is over --nist-limit {} MB", size >> 20, options_.nist_limit_bytes >> 20);
      return;
    }
    ++line.checked;
    const std::optional<std::string> text = ReadText(root_ / name);
    if (!text) {
      ++line.failed;
      Fail(name, "missing");
      return;
    }
    std::ostringstream recomputed;
    (void)WriteOpenDataRows(*election_, *night_, counted_, OpenDataFormat::kCsv, recomputed);
    const std::string expected = recomputed.str();
    if (expected == *text) return;
    ++line.failed;
    const std::vector<std::string_view> published = Lines(*text), computed = Lines(expected);
    std::size_t at = 0;
    while (at < published.size() && at < computed.size() && published[at] == computed[at]) ++at;
    // From a little before the first byte that differs.
    std::size_t column = 0;
    if (at < published.size() && at < computed.size()) {
      while (column < published[at].size() && column < computed[at].size() &&
             published[at][column] == computed[at][column]) {
        ++column;
      }
    }
    const std::size_t from = column > 40 ? column - 40 : 0;
    const auto shown = [&](const std::vector<std::string_view>& lines) {
      return at < lines.size() ? "'" + std::string(from > 0 ? "…" : "") + std::string(lines[at].substr(from, 80)) + "'"
                               : std::string("nothing");
    };
    Fail(fmt::format("{}:{}", name, at + 1),
         fmt::format("published {}, recomputed {}", shown(published), shown(computed)));
  }

  void CheckPhotos() {
    CheckLine& line = Check("photos of paper protocols (named by their SHA-256)");
    std::error_code error;
    std::set<std::string> present;
    for (const auto& file : fs::directory_iterator(root_ / "photos", error))
      present.insert(file.path().stem().string());
    for (const auto& [sha256, index] : photos_) {
      ++line.checked;
      if (!present.contains(sha256)) {
        ++line.failed;
        Fail(Place(kEntries, index), "the protocol names the photo " + sha256 +
                                         " of its paper original, but photos/ "
                                         "has no such file");
      }
    }
    for (const auto& file : fs::directory_iterator(root_ / "photos", error)) {
      ++line.checked;
      const std::optional<std::string> bytes = ReadText(file.path());
      const std::string stem = file.path().stem().string();
      if (!bytes || ledger::ToHex(ledger::Sha256(*bytes)) != stem) {
        ++line.failed;
        Fail("photos/" + file.path().filename().string(), "the file's SHA-256 is not its name");
      }
    }
  }

  const VerifyOptions& options_;
  fs::path root_;
  VerifyReport report_;
  std::unique_ptr<core::Election> election_;
  std::unique_ptr<core::ElectionNight> night_;
  std::unordered_map<std::string, std::string> commission_of_, observer_of_;
  std::map<std::string, std::string> organisation_;
  std::string entries_text_;
  std::vector<std::string_view> lines_;
  std::vector<Decoded> decoded_;
  static constexpr std::size_t kChunk = 512;
  std::size_t chunks_ = 0;
  std::unique_ptr<std::atomic<bool>[]> ready_;  // per chunk: decoded and checked
  std::atomic<std::size_t> next_chunk_{0}, finished_chunks_{0};
  std::vector<std::thread> pool_;
  std::chrono::steady_clock::time_point started_, signatures_done_;
  ledger::MerkleTree tree_;
  struct KeyUse {
    std::int64_t last_seq = 0;
    std::size_t first_entry = 0;  // the first entry it signed
    bool observer = false;
  };
  std::unordered_map<std::string, KeyUse> last_seq_;
  ledger::Hash definition_hash_{};
  CountedVersions counted_;  // the counted protocols' versions and sequence numbers, for the open data
  std::vector<std::array<std::string, 3>> key_rows_;       // keys.json: commission, public key, added_at
  std::vector<std::array<std::string, 5>> observer_rows_;  // observers.json: id, organisation, kind, key, added_at
  std::unordered_map<std::string, std::size_t> key_position_, observer_position_;
  std::map<std::pair<std::uint64_t, std::uint64_t>, ledger::Hash> keys_hashes_;  // by (keys, observers) counts
  std::vector<ledger::TreeHead> valid_heads_;  // signed by the log key and matching the entries, by size
  std::int64_t binding_failures_ = 0;
  std::int64_t unsigned_ = 0;
  std::string log_key_;
  struct Witness {
    std::size_t index;
    std::string observer;
    ledger::TreeHead head;
  };
  std::vector<Witness> witnesses_;
  std::map<std::string, std::size_t> photos_;  // SHA-256 -> the first entry naming it
  // (observer, contest, round, local) -> (seq, values), the latest copy.
  std::map<std::tuple<std::string, int, int, int>, std::pair<std::int64_t, core::ProtocolValues>> observations_;
};

}  // namespace

VerifyReport VerifyBundle(const VerifyOptions& options) { return Verifier(options).Run(); }

}  // namespace saylau::bundle
