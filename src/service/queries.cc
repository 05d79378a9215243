// ResultsService's queries for readers (the HTTP API): protocol history, the rejected list,
// the log's entries and photos, read from the store; and the store's append lock, so that the
// server reaches the store only through the service.
#include "saylau/service/results_service.h"

namespace saylau::service {

Status ResultsService::VisitHistory(const std::string& unit, const Visitor& visit) {
  return store_->ScanMatching({unit, false}, visit);
}

Status ResultsService::VisitRejected(const Visitor& visit) { return store_->ScanMatching({"", true}, visit); }

Status ResultsService::VisitLog(std::int64_t from, const Visitor& visit) { return store_->Scan(from, visit); }

Result<std::optional<store::StoredPhoto>> ResultsService::Photo(const std::string& sha256) {
  return store_->Photo(sha256);
}

Status ResultsService::LockForAppend() { return store_->LockForAppend(); }

void ResultsService::ReleaseAppendLock() { store_->ReleaseAppendLock(); }

}  // namespace saylau::service
