// ParsePublishedEstimate (published_estimate.h): an estimate's JSON as formats reads it, or the
// exit poll from published shares turned into the same shape.
#include "saylau/server/published_estimate.h"

#include <nlohmann/json.hpp>

#include "saylau/formats/statistics_io.h"

namespace saylau::server {
namespace {

constexpr const char* kExitPollSource = "exit-poll-published-shares";

Result<PublishedEstimate> ExitPollOf(const nlohmann::json& json) {
  try {
    if (!json.at("contest").is_string()) {
      return InvalidArgument(
          "an exit poll written without the official result names no contest; write it again with --definition and "
          "--counts, or --db");
    }
    PublishedEstimate out;
    out.contest = json.at("contest").get<std::string>();
    stats::Estimate& estimate = out.estimate;
    estimate.source = kExitPollSource;
    estimate.stations_sampled = json.at("stations").get<std::int64_t>();
    estimate.stations_used = estimate.stations_sampled;
    for (const auto& s : json.at("shares")) {
      if (!s.at("option").is_string()) {
        return InvalidArgument("the published share '" + s.at("published_name").get<std::string>() +
                               "' is not matched to an option of the contest");
      }
      estimate.shares.push_back({s.at("option").get<std::string>(), s.at("share").get<double>(),
                                 s.at("standard_error").get<double>(), s.at("low").get<double>(),
                                 s.at("high").get<double>()});
    }
    if (estimate.shares.empty()) return InvalidArgument("the exit poll has no shares");
    if (json.contains("notes")) estimate.notes = json.at("notes").get<std::vector<std::string>>();
    return out;
  } catch (const nlohmann::json::exception& error) {
    return InvalidArgument(std::string("not an exit poll written by saylau pvt exit-poll --json: ") + error.what());
  }
}

}  // namespace

Result<PublishedEstimate> ParsePublishedEstimate(std::string_view json_text) {
  const nlohmann::json json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return InvalidArgument("not JSON (an object was expected)");
  if (json.value("source", std::string()) == kExitPollSource) return ExitPollOf(json);
  auto estimate = formats::EstimateFromJson(json);
  if (!estimate) return estimate.error();
  return PublishedEstimate{std::move(estimate->first), std::move(estimate->second)};
}

}  // namespace saylau::server
