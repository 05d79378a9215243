// The results service's own contract (results_service.h) on the fixture election
// (saylau/testing): Submit stores and acknowledges; a failed commit keeps nothing of its batch,
// restores the live state and voids the batches prepared after it; a reopened store replays
// to the same state; signed submissions are refused, with the right reason and nothing
// stored, for an unknown key, a bad signature, a replayed or out-of-order sequence number and
// a commission that is not above the unit; a resend of a stored one is a duplicate. What a
// failing disk does under random nights and the HTTP server is tests/failing_store_test.cc.
#include "saylau/service/results_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <vector>

#include "saylau/store/failing_store.h"
#include "saylau/store/sqlite_store.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"
#include "saylau/testing/temp_database.h"
#include "service_test_support.h"

namespace saylau::service {
namespace {

using saylau::testing::TempDatabase;
using saylau::testing::FixtureFiles;
using saylau::testing::FixtureKey;
using saylau::testing::GoodProtocol;
using saylau::testing::ProtocolBody;
using saylau::testing::SetLine;
using saylau::testing::TurnoutBody;
using saylau::testing::TurnoutReport;
using store::FailingStore;

constexpr char kReceivedAt[] = "2023-03-19T21:00:00+06:00";

// The list's total of `line` at the country.
std::int64_t CountryList(const ResultsService& service, std::string_view line) {
  const core::ContestIndex list = service.night().plan().FindContest("list");
  return service.night().plan().contest(list).form->LineValue(
      line, service.night().tabulation().Totals(list, 1, core::LocalUnit(0)));
}

// As the server's writer does: admit and judge, store, acknowledge.
Result<std::vector<Acknowledgement>> SubmitSigned(ResultsService& service, const std::vector<SignedSubmission>& batch) {
  ResultsService::PreparedBatch prepared = service.PrepareSigned(batch, kReceivedAt);
  const Status persisted = service.Persist(prepared);
  return service.Acknowledge(prepared, persisted);
}

SignedSubmission Received(crypto::Envelope envelope) {
  SignedSubmission submission;
  submission.envelope = std::move(envelope);
  submission.signature_valid = crypto::VerifyEnvelope(submission.envelope);
  return submission;
}

TEST(ResultsServiceTest, SubmitStoresEverySubmissionWithItsVerdictAndAcknowledgesItsSeq) {
  auto service = OpenService(store::CreateMemoryStore(FixtureFiles()));
  core::ProtocolSubmission broken = GoodProtocol("list", "s2");
  SetLine(broken, "invalid", 11);
  const std::vector<formats::Submission> batch = {GoodProtocol("list", "s1"), broken,
                                                  TurnoutReport("s1", "10:00", 150)};

  Result<std::vector<Acknowledgement>> acks = service->Submit(batch, kReceivedAt);

  ASSERT_TRUE(acks) << acks.error().message;
  ASSERT_EQ(acks->size(), 3u);
  EXPECT_EQ((*acks)[0].verdict, core::Verdict::kAccepted);
  EXPECT_EQ((*acks)[1].verdict, core::Verdict::kRejected);
  EXPECT_EQ((*acks)[2].verdict, core::Verdict::kAccepted);
  std::vector<std::int64_t> stored_seqs;
  ASSERT_TRUE(service->store().Scan(0, [&](const store::StoredSubmission& row) -> Status {
    stored_seqs.push_back(row.seq);
    return {};
  }));
  ASSERT_EQ(stored_seqs.size(), 3u) << "a rejected protocol is stored too";
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*acks)[i].seq, stored_seqs[i]);
    EXPECT_EQ((*acks)[i].leaf_index, stored_seqs[i] - 1);
    EXPECT_FALSE((*acks)[i].refused);
  }
  EXPECT_EQ(service->tree().size(), 3u);
  EXPECT_EQ(CountryList(*service, "issued"), 600) << "only the accepted protocol counts";
  const Result<std::vector<store::StoredTotals>> stored_totals = service->store().Totals();
  ASSERT_TRUE(stored_totals);
  EXPECT_EQ(*stored_totals, service->CurrentTotals()) << "the derived totals are stored with the batch";
}

TEST(ResultsServiceTest, AFailedCommitKeepsNothingOfTheBatchAndRestoresTheLiveState) {
  auto failing_owned = std::make_unique<FailingStore>(store::CreateMemoryStore(FixtureFiles()));
  FailingStore& failing = *failing_owned;
  auto service = OpenService(std::move(failing_owned));
  ASSERT_TRUE(service->Submit(std::vector<formats::Submission>{GoodProtocol("list", "s1")}, kReceivedAt));
  const std::vector<store::StoredTotals> before = service->CurrentTotals();
  const std::uint64_t log_before = service->tree().size();

  failing.Arm(FailingStore::Fault::kWriteFails);
  const std::vector<formats::Submission> batch = {GoodProtocol("list", "s2"), GoodProtocol("list", "s3"),
                                                  TurnoutReport("s2", "10:00", 100)};
  Result<std::vector<Acknowledgement>> acks = service->Submit(batch, kReceivedAt);

  ASSERT_FALSE(acks);
  EXPECT_EQ(acks.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(StoredCount(*service), 1) << "nothing of the batch is stored";
  EXPECT_EQ(service->CurrentTotals(), before) << "the live state is what the store holds";
  EXPECT_EQ(service->tree().size(), log_before);
  const core::ContestIndex list = service->night().plan().FindContest("list");
  EXPECT_EQ(service->night().tabulation().ProgressAt(list, 1, core::LocalUnit(0)).reported, 1);
  EXPECT_FALSE(service->stale());

  failing.Heal();
  acks = service->Submit(batch, kReceivedAt);
  ASSERT_TRUE(acks) << acks.error().message;
  for (const Acknowledgement& ack : *acks) EXPECT_EQ(ack.verdict, core::Verdict::kAccepted) << ack.what;
  EXPECT_EQ(StoredCount(*service), 4);
  EXPECT_EQ(CountryList(*service, "issued"), 1800);
}

TEST(ResultsServiceTest, ABatchPreparedAfterAFailedOneIsVoid) {
  auto failing_owned = std::make_unique<FailingStore>(store::CreateMemoryStore(FixtureFiles()));
  FailingStore& failing = *failing_owned;
  auto service = OpenService(std::move(failing_owned));
  const std::vector<store::StoredTotals> before = service->CurrentTotals();
  const std::vector<formats::Submission> first = {GoodProtocol("list", "s1")};
  const std::vector<formats::Submission> second = {GoodProtocol("list", "s2")};

  ResultsService::PreparedBatch a = service->Prepare(first, kReceivedAt);
  ResultsService::PreparedBatch b = service->Prepare(second, kReceivedAt);
  EXPECT_EQ(CountryList(*service, "issued"), 1200) << "prepared batches are in the live state";
  failing.Arm(FailingStore::Fault::kWriteFails);
  const Status persisted_a = service->Persist(a);
  ASSERT_FALSE(persisted_a);
  Result<std::vector<Acknowledgement>> acks_a = service->Acknowledge(a, persisted_a);
  ASSERT_FALSE(acks_a);
  EXPECT_EQ(acks_a.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(service->CurrentTotals(), before) << "both batches are gone from the live state";

  const Status persisted_b = service->Persist(b);  // the storage works again, but b was judged on a's state
  EXPECT_FALSE(persisted_b);
  Result<std::vector<Acknowledgement>> acks_b = service->Acknowledge(b, persisted_b);
  ASSERT_FALSE(acks_b);
  EXPECT_EQ(acks_b.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(StoredCount(*service), 0);
  EXPECT_EQ(service->CurrentTotals(), before);
  EXPECT_EQ(failing.appends(), 1) << "the void batch never reached the store";

  Result<std::vector<Acknowledgement>> again = service->Submit(second, kReceivedAt);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->front().verdict, core::Verdict::kAccepted);
  EXPECT_EQ(again->front().version, 1) << "s2's first stored version";
}

// Bulk ingest's pipeline (PrepareUnsealed, SealAndPersist on another thread, Acknowledge without
// proofs) logs and stores exactly what Submit does: the same rows, tree and head; the leaf
// indices without the proofs; and a failed commit keeps nothing and voids the next batch.
TEST(ResultsServiceTest, SealingOffTheJudgingThreadLogsAndStoresWhatSubmitDoes) {
  const std::vector<formats::Submission> first = {GoodProtocol("list", "s1"), TurnoutReport("s1", "10:00", 150)};
  const std::vector<formats::Submission> second = {GoodProtocol("list", "s2"), GoodProtocol("list", "s1")};
  auto submitted = OpenService(store::CreateMemoryStore(FixtureFiles()));
  ASSERT_TRUE(submitted->Submit(first, kReceivedAt));
  ASSERT_TRUE(submitted->Submit(second, kReceivedAt));

  auto failing_owned = std::make_unique<FailingStore>(store::CreateMemoryStore(FixtureFiles()));
  FailingStore& failing = *failing_owned;
  auto bulk = OpenService(std::move(failing_owned));
  ResultsService::PreparedBatch a = bulk->PrepareUnsealed(first, kReceivedAt);
  EXPECT_EQ(bulk->tree().size(), 0u) << "not in the log before it is sealed";
  const Status persisted_a = std::async(std::launch::async, [&] { return bulk->SealAndPersist(a); }).get();
  Result<std::vector<Acknowledgement>> acks = bulk->Acknowledge(a, persisted_a, ResultsService::Proofs::kLeafOnly);
  ASSERT_TRUE(acks) << acks.error().message;
  ASSERT_EQ(acks->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ((*acks)[i].seq, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ((*acks)[i].leaf_index, static_cast<std::int64_t>(i));
    EXPECT_TRUE((*acks)[i].inclusion.empty());
    EXPECT_FALSE((*acks)[i].head);
  }
  ResultsService::PreparedBatch b = bulk->PrepareUnsealed(second, kReceivedAt);
  ASSERT_TRUE(bulk->Acknowledge(b, bulk->SealAndPersist(b), ResultsService::Proofs::kLeafOnly));
  EXPECT_EQ(bulk->tree().size(), submitted->tree().size());
  EXPECT_EQ(bulk->tree().Root(), submitted->tree().Root());
  ASSERT_TRUE(bulk->head());
  EXPECT_EQ(bulk->head()->size, submitted->head()->size);
  EXPECT_EQ(bulk->head()->root, submitted->head()->root);
  EXPECT_EQ(StoredCount(*bulk), StoredCount(*submitted));
  EXPECT_EQ(bulk->CurrentTotals(), submitted->CurrentTotals());

  // A failed commit: nothing of it stays in the log or the store, and the batch judged after it is void.
  const std::vector<store::StoredTotals> before = bulk->CurrentTotals();
  ResultsService::PreparedBatch c = bulk->PrepareUnsealed(std::vector<formats::Submission>{GoodProtocol("list", "s3")},
                                                          kReceivedAt);
  ResultsService::PreparedBatch d = bulk->PrepareUnsealed(std::vector<formats::Submission>{GoodProtocol("list", "s4")},
                                                          kReceivedAt);
  failing.Arm(FailingStore::Fault::kWriteFails);
  const Status persisted_c = bulk->SealAndPersist(c);
  ASSERT_FALSE(persisted_c);
  EXPECT_FALSE(bulk->Acknowledge(c, persisted_c, ResultsService::Proofs::kLeafOnly));
  failing.Heal();
  const Status persisted_d = bulk->SealAndPersist(d);
  EXPECT_FALSE(persisted_d) << "judged on the failed batch's state";
  EXPECT_FALSE(bulk->Acknowledge(d, persisted_d, ResultsService::Proofs::kLeafOnly));
  EXPECT_EQ(bulk->tree().size(), submitted->tree().size());
  EXPECT_EQ(bulk->tree().Root(), submitted->tree().Root());
  EXPECT_EQ(StoredCount(*bulk), StoredCount(*submitted));
  EXPECT_EQ(bulk->CurrentTotals(), before);
}


TEST(ResultsServiceTest, ReopeningTheStoreReplaysToTheSameStateAndAResendIsStillADuplicate) {
  TempDatabase database("results-service");
  saylau::testing::FixtureSigners signers;
  std::vector<SignedSubmission> last_batch;
  std::vector<store::StoredTotals> totals;
  ledger::Hash root{};
  std::int64_t stored = 0;
  {
    auto created = store::CreateSqliteStore(database.path(), FixtureFiles());
    ASSERT_TRUE(created) << created.error().message;
    auto service = OpenService(std::move(*created));
    const std::vector<crypto::KeyPair> keys = {FixtureKey("s1"), FixtureKey("s3"), FixtureKey("r1")};
    ASSERT_TRUE(service->AddKeys(keys, "2023-03-01T00:00:00Z"));
    core::ProtocolSubmission broken = GoodProtocol("ref", "s2");
    SetLine(broken, "both_marked", 5);
    ASSERT_TRUE(service->Submit(std::vector<formats::Submission>{GoodProtocol("seat", "s2"), broken}, kReceivedAt));
    core::ProtocolSubmission correction = GoodProtocol("list", "s1", 250);
    correction.reason = "recount";
    ASSERT_TRUE(SubmitSigned(*service, {Received(signers.Sign("s1", ProtocolBody(GoodProtocol("list", "s1")))),
                                        Received(signers.Sign("s3", TurnoutBody(TurnoutReport("s3", "10:00", 90))))}));
    last_batch = {Received(signers.Sign("r1", ProtocolBody(correction))),
                  Received(signers.Sign("s3", ProtocolBody(GoodProtocol("ref", "s3", 300))))};
    Result<std::vector<Acknowledgement>> acks = SubmitSigned(*service, last_batch);
    ASSERT_TRUE(acks) << acks.error().message;
    ASSERT_TRUE((*acks)[0].correction);
    totals = service->CurrentTotals();
    root = service->tree().Root();
    stored = StoredCount(*service);
    ASSERT_EQ(stored, 6);
  }

  auto opened = store::OpenSqliteStore(database.path());
  ASSERT_TRUE(opened) << opened.error().message;
  auto service = OpenService(std::move(*opened));
  EXPECT_EQ(service->CurrentTotals(), totals);
  EXPECT_EQ(service->tree().Root(), root) << "the same transparency log";
  EXPECT_EQ(CountryList(*service, "valid"), 590);
  EXPECT_EQ(service->keys().size(), 3u);
  EXPECT_EQ(service->LastKeySeq(crypto::ToBase64(FixtureKey("s3").public_key)), 2);

  Result<std::vector<Acknowledgement>> resent = SubmitSigned(*service, last_batch);
  ASSERT_TRUE(resent) << resent.error().message;
  for (const Acknowledgement& ack : *resent) {
    EXPECT_EQ(ack.verdict, core::Verdict::kDuplicate) << ack.what;
    EXPECT_EQ(ack.seq, 0);
    EXPECT_FALSE(ack.refused);
  }
  EXPECT_EQ(StoredCount(*service), stored) << "a resend after a restart is not stored again";
}

// Signed submissions against a service whose commissions s1, s2, d1 and r2 have keys.
class SignedResultsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = OpenService(store::CreateMemoryStore(FixtureFiles()));
    const std::vector<crypto::KeyPair> keys = {FixtureKey("s1"), FixtureKey("s2"), FixtureKey("d1"), FixtureKey("r2")};
    ASSERT_TRUE(service_->AddKeys(keys, "2023-03-01T00:00:00Z"));
    accepted_ = signers_.Sign("s1", ProtocolBody(GoodProtocol("list", "s1")));
    Result<std::vector<Acknowledgement>> acks = SubmitSigned(*service_, {Received(accepted_)});
    ASSERT_TRUE(acks) << acks.error().message;
    ASSERT_EQ(acks->front().verdict, core::Verdict::kAccepted);
  }

  // Submits `envelope` alone and expects it refused for `reason` with nothing stored or counted.
  void ExpectRefused(const SignedSubmission& submission, Refusal reason) {
    const std::int64_t stored = StoredCount(*service_);
    const std::vector<store::StoredTotals> totals = service_->CurrentTotals();
    Result<std::vector<Acknowledgement>> acks = SubmitSigned(*service_, {submission});
    ASSERT_TRUE(acks) << acks.error().message;
    const Acknowledgement& ack = acks->front();
    ASSERT_TRUE(ack.refused) << "not refused: " << core::VerdictName(ack.verdict) << " " << ack.what;
    EXPECT_EQ(ack.refused->reason, reason) << RefusalName(ack.refused->reason) << ": " << ack.refused->message;
    EXPECT_FALSE(ack.refused->message.empty());
    EXPECT_EQ(ack.seq, 0);
    EXPECT_EQ(StoredCount(*service_), stored) << "a refused submission is not stored";
    EXPECT_EQ(service_->CurrentTotals(), totals);
  }

  std::unique_ptr<ResultsService> service_;
  saylau::testing::FixtureSigners signers_;
  crypto::Envelope accepted_;  // s1's list protocol, seq 1, stored
};

TEST_F(SignedResultsServiceTest, AKeyThatIsNotRegisteredOrNotTheCommissionsIsRefused) {
  crypto::KeyPair stranger = FixtureKey("stranger");
  stranger.commission = "s2";
  ExpectRefused(Received(crypto::SignEnvelope(stranger, 1, ProtocolBody(GoodProtocol("list", "s2")))),
                Refusal::kUnknownKey);
  crypto::KeyPair borrowed = FixtureKey("s1");
  borrowed.commission = "s2";  // s1's key, claimed by s2
  ExpectRefused(Received(crypto::SignEnvelope(borrowed, 5, ProtocolBody(GoodProtocol("list", "s2")))),
                Refusal::kUnknownKey);
  ExpectRefused(Received(signers_.Sign("s3", ProtocolBody(GoodProtocol("list", "s3")))), Refusal::kUnknownKey);
}

TEST_F(SignedResultsServiceTest, ABadSignatureIsRefused) {
  crypto::Envelope tampered = signers_.Sign("s2", ProtocolBody(GoodProtocol("list", "s2", 400)));
  tampered.body = ProtocolBody(GoodProtocol("list", "s2", 500));
  ExpectRefused(Received(tampered), Refusal::kBadSignature);
}

TEST_F(SignedResultsServiceTest, AReplayedOrOutOfOrderSequenceNumberIsRefused) {
  // Another body under s1's used sequence number 1.
  ExpectRefused(Received(signers_.SignAt("s1", 1, TurnoutBody(TurnoutReport("s1", "10:00", 90)))), Refusal::kReplay);
  ASSERT_TRUE(
      SubmitSigned(*service_, {Received(signers_.SignAt("s1", 5, TurnoutBody(TurnoutReport("s1", "10:00", 90))))}));
  ExpectRefused(Received(signers_.SignAt("s1", 3, TurnoutBody(TurnoutReport("s1", "12:00", 120)))),
                Refusal::kOutOfOrder);
  EXPECT_EQ(service_->LastKeySeq(accepted_.key), 5);
}

TEST_F(SignedResultsServiceTest, ACommissionNotAboveTheUnitIsRefused) {
  ExpectRefused(Received(signers_.Sign("s2", ProtocolBody(GoodProtocol("list", "s1", 300)))),
                Refusal::kNotAuthorised);  // a sibling station
  ExpectRefused(Received(signers_.Sign("r2", ProtocolBody(GoodProtocol("list", "s1", 300)))),
                Refusal::kNotAuthorised);  // another region
  ExpectRefused(Received(signers_.Sign("s1", TurnoutBody(TurnoutReport("s2", "10:00", 50)))), Refusal::kNotAuthorised);
  // The district above the station may correct it.
  core::ProtocolSubmission correction = GoodProtocol("list", "s1", 300);
  correction.reason = "recount";
  Result<std::vector<Acknowledgement>> acks =
      SubmitSigned(*service_, {Received(signers_.Sign("d1", ProtocolBody(correction)))});
  ASSERT_TRUE(acks) << acks.error().message;
  EXPECT_FALSE(acks->front().refused);
  EXPECT_EQ(acks->front().verdict, core::Verdict::kAccepted);
  EXPECT_TRUE(acks->front().correction);
}

TEST_F(SignedResultsServiceTest, AResendOfAStoredSubmissionIsADuplicateAndNotStoredAgain) {
  const std::int64_t stored = StoredCount(*service_);
  Result<std::vector<Acknowledgement>> acks = SubmitSigned(*service_, {Received(accepted_)});
  ASSERT_TRUE(acks) << acks.error().message;
  EXPECT_FALSE(acks->front().refused) << "a resend is not a replay";
  EXPECT_EQ(acks->front().verdict, core::Verdict::kDuplicate);
  EXPECT_EQ(acks->front().seq, 0);
  EXPECT_EQ(StoredCount(*service_), stored);
  EXPECT_EQ(CountryList(*service_, "issued"), 600);
}

}  // namespace
}  // namespace saylau::service
