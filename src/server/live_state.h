// The live results service shared by the HTTP threads: readers take the lock shared, the
// writer (Committer) takes it exclusively while it judges or acknowledges a batch. The
// generation counts acknowledged changes, for caching and for ETags.
#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>

#include "downloads.h"
#include "saylau/service/results_service.h"
#include "saylau/stats/estimate.h"

namespace saylau::server {

struct LiveState {
  std::shared_mutex mutex;
  std::unique_ptr<service::ResultsService> service;
  std::atomic<std::uint64_t> generation{1};
  // A published estimate to compare with the live count (serve --pvt); set before serving.
  std::string pvt_contest;
  std::optional<stats::Estimate> pvt;
  nlohmann::json pvt_published;  // as published (projection included)
  // The published bundle's files (serve --bundle); set before serving.
  std::optional<Downloads> downloads;
};

}  // namespace saylau::server
