// End to end on real data: both Russian presidential files (../shared/data/ru, registered only
// when they are there) are imported under data/mappings/ru-cec-president.toml, the definition
// and stations are stored (init) and every protocol ingested through the results service, all
// accepted; the totals at the country equal the README's column sums exactly (registered,
// valid, invalid, the leader's votes) and the final stage can be certified; the three files are
// byte for byte those of the import before it read .gz files in pieces (their SHA-256 as written
// by the release binary of 44c3926), by both ImportDataFile and BuildImport. In process, on the
// in-memory store (the command itself is import_cli_test's): both files take a minute under ASan.
#include <gtest/gtest.h>

#include "saylau/formats/csv.h"
#include "saylau/formats/submission_reader.h"
#include "saylau/importer/data_file.h"
#include "saylau/importer/import.h"
#include "saylau/ledger/merkle.h"
#include "saylau/service/results_service.h"
#include "saylau/store/store.h"

namespace saylau::importer {
namespace {

struct Expected {
  const char* file;
  std::vector<std::string> settings;
  std::int64_t stations, registered, valid, invalid, leader;
  std::string definition_sha256, stations_sha256, protocols_sha256;
};

void ImportIngestAndCertify(const Expected& expected) {
  Result<std::string> mapping_text =
      formats::ReadFile(std::string(SAYLAU_SOURCE_DIR) + "/data/mappings/ru-cec-president.toml");
  ASSERT_TRUE(mapping_text) << mapping_text.error().message;
  Result<ImportMapping> mapping = ParseMapping(*mapping_text, "ru-cec-president.toml", expected.settings);
  ASSERT_TRUE(mapping) << mapping.error().message;
  const std::string path = std::string(SAYLAU_RU_DATA_DIR) + "/" + expected.file;
  Result<ImportFiles> files = ImportDataFile(*mapping, path);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(files->stations_count, expected.stations);
  EXPECT_EQ(ledger::ToHex(ledger::Sha256(files->definition)), expected.definition_sha256);
  EXPECT_EQ(ledger::ToHex(ledger::Sha256(files->stations)), expected.stations_sha256);
  EXPECT_EQ(ledger::ToHex(ledger::Sha256(files->protocols)), expected.protocols_sha256);
  {
    Result<std::string> data = ReadDataFile(path);
    ASSERT_TRUE(data) << data.error().message;
    Result<ImportFiles> whole = BuildImport(*mapping, *data, path);
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_TRUE(whole->definition == files->definition && whole->stations == files->stations &&
                whole->protocols == files->protocols);
  }

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
                          56'430'712, "8af9ff6230b14ef9611bbd626cc3152afac36c946bc2832d60e1beeb9886faa0",
                          "47fdd49ffdf3e641b9992b7848e90473ad990ac2f55b0d06acb131ba87f4881e",
                          "995f3c98411dcf99ce25dfd65cf00857d9f7ff3548d8cbed1e12422dc97043d1"});
}

TEST(ImportRussiaTest, The2024FileImportsWithEveryProtocolAcceptedAndTheColumnSums) {
  ImportIngestAndCertify({"ru-2024-president-stations.csv.gz",
                          {"election.id=ru-2024-03-17-president", "election.date=2024-03-17",
                           "election.name.kk=Ресей Федерациясы Президентінің сайлауы, 2024",
                           "election.name.ru=Выборы Президента Российской Федерации, 2024",
                           "election.name.en=Presidential election of the Russian Federation, 2024"},
                          91'946, 99'764'974, 73'980'307, 1'177'131, 65'246'672,
                          "5390301f80a30cfbdbf4bc24bf8ecd161312f7e5afc64147e89dc27daec70e1f",
                          "7d812f93a347431b640d1a1220c16734a409b71ef86408148c1c0a36aaec5e0d",
                          "18435dcd936d7af517f9c07a263326bcb4bf5853c558e720239a40dad812cf9d"});
}

}  // namespace
}  // namespace saylau::importer
