// The only way saylau reaches stored data. Stored truth is the election definition plus the
// append-only list of submissions (protocols, turnout reports, certifications, recount
// orders), each with its verdict; the totals kept beside them are derived and can always be
// rebuilt from the submissions. Implementations: SQLite (sqlite_store.h), PostgreSQL
// (postgres_store.h) and memory (tests). A Store is used from one thread at a time; each call
// is atomic. Several processes may share a SQLite file or a PostgreSQL database: appends are
// serialised by the store's write lock (LockForAppend).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::store {

// kObservation: an accredited observer's signed copy of a station's protocol figures (never
// counted); kWitness: an observer's countersignature of a signed tree head.
enum class SubmissionKind { kProtocol, kTurnout, kStageChange, kRecount, kObservation, kWitness };
// "protocol", "turnout", "stage", "recount", "observation", "witness"
std::string_view SubmissionKindName(SubmissionKind kind);
std::optional<SubmissionKind> SubmissionKindFromName(std::string_view name);

// Which submissions ScanMatching visits: one unit's, the rejected ones, or both conditions.
struct SubmissionFilter {
  std::string unit;            // empty: every unit
  bool rejected_only = false;  // only those stored as rejected
};

// The envelope of a signed submission (crypto/envelope.h); empty for one read from a file.
struct StoredEnvelope {
  std::string key;        // public key, base64
  std::int64_t seq = 0;   // the key's sequence number
  std::string signature;  // base64
  std::string body;       // the exact bytes signed
  bool operator==(const StoredEnvelope&) const = default;
};

struct StoredSubmission {
  std::int64_t seq = 0;  // assigned by Append: 1, 2, 3 ... in the order stored
  SubmissionKind kind = SubmissionKind::kProtocol;
  std::string contest;
  std::string unit;
  int round = 1;
  std::string time;  // turnout reports: the reporting time
  int version = 0;   // 1 for the first stored submission of its station (and contest, round, time)
  bool accepted = false;
  std::string body;     // the canonical JSON of the submission (formats/submission_json.h)
  // JSON list ({"relation","detail"} objects): the broken rules when rejected; when accepted,
  // the relations of severity warn that failed (counted anyway); "[]" when there are none.
  std::string reasons;
  std::string origin;   // where it came from ("protocols.csv:12")
  std::string received_at;
  StoredEnvelope envelope;
};

// A commission's registered public key. Keys are added, never changed or removed.
struct RegisteredKey {
  std::string public_key;  // base64
  std::string commission;  // unit id
  std::string added_at;
  bool operator==(const RegisteredKey&) const = default;
};

// A signed tree head of the transparency log (ledger/tree_head.h), stored in the same
// transaction as the submissions it covers.
struct StoredTreeHead {
  std::int64_t size = 0;
  std::string root;  // hex
  std::int64_t timestamp = 0;
  std::string key;  // base64; empty when unsigned
  std::string signature;
  std::string binding;  // ledger::BindingText (definition and keys hashes); empty in version-1 heads
  bool operator==(const StoredTreeHead&) const = default;
};

// An accredited observer (citizen, party or international) and the key it signs with.
struct RegisteredObserver {
  std::string id;
  std::string organisation;
  std::string kind;        // citizen | party | international
  std::string public_key;  // base64
  std::string added_at;
  bool operator==(const RegisteredObserver&) const = default;
};

// A photo or scan of a signed paper protocol, addressed by its SHA-256 (hex).
struct StoredPhoto {
  std::string sha256;
  std::string media_type;  // image/jpeg, image/png, application/pdf
  std::string bytes;
};

// Derived totals of a contest at one aggregate unit.
struct StoredTotals {
  std::string contest;
  int round = 1;
  std::string unit;
  std::int64_t reported = 0;
  std::int64_t voters_reported = 0;
  std::string lines;  // JSON object: line name or option id -> total
  bool operator==(const StoredTotals&) const = default;
};

// A file of the election definition, kept verbatim: role "definition" (TOML) or "stations" (CSV).
struct DefinitionFile {
  std::string name;
  std::string role;
  std::string content;
};

class Store {
 public:
  virtual ~Store() = default;
  // The definition files given at creation.
  virtual Result<std::vector<DefinitionFile>> DefinitionFiles() = 0;
  // Appends `batch` (assigning seq in order), writes `totals` (replacing rows of the same
  // contest, round and unit) and `head` (the tree head after the batch) in one transaction;
  // returns once it would survive a crash. Rows that arrive with a seq (non-zero) must continue
  // the stored log exactly; when another writer has appended meanwhile nothing is written and
  // the error is kUnavailable. Errors: kUnavailable when the storage is busy or failing; nothing
  // is written then.
  virtual Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals,
                        const std::optional<StoredTreeHead>& head) = 0;
  Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals) {
    return Append(batch, totals, std::nullopt);
  }
  virtual Result<std::vector<StoredTreeHead>> TreeHeads() = 0;  // by size
  virtual Result<std::optional<StoredTreeHead>> LatestTreeHead() = 0;
  // Several writers on one store: takes the store's write lock (waiting for another writer's
  // append to finish) and holds it until the next Append, which stores under it, or
  // ReleaseAppendLock. While it is held no other writer appends, so what Scan returns after the
  // holder's last known seq is all there is. Errors: kUnavailable.
  virtual Status LockForAppend() { return {}; }
  virtual void ReleaseAppendLock() {}
  // Calls `visit` for every submission with seq > `after`, in order; stops at its first error.
  virtual Status Scan(std::int64_t after, const std::function<Status(const StoredSubmission&)>& visit) = 0;
  // Calls `visit` for every submission that matches `filter`, in order (an index, not a scan
  // of the whole store: protocol history and the rejected list at 800,000 stations).
  virtual Status ScanMatching(const SubmissionFilter& filter,
                              const std::function<Status(const StoredSubmission&)>& visit) = 0;
  virtual Result<std::vector<StoredTotals>> Totals() = 0;  // sorted by contest, round, unit
  // Replaces all stored totals (a rebuild).
  virtual Status ReplaceTotals(std::span<const StoredTotals> totals) = 0;
  virtual Result<std::int64_t> LastSeq() = 0;
  // Registers all of `keys` or none (one transaction). Errors: kAlreadyExists naming the first
  // public key that is registered already (or given twice).
  virtual Status AddKeys(std::span<const RegisteredKey> keys) = 0;
  Status AddKey(const RegisteredKey& key) { return AddKeys(std::span(&key, 1)); }
  virtual Result<std::vector<RegisteredKey>> Keys() = 0;  // in the order added
  // Registers observers, all or none. Errors: kAlreadyExists naming an id or key used already.
  virtual Status AddObservers(std::span<const RegisteredObserver> observers) = 0;
  virtual Result<std::vector<RegisteredObserver>> Observers() = 0;  // in the order added
  // Stores a photo once (a second store of the same hash is a no-op).
  virtual Status AddPhoto(const StoredPhoto& photo) = 0;
  virtual Result<std::optional<StoredPhoto>> Photo(const std::string& sha256) = 0;
  virtual Status ScanPhotos(const std::function<Status(const StoredPhoto&)>& visit) = 0;  // by hash
};

std::unique_ptr<Store> CreateMemoryStore(std::vector<DefinitionFile> files);

}  // namespace saylau::store
