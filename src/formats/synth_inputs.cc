#include "saylau/formats/synth_inputs.h"

#include "checked_toml.h"

#include <filesystem>
#include <map>

#include "saylau/formats/csv.h"
#include "saylau/formats/submission_reader.h"

namespace saylau::formats {
namespace {

Result<std::vector<CsvRecord>> ReadCsvFile(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path.string());
  if (!text) return text.error();
  return ParseCsv(*text, path.string());
}

}  // namespace

Result<synth::SynthInputs> LoadSynthInputs(const std::string& definition) {
  toml::table root;
  try {
    root = toml::parse_file(definition);
  } catch (const toml::parse_error& error) {
    return InvalidArgument(definition + ": " + std::string(error.description()));
  }
  const toml::table* table = root["synth"].as_table();
  if (table == nullptr) {
    return InvalidArgument(definition +
                           ": no [synth] table; it names the contest and the files with the real "
                           "totals to reproduce (see docs/synth.md)");
  }
  const auto field = [&](const char* name) -> Result<std::string> {
    const std::optional<std::string> value = (*table)[name].value<std::string>();
    if (!value) return InvalidArgument(definition + ": [synth] needs the string '" + std::string(name) + "'");
    return *value;
  };
  Result<std::string> contest = field("contest"), totals = field("totals"), turnout = field("turnout"),
                      electorate = field("electorate");
  for (const auto* item : {&contest, &totals, &turnout, &electorate}) {
    if (!*item) return item->error();
  }
  const std::filesystem::path base = std::filesystem::path(definition).parent_path();
  synth::SynthInputs inputs;
  inputs.contest = *contest;

  Result<std::vector<CsvRecord>> rows = ReadCsvFile(base / *totals);
  if (!rows) return rows.error();
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const CsvRecord& row = (*rows)[i];
    if (row.fields.size() < 4)
      return InvalidArgument(*totals + ":" + std::to_string(row.line) + ": expected contest,unit,line,value");
    if (row.fields[0] != *contest) continue;
    const std::optional<std::int64_t> value = ParseInteger(row.fields[3]);
    if (!value) return InvalidArgument(*totals + ":" + std::to_string(row.line) + ": value is not a whole number");
    inputs.national[row.fields[2]] = *value;
  }
  rows = ReadCsvFile(base / *turnout);
  if (!rows) return rows.error();
  const auto percent = [&](const CsvRecord& row, std::size_t column) -> std::optional<double> {
    if (column >= row.fields.size() || row.fields[column].empty()) return std::nullopt;
    return std::stod(row.fields[column]);
  };
  Result<std::vector<CsvRecord>> estimates = ReadCsvFile(base / *electorate);
  if (!estimates) return estimates.error();
  std::map<std::string, double> estimate;
  for (std::size_t i = 1; i < estimates->size(); ++i)
    estimate[(*estimates)[i].fields[0]] = std::stod((*estimates)[i].fields[1]);
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const CsvRecord& row = (*rows)[i];
    std::array<std::optional<double>, core::kReportTimes> figures;
    try {
      for (int time = 0; time < core::kReportTimes; ++time) figures[time] = percent(row, time + 1);
    } catch (const std::exception&) {
      return InvalidArgument(*turnout + ":" + std::to_string(row.line) + ": a percentage is not a number");
    }
    const auto root_id = root["units"][0]["id"].value<std::string>();
    if (root_id && row.fields[0] == *root_id) {
      inputs.national_turnout = figures;
      continue;
    }
    if (!estimate.count(row.fields[0])) {
      return InvalidArgument(*electorate + ": no voters estimate for region '" + row.fields[0] + "'");
    }
    inputs.regions.push_back({row.fields[0], figures, estimate[row.fields[0]]});
  }
  return inputs;
}

}  // namespace saylau::formats
