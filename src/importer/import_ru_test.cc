// End to end on real data: both Russian presidential files (../shared/data/ru, registered only
// when they are there) are imported under data/mappings/ru-cec-president.toml, the definition
// and stations are stored (init) and every protocol ingested through the results service, all
// accepted; the totals at the country equal the README's column sums exactly (registered,
// valid, invalid, the leader's votes) and the final stage can be certified. In process, on the
// in-memory store (the command itself is import_cli_test's): both files take a minute under ASan.
#include <gtest/gtest.h>

#include "saylau/formats/csv.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/importer/data_file.h"
#include "saylau/importer/import.h"
#include "saylau/service/results_service.h"
#include "saylau/store/store.h"

namespace saylau::importer {
namespace {

struct Expected {
  const char* file;
  std::vector<std::string> settings;
  std::int64_t stations, registered, valid, invalid, leader;
};

void ImportIngestAndCertify(const Expected& expected) {
  Result<std::string> mapping_text =
      formats::ReadFile(std::string(SAYLAU_SOURCE_DIR) + "/data/mappings/ru-cec-president.toml");
  ASSERT_TRUE(mapping_text) << mapping_text.error().message;
  Result<ImportMapping> mapping = ParseMapping(*mapping_text, "ru-cec-president.toml", expected.settings);
  ASSERT_TRUE(mapping) << mapping.error().message;
  Result<std::string> data = ReadDataFile(std::string(SAYLAU_RU_DATA_DIR) + "/" + expected.file);
  ASSERT_TRUE(data) << data.error().message;
  Result<ImportFiles> files = BuildImport(*mapping, *data, expected.file);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(files->stations_count, expected.stations);

  // init: the definition and the stations stored; then every protocol ingested.
  Result<std::unique_ptr<service::ResultsService>> service = service::ResultsService::Open(store::CreateMemoryStore(
      {{"definition.toml", "definition", files->definition}, {"stations.csv", "stations", files->stations}}));
  ASSERT_TRUE(service) << service.error().message;
  Result<std::unique_ptr<formats::SubmissionReader>> reader = formats::OpenSubmissions(files->protocols, "protocols.csv");
  ASSERT_TRUE(reader) << reader.error().message;
  std::int64_t accepted = 0;
  std::vector<std::string> rejected;
  std::vector<formats::Submission> batch;
  for (bool more = true; more;) {
    batch.clear();
    while (batch.size() < 8192) {
      formats::Submission next;
      Result<bool> got = (*reader)->Next(next);
      ASSERT_TRUE(got) << got.error().message;
      if (!*got) {
        more = false;
        break;
      }
      batch.push_back(std::move(next));
    }
    Result<std::vector<service::Acknowledgement>> acks = (*service)->Submit(batch, "2026-01-01T00:00:00Z");
    ASSERT_TRUE(acks) << acks.error().message;
    for (const service::Acknowledgement& ack : *acks) {
      accepted += ack.verdict == core::Verdict::kAccepted ? 1 : 0;
      if (ack.verdict == core::Verdict::kRejected && rejected.size() < 5) {
        rejected.push_back(ack.what + ": " + (ack.violations.empty() ? "" : ack.violations[0].detail));
      }
    }
  }
  EXPECT_EQ(accepted, expected.stations);
  EXPECT_TRUE(rejected.empty()) << rejected.front();

  const core::ContestStatus status = (*service)->night().StatusOf(core::ContestIndex(0));
  EXPECT_FALSE(status.partial);
  ASSERT_TRUE(status.outcome) << status.outcome.error().message;
  const auto* details = std::get_if<core::CandidateDetails>(&status.outcome->details);
  ASSERT_NE(details, nullptr);
  ASSERT_FALSE(details->rounds.empty());
  const core::Tally& tally = details->rounds[0].tally;
  EXPECT_EQ(tally.registered, expected.registered);
  EXPECT_EQ(tally.ValidOptions(), expected.valid);
  EXPECT_EQ(tally.invalid, expected.invalid);
  const core::Contest& contest = (*service)->election().contests()[0];
  const std::optional<int> leader = contest.OptionIndex("putin-vladimir-vladimirovich");
  ASSERT_TRUE(leader);
  EXPECT_EQ(tally.votes[*leader], expected.leader);
  EXPECT_EQ(status.outcome->winners, std::vector<std::string>{"putin-vladimir-vladimirovich"});

  const Status certified = (*service)->Certify({"president", core::Stage::kFinal, "2026-01-02T00:00:00Z", "ru", ""});
  EXPECT_TRUE(certified) << certified.error().message;
}

TEST(ImportRussiaTest, The2018FileImportsWithEveryProtocolAcceptedAndTheColumnSums) {
  ImportIngestAndCertify({"ru-2018-president-stations.csv.gz", {}, 97'699, 109'008'428, 72'787'734, 791'258,
                          56'430'712});
}

TEST(ImportRussiaTest, The2024FileImportsWithEveryProtocolAcceptedAndTheColumnSums) {
  ImportIngestAndCertify({"ru-2024-president-stations.csv.gz",
                          {"election.id=ru-2024-03-17-president", "election.date=2024-03-17",
                           "election.name.kk=Ресей Федерациясы Президентінің сайлауы, 2024",
                           "election.name.ru=Выборы Президента Российской Федерации, 2024",
                           "election.name.en=Presidential election of the Russian Federation, 2024"},
                          91'946, 99'764'974, 73'980'307, 1'177'131, 65'246'672});
}

}  // namespace
}  // namespace saylau::importer
