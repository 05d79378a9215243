#include "saylau/formats/statistics_io.h"

#include <set>

#include "saylau/formats/csv.h"
#include "saylau/formats/submission_reader.h"

namespace saylau::formats {
namespace {

std::string Where(const std::string& file_name, std::size_t line) {
  return file_name + ":" + std::to_string(line) + ": ";
}

// The columns of a CSV header by name; an error names the first one missing.
Result<std::map<std::string, std::size_t>> Columns(const CsvRecord& header, const std::string& file_name,
                                                   std::initializer_list<const char*> needed) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < header.fields.size(); ++i) index[header.fields[i]] = i;
  for (const char* name : needed) {
    if (!index.count(name)) return InvalidArgument(Where(file_name, header.line) + "no column '" + name + "'");
  }
  return index;
}

nlohmann::json Ratios(const std::vector<stats::RatioEstimate>& ratios, const char* name) {
  nlohmann::json out = nlohmann::json::array();
  for (const stats::RatioEstimate& r : ratios) {
    out.push_back(
        {{name, r.name}, {"share", r.value}, {"standard_error", r.standard_error}, {"low", r.low}, {"high", r.high}});
  }
  return out;
}

}  // namespace

std::string SampleCsv(const stats::SampleDesign& design) {
  std::string out = "unit,stratum,stratum_stations,stratum_sample,registered\n";
  for (const stats::SampledStation& s : design.stations) {
    const stats::Stratum& h = design.strata[s.stratum];
    out += s.unit + "," + h.name + "," + std::to_string(h.population) + "," + std::to_string(h.sample) + "," +
           std::to_string(s.registered) + "\n";
  }
  return out;
}

Result<stats::SampleDesign> ParseSampleCsv(std::string_view text, const std::string& file_name) {
  auto rows = ParseCsv(text, file_name);
  if (!rows) return rows.error();
  if (rows->empty())
    return InvalidArgument(file_name + ": empty; expected unit,stratum,stratum_stations,stratum_sample,registered");
  auto columns =
      Columns((*rows)[0], file_name, {"unit", "stratum", "stratum_stations", "stratum_sample", "registered"});
  if (!columns) return columns.error();
  stats::SampleDesign design;
  std::map<std::string, int> stratum_index;
  std::set<std::string> units;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const CsvRecord& row = (*rows)[i];
    const auto field = [&](const char* name) {
      return (*columns)[name] < row.fields.size() ? row.fields[(*columns)[name]] : std::string();
    };
    std::int64_t numbers[3];
    const char* names[3] = {"stratum_stations", "stratum_sample", "registered"};
    for (int k = 0; k < 3; ++k) {
      const auto value = ParseInteger(field(names[k]));
      if (!value || *value < 0)
        return InvalidArgument(Where(file_name, row.line) + names[k] + " is not a whole number >= 0");
      numbers[k] = *value;
    }
    const std::string unit = field("unit"), name = field("stratum");
    if (unit.empty()) return InvalidArgument(Where(file_name, row.line) + "unit is empty");
    if (!units.insert(unit).second)
      return InvalidArgument(Where(file_name, row.line) + "station '" + unit + "' is listed twice");
    auto [it, added] = stratum_index.emplace(name, static_cast<int>(design.strata.size()));
    if (added) {
      design.strata.push_back({name, numbers[0], numbers[1]});
    } else if (design.strata[it->second].population != numbers[0] || design.strata[it->second].sample != numbers[1]) {
      return InvalidArgument(Where(file_name, row.line) + "stratum '" + name +
                             "' has other sizes than on an earlier row");
    }
    design.stations.push_back({unit, it->second, numbers[2]});
  }
  for (const stats::Stratum& h : design.strata) {
    if (h.sample > h.population) {
      return InvalidArgument(file_name + ": stratum '" + h.name + "' samples " + std::to_string(h.sample) + " of " +
                             std::to_string(h.population) + " stations");
    }
  }
  return design;
}

Result<std::map<std::string, std::vector<std::int64_t>>> ParseInterviewsCsv(std::string_view text,
                                                                            const std::string& file_name,
                                                                            const std::vector<std::string>& columns) {
  auto rows = ParseCsv(text, file_name);
  if (!rows) return rows.error();
  if (rows->empty()) return InvalidArgument(file_name + ": empty; expected unit,option,interviews");
  auto index = Columns((*rows)[0], file_name, {"unit", "option", "interviews"});
  if (!index) return index.error();
  std::map<std::string, std::vector<std::int64_t>> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const CsvRecord& row = (*rows)[i];
    const auto field = [&](const char* name) {
      return (*index)[name] < row.fields.size() ? row.fields[(*index)[name]] : std::string();
    };
    const std::string unit = field("unit"), option = field("option");
    const auto column = std::find(columns.begin(), columns.end(), option);
    if (column == columns.end()) {
      std::string known;
      for (const std::string& c : columns) known += (known.empty() ? "" : ", ") + c;
      return InvalidArgument(Where(file_name, row.line) + "unknown option '" + option + "' (the contest has " + known +
                             ")");
    }
    const auto value = ParseInteger(field("interviews"));
    if (!value || *value < 0)
      return InvalidArgument(Where(file_name, row.line) + "interviews is not a whole number >= 0");
    if (!seen.insert({unit, option}).second) {
      return InvalidArgument(Where(file_name, row.line) + "station '" + unit + "' and option '" + option +
                             "' are given twice");
    }
    auto& counts = out[unit];
    counts.resize(columns.size(), 0);
    counts[column - columns.begin()] = *value;
  }
  return out;
}

std::string InterviewsCsv(const std::vector<std::string>& columns,
                          const std::map<std::string, std::vector<std::int64_t>>& interviews) {
  std::string out = "unit,option,interviews\n";
  for (const auto& [unit, counts] : interviews) {
    for (std::size_t c = 0; c < columns.size(); ++c)
      out += unit + "," + columns[c] + "," + std::to_string(counts[c]) + "\n";
  }
  return out;
}

nlohmann::json ComparisonJson(const std::vector<stats::Comparison>& comparison) {
  nlohmann::json out = nlohmann::json::array();
  for (const stats::Comparison& c : comparison) {
    out.push_back({{"option", c.name},
                   {"official", c.official},
                   {"estimate", c.estimate},
                   {"low", c.low},
                   {"high", c.high},
                   {"inside", c.inside},
                   {"outside_by", c.outside_by},
                   {"z", c.z}});
  }
  return out;
}

nlohmann::json EstimateJson(const std::string& contest, const stats::Estimate& estimate,
                            const std::optional<stats::SeatProjection>& projection,
                            const std::vector<stats::Comparison>& comparison) {
  nlohmann::json out = {{"contest", contest},
                        {"source", estimate.source},
                        {"stations_sampled", estimate.stations_sampled},
                        {"stations_used", estimate.stations_used},
                        {"confidence", 0.95},
                        {"shares", Ratios(estimate.shares, "option")},
                        {"turnout", Ratios(estimate.turnout, "name")},
                        {"notes", estimate.notes}};
  const std::size_t k = estimate.shares.size();
  nlohmann::json covariance = nlohmann::json::array();
  for (std::size_t a = 0; a < k; ++a) {
    covariance.push_back(
        std::vector<double>(estimate.covariance.begin() + a * k, estimate.covariance.begin() + (a + 1) * k));
  }
  out["covariance"] = covariance;
  if (projection) {
    nlohmann::json lists = nlohmann::json::array();
    for (const stats::ListProjection& p : projection->lists) {
      lists.push_back({{"option", p.id},
                       {"pass_probability", p.pass_probability},
                       {"mean_seats", p.mean_seats},
                       {"seats_low", p.seats_low},
                       {"seats_median", p.seats_median},
                       {"seats_high", p.seats_high},
                       {"most_seats_probability", p.most_seats_probability},
                       {"majority_probability", p.majority_probability},
                       {"seat_histogram", p.seat_histogram}});
    }
    out["projection"] = {{"seats", projection->seats},
                         {"majority", projection->majority},
                         {"draws", projection->draws},
                         {"no_allocation", projection->no_allocation},
                         {"lists", lists},
                         {"notes", projection->notes}};
  }
  if (!comparison.empty()) out["comparison"] = ComparisonJson(comparison);
  return out;
}

Result<std::pair<std::string, stats::Estimate>> EstimateFromJson(const nlohmann::json& json) {
  try {
    stats::Estimate estimate;
    estimate.source = json.at("source").get<std::string>();
    estimate.stations_sampled = json.at("stations_sampled").get<std::int64_t>();
    estimate.stations_used = json.at("stations_used").get<std::int64_t>();
    for (const auto& s : json.at("shares")) {
      estimate.shares.push_back({s.at("option").get<std::string>(), s.at("share").get<double>(),
                                 s.at("standard_error").get<double>(), s.at("low").get<double>(),
                                 s.at("high").get<double>()});
    }
    for (const auto& s : json.at("turnout")) {
      estimate.turnout.push_back({s.at("name").get<std::string>(), s.at("share").get<double>(),
                                  s.at("standard_error").get<double>(), s.at("low").get<double>(),
                                  s.at("high").get<double>()});
    }
    for (const auto& row : json.at("covariance")) {
      if (row.size() != estimate.shares.size()) return InvalidArgument("covariance: a row has the wrong length");
      for (const auto& value : row) estimate.covariance.push_back(value.get<double>());
    }
    if (estimate.covariance.size() != estimate.shares.size() * estimate.shares.size()) {
      return InvalidArgument("covariance: expected one row per share");
    }
    if (json.contains("notes")) estimate.notes = json.at("notes").get<std::vector<std::string>>();
    return std::pair{json.at("contest").get<std::string>(), std::move(estimate)};
  } catch (const nlohmann::json::exception& error) {
    return InvalidArgument(std::string("not an estimate written by saylau pvt estimate --json: ") + error.what());
  }
}

nlohmann::json ForensicsJson(const stats::ForensicsReport& report) {
  const stats::Fingerprint& f = report.fingerprint;
  const stats::IntegerPercentTest& ip = report.integer_percent;
  const stats::LastDigitTest& ld = report.last_digit;
  const stats::SecondDigitTest& sd = report.second_digit;
  const stats::AssociationTest& as = report.association;
  nlohmann::json regions = nlohmann::json::array();
  for (const stats::RegionTurnout& r : report.regions) {
    regions.push_back({{"region", r.region},
                       {"name", r.name},
                       {"stations", r.stations},
                       {"p10", r.p10},
                       {"median", r.median},
                       {"p90", r.p90},
                       {"histogram", r.histogram}});
  }
  const stats::ForensicsOptions& o = report.options;
  const stats::LeftOut& left = report.left_out;
  nlohmann::json where = nlohmann::json::array();
  for (const stats::UnitAttribute& a : o.leave_out_where) where.push_back(a.name + "=" + a.value);
  nlohmann::json options = {{"preset", o.preset},
                            {"share_base", stats::ShareBaseName(o.share_base)},
                            {"turnout", stats::NameOf(o.turnout_base)},
                            {"min_registered", o.inclusion.min_registered},
                            {"took_part_above_zero", o.inclusion.took_part_above_zero},
                            {"max_turnout_percent", nullptr},
                            {"max_result_percent", nullptr},
                            {"leave_out", o.leave_out},
                            {"leave_out_where", where},
                            {"weight", stats::NameOf(o.weight)}};
  if (o.inclusion.max_turnout_percent) options["max_turnout_percent"] = *o.inclusion.max_turnout_percent;
  if (o.inclusion.max_result_percent) options["max_result_percent"] = *o.inclusion.max_result_percent;
  const auto count = [](const stats::WholePercentCount& c) {
    return nlohmann::json{
        {"observed", c.observed}, {"expected", c.expected}, {"sd", c.sd}, {"excess", c.excess}, {"p_value", c.p_value}};
  };
  return {{"contest", report.contest},
          {"leader", report.leader},
          {"options", options},
          {"stations", report.stations},
          {"left_out",
           {{"not_reported", left.not_reported},
            {"by_id", left.by_id},
            {"by_attribute", left.by_attribute},
            {"no_voters", left.no_voters},
            {"below_min_registered", left.below_min_registered},
            {"no_took_part", left.no_took_part},
            {"no_valid_votes", left.no_valid_votes},
            {"above_turnout_cap", left.above_turnout_cap},
            {"above_result_cap", left.above_result_cap}}},
          {"alpha", report.alpha},
          {"flagged", report.flagged},
          {"reasons", report.reasons},
          {"fingerprint",
           {{"bins", stats::Fingerprint::kBins},
            {"stations", f.stations},
            {"voters", f.voters},
            {"high_high_stations", f.high_high_stations},
            {"high_high_voter_share", f.high_high_voter_share}}},
          // turnout_* and leader_* as before the exact null (the dashboard reads them); the
          // three counts in full under turnout, result and either.
          {"integer_percent",
           {{"turnout_observed", ip.turnout.observed},
            {"turnout_expected", ip.turnout.expected},
            {"turnout_sd", ip.turnout.sd},
            {"turnout_p", ip.turnout.p_value},
            {"leader_observed", ip.result.observed},
            {"leader_expected", ip.result.expected},
            {"leader_sd", ip.result.sd},
            {"leader_p", ip.result.p_value},
            {"turnout", count(ip.turnout)},
            {"result", count(ip.result)},
            {"either", count(ip.either)},
            {"null", "exact"},
            {"simulations", ip.simulations},
            {"p_value", ip.p_value},
            {"turnout_tenths", ip.turnout_tenths},
            {"leader_tenths", ip.leader_tenths},
            {"turnout_tenths_voters", ip.turnout_tenths_voters},
            {"leader_tenths_voters", ip.leader_tenths_voters}}},
          {"last_digit",
           {{"counts", ld.counts},
            {"expected", ld.expected},
            {"used", ld.used},
            {"chi_squared", ld.chi_squared},
            {"p_value", ld.p_value}}},
          {"second_digit",
           {{"counts", sd.counts},
            {"expected", sd.expected},
            {"used", sd.used},
            {"below_ten", sd.below_ten},
            {"chi_squared", sd.chi_squared},
            {"p_value", sd.p_value},
            {"mean", sd.mean},
            {"benford_mean", sd.benford_mean}}},
          {"association",
           {{"correlation", as.correlation},
            {"stations", as.stations},
            {"strata", as.strata},
            {"z", as.z},
            {"p_value", as.p_value}}},
          {"regions", regions}};
}

}  // namespace saylau::formats
