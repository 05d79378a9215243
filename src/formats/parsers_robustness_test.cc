// Every parser of user input returns a value or an error for any bytes at all: it never
// crashes, throws or reads out of bounds (this suite runs under AddressSanitizer and UBSan).
// Inputs are random bytes and random single-byte mutations of real files.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/votes_csv.h"

namespace saylau::formats {
namespace {

std::string Source(const std::string& relative) {
  Result<std::string> text = ReadFile(std::string(SAYLAU_SOURCE_DIR) + "/" + relative);
  return text ? *text : std::string();
}

// `text` with a few bytes replaced, deleted or duplicated at random places.
std::string Mutate(std::string text) {
  const int edits = *rc::gen::inRange(1, 6);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        text[at] = *rc::gen::arbitrary<char>();
        break;
      case 1:
        text.erase(at, 1);
        break;
      default:
        text.insert(at, 1, text[at]);
        break;
    }
  }
  return text;
}

RC_GTEST_PROP(ParsersRobustnessTest, DefinitionParserNeverCrashes, ()) {
  static const std::string real = Source("elections/kz/2022-11-20-president.toml");
  const std::string text = *rc::gen::element(0, 1) == 0 ? Mutate(real) : *rc::gen::arbitrary<std::string>();
  Result<core::Election> got = ParseDefinition(text, "fuzz.toml");
  if (!got) RC_ASSERT(got.error().message.find("fuzz.toml") == 0);
}

RC_GTEST_PROP(ParsersRobustnessTest, VotesParserNeverCrashes, ()) {
  const std::string text =
      *rc::gen::element(0, 1) == 0 ? Mutate("option,votes\n\"A, b\",10\nC,20\n") : *rc::gen::arbitrary<std::string>();
  Result<std::vector<core::ListVotes>> got = ParseVotesCsv(text, "fuzz.csv");
  if (!got) RC_ASSERT(got.error().message.find("fuzz.csv") == 0);
}

RC_GTEST_PROP(ParsersRobustnessTest, CountsParserNeverCrashes, ()) {
  static const Result<core::Election> election =
      LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/elections/kz/2023-03-19-mazhilis.toml");
  RC_ASSERT(election.has_value());
  static const std::string real = Source("data/kz/counts/mazhilis-2023-list-national.csv");
  const std::string text = Mutate(real);
  Result<CountsByContest> got = ParseCountsCsv(text, "fuzz.csv", *election);
  if (!got) RC_ASSERT(got.error().message.find("fuzz.csv") == 0);
}

}  // namespace
}  // namespace saylau::formats
