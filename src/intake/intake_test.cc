// Tests of the admission layer on the shared fixture election: every refusal of a signed
// submission, resends, certifications, observers' copies and witnesses, the observers' flags
// and the definition's hash.
#include <gtest/gtest.h>

#include "saylau/intake/admission.h"
#include "saylau/intake/definition.h"
#include "saylau/intake/key_registry.h"
#include "saylau/intake/observer_copies.h"
#include "saylau/testing/fixture_election.h"
#include "saylau/testing/fixture_signers.h"

namespace saylau::intake {
namespace {

using testing::FixtureElection;
using testing::FixtureKey;
using testing::GoodProtocol;
using testing::ProtocolBody;

class IntakeTest : public ::testing::Test {
 protected:
  IntakeTest() : night_(FixtureElection()) {
    for (const char* commission : {"c", "r1", "r2", "d1", "s1", "s2", "s3"}) Register(commission, false);
    Register("watcher", true);
  }

  void Register(const std::string& holder, bool observer) {
    keys_.Add(crypto::ToBase64(FixtureKey(holder).public_key), holder, observer);
  }

  SignedSubmission Signed(const std::string& commission, std::string body, std::int64_t seq = 0) {
    crypto::Envelope envelope = seq > 0 ? signers_.SignAt(commission, seq, std::move(body))
                                        : signers_.Sign(commission, std::move(body));
    const bool valid = crypto::VerifyEnvelope(envelope);
    return {std::move(envelope), valid, std::nullopt};
  }

  template <typename T>
  static Refusal ReasonOf(const Admission<T>& admission) {
    const Refused* refused = RefusalOf(admission);
    EXPECT_NE(refused, nullptr) << "admitted, but a refusal was expected";
    return refused == nullptr ? Refusal::kMalformed : refused->reason;
  }

  core::ElectionNight night_;
  KeyRegistry keys_;
  testing::FixtureSigners signers_;
};

TEST_F(IntakeTest, AdmitsAStationsOwnProtocolWithTheSignerAsCommission) {
  const Admission<formats::Submission> admitted =
      AdmitSubmission(Signed("s1", ProtocolBody(GoodProtocol("list", "s1"))), keys_, night_);
  ASSERT_EQ(RefusalOf(admitted), nullptr) << RefusalOf(admitted)->message;
  const auto& protocol = std::get<core::ProtocolSubmission>(std::get<formats::Submission>(admitted));
  EXPECT_EQ(protocol.commission, "s1");
  EXPECT_EQ(protocol.unit, "s1");
  EXPECT_EQ(protocol.origin, "api:s1#1");
}

TEST_F(IntakeTest, ACommissionAboveTheStationMaySubmitForItButNotASiblingOrAnotherBranch) {
  const std::string body = ProtocolBody(GoodProtocol("list", "s1"));
  EXPECT_EQ(RefusalOf(AdmitSubmission(Signed("d1", body), keys_, night_)), nullptr);
  EXPECT_EQ(RefusalOf(AdmitSubmission(Signed("c", body), keys_, night_)), nullptr);
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("s2", body), keys_, night_)), Refusal::kNotAuthorised);
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("r2", body), keys_, night_)), Refusal::kNotAuthorised);
}

TEST_F(IntakeTest, RefusesUnknownKeysKeysOfAnotherHolderAndBadSignatures) {
  const std::string body = ProtocolBody(GoodProtocol("list", "s1"));
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("stranger", body), keys_, night_)), Refusal::kUnknownKey);
  SignedSubmission other = Signed("s1", body);
  other.envelope.commission = "s2";  // s1's key, naming s2
  EXPECT_EQ(ReasonOf(AdmitSubmission(other, keys_, night_)), Refusal::kUnknownKey);
  SignedSubmission forged = Signed("s1", body);
  forged.signature_valid = false;
  EXPECT_EQ(ReasonOf(AdmitSubmission(forged, keys_, night_)), Refusal::kBadSignature);
}

TEST_F(IntakeTest, RefusesReplaysAndOutOfOrderSequenceNumbers) {
  const std::string body = ProtocolBody(GoodProtocol("list", "s1"));
  const SignedSubmission fifth = Signed("s1", body, 5);
  ASSERT_EQ(RefusalOf(AdmitSubmission(fifth, keys_, night_)), nullptr);
  keys_.Use(fifth.envelope.key, 5);
  EXPECT_EQ(ReasonOf(AdmitSubmission(fifth, keys_, night_)), Refusal::kReplay);
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("s1", body, 4), keys_, night_)), Refusal::kOutOfOrder);
  EXPECT_EQ(RefusalOf(AdmitSubmission(Signed("s1", body, 6), keys_, night_)), nullptr);
}

TEST_F(IntakeTest, TellsAResendFromAReplayByItsSignature) {
  const SignedSubmission sent = Signed("s1", ProtocolBody(GoodProtocol("list", "s1")));
  keys_.Use(sent.envelope.key, sent.envelope.seq);
  keys_.Remember(sent.envelope.key, sent.envelope.seq, sent.envelope.signature, core::Verdict::kAccepted);
  const KeyRegistry::Record* resend = keys_.ResendOf(sent);
  ASSERT_NE(resend, nullptr);
  EXPECT_EQ(resend->verdict, core::Verdict::kAccepted);
  // Another body under the same sequence number is a replay, not a resend.
  const SignedSubmission other = Signed("s1", ProtocolBody(GoodProtocol("list", "s1", 300)), sent.envelope.seq);
  EXPECT_EQ(keys_.ResendOf(other), nullptr);
  EXPECT_EQ(ReasonOf(AdmitSubmission(other, keys_, night_)), Refusal::kReplay);
  keys_.ForgetUses();
  EXPECT_EQ(keys_.ResendOf(sent), nullptr);
  EXPECT_EQ(keys_.LastSeq(sent.envelope.key), 0);
}

TEST_F(IntakeTest, RefusesBodiesNamingAnotherCommissionUnknownContestsAndUnitsAndNonsense) {
  core::ProtocolSubmission protocol = GoodProtocol("list", "s1");
  protocol.commission = "s2";
  std::string body = ProtocolBody(protocol);
  body.insert(1, "\"commission\":\"s2\",");
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("s1", body), keys_, night_)), Refusal::kNotAuthorised);
  core::ProtocolSubmission elsewhere = GoodProtocol("list", "s1");
  elsewhere.contest = "nope";
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("s1", ProtocolBody(elsewhere)), keys_, night_)), Refusal::kUnknownContest);
  elsewhere = GoodProtocol("list", "s1");
  elsewhere.unit = "s9";
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("c", ProtocolBody(elsewhere)), keys_, night_)), Refusal::kUnknownUnit);
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("s1", "[1,2"), keys_, night_)), Refusal::kMalformed);
}

TEST_F(IntakeTest, ABodyWithoutItsContestOrUnitIsMalformedNotAnUnknownContestOrUnitNamedEmpty) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"unit":"s1","round":1,"lines":{"voters":10}})", "\"contest\""},
      {R"({"contest":7,"unit":"s1","lines":{"voters":10}})", "\"contest\""},
      {R"({"contest":"list","round":1,"lines":{"voters":10}})", "\"unit\""},
      {R"({"contest":"list","unit":"","lines":{"voters":10}})", "\"unit\""},
      {R"({"time":"10:00","voters":10,"issued":1})", "\"unit\""},
  };
  for (const auto& [body, field] : cases) {
    const Admission<formats::Submission> admitted = AdmitSubmission(Signed("s1", body), keys_, night_);
    ASSERT_NE(RefusalOf(admitted), nullptr) << body;
    EXPECT_EQ(RefusalOf(admitted)->reason, Refusal::kMalformed) << body;
    EXPECT_NE(RefusalOf(admitted)->message.find(field), std::string::npos) << RefusalOf(admitted)->message;
  }
}

TEST_F(IntakeTest, AnObserverKeyCannotSubmitProtocolsNorACommissionKeyObserve) {
  const std::string body = ProtocolBody(GoodProtocol("list", "s1"));
  EXPECT_EQ(ReasonOf(AdmitSubmission(Signed("watcher", body), keys_, night_)), Refusal::kNotAuthorised);
  const ledger::MerkleTree tree;
  EXPECT_EQ(ReasonOf(AdmitObservation(Signed("s1", body), keys_, night_, {tree, 0, ""})), Refusal::kNotAuthorised);
}

TEST_F(IntakeTest, OnlyTheCentralCommissionCertifiesAndOnlyWhatTheStateAllows) {
  const std::string final = R"({"contest":"list","stage":"final"})";
  EXPECT_EQ(ReasonOf(AdmitCertification(Signed("r1", final), keys_, night_, "t")), Refusal::kNotAuthorised);
  EXPECT_EQ(ReasonOf(AdmitCertification(Signed("c", R"({"contest":"list"})"), keys_, night_, "t")),
            Refusal::kMalformed);
  EXPECT_EQ(ReasonOf(AdmitCertification(Signed("c", R"({"contest":"list","stage":"open"})"), keys_, night_, "t")),
            Refusal::kMalformed);
  EXPECT_EQ(ReasonOf(AdmitCertification(Signed("c", R"({"contest":"nope","stage":"final"})"), keys_, night_, "t")),
            Refusal::kUnknownContest);
  // Final before every station reported is not allowed.
  EXPECT_EQ(ReasonOf(AdmitCertification(Signed("c", final), keys_, night_, "t")), Refusal::kNotAllowed);
  for (const std::string_view station : testing::kFixtureStations) {
    night_.RecordProtocol(night_.JudgeProtocol(GoodProtocol("list", std::string(station))));
  }
  const Admission<core::StageChange> admitted =
      AdmitCertification(Signed("c", R"({"contest":"list","stage":"final","note":"n","by":"x"})"), keys_, night_,
                         "2026-12-06T20:00:00Z");
  ASSERT_EQ(RefusalOf(admitted), nullptr) << RefusalOf(admitted)->message;
  const core::StageChange& change = std::get<core::StageChange>(admitted);
  EXPECT_EQ(change.at, "2026-12-06T20:00:00Z");
  EXPECT_EQ(change.by, "c");  // the signer, never the body's
  EXPECT_EQ(change.note, "n");
}

TEST_F(IntakeTest, AdmitsAnObserversCopyOfAStationOnly) {
  const ledger::MerkleTree tree;
  const LogView log{tree, 0, ""};
  const Admission<Observation> copy =
      AdmitObservation(Signed("watcher", ProtocolBody(GoodProtocol("list", "s2", 350))), keys_, night_, log);
  ASSERT_EQ(RefusalOf(copy), nullptr) << RefusalOf(copy)->message;
  const auto& admitted = std::get<ObserverCopy>(std::get<Observation>(copy));
  EXPECT_EQ(admitted.copy.commission, "watcher");
  EXPECT_TRUE(admitted.judged.station.valid());
  EXPECT_EQ(ReasonOf(AdmitObservation(Signed("watcher", ProtocolBody(GoodProtocol("list", "r1"))), keys_, night_,
                                      log)),
            Refusal::kUnknownUnit);
  EXPECT_EQ(ReasonOf(AdmitObservation(Signed("watcher", "{\"contest\":\"list\",\"unit\":\"s1\xff\"}"), keys_,
                                      night_, log)),
            Refusal::kMalformed);
}

TEST_F(IntakeTest, AWitnessMustCountersignAHeadOfThisLogSignedWithItsKey) {
  ledger::MerkleTree tree;
  for (int i = 0; i < 3; ++i) tree.Append(ledger::Sha256("entry " + std::to_string(i)));
  const crypto::KeyPair log_key = crypto::KeyPairFromSeed("cec-log", std::string(32, 'L'));
  const std::string log_key_text = crypto::ToBase64(log_key.public_key);
  const LogView log{tree, tree.size(), log_key_text};
  const auto witness = [&](const ledger::TreeHead& head) {
    return Signed("watcher", "{\"witness\":" + ledger::EncodeTreeHead(head) + "}");
  };
  const ledger::TreeHead good = ledger::SignTreeHead(log_key, 2, tree.Root(2), 1000);
  const Admission<Observation> admitted = AdmitObservation(witness(good), keys_, night_, log);
  ASSERT_EQ(RefusalOf(admitted), nullptr) << RefusalOf(admitted)->message;
  EXPECT_EQ(std::get<ledger::TreeHead>(std::get<Observation>(admitted)), good);

  const ledger::TreeHead other_root = ledger::SignTreeHead(log_key, 2, tree.Root(1), 1000);
  EXPECT_EQ(ReasonOf(AdmitObservation(witness(other_root), keys_, night_, log)), Refusal::kUnknownHead);
  const ledger::TreeHead beyond = ledger::SignTreeHead(log_key, 3, tree.Root(3), 1000);
  EXPECT_EQ(ReasonOf(AdmitObservation(witness(beyond), keys_, night_, {tree, 2, log_key_text})),
            Refusal::kUnknownHead);
  const crypto::KeyPair stranger = crypto::KeyPairFromSeed("x", std::string(32, 'X'));
  EXPECT_EQ(ReasonOf(AdmitObservation(witness(ledger::SignTreeHead(stranger, 2, tree.Root(2), 1000)), keys_, night_,
                                      log)),
            Refusal::kBadSignature);
  EXPECT_EQ(ReasonOf(AdmitObservation(witness(good), keys_, night_, {tree, tree.size(), ""})),
            Refusal::kBadSignature);
  EXPECT_EQ(ReasonOf(AdmitObservation(Signed("watcher", R"({"witness":{"size":"x"}})"), keys_, night_, log)),
            Refusal::kMalformed);
}

TEST_F(IntakeTest, FlagsStationsWhereTheLatestCopyDiffersOrNothingIsCounted) {
  ObserverCopies copies;
  const auto judge = [&](const std::string& unit, std::int64_t first) {
    return night_.JudgeProtocol(GoodProtocol("list", unit, first));
  };
  night_.RecordProtocol(judge("s1", 400));
  copies.Record(1, "watcher", judge("s1", 400));  // agrees: no flag
  copies.Record(2, "watcher", judge("s2", 400));  // nothing counted at s2
  copies.Record(3, "other", judge("s1", 390));    // differs
  const auto organisation = [](const std::string& observer) { return observer == "watcher" ? "W" : "O"; };
  std::vector<ObserverFlag> flags = copies.Flags(night_, organisation);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].unit, "s2");
  EXPECT_FALSE(flags[0].counted);
  EXPECT_EQ(flags[0].organisation, "W");
  EXPECT_EQ(flags[1].unit, "s1");
  EXPECT_TRUE(flags[1].counted);
  ASSERT_FALSE(flags[1].lines.empty());
  EXPECT_EQ(flags[1].lines[0].counted, 400);
  EXPECT_EQ(flags[1].lines[0].observed, 390);
  // A later copy replaces the observer's earlier one of the same station.
  copies.Record(4, "other", judge("s1", 400));
  flags = copies.Flags(night_, organisation);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].unit, "s2");
  EXPECT_EQ(copies.size(), 3u);
}

TEST(DefinitionTest, HashesNamesWithoutDirectoriesAndNeedsADefinition) {
  const std::vector<DefinitionFile> here = {{"a/b/night.toml", "definition", testing::FixtureDefinitionText()}};
  const std::vector<DefinitionFile> there = {{"night.toml", "definition", testing::FixtureDefinitionText()}};
  EXPECT_EQ(DefinitionHashOf(here), DefinitionHashOf(there));
  const std::vector<DefinitionFile> edited = {{"night.toml", "definition", testing::FixtureDefinitionText() + "\n"}};
  EXPECT_NE(DefinitionHashOf(edited), DefinitionHashOf(there));
  ASSERT_TRUE(LoadElection(here).has_value());
  const std::vector<DefinitionFile> stations_only = {{"s.csv", "stations", testing::FixtureStationsText()}};
  const Result<core::Election> none = LoadElection(stations_only);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace saylau::intake
