// What `saylau serve --pvt FILE` shows beside the live count: the JSON of `saylau pvt estimate
// --json` (a PVT or an exit poll from interviews) or of `saylau pvt exit-poll --json` (an exit
// poll known from its published shares, with n, stations and the design effect). Both become
// one stats::Estimate for the comparison with the official shares. Pure; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "saylau/base/result.h"
#include "saylau/stats/estimate.h"

namespace saylau::server {

struct PublishedEstimate {
  std::string contest;     // the contest the estimate is for
  stats::Estimate estimate;  // shares by option id; an exit poll has no turnout
};

// Errors: kInvalidArgument when the text is not JSON, is neither kind, or is an exit poll
// written without the official result (no contest, or a share not matched to an option).
Result<PublishedEstimate> ParsePublishedEstimate(std::string_view json_text);

}  // namespace saylau::server
