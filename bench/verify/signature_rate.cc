// The baseline for `saylau verify`: libsodium's own Ed25519 verification rate on the signing
// inputs of a bundle's log entries, on one thread, calling crypto_sign_verify_detached directly
// (no parsing, hashing or bookkeeping of ours). bench/verify/run divides verify's rate by it.
//   signature_rate BUNDLE_DIR [MAX_ENTRIES]
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "saylau/crypto/envelope.h"
#include "saylau/ledger/log_entry.h"

int main(int argc, char** argv) {
  if (argc < 2 || sodium_init() < 0) {
    std::fprintf(stderr, "usage: signature_rate BUNDLE_DIR [MAX_ENTRIES]\n");
    return 2;
  }
  const std::size_t max = argc > 2 ? std::stoul(argv[2]) : 200000;
  struct Input {
    std::string message, key, signature;
  };
  std::vector<Input> inputs;
  std::ifstream entries(std::string(argv[1]) + "/log/entries.jsonl");
  std::string line;
  while (inputs.size() < max && std::getline(entries, line)) {
    const auto entry = saylau::ledger::DecodeLogEntry(line);
    if (!entry || !entry->signed_entry()) continue;
    const saylau::crypto::Envelope envelope = entry->envelope();
    inputs.push_back({saylau::crypto::SigningInput(envelope), *saylau::crypto::FromBase64(envelope.key),
                      *saylau::crypto::FromBase64(envelope.signature)});
  }
  const auto started = std::chrono::steady_clock::now();
  std::size_t valid = 0;
  for (const Input& input : inputs) {
    valid +=
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(input.signature.data()),
                                    reinterpret_cast<const unsigned char*>(input.message.data()), input.message.size(),
                                    reinterpret_cast<const unsigned char*>(input.key.data())) == 0;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("libsodium: %zu of %zu signatures valid in %.2f s on 1 thread: %.0f verifications/s\n", valid,
              inputs.size(), seconds, static_cast<double>(inputs.size()) / seconds);
  return valid == inputs.size() ? 0 : 1;
}
