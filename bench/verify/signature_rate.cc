// The baseline for `saylau verify`: libsodium's own Ed25519 verification rate on the signing
// inputs of a bundle's log entries, on THREADS threads (default 1) each checking its share,
// calling crypto_sign_verify_detached directly
// (no parsing, hashing or bookkeeping of ours). bench/verify/run divides verify's rate by it.
// With --rule, also prints saylau's pinned rule (crypto/ed25519_verify.h) on the same inputs
// on one thread, one at a time and in batches of 64 (stderr: the first line stays the baseline).
//   signature_rate BUNDLE_DIR [MAX_ENTRIES] [THREADS] [--rule]
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "saylau/crypto/ed25519_verify.h"
#include "saylau/crypto/envelope.h"
#include "saylau/ledger/log_entry.h"

int main(int argc, char** argv) {
  if (argc < 2 || sodium_init() < 0) {
    std::fprintf(stderr, "usage: signature_rate BUNDLE_DIR [MAX_ENTRIES] [THREADS]\n");
    return 2;
  }
  const std::size_t max = argc > 2 ? std::stoul(argv[2]) : 200000;
  const std::size_t threads = argc > 3 ? std::max(1ul, std::stoul(argv[3])) : 1;
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
  std::atomic<std::size_t> valid = 0;
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        std::size_t mine = 0;
        for (std::size_t i = t; i < inputs.size(); i += threads) {
          const Input& input = inputs[i];
          mine += crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(input.signature.data()),
                                              reinterpret_cast<const unsigned char*>(input.message.data()),
                                              input.message.size(),
                                              reinterpret_cast<const unsigned char*>(input.key.data())) == 0;
        }
        valid += mine;
      });
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("libsodium: %zu of %zu signatures valid in %.2f s on %zu thread%s: %.0f verifications/s\n", valid.load(),
              inputs.size(), seconds, threads, threads == 1 ? "" : "s", static_cast<double>(inputs.size()) / seconds);
  std::fflush(stdout);
  const bool rule = argc > 4 && std::string(argv[4]) == "--rule";
  if (!rule) return valid == inputs.size() ? 0 : 1;
  const auto rate = [&](const char* what, auto&& check) {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t ok = check();
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "saylau's rule, %s: %zu valid in %.2f s on 1 thread: %.0f verifications/s\n", what, ok,
                 took, static_cast<double>(inputs.size()) / took);
  };
  rate("one at a time", [&] {
    std::size_t ok = 0;
    for (const Input& input : inputs) {
      ok += saylau::crypto::CheckSignature(input.key, input.message, input.signature) ==
            saylau::crypto::SignatureCheck::kValid;
    }
    return ok;
  });
  rate("in batches of 64", [&] {
    std::vector<saylau::crypto::SignatureToCheck> items;
    for (const Input& input : inputs) items.push_back({input.key, input.message, input.signature});
    std::size_t ok = 0;
    for (const bool v : saylau::crypto::CheckSignatures(items)) ok += v;
    return ok;
  });
  return valid == inputs.size() ? 0 : 1;
}
