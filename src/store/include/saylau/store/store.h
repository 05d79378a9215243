// The only way saylau reaches stored data. Stored truth is the election definition plus the
// append-only list of submissions (protocols, turnout reports, certifications, recount
// orders), each with its verdict; the totals kept beside them are derived and can always be
// rebuilt from the submissions. Implementations: SQLite (sqlite_store.h) and memory (tests).
// A Store is used from one thread at a time; each call is atomic.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "saylau/base/result.h"

namespace saylau::store {

enum class SubmissionKind { kProtocol, kTurnout, kStageChange, kRecount };
std::string_view SubmissionKindName(SubmissionKind kind);  // "protocol", "turnout", "stage", "recount"

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
  std::string reasons;  // JSON list of the broken rules when rejected, else "[]"
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
  // Appends `batch` (assigning seq in order) and writes `totals` (replacing rows of the same
  // contest, round and unit) in one transaction; returns once it would survive a crash.
  // Errors: kUnavailable when the storage is busy or failing; nothing is written then.
  virtual Status Append(std::vector<StoredSubmission>& batch, std::span<const StoredTotals> totals) = 0;
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
};

std::unique_ptr<Store> CreateMemoryStore(std::vector<DefinitionFile> files);

}  // namespace saylau::store
