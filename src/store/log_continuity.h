// Append's continuity rule, one home for every store: a batch whose rows arrive numbered must
// continue the stored log exactly, or nothing of it is stored. Internal to the store component.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "saylau/base/result.h"
#include "saylau/store/store.h"

namespace saylau::store::internal {

// Where a refusal is said to come from and why the log can move under a writer.
struct LogPlace {
  std::string_view name;   // the store in messages (a path, a redacted URL); empty: none
  std::string_view cause;  // "another writer appended"; empty when no other writer exists
};

// Ok when every row of `batch` with a seq (non-zero) carries the number it would be stored
// under, the first being `next_seq`. Errors: kUnavailable "<name>: the log moved on (<cause>):
// submission N would be M; nothing was stored", naming the first row that does not continue.
Status CheckLogContinues(std::span<const StoredSubmission> batch, std::int64_t next_seq, LogPlace place);

}  // namespace saylau::store::internal
