// CompactString's allocation (compact_string.h): one block of [uint32 size][bytes].
#include "saylau/core/compact_string.h"

#include <limits>
#include <ostream>

#include "saylau/base/check.h"

namespace saylau::core {

void CompactString::Assign(std::string_view text) {
  if (text.empty()) return;
  SAYLAU_CHECK(text.size() <= std::numeric_limits<std::uint32_t>::max());
  const auto size = static_cast<std::uint32_t>(text.size());
  block_ = new char[sizeof size + text.size()];
  std::memcpy(block_, &size, sizeof size);
  std::memcpy(block_ + sizeof size, text.data(), text.size());
}

void CompactString::Release() {
  delete[] block_;
  block_ = nullptr;
}

std::ostream& operator<<(std::ostream& out, const CompactString& text) { return out << text.view(); }

}  // namespace saylau::core
