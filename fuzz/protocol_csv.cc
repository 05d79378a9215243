// Fuzz target: the protocol and turnout CSV reader (formats::OpenSubmissions on a .csv file),
// each row judged against a small election and its stored form decoded again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol_reading.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  saylau::fuzz::ReadAndJudge(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  return 0;
}
