// The open data of the live state: the counted protocols' versions from the log, then the
// rows (bundle/open_data.h) — what `saylau export` and `saylau publish` write.
#include "saylau/publish/publish.h"

namespace saylau::bundle {

Result<std::int64_t> WriteOpenData(service::ResultsService& service, OpenDataFormat format, std::ostream& out) {
  // The version and sequence number of each counted protocol.
  CountedVersions counted;
  Status scanned = service.VisitLog(0, [&](const store::StoredSubmission& s) -> Status {
    if (s.kind == store::SubmissionKind::kProtocol && s.accepted) counted[{s.contest, s.round, s.unit}] = {s.version, s.seq};
    return {};
  });
  if (!scanned) return scanned.error();
  return WriteOpenDataRows(service.election(), service.night(), counted, format, out);
}

}  // namespace saylau::bundle
