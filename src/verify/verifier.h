// The verifier's state and steps (internal to saylau::verify): one pass over the log that
// admits every signed entry by the rules of intake/ and replays it into a fresh state
// (entries.cc), the checks of the log's heads, bindings and manifest (log_checks.cc), and the
// comparison of every published document with its recomputation (document_checks.cc).
// verify.cc runs them in order. The entries are a stream: read in batches into a bounded
// window, decoded and signature-checked by workers, replayed in order and dropped, so memory
// does not grow with the log (but for ~36 bytes a leaf of the Merkle tree). Not thread-safe
// except the entry workers' batch claiming.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "saylau/bundle/manifest.h"
#include "saylau/bundle/open_data.h"
#include "saylau/core/election_night.h"
#include "saylau/intake/admission.h"
#include "saylau/intake/key_registry.h"
#include "saylau/intake/observer_copies.h"
#include "saylau/intake/observer_reports.h"
#include "saylau/ledger/log_entry.h"
#include "saylau/ledger/merkle.h"
#include "saylau/ledger/tree_head.h"
#include "saylau/verify/verify.h"
#include "key_uses.h"
#include "photo_names.h"

namespace saylau::bundle {

inline constexpr const char* kEntries = "log/entries.jsonl";
inline constexpr const char* kHeads = "log/heads.jsonl";

std::optional<std::string> ReadText(const std::filesystem::path& path);
std::vector<std::string_view> Lines(std::string_view text);
std::string Place(const char* file, std::size_t index);  // "file:line", 1-based

// keys.json's rows (commission, public key, added_at) in one buffer, 4-byte offsets, and each
// row's added_at an index into its distinct values (a list's rows share a few): a national list
// of 800,000 keys in ~55 MB rather than three strings a key (~100 B a key before).
class KeyRows {
 public:
  void Add(std::string_view commission, std::string_view key, std::string_view added_at) {
    text_.append(commission);
    Mark();
    text_.append(key);
    Mark();
    if (added_values_.empty() || added_values_.back() != added_at) {
      if (added_values_.size() >= UINT32_MAX) throw std::length_error("keys.json: too many rows");
      added_values_.emplace_back(added_at);
    }
    added_.push_back(static_cast<std::uint32_t>(added_values_.size() - 1));
  }
  // Gives back the room the buffers grew beyond what they hold (the list is read whole).
  void Shrink() {
    text_.shrink_to_fit();
    ends_.shrink_to_fit();
    added_.shrink_to_fit();
  }
  std::size_t size() const { return added_.size(); }
  // Field 0: commission, 1: public key, 2: added_at. Valid until the next Add or Shrink.
  std::string_view Field(std::size_t row, std::size_t field) const {
    if (field == 2) return added_values_[added_[row]];
    const std::size_t at = row * 2 + field, begin = at == 0 ? 0 : ends_[at - 1];
    return std::string_view(text_).substr(begin, ends_[at] - begin);
  }

 private:
  void Mark() {
    if (text_.size() > UINT32_MAX) throw std::length_error("keys.json: over 4 GB of keys");
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }
  std::string text_;                     // commission and key of every row, in order
  std::vector<std::uint32_t> ends_;      // where each row's commission and key end in text_
  std::vector<std::uint32_t> added_;     // each row's added_at, in added_values_
  std::vector<std::string> added_values_;  // a new one for each row whose added_at differs from the last
};

class Verifier {
 public:
  explicit Verifier(const VerifyOptions& options) : options_(options), root_(options.dir) {}
  Verifier(const Verifier&) = delete;
  Verifier& operator=(const Verifier&) = delete;
  ~Verifier();  // joins the entry workers, also when a step threw
  VerifyReport Run();

 private:
  // What the parallel pass finds for each entry: its leaf hash, the decoded entry, whether its
  // signature verifies, and the body of a protocol or turnout entry already parsed (empty when
  // it does not parse: the replay parses it again to name the error). The replay takes the body
  // from here, so an entry is decoded once, off the replay's thread.
  struct Decoded {
    ledger::Hash leaf{};
    std::optional<ledger::LogEntry> entry;
    std::optional<formats::Submission> body;
    std::string error;
    bool signature_valid = false;
  };
  // Up to kBatch lines of the log, read in order and decoded by one worker.
  struct Batch {
    std::size_t first = 0;  // the index of its first line
    std::vector<std::string> lines;
    std::vector<Decoded> decoded;
    bool done = false;  // decoded and checked (guarded by mutex_)
  };

  void Fail(const std::string& place, const std::string& message);
  CheckLine& Check(const std::string& what);
  void Progress(const std::string& stage, double fraction);

  // verify.cc: the definition and the registered keys and observers.
  bool LoadDefinition();
  void LoadKeys();

  // entries.cc: decode and signature-check in parallel, admit and replay in order.
  bool StartEntries();
  bool ClaimAndProcess(bool wait);
  void CheckSignatures(Batch& batch);
  void StopEntries();
  void Replay();
  void ReplayBatch(Batch& batch);
  void ReplayEntry(std::size_t i, Decoded& decoded);
  void ReplaySigned(std::size_t i, Decoded& decoded);
  void ReplayUnsigned(std::size_t i, Decoded& decoded);
  void Refuse(std::size_t i, const ledger::LogEntry& entry, const intake::Refused& refused, const std::string& line);
  void Admitted(std::size_t i, const ledger::LogEntry& entry, bool observer);
  void CountProtocol(std::size_t i, const ledger::LogEntry& entry, const core::ProtocolSubmission& protocol);
  void CountTurnout(std::size_t i, const ledger::LogEntry& entry, const core::TurnoutSubmission& report);
  void CompareVerdict(std::size_t i, const ledger::LogEntry& entry, core::Judgement& judgement,
                      const std::string& what);
  void RecordRecount(std::size_t i, const ledger::LogEntry& entry);

  // log_checks.cc: the log key, heads, bindings, keys bound, a saved head, the manifest.
  std::string FirstLogKey() const;
  void CheckHeads();
  std::optional<ledger::Hash> KeysHashAt(std::uint64_t keys, std::uint64_t observers);
  void CheckBinding(const std::string& place, const ledger::TreeHead& head);
  void CheckKeysBound();
  void CheckKnownHead();
  void StartManifestCheck();
  void CheckSignedManifest();
  // Frees the tree and the keys once the log's checks are done (verify.cc).
  void ReleaseLogState();

  // document_checks.cc: every published document against its recomputation.
  void CheckTotals();
  std::optional<nlohmann::json> ReadJson(const std::string& name);
  void Differences(const std::string& file, const nlohmann::json& published, const nlohmann::json& recomputed,
                   CheckLine& line);
  void CompareResults();
  void CompareFlags();
  void CompareReports();
  void CompareNist();
  void CompareOpenData();
  void CheckPhotos();
  // forensics_checks.cc: the forensics reports and plots.
  void CompareForensics();

  const VerifyOptions& options_;
  std::filesystem::path root_;
  VerifyReport report_;
  std::unique_ptr<core::Election> election_;
  std::unique_ptr<core::ElectionNight> night_;
  ledger::Hash definition_hash_{};

  // The registered keys (intake's registry, as the service held them) and the files' rows.
  intake::KeyRegistry keys_;
  std::map<std::string, std::string> organisation_;        // observer id -> organisation
  // keys.json read as a stream (an element at a time), then the rows indexed by key (once both
  // are read) with the first entry each key signed.
  bool LoadKeyList(const std::string& file, const std::function<void(const nlohmann::json&, std::size_t)>& row);
  KeyRows key_rows_;                                       // keys.json: commission, public key, added_at
  std::vector<std::array<std::string, 5>> observer_rows_;  // observers.json: id, organisation, kind, key, added_at
  KeyUses key_uses_;
  std::map<std::pair<std::uint64_t, std::uint64_t>, ledger::Hash> keys_hashes_;  // by (keys, observers) counts

  // The entries and the workers that decode them: batches read in log order into a window of
  // at most kWindow, replayed from its front.
  static constexpr std::size_t kBatch = 512, kWindow = 16;
  std::ifstream entries_;  // read under mutex_
  std::uint64_t entries_size_ = 0, entries_bytes_ = 0;  // the file's size; bytes read so far
  std::size_t entries_read_ = 0;                        // lines read so far
  bool entries_end_ = false, stop_ = false;
  std::deque<std::unique_ptr<Batch>> window_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::thread> pool_;
  std::chrono::steady_clock::time_point started_, signatures_done_;

  // The log as replayed.
  // Without the subtree hashes of 2 to 8 leaves (hashed again when a root or proof needs them):
  // ~36 B an entry instead of 64; a root costs at most ~7 hashes more a node.
  ledger::MerkleTree tree_{3u};
  std::uint64_t entries_logged_ = 0;  // tree_.size() when the tree was released
  std::string log_key_;                        // the heads' key (or --log-key)
  std::vector<ledger::TreeHead> valid_heads_;  // signed by the log key and matching the entries, by size
  std::future<ManifestCheck> manifest_check_;   // the files hashed meanwhile (StartManifestCheck)
  std::int64_t binding_failures_ = 0;
  std::int64_t unsigned_ = 0;
  // The counted protocols' versions and log sequence numbers, by contest, then round and
  // station in the contest's numbering: 16 bytes a station rather than two strings.
  struct Counted {
    int version = 0;
    std::int64_t seq = 0;
  };
  std::vector<std::vector<Counted>> counted_;  // [contest][(round - 1) * units + station]
  std::pair<int, std::int64_t> CountedAt(core::ContestIndex contest, int round, core::LocalUnit station) const;
  PhotoNames photos_;  // the photos' SHA-256 and the first entry naming each
  intake::ObserverCopies observer_copies_;
  intake::ObserverReports observer_reports_;
};

}  // namespace saylau::bundle
