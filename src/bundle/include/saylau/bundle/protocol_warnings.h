// The warnings of a counted protocol, recomputed from its values: the relations of severity
// warn in its form that fail. What the open data's `warnings` column, `saylau status` and the
// station view show, so that `saylau verify` recomputes them from the log (a warning list that
// the values do not give differs from the recomputed open data). Pure; safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "saylau/core/protocol_form.h"

namespace saylau::bundle {

// The names of `form`'s warn relations that fail on `values` (the form's lines, then the
// options), in the form's order. REQUIRES: values.size() >= form.lines.size().
std::vector<std::string> FailedWarnings(const core::ProtocolForm& form, std::span<const std::int64_t> values);

// The names joined by ';' (the open data's column), "" when none.
std::string WarningsField(const std::vector<std::string>& names);

}  // namespace saylau::bundle
