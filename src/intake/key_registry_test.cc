// Tests of KeyRegistry's compact storage: on random sequences of registrations and uses it
// answers exactly as a plain map of the keys' text would, for canonical base64 keys and for
// odd ones (non-canonical padding bits, wrong lengths, foreign characters) alike.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "saylau/crypto/signing.h"
#include "saylau/intake/key_registry.h"

namespace saylau::intake {
namespace {

struct Expected {
  std::string holder;
  bool observer = false;
  std::int64_t last_seq = 0;
};

std::vector<std::string> KeyPool(std::mt19937_64& random) {
  std::vector<std::string> pool;
  for (int i = 0; i < 300; ++i) {
    std::string bytes(32, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() & 0xFF);
    pool.push_back(crypto::ToBase64(bytes));
  }
  // Texts that decode to the same bytes as a canonical key, or to none: kept apart from it.
  const std::string canonical = pool[0];
  std::string unused_bits = canonical;
  unused_bits[42] = unused_bits[42] == 'A' ? 'B' : 'A';  // differs in the unused low bits when 'A'/'B'
  pool.push_back(unused_bits);
  pool.push_back(canonical.substr(0, 43));  // no padding
  pool.push_back(canonical + "=");
  std::string foreign = canonical;
  foreign[5] = '-';
  pool.push_back(foreign);
  pool.push_back("");
  pool.push_back("x");
  pool.push_back(std::string(44, '='));
  pool.push_back("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  pool.push_back("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=");
  pool.push_back("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=");
  return pool;
}

TEST(KeyRegistryTest, AnswersAsAMapOfTheKeysTextOnRandomRegistrationsAndUses) {
  std::mt19937_64 random(22);
  const std::vector<std::string> pool = KeyPool(random);
  const std::vector<std::string> holders = {"c", "r1", "almaty-city-0001", "", std::string(20000, 'h'),
                                            "observer-with-a-long-name"};
  for (int round = 0; round < 20; ++round) {
    KeyRegistry keys;
    std::map<std::string, Expected> expected;
    for (int step = 0; step < 3000; ++step) {
      const std::string& key = pool[random() % pool.size()];
      switch (random() % 6) {
        case 0: {
          const std::string& holder = holders[random() % holders.size()];
          const bool observer = random() % 4 == 0;
          keys.Add(key, holder, observer);
          expected[key] = {holder, observer, 0};
          break;
        }
        case 1: {
          const auto seq = static_cast<std::int64_t>(random() % 100);
          keys.Use(key, seq);
          if (auto found = expected.find(key); found != expected.end()) {
            found->second.last_seq = std::max(found->second.last_seq, seq);
          }
          break;
        }
        case 2: {
          const auto seq = static_cast<std::int64_t>(random() % 100);
          keys.SetLastSeq(key, seq);
          if (auto found = expected.find(key); found != expected.end()) found->second.last_seq = seq;
          break;
        }
        case 3:
          if (random() % 200 == 0) {
            keys.ForgetUses();
            for (auto& [text, value] : expected) value.last_seq = 0;
          }
          break;
        default:
          break;
      }
      const KeyRegistry::Key* found = keys.Find(key);
      const auto want = expected.find(key);
      ASSERT_EQ(found != nullptr, want != expected.end()) << "key '" << key << "' at step " << step;
      ASSERT_EQ(keys.Contains(key), want != expected.end());
      if (found == nullptr) {
        ASSERT_EQ(keys.LastSeq(key), 0);
        continue;
      }
      ASSERT_EQ(found->holder, want->second.holder) << key;
      ASSERT_EQ(found->observer, want->second.observer) << key;
      ASSERT_EQ(found->last_seq, want->second.last_seq) << key;
      ASSERT_EQ(keys.LastSeq(key), want->second.last_seq) << key;
    }
    // Every key registered is found with its holder, and none other is.
    for (const std::string& key : pool) {
      const KeyRegistry::Key* found = keys.Find(key);
      const auto want = expected.find(key);
      ASSERT_EQ(found != nullptr, want != expected.end()) << key;
      if (found != nullptr) EXPECT_EQ(found->holder, want->second.holder);
    }
  }
}

TEST(KeyRegistryTest, AKeysHolderStaysValidWhileManyMoreAreAdded) {
  std::mt19937_64 random(7);
  const std::vector<std::string> pool = KeyPool(random);
  KeyRegistry keys;
  keys.Add(pool[0], "first-holder", false);
  const KeyRegistry::Key* first = keys.Find(pool[0]);
  ASSERT_NE(first, nullptr);
  for (int i = 0; i < 100000; ++i) {
    std::string bytes(32, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() & 0xFF);
    keys.Add(crypto::ToBase64(bytes), "s" + std::to_string(i), false);
  }
  EXPECT_EQ(keys.Find(pool[0]), first);
  EXPECT_EQ(first->holder, "first-holder");
  const KeyRegistry::Key* last = keys.Find(pool[1]);
  EXPECT_EQ(last, nullptr);
}

}  // namespace
}  // namespace saylau::intake
