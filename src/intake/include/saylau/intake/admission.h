// Admission: every rule a signed submission must pass before it is judged or stored, in one
// place. A commission's protocol or turnout report: the signer check (key_registry.h), a
// commission's key (not an observer's), a body that parses, a known contest and unit, the body's
// commission (if named) the signer, and the signer's authority over the unit. A certification:
// the signer check, the Central Election Commission's key, a certification body, a known
// contest, and a stage change the state allows. An observer's submission: the signer check, an
// observer's key, UTF-8, and either a readable copy of a polling station's protocol, a report
// without figures at a polling station (formats/observer_report_json.h), or a tree head of this
// log signed with its log key. Pure: the caller judges, stores and advances the
// key's sequence number (KeyRegistry::Use) for what is admitted.
#pragma once

#include <string>
#include <variant>

#include "saylau/core/election_night.h"
#include "saylau/core/observer_report.h"
#include "saylau/core/stages.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/intake/key_registry.h"
#include "saylau/intake/signed_submission.h"
#include "saylau/ledger/merkle.h"
#include "saylau/ledger/tree_head.h"

namespace saylau::intake {

// A protocol or turnout report, its commission set to the signer.
Admission<formats::Submission> AdmitSubmission(const SignedSubmission& submission, const KeyRegistry& keys,
                                               const core::ElectionNight& night);

// A certification by the CEC; `at` is `received_at`, `by` the signer.
Admission<core::StageChange> AdmitCertification(const SignedSubmission& submission, const KeyRegistry& keys,
                                                const core::ElectionNight& night, const std::string& received_at);

// The log as a witness sees it: the tree of the entries stored before the witness's, and the
// public key (base64) its heads are signed with (empty: none, so no head can be witnessed).
struct LogView {
  const ledger::MerkleTree& tree;
  std::uint64_t size = 0;
  std::string log_key;
};
// An observer's copy of a station's protocol, judged (contest, round and local unit resolved).
struct ObserverCopy {
  core::ProtocolSubmission copy;  // its commission set to the observer
  core::Judgement judged;
};
// A report without figures is admitted with its observer set to the signer.
using Observation = std::variant<ObserverCopy, ledger::TreeHead, core::ObserverReport>;
Admission<Observation> AdmitObservation(const SignedSubmission& submission, const KeyRegistry& keys,
                                        const core::ElectionNight& night, const LogView& log);
// The witness rule alone: `head` was issued by this log (its root at its size) and is signed
// with the log key.
std::optional<Refused> CheckWitnessedHead(const ledger::TreeHead& head, const LogView& log);

}  // namespace saylau::intake
