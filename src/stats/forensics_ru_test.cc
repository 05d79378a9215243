// Forensics on real data: the Russian presidential elections of 2018 and 2024
// (../shared/data/ru, README there), read by saylau::testing::LoadRussianStations. Registered
// only when the files are present (SAYLAU_RU_DATA_DIR).
#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "saylau/stats/forensics.h"
#include "saylau/stats/station_results.h"
#include "saylau/testing/ru_stations.h"

namespace saylau::stats {
namespace {

std::string RuFile(int year) {
  return std::string(SAYLAU_RU_DATA_DIR) + "/ru-" + std::to_string(year) + "-president-stations.csv.gz";
}

// Each file is read once for all the tests of this binary.
const StationResults& Stations(int year) {
  static std::map<int, StationResults> loaded;
  auto it = loaded.find(year);
  if (it == loaded.end()) {
    Result<StationResults> read = testing::LoadRussianStations(RuFile(year));
    if (!read) throw std::runtime_error(read.error().message);
    it = loaded.emplace(year, std::move(*read)).first;
  }
  return it->second;
}

struct ColumnSums {
  std::int64_t rows, reported, registered, valid, invalid, leader;
};

// The README's column sums: the loader reads every row and every line where it belongs.
TEST(RussianStationsTest, ColumnSumsAreTheReadmes) {
  const std::pair<int, ColumnSums> expected[] = {
      {2018, {97'699, 97'699, 109'008'428, 72'787'734, 791'258, 56'430'712}},
      {2024, {94'214, 94'214 - 2'268, 99'764'974, 73'980'307, 1'177'131, 65'246'672}}};
  for (const auto& [year, sums] : expected) {
    const StationResults& results = Stations(year);
    ColumnSums got{static_cast<std::int64_t>(results.rows.size()), 0, 0, 0, 0, 0};
    const int leader = results.Leader();
    ASSERT_GE(leader, 0);
    EXPECT_EQ(results.columns[leader].rfind("Путин", 0), 0u) << results.columns[leader];
    for (std::size_t r = 0; r < results.rows.size(); ++r) {
      const StationRow& row = results.rows[r];
      got.reported += row.reported;
      got.registered += row.registered;
      got.valid += row.base;
      got.invalid += row.invalid;
      got.leader += results.VotesOf(r)[leader];
      std::int64_t options = 0;
      for (int c = 0; c < results.width(); ++c) options += results.VotesOf(r)[c];
      EXPECT_EQ(options, row.base) << row.id;
    }
    EXPECT_EQ(got.rows, sums.rows) << year;
    EXPECT_EQ(got.reported, sums.reported) << year;
    EXPECT_EQ(got.registered, sums.registered) << year;
    EXPECT_EQ(got.valid, sums.valid) << year;
    EXPECT_EQ(got.invalid, sums.invalid) << year;
    EXPECT_EQ(got.leader, sums.leader) << year;
    EXPECT_EQ(results.regions.size(), results.region_names.size());
  }
}

// Kobak, Shpilkin & Pshenichnikov's integer-percentage test as the README defines it
// (--preset kobak2016): the stations kept and the observed counts exactly; the exact null's
// expected counts give an excess within 10 stations of the authors' own Monte Carlo figures
// (their mean carries an error of about 3.7 stations) and the README's exact ones.
struct Published {
  int year;
  std::int64_t kept;
  std::array<std::int64_t, 3> observed;  // either, result, turnout
  std::array<double, 3> monte_carlo_excess;
  std::array<double, 3> exact_expected;
  double monte_carlo_sd_either;
};

TEST(KobakIntegerPercentTest, ReproducesThePublishedCounts) {
  const Published published[] = {
      {2018, 91'152, {19'271, 10'116, 10'543}, {1'708.8, 859.0, 1'296.2}, {17'562.4, 9'258.9, 9'245.5}, 116.5},
      {2024, 85'345, {19'375, 10'051, 10'838}, {2'931.0, 1'389.5, 2'167.5}, {16'441.3, 8'661.7, 8'667.2}, 115.4}};
  const Result<ForensicsOptions> options = ForensicsPreset("kobak2016");
  ASSERT_TRUE(options) << options.error().message;
  for (const Published& paper : published) {
    const StationResults& results = Stations(paper.year);
    const ForensicsReport report = RunForensics(results, *options);
    EXPECT_EQ(report.stations, paper.kept) << paper.year;
    EXPECT_EQ(report.stations + report.left_out.total(), static_cast<std::int64_t>(results.rows.size()));
    const IntegerPercentTest& test = report.integer_percent;
    const WholePercentCount* counts[] = {&test.either, &test.result, &test.turnout};
    for (int c = 0; c < 3; ++c) {
      SCOPED_TRACE(std::to_string(paper.year) + " count " + std::to_string(c) + " (either, result, turnout)");
      EXPECT_EQ(counts[c]->observed, paper.observed[c]);
      EXPECT_NEAR(counts[c]->excess, paper.monte_carlo_excess[c], 10);
      EXPECT_NEAR(counts[c]->expected, paper.exact_expected[c], 0.05);
      EXPECT_NEAR(counts[c]->excess, counts[c]->observed - counts[c]->expected, 1e-6);
      EXPECT_LT(counts[c]->p_value, 1e-15);
    }
    EXPECT_NEAR(test.either.sd, paper.monte_carlo_sd_either, 0.05 * paper.monte_carlo_sd_either);
    // The histograms hold every kept station once.
    std::int64_t in_turnout = 0, in_result = 0;
    for (std::int64_t n : test.turnout_tenths) in_turnout += n;
    for (std::int64_t n : test.leader_tenths) in_result += n;
    EXPECT_EQ(in_turnout, paper.kept);
    EXPECT_EQ(in_result, paper.kept);
  }
}

// The last `cells.size()` cells of a raw CSV line, read from the right (the names on the left
// may hold commas; the numbers and the url do not).
void LastCells(std::string_view line, std::vector<std::string_view>& cells) {
  std::size_t end = line.size();
  for (std::size_t i = cells.size(); i-- > 0;) {
    const std::size_t comma = line.rfind(',', end - 1);
    cells[i] = line.substr(comma + 1, end - comma - 1);
    end = comma;
  }
}

// Mebane's 2BL counts of saylau forensics (defaults: every reported station with voters and
// valid votes) against a count written here from the decimal strings of the raw CSV: the second
// character of every candidate's cell at every such station, cells of one character below ten.
TEST(SecondDigitRussiaTest, CountsAreTheRawStringsSecondCharacters) {
  for (int year : {2018, 2024}) {
    const StationResults& results = Stations(year);
    const std::size_t candidates = results.columns.size(), trailing = year == 2018 ? 1 : 0;
    std::array<std::int64_t, 10> counts{};
    std::int64_t below_ten = 0;
    gzFile file = gzopen(RuFile(year).c_str(), "rb");
    ASSERT_NE(file, nullptr);
    std::vector<char> buffer(1 << 16);
    std::string line;
    std::vector<std::string_view> cells(12 + candidates + trailing);
    bool header = true;
    while (gzgets(file, buffer.data(), static_cast<int>(buffer.size())) != nullptr) {
      line += buffer.data();
      if (line.back() != '\n') continue;
      line.pop_back();
      if (header) {
        header = false;
        line.clear();
        continue;
      }
      // registered ... valid ... (9 lines after registered, then lost and unaccounted), candidates, url
      LastCells(line, cells);
      if (!(cells[0].empty() || cells[0] == "0" || cells[9].empty() || cells[9] == "0")) {
        for (std::size_t c = 12; c < 12 + candidates; ++c) {
          if (cells[c].size() < 2) {
            ++below_ten;
          } else {
            ++counts[cells[c][1] - '0'];
          }
        }
      }
      line.clear();
    }
    gzclose(file);
    const ForensicsReport report = RunForensics(results, ForensicsOptions{});
    std::int64_t used = 0;
    for (int d = 0; d < 10; ++d) {
      EXPECT_EQ(report.second_digit.counts[d], counts[d]) << year << " digit " << d;
      used += counts[d];
    }
    EXPECT_EQ(report.second_digit.used, used) << year;
    EXPECT_EQ(report.second_digit.below_ten, below_ten) << year;
    EXPECT_GT(used, 250'000) << year;
  }
}

}  // namespace
}  // namespace saylau::stats
