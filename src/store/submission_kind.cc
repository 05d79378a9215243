// The stored names of the submission kinds (store.h), the one spelling every store writes and reads.
#include "saylau/store/store.h"

namespace saylau::store {

std::string_view SubmissionKindName(SubmissionKind kind) {
  switch (kind) {
    case SubmissionKind::kProtocol:
      return "protocol";
    case SubmissionKind::kTurnout:
      return "turnout";
    case SubmissionKind::kStageChange:
      return "stage";
    case SubmissionKind::kRecount:
      return "recount";
    case SubmissionKind::kObservation:
      return "observation";
    case SubmissionKind::kWitness:
      return "witness";
  }
  return "protocol";
}

std::optional<SubmissionKind> SubmissionKindFromName(std::string_view name) {
  for (SubmissionKind kind : {SubmissionKind::kProtocol, SubmissionKind::kTurnout, SubmissionKind::kStageChange,
                              SubmissionKind::kRecount, SubmissionKind::kObservation, SubmissionKind::kWitness}) {
    if (SubmissionKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace saylau::store
