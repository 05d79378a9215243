// Our own bugs, caught at a boundary (a request, the writer thread, an I/O thread): one line
// on stderr for each ("saylau serve: internal error in WHERE: WHAT"), at most 20 in 10 s with
// the rest counted and summarised, and every one counted in /metrics as
// saylau_http_errors_total{kind="internal"}. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>

#include "metrics.h"

namespace saylau::server {

// What an exception in flight says (its what(), or that it is not a std::exception).
std::string DescribeException(std::exception_ptr error) noexcept;

class FailureLog {
 public:
  explicit FailureLog(Metrics& metrics) : metrics_(metrics) {}
  // Logs and counts one of our bugs. Never throws.
  void Report(std::string_view where, std::string_view what) noexcept { Log(where, what, true); }
  // Logs what followed from a bug reported already (not counted again). Never throws.
  void Note(std::string_view where, std::string_view what) noexcept { Log(where, what, false); }

 private:
  void Log(std::string_view where, std::string_view what, bool count) noexcept;

  static constexpr int kLinesPerWindow = 20;
  static constexpr std::chrono::seconds kWindow{10};
  Metrics& metrics_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point window_start_{};
  int lines_in_window_ = 0;
  std::uint64_t suppressed_ = 0;
};

}  // namespace saylau::server
