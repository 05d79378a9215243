// Process metrics from /proc/self/stat, /proc/self/fd and getrlimit (see process_metrics.h).
#include "process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace saylau::server {
namespace {

void Append(std::string& out, const char* name, const char* type, const char* help, double value) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

// The fields of /proc/self/stat after the command name (which may hold spaces and parentheses:
// everything up to the last ')' is skipped). Field 3 of proc(5) is the first returned.
std::vector<std::string> StatFields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

std::optional<double> Number(const std::vector<std::string>& stat, std::size_t proc_field) {
  const std::size_t at = proc_field - 3;
  if (at >= stat.size()) return std::nullopt;
  try {
    return std::stod(stat[at]);
  } catch (...) {
    return std::nullopt;
  }
}

// Seconds since the epoch at boot (/proc/stat's btime).
std::optional<double> BootTime() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double seconds = 0;
      if (in >> seconds) return seconds;
      return std::nullopt;
    }
    in.ignore(1 << 16, '\n');
  }
  return std::nullopt;
}

}  // namespace

void AppendProcessMetrics(std::string& out) {
  const std::vector<std::string> stat = StatFields();
  const long ticks = sysconf(_SC_CLK_TCK);
  const long page = sysconf(_SC_PAGESIZE);
  const auto user = Number(stat, 14), system = Number(stat, 15);
  if (user && system && ticks > 0) {
    Append(out, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
           (*user + *system) / static_cast<double>(ticks));
  }
  if (const auto virtual_bytes = Number(stat, 23)) {
    Append(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", *virtual_bytes);
  }
  if (const auto pages = Number(stat, 24); pages && page > 0) {
    Append(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
           *pages * static_cast<double>(page));
  }
  const auto start = Number(stat, 22);
  const auto boot = BootTime();
  if (start && boot && ticks > 0) {
    Append(out, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
           *boot + *start / static_cast<double>(ticks));
  }
  std::error_code error;
  std::filesystem::directory_iterator fds("/proc/self/fd", error);
  if (!error) {
    double open = 0;
    for (auto it = fds; it != std::filesystem::directory_iterator(); it.increment(error)) {
      if (error) break;
      ++open;
    }
    if (!error) Append(out, "process_open_fds", "gauge", "Number of open file descriptors.", open);
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    Append(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
           static_cast<double>(limit.rlim_cur));
  }
}

}  // namespace saylau::server
