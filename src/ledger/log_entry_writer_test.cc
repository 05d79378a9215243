// EncodeLogEntry (bytes written directly) against the encoder it replaced (a JSON tree dumped
// by nlohmann, copied here as the reference): byte-identical on many protocol-like entries,
// signed and unsigned, and on hostile strings (every control byte, quotes, backslashes,
// multi-byte UTF-8); where the reference refuses text that is not UTF-8, the new one refuses
// it the same way. A changed byte would change every stored log's leaf hashes.
#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "saylau/ledger/log_entry.h"

namespace saylau::ledger {
namespace {

// The encoder as it was before log_entry_writer.cc (the reference).
std::string ReferenceEncode(const LogEntry& entry) {
  nlohmann::ordered_json json;
  json["kind"] = entry.kind;
  json["verdict"] = entry.accepted ? "accepted" : "rejected";
  json["received_at"] = entry.received_at;
  if (entry.signed_entry()) {
    json["commission"] = entry.commission;
    json["key"] = entry.key;
    json["key_seq"] = entry.key_seq;
    json["signature"] = entry.signature;
  }
  json["body"] = entry.body;
  return json.dump();
}

// Either the bytes, or "throws: <what>" when the encoder throws.
std::string Outcome(std::string (*encode)(const LogEntry&), const LogEntry& entry) {
  try {
    return encode(entry);
  } catch (const std::exception& error) {
    return std::string("throws: ") + error.what();
  }
}

void ExpectSameAsReference(const LogEntry& entry) {
  const std::string expected = Outcome(ReferenceEncode, entry);
  const std::string got = Outcome(EncodeLogEntry, entry);
  ASSERT_EQ(got, expected) << "body: " << testing::PrintToString(entry.body);
  if (expected.rfind("throws: ", 0) != 0) {
    Result<LogEntry> decoded = DecodeLogEntry(got);
    ASSERT_TRUE(decoded.has_value()) << got;
    EXPECT_EQ(*decoded, entry);
  }
}

// Pieces that need care: every control byte, the characters JSON escapes, DEL, multi-byte
// UTF-8 (Cyrillic, Kazakh, an emoji), and bytes that are not UTF-8 (a stray continuation, an
// overlong '/', a surrogate, above U+10FFFF, a sequence cut short, CP1251).
std::vector<std::string> HostilePieces() {
  std::vector<std::string> pieces;
  for (int c = 0; c < 0x20; ++c) pieces.emplace_back(1, static_cast<char>(c));
  for (const char* text : {"\"", "\\", "/", "\x7f", "\\u0000", "\\\"", "{\"a\":1}", "Қазақстан", "Выборы",
                           "\xF0\x9F\x97\xB3", "\xC2\x80", "\xEF\xBF\xBF", "astana-0001", " ", ""}) {
    pieces.emplace_back(text);
  }
  return pieces;
}

std::vector<std::string> InvalidPieces() {
  return {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xCF\xF2", "\xF5", "\xFF"};
}

std::string RandomText(std::mt19937& random, const std::vector<std::string>& pieces, int max_pieces) {
  std::string text;
  const int count = static_cast<int>(random() % (max_pieces + 1));
  for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
  return text;
}

// A body as ingest stores one: {"contest":..,"unit":..,"round":1,"lines":{...}} with numbers.
std::string ProtocolBody(std::mt19937& random, const std::string& unit_text) {
  std::string body = "{\"contest\":\"mazhilis-list\",\"unit\":\"" + unit_text + "\",\"round\":1,\"lines\":{";
  const int lines = 3 + static_cast<int>(random() % 20);
  for (int i = 0; i < lines; ++i) {
    if (i > 0) body += ',';
    body += "\"line-" + std::to_string(i) + "\":" + std::to_string(random() % 100000);
  }
  return body + "}}";
}

LogEntry RandomEntry(std::mt19937& random, bool hostile, bool invalid) {
  std::vector<std::string> pieces = HostilePieces();
  if (invalid) {
    for (std::string& piece : InvalidPieces()) pieces.push_back(piece);
  }
  const auto text = [&](int max_pieces) { return RandomText(random, pieces, max_pieces); };
  LogEntry entry;
  entry.kind = hostile ? text(3) : std::vector<std::string>{"protocol", "turnout", "stage", "recount"}[random() % 4];
  entry.accepted = random() % 2 == 0;
  entry.received_at = hostile ? text(4) : "2023-03-19T21:04:11Z";
  entry.body = ProtocolBody(random, hostile ? text(6) : "abai-" + std::to_string(random() % 10000));
  if (hostile && random() % 3 == 0) entry.body = text(12);
  if (random() % 2 == 0) {
    entry.commission = hostile ? text(3) : "astana-0001";
    entry.key = hostile ? text(3) + "k" : "q1l2ZJvW3cXkUeP6qg0pQz3u3kIh9Vv1bXf2mXJtq0U=";
    entry.key_seq = static_cast<std::int64_t>(random()) - (hostile ? 1'000'000'000 : 0);
    entry.signature = hostile ? text(3) : std::string(88, 'A');
  }
  return entry;
}

TEST(LogEntryWriter, EqualsTheJsonTreeOnProtocolEntries) {
  std::mt19937 random(20230319);
  for (int i = 0; i < 4000; ++i) ExpectSameAsReference(RandomEntry(random, false, false));
}

TEST(LogEntryWriter, EqualsTheJsonTreeOnHostileStrings) {
  std::mt19937 random(7);
  for (int i = 0; i < 4000; ++i) ExpectSameAsReference(RandomEntry(random, true, false));
}

TEST(LogEntryWriter, EveryByteAloneAndInContext) {
  for (int c = 0; c < 256; ++c) {
    LogEntry entry;
    entry.kind = "protocol";
    entry.received_at = "2023-03-19T21:04:11Z";
    entry.body = std::string(1, static_cast<char>(c));
    ExpectSameAsReference(entry);
    entry.body = "before" + std::string(1, static_cast<char>(c)) + "after\"\\";
    ExpectSameAsReference(entry);
  }
}

TEST(LogEntryWriter, TextThatIsNotUtf8FailsAsBefore) {
  std::mt19937 random(11);
  int refused = 0;
  for (int i = 0; i < 2000; ++i) {
    const LogEntry entry = RandomEntry(random, true, true);
    ExpectSameAsReference(entry);
    refused += Outcome(EncodeLogEntry, entry).rfind("throws: ", 0) == 0 ? 1 : 0;
  }
  EXPECT_GT(refused, 200);  // the invalid pieces were drawn, and refused
  LogEntry entry;
  entry.kind = "protocol";
  entry.body = "\xCF\xF2";  // CP1251
  EXPECT_THROW(EncodeLogEntry(entry), nlohmann::json::type_error);
}

// One buffer reused from entry to entry (what HashLeaves does) holds each entry's own bytes:
// nothing left over from a longer entry before, whatever the previous one was.
TEST(LogEntryWriter, IntoAReusedBufferGivesTheSameBytes) {
  std::mt19937 random(31);
  std::string reused = std::string(5000, 'x');
  for (int i = 0; i < 4000; ++i) {
    const LogEntry entry = RandomEntry(random, i % 2 == 0, false);
    EncodeLogEntryInto(entry, reused);
    ASSERT_EQ(reused, ReferenceEncode(entry)) << i;
  }
}

TEST(LogEntryWriter, SequenceNumbersAtTheirLimits) {
  for (const std::int64_t seq : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-1}, std::int64_t{0},
                                 std::int64_t{1}, std::numeric_limits<std::int64_t>::max()}) {
    LogEntry entry{"protocol", true, "2023-03-19T21:04:11Z", "astana-0001", "key", seq, "sig", "{}"};
    EXPECT_EQ(EncodeLogEntry(entry), ReferenceEncode(entry));
  }
}

}  // namespace
}  // namespace saylau::ledger
