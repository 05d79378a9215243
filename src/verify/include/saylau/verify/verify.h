// saylau verify: recompute an election from its public bundle alone (publish.h), offline and
// without the results database. Checks every log entry's signature, the signing commission's
// authority over its unit and its key's sequence numbers; re-judges every protocol, turnout
// report, certification and recount in log order (each verdict must match the logged one);
// rebuilds the Merkle tree and checks every signed tree head against it (signature, root,
// consistency between successive heads, that the heads cover every entry) and every
// witness's countersigned head; sums every total at every level twice (the incremental
// tabulation and a plain bottom-up sum) and compares them and every outcome and seat with the
// published results, the observers' flags with the published flags, the NIST export, and
// each photo with its hash; that every signed head binds the bundle's definition and keys;
// the signed manifest of every file; and, given a head saved earlier (--known-head), that
// the bundle's log extends it. Every failure names its file, line or field.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace saylau::bundle {

struct VerifyOptions {
  std::string dir;
  std::string log_key;  // the CEC's published log key (base64) to pin; empty: the heads' own
  // A tree head saved earlier (a witness's state file, or GET /api/v1/log/head): the bundle's
  // log must extend it (no rollback, no fork). Empty: none.
  std::string known_head_file;
  int threads = 0;      // signature checks in parallel; 0: one per core
  std::function<void(const std::string& stage, double fraction)> progress;
  // Signatures checked up to 64 at once (one random linear combination of their equations),
  // or one at a time; the same pinned rule either way (saylau/crypto/ed25519_verify.h).
  bool batch_signatures = true;
};

struct CheckLine {
  std::string what;
  std::int64_t checked = 0;
  std::int64_t failed = 0;
  std::string detail;
};

struct VerifyReport {
  std::vector<CheckLine> checks;
  std::vector<std::string> failures;  // "place: what is wrong", in the order found
  std::vector<std::string> findings;  // observers' flags: not failures of the bundle, but news
  std::int64_t signatures = 0;
  double signature_seconds = 0;
  int threads = 1;
  bool batch_signatures = true;  // as VerifyOptions asked
  bool ok() const { return failures.empty(); }
};

VerifyReport VerifyBundle(const VerifyOptions& options);

}  // namespace saylau::bundle
