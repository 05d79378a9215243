// Shared helpers of the database commands.
#include "service_access.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "saylau/core/stages.h"
#include "saylau/formats/number_text.h"
#include "saylau/store/open_store.h"
#include "saylau/store/postgres_store.h"

namespace saylau::cli {

Result<std::unique_ptr<service::ResultsService>> OpenService(const std::string& path,
                                                             const intake::LoadOptions& load) {
  Result<std::unique_ptr<store::Store>> store = store::OpenStore(path);
  if (!store) return store.error();
  ProgressBar bar("replaying " + store::RedactedUrl(path));
  auto service = service::ResultsService::Open(std::move(*store), [&](std::int64_t done) {
    bar.Update(-1, formats::Grouped(done) + " submissions");
  }, load);
  bar.Finish();
  return service;
}

std::string NowIso() { return service::NowUtc(); }

std::string StageLine(const service::ResultsService& service, core::ContestIndex contest) {
  const core::ElectionNight& night = service.night();
  const core::ContestStatus status = night.StatusOf(contest);
  const core::Progress& progress = status.progress;
  std::string line = fmt::format("stage: {} · {} of {} stations reported ({})", core::StageName(status.stage),
                                 formats::Grouped(progress.reported), formats::Grouped(progress.expected),
                                 progress.expected > 0
                                     ? formats::FractionText(core::Int128(progress.reported) * 100,
                                                             progress.expected, 2) + " %"
                                     : std::string("none expected"));
  if (status.round > 1) line += fmt::format(" · round {}", status.round);
  line += status.partial ? " · PARTIAL" : " · complete";
  if (const auto deadline = core::FinalResultDeadline(service.election(), *status.contest)) {
    line += " · final result due by " + deadline->ToString();
  }
  const auto& history = night.StageHistory(contest);
  for (const core::StageChange& change : history) {
    line += fmt::format(" · {} at {}", core::StageName(change.stage), change.at);
    if (change.stage == core::Stage::kFinal) {
      const auto deadline = core::FinalResultDeadline(service.election(), *status.contest);
      const auto date = core::ParseDate(change.at);
      if (deadline && date && *date > *deadline) line += " (after the deadline)";
    }
  }
  if (!night.Recounts(contest).empty()) line += fmt::format(" · {} recount order(s)", night.Recounts(contest).size());
  return line;
}

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Update(double fraction, const std::string& detail) {
  if (!terminal_) return;
  if (fraction >= 0 && fraction - last_ < 0.002 && fraction < 1) return;
  last_ = fraction;
  shown_ = true;
  std::string bar;
  if (fraction >= 0) {
    const int width = 30, filled = static_cast<int>(fraction * width);
    bar = "[" + std::string(filled, '#') + std::string(width - filled, '.') + fmt::format("] {:3.0f}% ", fraction * 100);
  }
  std::cerr << "\r" << label_ << " " << bar << detail << "\x1b[K" << std::flush;
}

void ProgressBar::Finish() {
  if (terminal_ && shown_) std::cerr << "\r\x1b[K" << std::flush;
  shown_ = false;
  last_ = -1;
}

}  // namespace saylau::cli
