// Append's continuity rule (log_continuity.h), shared by the memory, SQLite and PostgreSQL stores.
#include "log_continuity.h"

#include <string>

namespace saylau::store::internal {

Status CheckLogContinues(std::span<const StoredSubmission> batch, std::int64_t next_seq, LogPlace place) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::int64_t expected = next_seq + static_cast<std::int64_t>(i);
    if (batch[i].seq == 0 || batch[i].seq == expected) continue;
    std::string message = place.name.empty() ? std::string() : std::string(place.name) + ": ";
    message += "the log moved on";
    if (!place.cause.empty()) message += " (" + std::string(place.cause) + ")";
    return Unavailable(message + ": submission " + std::to_string(batch[i].seq) + " would be " +
                       std::to_string(expected) + "; nothing was stored");
  }
  return {};
}

}  // namespace saylau::store::internal
