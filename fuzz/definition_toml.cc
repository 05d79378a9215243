// Fuzz target: the election definition loader (TOML, formats::ParseDefinition). Whatever the
// text, it loads or returns an error; a definition that loads must also build an election
// night (counting plan, tabulation) without breaking an invariant.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "saylau/core/election_night.h"
#include "saylau/formats/definition_toml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  saylau::Result<saylau::core::Election> election = saylau::formats::ParseDefinition(text, "fuzz.toml");
  if (election) {
    const saylau::core::ElectionNight night(*election);
    (void)night;
  }
  return 0;
}
