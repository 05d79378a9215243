// Files of the statistics commands: a sample design (CSV, one row per sampled station with its
// stratum's size), exit-poll interviews (CSV unit,option,interviews), and the JSON of an
// estimate (with its seat projection and comparison), of a forensics report, and back from an
// estimate's JSON (the server shows a published estimate beside the live count).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "saylau/base/result.h"
#include "saylau/stats/estimate.h"
#include "saylau/stats/forensics.h"
#include "saylau/stats/sample_design.h"
#include "saylau/stats/seat_simulation.h"

namespace saylau::formats {

// unit,stratum,stratum_stations,stratum_sample,registered
std::string SampleCsv(const stats::SampleDesign& design);
// Errors: kInvalidArgument "file:line: ..." for a missing column, a number that is not whole,
// a stratum whose sizes disagree between rows, or a station listed twice.
Result<stats::SampleDesign> ParseSampleCsv(std::string_view text, const std::string& file_name);

// unit,option,interviews. Errors: kInvalidArgument "file:line: ..." for an unknown option, a
// count that is not a whole number >= 0, or a unit and option given twice.
Result<std::map<std::string, std::vector<std::int64_t>>> ParseInterviewsCsv(std::string_view text,
                                                                            const std::string& file_name,
                                                                            const std::vector<std::string>& columns);
std::string InterviewsCsv(const std::vector<std::string>& columns,
                          const std::map<std::string, std::vector<std::int64_t>>& interviews);

nlohmann::json EstimateJson(const std::string& contest, const stats::Estimate& estimate,
                            const std::optional<stats::SeatProjection>& projection,
                            const std::vector<stats::Comparison>& comparison);
nlohmann::json ComparisonJson(const std::vector<stats::Comparison>& comparison);
// The estimate part of EstimateJson's output, and the contest it is for. Errors:
// kInvalidArgument naming the missing or malformed field.
Result<std::pair<std::string, stats::Estimate>> EstimateFromJson(const nlohmann::json& json);

nlohmann::json ForensicsJson(const stats::ForensicsReport& report);

}  // namespace saylau::formats
