// End to end on real data: both Russian presidential files (../shared/data/ru, registered only
// when they are there) go through `saylau import --db`, every protocol is accepted, the totals
// at the country equal the README's column sums exactly (registered, valid, invalid, the
// leader's votes), and the final stage can be certified.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "saylau_process.h"

namespace saylau::testing {
namespace {

struct Expected {
  const char* file;
  std::vector<std::string> settings;
  std::int64_t stations, registered, valid, invalid, leader;
};

// The first object under `key` anywhere in `node` (the first round's tally).
const nlohmann::json* Find(const nlohmann::json& node, const std::string& key) {
  if (node.is_object() && node.contains(key)) return &node[key];
  if (!node.is_structured()) return nullptr;
  for (const auto& child : node) {
    if (const nlohmann::json* found = Find(child, key)) return found;
  }
  return nullptr;
}

void ImportIngestAndCertify(const Expected& expected, const std::string& name) {
  const std::filesystem::path dir = FreshDirectory("import-ru-" + name);
  const std::string db = (dir / "ru.db").string();
  std::string arguments = "import " + std::string(SAYLAU_RU_DATA_DIR) + "/" + expected.file + " --mapping " +
                          Source("data/mappings/ru-cec-president.toml") + " --out " + (dir / "out").string() +
                          " --db " + db;
  for (const std::string& setting : expected.settings) arguments += " --set '" + setting + "'";
  const CommandRun imported = Saylau(arguments);
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find(" accepted, 0 rejected"), std::string::npos) << imported.output;

  const CommandRun results = Saylau("results --db " + db + " --format json");
  ASSERT_EQ(results.exit_code, 0) << results.output;
  const nlohmann::json outcome = nlohmann::json::parse(results.output.substr(results.output.find('{')));
  const nlohmann::json* tally = Find(outcome, "tally");
  ASSERT_NE(tally, nullptr) << results.output;
  EXPECT_EQ((*tally)["registered"].get<std::int64_t>(), expected.registered) << *tally;
  EXPECT_EQ((*tally)["valid_options"].get<std::int64_t>(), expected.valid) << *tally;
  EXPECT_EQ((*tally)["invalid"].get<std::int64_t>(), expected.invalid) << *tally;
  EXPECT_EQ((*tally)["votes"]["putin-vladimir-vladimirovich"].get<std::int64_t>(), expected.leader) << *tally;
  const nlohmann::json* progress = Find(outcome, "progress");
  ASSERT_NE(progress, nullptr);
  EXPECT_EQ((*progress)["reported"].get<std::int64_t>(), expected.stations) << *progress;

  const CommandRun certified = Saylau("certify --db " + db + " --stage final");
  EXPECT_EQ(certified.exit_code, 0) << certified.output;
  std::filesystem::remove_all(dir);
}

TEST(ImportRussiaTest, The2018FileImportsWithEveryProtocolAcceptedAndTheColumnSums) {
  ImportIngestAndCertify({"ru-2018-president-stations.csv.gz", {}, 97'699, 109'008'428, 72'787'734, 791'258,
                          56'430'712},
                         "2018");
}

TEST(ImportRussiaTest, The2024FileImportsWithEveryProtocolAcceptedAndTheColumnSums) {
  ImportIngestAndCertify({"ru-2024-president-stations.csv.gz",
                          {"election.id=ru-2024-03-17-president", "election.date=2024-03-17",
                           "election.name.en=Presidential election of the Russian Federation, 2024"},
                          91'946, 99'764'974, 73'980'307, 1'177'131, 65'246'672},
                         "2024");
}

}  // namespace
}  // namespace saylau::testing
