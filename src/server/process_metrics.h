// The standard Prometheus process metrics of this process, read from Linux's /proc/self
// (the names and meanings of the official client libraries' process collector):
// process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
// process_start_time_seconds, process_open_fds, process_max_fds. A value /proc does not give
// (another OS, a restricted /proc) is left out rather than written as a guess. Thread-safe.
#pragma once

#include <string>

namespace saylau::server {

// Appends the metrics in the text exposition format 0.0.4 (HELP, TYPE, value) to `out`.
void AppendProcessMetrics(std::string& out);

}  // namespace saylau::server
