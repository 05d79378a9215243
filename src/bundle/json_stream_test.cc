// LazyJson writes nlohmann's dump(indent) byte for byte (objects in key order, empty "{}" and
// "[]", escaped keys and strings, lazy arrays empty or not, any indent), stops when the sink
// stops and names the pointer of the value it was writing; the NIST export written piece by
// piece is the tree's dump(1), on an empty night and on a counted one.
#include <gtest/gtest.h>

#include "saylau/bundle/json_stream.h"
#include "saylau/bundle/nist_export.h"
#include "saylau/testing/fixture_election.h"

namespace saylau::bundle {
namespace {

using nlohmann::json;

class StringSink : public ByteSink {
 public:
  explicit StringSink(std::size_t limit = SIZE_MAX) : limit_(limit) {}
  bool Write(std::string_view bytes) override {
    if (text.size() + bytes.size() > limit_) return false;
    text.append(bytes);
    return true;
  }
  std::string text;

 private:
  std::size_t limit_;
};

json Sample(LazyJson& lazy) {
  const json numbers = lazy.Lazy([](const LazyJson::Emit& emit) {
    for (int i = 0; i < 3; ++i) {
      if (!emit({{"n", i}, {"half", i / 2.0}, {"list", json::array({i, "x"})}})) return;
    }
  });
  const json none = lazy.Lazy([](const LazyJson::Emit&) {});
  return {{"z", "last"},
          {"a/b~c", "slash and tilde"},
          {"quote\"d", "line\nbreak, tab\t, ќазақ \u0001"},
          {"empty_object", json::object()},
          {"empty_array", json::array()},
          {"nested", {{"numbers", numbers}, {"none", none}, {"null", nullptr}, {"yes", true}}},
          {"big", -9223372036854775807LL},
          {"top", json::array({1, json::object(), json::array()})}};
}

TEST(LazyJsonTest, WritesTheBytesOfDumpAtAnyIndent) {
  LazyJson lazy;
  const json skeleton = Sample(lazy);
  const json tree = lazy.Expand(skeleton);
  ASSERT_EQ(tree["nested"]["numbers"].size(), 3u);
  EXPECT_EQ(tree["nested"]["none"], json::array());
  for (int indent : {0, 1, 2, 4}) {
    StringSink sink;
    ASSERT_TRUE(lazy.Write(skeleton, indent, sink, "\n"));
    EXPECT_EQ(sink.text, tree.dump(indent) + "\n") << indent;
  }
  StringSink scalar;
  ASSERT_TRUE(lazy.Write(json(42), 1, scalar));
  EXPECT_EQ(scalar.text, "42");
}

TEST(LazyJsonTest, StopsWhereTheSinkStopsAndNamesThePointer) {
  LazyJson lazy;
  const json skeleton = Sample(lazy);
  const std::string full = lazy.Expand(skeleton).dump(1);
  const std::size_t at = full.find("\"half\": 0.5");  // the second element's "half"
  ASSERT_NE(at, std::string::npos);
  StringSink sink(at + 9);  // takes the key, refuses the value
  EXPECT_FALSE(lazy.Write(skeleton, 1, sink));
  EXPECT_EQ(lazy.pointer(), "/nested/numbers/1/half");
  EXPECT_EQ(lazy.stopped_value(), "0.5");

  const std::size_t key = full.find("\"a/b~c\"");
  StringSink early(key + 12);
  EXPECT_FALSE(lazy.Write(skeleton, 1, early));
  EXPECT_EQ(lazy.pointer(), "/a~1b~0c");
  EXPECT_EQ(lazy.stopped_value(), "\"slash and tilde\"");
}

std::string Streamed(const core::ElectionNight& night) {
  LazyJson lazy;
  StringSink sink;
  EXPECT_TRUE(lazy.Write(NistElectionDocument(lazy, night, "2026-11-22T14:05:09Z", "saylau test"), 1, sink, "\n"));
  return sink.text;
}

TEST(NistStreamTest, ThePiecesAreTheTreesBytes) {
  core::ElectionNight night(saylau::testing::FixtureElection());
  const auto tree = [&] { return NistElectionReport(night, "2026-11-22T14:05:09Z", "saylau test").dump(1) + "\n"; };
  EXPECT_EQ(Streamed(night), tree()) << "nothing counted: no BallotCounts, empty VoteCounts";
  EXPECT_EQ(tree().find("\"BallotCounts\""), std::string::npos);
  std::int64_t first = 400;
  for (std::string_view station : saylau::testing::kFixtureStations) {
    core::Judgement judgement = night.JudgeProtocol(saylau::testing::GoodProtocol("list", std::string(station), first));
    ASSERT_EQ(judgement.verdict, core::Verdict::kAccepted) << station;
    night.RecordProtocol(judgement);
    first -= 100;
  }
  const std::string counted = tree();
  EXPECT_NE(counted.find("\"BallotCounts\""), std::string::npos);
  EXPECT_NE(counted.find("\"Type\": \"total\""), std::string::npos);
  EXPECT_EQ(Streamed(night), counted);
}

}  // namespace
}  // namespace saylau::bundle
