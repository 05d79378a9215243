// The writer thread's exception boundary: work that throws (before storing, after storing, in
// a read) is reported, its caller is told to send again (503), the live state is rebuilt from
// the store, and the writer goes on serving.
#include "committer.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>

#include "saylau/crypto/envelope.h"
#include "saylau/formats/csv.h"
#include "saylau/store/store.h"

namespace saylau::server {
namespace {

using Acks = Result<std::vector<service::Acknowledgement>>;

const std::string kProtocol =
    R"({"contest":"list","unit":"s1","lines":{"voters":1000,"received":1010,"issued":600,"cancelled":410,)"
    R"("found":600,"valid":590,"invalid":10,"a":400,"b":170,"against_all":20}})";

class CommitterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/";
    auto service = service::ResultsService::Open(store::CreateMemoryStore(
        {{"night.toml", "definition", formats::ReadFile(dir + "night.toml").value()},
         {"night-stations.csv", "stations", formats::ReadFile(dir + "night-stations.csv").value()}}));
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_TRUE((*service)->AddKey("s1", key_.public_key, "2023-03-01T00:00:00Z"));
    std::unique_lock lock(state_.mutex);
    state_.service = std::move(*service);
  }

  std::vector<service::SignedSubmission> Batch() {
    return {{crypto::SignEnvelope(key_, 1, kProtocol), true}};
  }
  Acks Exclusive(Committer::Exclusive work) {
    std::promise<Acks> done;
    committer_.RunExclusive(std::move(work), [&](Acks acks) { done.set_value(std::move(acks)); });
    return done.get_future().get();
  }
  Acks Submit() {
    std::promise<Acks> done;
    committer_.Submit(Batch(), [&](Acks acks) { done.set_value(std::move(acks)); });
    return done.get_future().get();
  }
  std::uint64_t TreeSize() {
    std::promise<std::uint64_t> size;
    committer_.Read([&](service::ResultsService& service) { size.set_value(service.tree().size()); });
    return size.get_future().get();
  }

  crypto::KeyPair key_ = crypto::GenerateKeyPair("s1");
  LiveState state_;
  std::mutex failures_mutex_;
  std::vector<std::string> failures_;
  Committer committer_{state_, [](const std::vector<service::Acknowledgement>&) {},
                       [this](const std::string& what) {
                         std::lock_guard lock(failures_mutex_);
                         failures_.push_back(what);
                       }};
};

TEST_F(CommitterTest, WorkThatThrowsBeforeStoringIsUndoneAnd503) {
  // Judged into the live state, then an exception before it is stored.
  const Acks thrown = Exclusive([&](service::ResultsService& service) -> Acks {
    (void)service.PrepareSigned(Batch(), service::NowUtc());
    throw std::runtime_error("boom before the store");
  });
  ASSERT_FALSE(thrown);
  EXPECT_EQ(thrown.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(thrown.error().message.ends_with("(retry)")) << thrown.error().message;
  ASSERT_FALSE(failures_.empty());
  EXPECT_NE(failures_.front().find("boom before the store"), std::string::npos) << failures_.front();
  // Rebuilt from the store: the submission was never stored, so sending it again is accepted.
  EXPECT_EQ(TreeSize(), 0u);
  const Acks sent = Submit();
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->front().verdict, core::Verdict::kAccepted);
  EXPECT_EQ(TreeSize(), 1u);
}

TEST_F(CommitterTest, WorkThatThrowsAfterStoringIsAcknowledgedAsADuplicateWhenSentAgain) {
  const Acks thrown = Exclusive([&](service::ResultsService& service) -> Acks {
    service::ResultsService::PreparedBatch prepared = service.PrepareSigned(Batch(), service::NowUtc());
    const Status persisted = service.Persist(prepared);
    EXPECT_TRUE(persisted);
    (void)service.Acknowledge(prepared, persisted);
    throw std::logic_error("boom after the store");
  });
  ASSERT_FALSE(thrown);
  EXPECT_EQ(TreeSize(), 1u);
  const Acks again = Submit();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->front().verdict, core::Verdict::kDuplicate);
  EXPECT_EQ(TreeSize(), 1u);
}

TEST_F(CommitterTest, AReadThatThrowsIsReportedAndTheWriterGoesOn) {
  committer_.Read([](service::ResultsService&) { throw 42; });
  EXPECT_EQ(TreeSize(), 0u);
  {
    std::lock_guard lock(failures_mutex_);
    ASSERT_EQ(failures_.size(), 1u);
    EXPECT_NE(failures_[0].find("not a std::exception"), std::string::npos) << failures_[0];
  }
  const Acks sent = Submit();
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->front().verdict, core::Verdict::kAccepted);
}

}  // namespace
}  // namespace saylau::server
