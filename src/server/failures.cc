#include "failures.h"

#include <fmt/format.h>

#include <cstdio>

namespace saylau::server {

std::string DescribeException(std::exception_ptr error) noexcept {
  try {
    try {
      std::rethrow_exception(std::move(error));
    } catch (const std::exception& e) {
      return e.what();
    } catch (...) {
      return "an exception that is not a std::exception";
    }
  } catch (...) {
    return "an exception (its description could not be made)";
  }
}

void FailureLog::Log(std::string_view where, std::string_view what, bool count) noexcept {
  if (count) metrics_.CountHttpError(Metrics::HttpError::kInternal);
  try {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start_ >= kWindow) {
      if (suppressed_ > 0) {
        fmt::print(stderr, "saylau serve: {} more internal errors were not logged (see /metrics)\n", suppressed_);
      }
      window_start_ = now;
      lines_in_window_ = 0;
      suppressed_ = 0;
    }
    if (lines_in_window_ >= kLinesPerWindow) {
      ++suppressed_;
      return;
    }
    ++lines_in_window_;
    fmt::print(stderr, "saylau serve: internal error in {}: {} (the server goes on; please report it)\n", where,
               what);
    std::fflush(stderr);
  } catch (...) {
  }
}

}  // namespace saylau::server
