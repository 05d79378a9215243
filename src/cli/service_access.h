// Helpers the database commands share: opening the results service on a database file,
// the current time as ISO 8601, progress on a terminal, and the stage line every output carries.
#pragma once

#include <memory>
#include <string>

#include "saylau/base/result.h"
#include "saylau/service/results_service.h"

namespace saylau::cli {

// Opens the SQLite database at `path` and replays it (a progress line on a terminal for big ones).
// `load`: what of the definition is kept (saylau ingest leaves the stations' names out).
Result<std::unique_ptr<service::ResultsService>> OpenService(const std::string& path,
                                                             const intake::LoadOptions& load = {});

std::string NowIso();  // UTC, "2026-11-22T14:05:09Z"

// "stage: preliminary · 10,100 of 10,100 stations (100.00 %) · final due by 2023-03-29"
std::string StageLine(const service::ResultsService& service, core::ContestIndex contest);

// A progress bar on stderr when it is a terminal; silent otherwise.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void Update(double fraction, const std::string& detail);
  void Finish();

 private:
  std::string label_;
  bool terminal_;
  double last_ = -1;
  bool shown_ = false;
};

}  // namespace saylau::cli
