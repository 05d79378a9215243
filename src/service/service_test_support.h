// Helpers shared by the service's tests (results_service_test.cc, batch_pipeline_test.cc): a
// service opened on a store (the test fails when it does not open), and the rows a store holds.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <utility>

#include "saylau/service/results_service.h"
#include "saylau/store/store.h"

namespace saylau::service {

inline std::unique_ptr<ResultsService> OpenService(std::unique_ptr<store::Store> store) {
  Result<std::unique_ptr<ResultsService>> service = ResultsService::Open(std::move(store));
  EXPECT_TRUE(service) << service.error().message;
  return service ? std::move(*service) : nullptr;
}

inline std::int64_t StoredCount(ResultsService& service) {
  std::int64_t count = 0;
  EXPECT_TRUE(service.store().Scan(0, [&](const store::StoredSubmission&) -> Status {
    ++count;
    return {};
  }));
  return count;
}

}  // namespace saylau::service
