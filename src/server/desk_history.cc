// The desk's kept latest protocols per unit (desk_history.h).
#include "desk_history.h"

namespace saylau::server {

Result<const DeskHistory::LatestRows*> DeskHistory::Of(service::ResultsService& service, const std::string& unit,
                                                       const std::vector<int>& versions) {
  const auto kept = units_.find(unit);
  if (kept != units_.end() && kept->second.versions == versions) return &kept->second.rows;
  LatestRows rows;
  const Status scanned = service.VisitHistory(unit, [&](const store::StoredSubmission& row) -> Status {
    if (row.kind == store::SubmissionKind::kProtocol) {
      rows[{row.contest, row.round}] = Latest{row.accepted, row.version, row.reasons};
    }
    return {};
  });
  if (!scanned) return scanned.error();
  ++reads_;
  Entry& entry = units_[unit];
  entry.versions = versions;
  entry.rows = std::move(rows);
  return &entry.rows;
}

}  // namespace saylau::server
