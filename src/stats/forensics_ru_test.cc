// Forensics on real data: the Russian presidential elections of 2018 and 2024
// (../shared/data/ru, README there), read by saylau::testing::LoadRussianStations. Registered
// only when the files are present (SAYLAU_RU_DATA_DIR).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "saylau/stats/station_results.h"
#include "saylau/testing/ru_stations.h"

namespace saylau::stats {
namespace {

std::string RuFile(int year) {
  return std::string(SAYLAU_RU_DATA_DIR) + "/ru-" + std::to_string(year) + "-president-stations.csv.gz";
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
    Result<StationResults> loaded = testing::LoadRussianStations(RuFile(year));
    ASSERT_TRUE(loaded) << loaded.error().message;
    const StationResults& results = *loaded;
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

}  // namespace
}  // namespace saylau::stats
