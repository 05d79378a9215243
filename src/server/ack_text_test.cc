// AckText and AcknowledgementsText (ack_text.h) give exactly the bytes of the JSON tree they
// replace (DumpJson of AckJson, as AcknowledgementsResponse and the event stream wrote before) on
// many random acknowledgements: refused, accepted, rejected and duplicate, with and without a
// leaf, an inclusion proof and a tree head (bound or not), violations with and without codes,
// and hostile text (quotes, backslashes, control bytes, Cyrillic, bytes that are not UTF-8).
#include "ack_text.h"

#include <gtest/gtest.h>

#include <random>

#include "json_text.h"
#include "views.h"

namespace saylau::server {
namespace {

using nlohmann::json;
using service::Acknowledgement;

class RandomAcks {
 public:
  explicit RandomAcks(unsigned seed) : random_(seed) {}

  std::string Text() {
    static const std::vector<std::string> pieces = {
        "protocol", " ", "mazhilis-list", "\"", "\\", "\n", "\t", "\b", "\f", "\r", std::string(1, '\0'),
        "\x01", "\x1f", "\x7f", "/", "Қазақстан", "Мажилис", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "é"};
    std::string out;
    const int n = Pick(6);
    for (int i = 0; i < n; ++i) out += pieces[Pick(static_cast<int>(pieces.size()))];
    return out;
  }
  // Text that is UTF-8 nine times in ten (so that the fast path is the one mostly compared).
  std::string MostlyValid() {
    std::string text = Text();
    while (Pick(10) != 0 && !IsValid(text)) text = Text();
    return text;
  }
  ledger::Hash Hash() {
    ledger::Hash hash;
    for (unsigned char& byte : hash) byte = static_cast<unsigned char>(Pick(256));
    return hash;
  }
  std::vector<core::Violation> Violations() {
    std::vector<core::Violation> out(Pick(3));
    for (core::Violation& v : out) {
      v.relation = MostlyValid();
      v.detail = MostlyValid();
      if (Pick(2) == 0) {
        v.code = MostlyValid();
        if (v.code.empty()) v.code = "within-bounds";
        v.params.resize(Pick(3));
        for (core::DetailParam& p : v.params) p = {MostlyValid(), MostlyValid()};
      }
    }
    return out;
  }
  Acknowledgement Ack() {
    Acknowledgement ack;
    ack.what = MostlyValid();
    ack.origin = MostlyValid();
    if (Pick(4) == 0) {
      ack.refused = intake::Refused{static_cast<intake::Refusal>(Pick(10)), MostlyValid()};
      return ack;
    }
    ack.verdict = static_cast<core::Verdict>(Pick(3));
    ack.seq = Pick(3) == 0 ? 0 : Pick(1'000'000'000);
    ack.version = Pick(5);
    ack.correction = Pick(2) == 0;
    ack.violations = Violations();
    ack.warnings = Violations();
    if (Pick(4) != 0) {
      ack.leaf_index = Pick(3) == 0 ? 0 : Pick(1'000'000);
      ack.inclusion.resize(Pick(5));
      for (ledger::Hash& hash : ack.inclusion) hash = Hash();
      if (Pick(5) != 0) {
        ledger::TreeHead head;
        head.size = static_cast<std::uint64_t>(Pick(1'000'000)) * 1'000'000'000ULL;
        head.root = Hash();
        head.timestamp = 1'700'000'000'000LL + Pick(1'000'000);
        head.key = Pick(3) == 0 ? "" : "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
        head.signature = Pick(3) == 0 ? "" : "c2lnbmF0dXJlK/8=";
        if (Pick(3) != 0) head.binding = ledger::HeadBinding{Hash(), Hash(), std::uint64_t(Pick(99999)), std::uint64_t(Pick(9))};
        ack.head = head;
      }
    }
    return ack;
  }
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

 private:
  static bool IsValid(const std::string& text) { return json::parse("\"" + text + "\"", nullptr, false).is_string(); }
  std::mt19937 random_;
};

// What AcknowledgementsResponse wrote through the tree before ack_text.
std::string TreeText(const std::vector<Acknowledgement>& acks, bool many) {
  json out = json::array();
  for (const Acknowledgement& ack : acks) out.push_back(AckJson(ack));
  if (many) return DumpJson({{"acknowledgements", out}});
  return DumpJson(out[0]);
}

TEST(AckTextTest, SameBytesAsTheTreeOnManyAcknowledgements) {
  RandomAcks random(22);
  int refused = 0, logged = 0, fallback = 0;
  for (int i = 0; i < 5'000; ++i) {
    const Acknowledgement ack = random.Ack();
    refused += ack.refused.has_value();
    logged += ack.head.has_value();
    const std::string tree = DumpJson(AckJson(ack));
    fallback += tree.find("\xef\xbf\xbd") != std::string::npos;
    ASSERT_EQ(AckText(ack), tree) << "acknowledgement " << i;
    ASSERT_EQ(AckText(ack, false), DumpJson(AckJson(ack, false))) << "acknowledgement " << i << " without the log";
  }
  // The cases the comparison must have met, each many times.
  EXPECT_GT(refused, 800);
  EXPECT_GT(logged, 1'000);
  EXPECT_GT(fallback, 100);  // text that is not UTF-8: its bad bytes replaced, as the tree does
}

TEST(AckTextTest, SameBytesAsTheTreeForAResponse) {
  RandomAcks random(4);
  for (int i = 0; i < 1'000; ++i) {
    std::vector<Acknowledgement> acks(1 + random.Pick(4));
    for (Acknowledgement& ack : acks) ack = random.Ack();
    ASSERT_EQ(AcknowledgementsText(acks, true), TreeText(acks, true)) << "response " << i;
    acks.resize(1);
    ASSERT_EQ(AcknowledgementsText(acks, false), TreeText(acks, false)) << "response " << i;
  }
  EXPECT_EQ(AcknowledgementsText({}, true), "{\"acknowledgements\":[]}");
}

TEST(AckTextTest, ARefusedSubmissionKeepsItsStatus) {
  Acknowledgement ack;
  ack.what = "submission 1 of s1";
  ack.origin = "signed:s1";
  ack.refused = intake::Refused{intake::Refusal::kReplay, "seq 1 was used already"};
  const HttpResponse response = AcknowledgementsResponse({ack}, false);
  EXPECT_EQ(response.status, 409u);
  EXPECT_EQ(response.body,
            "{\"message\":\"seq 1 was used already\",\"origin\":\"signed:s1\",\"refusal\":\"replay\","
            "\"status\":\"refused\",\"what\":\"submission 1 of s1\"}");
  EXPECT_EQ(AcknowledgementsResponse({ack}, true).status, 200u);
}

}  // namespace
}  // namespace saylau::server
