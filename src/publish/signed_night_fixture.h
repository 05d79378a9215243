// Test-only (publish_test.cc and verify/verify_test.cc): a signed night on the fixture election
// (saylau/testing) in an in-memory results service, ready to publish. Keys of s1, s2, s3 and the
// CEC (c) registered, one observer "obs", the log key FixtureKey("log") set; then, signed, the
// "list" protocols of s1, s2 and s3 (accepted) and a "ref" protocol of s2 with both answers
// marked on 5 ballots (rejected) in one batch, the CEC's preliminary certification of "list",
// and the observer's copy of s1's "list" protocol with 390 for a where 400 were counted
// (flagged). Six log entries, three signed tree heads. Uses gtest's ASSERT/EXPECT macros.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "saylau/crypto/envelope.h"
#include "saylau/service/results_service.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau::testing {

inline constexpr char kNightReceivedAt[] = "2023-03-19T21:00:00+06:00";

inline service::SignedSubmission ReceivedSigned(crypto::Envelope envelope) {
  service::SignedSubmission submission;
  submission.envelope = std::move(envelope);
  submission.signature_valid = crypto::VerifyEnvelope(submission.envelope);
  return submission;
}

// Fills `service` (opened on a fresh store of FixtureFiles()) with the night above. Call with
// ASSERT_NO_FATAL_FAILURE.
inline void RecordSignedNight(service::ResultsService& service) {
  FixtureSigners signers;
  const std::vector<crypto::KeyPair> keys = {FixtureKey("s1"), FixtureKey("s2"), FixtureKey("s3"), FixtureKey("c")};
  ASSERT_TRUE(service.AddKeys(keys, "2023-03-01T00:00:00Z"));
  const store::RegisteredObserver observer{"obs", "Citizens' Watch", "citizen",
                                           crypto::ToBase64(FixtureKey("obs").public_key), "2023-03-01T00:00:00Z"};
  ASSERT_TRUE(service.AddObservers(std::span(&observer, 1)));
  ASSERT_TRUE(service.SetLogKey(FixtureKey("log")));

  core::ProtocolSubmission broken = GoodProtocol("ref", "s2");
  SetLine(broken, "both_marked", 5);
  const std::vector<service::SignedSubmission> batch = {
      ReceivedSigned(signers.Sign("s1", ProtocolBody(GoodProtocol("list", "s1", 400)))),
      ReceivedSigned(signers.Sign("s2", ProtocolBody(GoodProtocol("list", "s2", 300)))),
      ReceivedSigned(signers.Sign("s3", ProtocolBody(GoodProtocol("list", "s3", 200)))),
      ReceivedSigned(signers.Sign("s2", ProtocolBody(broken)))};
  service::ResultsService::PreparedBatch prepared = service.PrepareSigned(batch, kNightReceivedAt);
  const Status persisted = service.Persist(prepared);
  Result<std::vector<service::Acknowledgement>> acks = service.Acknowledge(prepared, persisted);
  ASSERT_TRUE(acks) << acks.error().message;
  ASSERT_EQ(acks->size(), 4u);
  for (int i = 0; i < 3; ++i) ASSERT_EQ((*acks)[i].verdict, core::Verdict::kAccepted) << (*acks)[i].what;
  ASSERT_EQ((*acks)[3].verdict, core::Verdict::kRejected) << (*acks)[3].what;

  Result<service::Acknowledgement> certified = service.CertifySigned(
      ReceivedSigned(signers.Sign("c", R"({"contest":"list","stage":"preliminary"})")), kNightReceivedAt);
  ASSERT_TRUE(certified) << certified.error().message;
  ASSERT_FALSE(certified->refused) << certified->refused->message;

  const std::vector<service::SignedSubmission> copies = {
      ReceivedSigned(signers.Sign("obs", ProtocolBody(GoodProtocol("list", "s1", 390))))};
  Result<std::vector<service::Acknowledgement>> observed = service.ObserveSigned(copies, kNightReceivedAt);
  ASSERT_TRUE(observed) << observed.error().message;
  ASSERT_FALSE(observed->front().refused) << observed->front().refused->message;
}

// A directory under the system's temporary directory, unique to this object, removed with it.
class TempDirectory {
 public:
  TempDirectory() {
    std::random_device random;
    path_ = (std::filesystem::temp_directory_path() /
             ("saylau-bundle-" + std::to_string(::getpid()) + "-" + std::to_string(random())))
                .string();
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace saylau::testing
