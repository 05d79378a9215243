// Fuzz target: the protocol and turnout JSON Lines reader (formats::OpenSubmissions on a
// .jsonl file, and formats::ParseSubmissionJson on the whole text as one signed body), each
// submission judged against a small election and its stored form decoded again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol_reading.h"
#include "saylau/formats/submission_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  saylau::fuzz::ReadAndJudge(text, "fuzz.jsonl");
  (void)saylau::formats::ParseSubmissionJson(text, "api:fuzz#1");
  return 0;
}
