// How the stored structs map to table rows, shared by the SQLite and PostgreSQL stores: the
// column lists and, per struct, the order its fields travel in. A Row reads a result row with
// Text(column) and Int(column); an Out takes values in column order with Text(v) and Int(v).
#pragma once

#include <cstdint>
#include <string_view>

#include "saylau/store/store.h"

namespace saylau::store::internal {

// Every column of a submission, seq first, for SELECTs; kSubmissionValueColumns is the same
// without seq, in the order WriteSubmission gives the values.
inline constexpr const char* kSubmissionSelect =
    "SELECT seq, kind, contest, unit, round, time, version, verdict, body, reasons, origin, received_at, "
    "signer_key, key_seq, signature, signed_body FROM submissions";
inline constexpr const char* kSubmissionValueColumns =
    "kind, contest, unit, round, time, version, verdict, body, reasons, origin, received_at, signer_key, key_seq, "
    "signature, signed_body";
inline constexpr int kSubmissionValueCount = 15;
inline constexpr const char* kTotalsColumns = "contest, round, unit, reported, voters_reported, lines";
inline constexpr const char* kTreeHeadColumns = "size, root, \"timestamp\", key, signature, binding";
inline constexpr const char* kKeyColumns = "public_key, commission, added_at";
inline constexpr const char* kObserverColumns = "id, organisation, kind, public_key, added_at";
inline constexpr const char* kDefinitionColumns = "name, role, content";

inline std::string_view VerdictName(bool accepted) { return accepted ? "accepted" : "rejected"; }

// Reads a row of kSubmissionSelect into `s` (reused across a scan, so its strings keep their buffers).
template <typename Row>
void ReadSubmission(const Row& row, StoredSubmission& s) {
  s.seq = row.Int(0);
  s.kind = SubmissionKindFromName(row.Text(1)).value_or(SubmissionKind::kProtocol);
  s.contest = row.Text(2);
  s.unit = row.Text(3);
  s.round = static_cast<int>(row.Int(4));
  s.time = row.Text(5);
  s.version = static_cast<int>(row.Int(6));
  s.accepted = row.Text(7) == "accepted";
  s.body = row.Text(8);
  s.reasons = row.Text(9);
  s.origin = row.Text(10);
  s.received_at = row.Text(11);
  s.envelope.key = row.Text(12);
  s.envelope.seq = row.Int(13);
  s.envelope.signature = row.Text(14);
  s.envelope.body = row.Text(15);
}

// The values of kSubmissionValueColumns (everything but seq).
template <typename Out>
void WriteSubmission(Out& out, const StoredSubmission& s) {
  out.Text(SubmissionKindName(s.kind));
  out.Text(s.contest);
  out.Text(s.unit);
  out.Int(s.round);
  out.Text(s.time);
  out.Int(s.version);
  out.Text(VerdictName(s.accepted));
  out.Text(s.body);
  out.Text(s.reasons);
  out.Text(s.origin);
  out.Text(s.received_at);
  out.Text(s.envelope.key);
  out.Int(s.envelope.seq);
  out.Text(s.envelope.signature);
  out.Text(s.envelope.body);
}

template <typename Row>
StoredTotals TotalsFromRow(const Row& row) {
  return {row.Text(0), static_cast<int>(row.Int(1)), row.Text(2), row.Int(3), row.Int(4), row.Text(5)};
}
template <typename Out>
void WriteTotals(Out& out, const StoredTotals& row) {
  out.Text(row.contest);
  out.Int(row.round);
  out.Text(row.unit);
  out.Int(row.reported);
  out.Int(row.voters_reported);
  out.Text(row.lines);
}

template <typename Row>
StoredTreeHead TreeHeadFromRow(const Row& row) {
  return {row.Int(0), row.Text(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5)};
}
template <typename Out>
void WriteTreeHead(Out& out, const StoredTreeHead& head) {
  out.Int(head.size);
  out.Text(head.root);
  out.Int(head.timestamp);
  out.Text(head.key);
  out.Text(head.signature);
  out.Text(head.binding);
}

template <typename Row>
RegisteredKey KeyFromRow(const Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2)};
}
template <typename Out>
void WriteKey(Out& out, const RegisteredKey& key) {
  out.Text(key.public_key);
  out.Text(key.commission);
  out.Text(key.added_at);
}

template <typename Row>
RegisteredObserver ObserverFromRow(const Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
}
template <typename Out>
void WriteObserver(Out& out, const RegisteredObserver& observer) {
  out.Text(observer.id);
  out.Text(observer.organisation);
  out.Text(observer.kind);
  out.Text(observer.public_key);
  out.Text(observer.added_at);
}

template <typename Row>
DefinitionFile DefinitionFileFromRow(const Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2)};
}
template <typename Out>
void WriteDefinitionFile(Out& out, const DefinitionFile& file) {
  out.Text(file.name);
  out.Text(file.role);
  out.Text(file.content);
}

}  // namespace saylau::store::internal
