// Every parser of user input returns a value or an error for any bytes at all: it never
// crashes, throws or reads out of bounds (this suite runs under AddressSanitizer and UBSan).
// Inputs are random bytes and random single-byte mutations of real files. And whatever the
// protocol readers make of any bytes (text that is not UTF-8, NULs, numbers past 64 bits) is
// stored as clean text that decodes again to the same submission on replay.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <limits>

#include "saylau/base/text.h"
#include "saylau/formats/counts_csv.h"
#include "saylau/formats/csv.h"
#include "saylau/formats/definition_toml.h"
#include "saylau/formats/stations_csv.h"
#include "saylau/formats/submission_json.h"
#include "saylau/formats/submission_reader.h"
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

// --- Protocols and turnout reports: read, stored, decoded again -------------------------------

rc::Gen<std::string> Bytes() { return rc::gen::container<std::string>(rc::gen::cast<char>(rc::gen::inRange(0, 256))); }

// A cell or a JSON value's text: the awkward cases, random bytes, or a plain number.
rc::Gen<std::string> Cell() {
  return rc::gen::oneOf(
      rc::gen::element<std::string>("18446744073709551615", "9223372036854775807", "9223372036854775808",
                                    "-9223372036854775808", "-9223372036854775809", "1e30", "0.5", "-1", "", "0",
                                    "list", "s1", "\xCF\xE5\xF0", "\xD1\xF2. 12", "Алматы", std::string("a\0b", 3),
                                    "\"", ",", "\n", "\r\n", "\xC2\x85", "\\u0000", "\\x", "\xED\xA0\x80",
                                    "\xEF\xBB\xBF", "{", "}", "null", "[1]", "\"12\"", "true"),
      Bytes(),
      rc::gen::map(rc::gen::inRange<std::int64_t>(-5, 2000), [](std::int64_t v) { return std::to_string(v); }));
}

bool SameProblems(const std::vector<core::Violation>& a, const std::vector<core::Violation>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].relation != b[i].relation || a[i].detail != b[i].detail) return false;
  }
  return true;
}

// What is stored for `submission` is valid UTF-8, its text fields are clean, and it decodes to
// the same submission (the origin is stored beside the body, not in it).
void CheckStoredDecodesAgain(const Submission& submission) {
  const auto clean = [](const std::string& text, TextRule rule = TextRule::kLine) {
    RC_ASSERT(!CheckText(text, rule).has_value());
  };
  std::span<const core::Violation> problems;
  if (const auto* protocol = std::get_if<core::ProtocolSubmission>(&submission)) {
    for (const std::string* text :
         {&protocol->contest, &protocol->unit, &protocol->commission, &protocol->photo, &protocol->origin}) {
      clean(*text);
    }
    clean(protocol->reason, TextRule::kMultiline);
    for (const auto& [name, value] : protocol->lines) clean(name);
    for (const std::string& item : protocol->unreadable) RC_ASSERT(IsValidUtf8(item));
    const std::string body = EncodeProtocol(*protocol);
    RC_ASSERT(IsValidUtf8(body));
    Result<core::ProtocolSubmission> decoded = DecodeProtocol(body);
    RC_ASSERT(decoded.has_value());
    RC_ASSERT(decoded->contest == protocol->contest);
    RC_ASSERT(decoded->unit == protocol->unit);
    RC_ASSERT(decoded->round == protocol->round);
    RC_ASSERT(decoded->commission == protocol->commission);
    RC_ASSERT(decoded->reason == protocol->reason);
    RC_ASSERT(decoded->photo == protocol->photo);
    RC_ASSERT(decoded->lines == protocol->lines);
    RC_ASSERT(decoded->unreadable == protocol->unreadable);
    RC_ASSERT(SameProblems(decoded->read_problems, protocol->read_problems));
    problems = protocol->read_problems;
  } else {
    const auto& report = std::get<core::TurnoutSubmission>(submission);
    for (const std::string* text : {&report.unit, &report.time, &report.commission, &report.origin}) clean(*text);
    clean(report.reason, TextRule::kMultiline);
    const std::string body = EncodeTurnout(report);
    RC_ASSERT(IsValidUtf8(body));
    Result<core::TurnoutSubmission> decoded = DecodeTurnout(body);
    RC_ASSERT(decoded.has_value());
    RC_ASSERT(decoded->unit == report.unit);
    RC_ASSERT(decoded->time == report.time);
    RC_ASSERT(decoded->voters == report.voters);
    RC_ASSERT(decoded->issued == report.issued);
    RC_ASSERT(decoded->commission == report.commission);
    RC_ASSERT(decoded->reason == report.reason);
    RC_ASSERT(decoded->unreadable == report.unreadable);
    RC_ASSERT(SameProblems(decoded->read_problems, report.read_problems));
    problems = report.read_problems;
  }
  // The stored reasons (the problems among them) decode again too.
  const std::string reasons = EncodeViolations(problems);
  RC_ASSERT(IsValidUtf8(reasons));
  Result<std::vector<core::Violation>> decoded = DecodeViolations(reasons);
  RC_ASSERT(decoded.has_value());
  RC_ASSERT(SameProblems(*decoded, {problems.begin(), problems.end()}));
}

// Reads every submission of `text`; a file that cannot be read on is an error naming it.
void ReadAllAndCheck(const std::string& text, const std::string& file_name) {
  Result<std::unique_ptr<SubmissionReader>> reader = OpenSubmissions(text, file_name);
  if (!reader) {
    RC_ASSERT(IsValidUtf8(reader.error().message));
    return;
  }
  Submission next;
  for (int read = 0; read < 10'000; ++read) {
    Result<bool> got = (*reader)->Next(next);
    if (!got) {
      RC_ASSERT(IsValidUtf8(got.error().message));
      return;
    }
    if (!*got) return;
    CheckStoredDecodesAgain(next);
  }
  RC_FAIL("the reader never ends");
}

RC_GTEST_PROP(ParsersRobustnessTest, CsvRowsOfAnyBytesAreStoredAsWhatDecodesAgain, ()) {
  const bool turnout = *rc::gen::arbitrary<bool>();
  std::string text = turnout ? "unit,time,voters,issued,commission,reason\n"
                             : "contest,unit,round,commission,reason,photo_sha256,voters,issued,amanat\n";
  const int rows = *rc::gen::inRange(0, 6);
  for (int r = 0; r < rows; ++r) {
    const int fields = *rc::gen::inRange(1, 11);
    for (int f = 0; f < fields; ++f) {
      const std::string cell = *Cell();
      text += (f > 0 ? "," : "") + (*rc::gen::arbitrary<bool>() ? CsvField(cell) : cell);
    }
    text += "\n";
  }
  if (*rc::gen::inRange(0, 4) == 0) text = Mutate(text);
  ReadAllAndCheck(text, *rc::gen::element<std::string>("night.csv", "ночь.csv", "\xED\xEE\xF7\xFC.csv"));
}

RC_GTEST_PROP(ParsersRobustnessTest, JsonLinesOfAnyBytesAreStoredAsWhatDecodesAgain, ()) {
  std::string text;
  const int lines = *rc::gen::inRange(1, 6);
  for (int l = 0; l < lines; ++l) {
    // A cell quoted as JSON does (bytes as they are), or raw, which may break the JSON.
    const auto string = [] {
      const std::string cell = *Cell();
      return *rc::gen::arbitrary<bool>() ? JsonString(cell) : cell;
    };
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        text += "{\"contest\":" + string() + ",\"unit\":" + string() + ",\"round\":" + *Cell() +
                ",\"reason\":" + string() + ",\"lines\":{" + string() + ":" + *Cell() + ",\"voters\":" + *Cell() + "}}";
        break;
      case 1:
        text += "{\"unit\":" + string() + ",\"time\":" + string() + ",\"voters\":" + *Cell() +
                ",\"issued\":" + *Cell() + ",\"commission\":" + string() + "}";
        break;
      default:
        text += *Bytes();
    }
    text += "\n";
  }
  if (*rc::gen::inRange(0, 4) == 0) text = Mutate(text);
  ReadAllAndCheck(text, "night.jsonl");
}

RC_GTEST_PROP(ParsersRobustnessTest, SignedBodiesOfAnyBytesAreStoredAsWhatDecodesAgain, ()) {
  const std::string body = *rc::gen::oneOf(Bytes(), rc::gen::map(Cell(), [](const std::string& cell) {
                                             return "{\"contest\":\"list\",\"unit\":" + JsonString(cell) +
                                                    ",\"lines\":{" + JsonString(cell) + ":1}}";
                                           }));
  Result<Submission> parsed = ParseSubmissionJson(body, "api:s1#1");
  if (!parsed) {
    RC_ASSERT(IsValidUtf8(parsed.error().message));
    return;
  }
  CheckStoredDecodesAgain(*parsed);
}

RC_GTEST_PROP(ParsersRobustnessTest, StoredBodyDecodersNeverThrow, ()) {
  static const std::string protocol = EncodeProtocol(
      {"list", "s1", 1, "d1", "recount", "", {{"voters", 1000}, {"a", 400}}, {"b='x'"}, {{"utf8", "unit: x"}}, ""});
  const std::string text = *rc::gen::element(0, 1) == 0 ? Mutate(protocol) : *Bytes();
  for (const auto& decode : {+[](std::string_view t) { return DecodeProtocol(t).has_value(); },
                             +[](std::string_view t) { return DecodeTurnout(t).has_value(); },
                             +[](std::string_view t) { return DecodeStageChange(t).has_value(); },
                             +[](std::string_view t) { return DecodeRecount(t).has_value(); },
                             +[](std::string_view t) { return DecodeViolations(t).has_value(); }}) {
    (void)decode(text);
  }
  if (Result<core::ProtocolSubmission> decoded = DecodeProtocol(text)) {
    // What decodes re-encodes to what decodes to the same.
    Result<core::ProtocolSubmission> again = DecodeProtocol(EncodeProtocol(*decoded));
    RC_ASSERT(again.has_value());
    RC_ASSERT(again->lines == decoded->lines);
    RC_ASSERT(again->unreadable == decoded->unreadable);
  }
}

// The body's bytes, both ways of writing the lines: names that need no escaping, through a
// pointer; names that do, piece by piece (the numbers at both ends of 64 bits in each).
TEST(SubmissionTextTest, ProtocolBodiesAreWrittenExactly) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min(), kMax = std::numeric_limits<std::int64_t>::max();
  core::ProtocolSubmission plain{"list", "s1", 2, "", "", "", {{"voters", kMin}, {"a", kMax}, {"", 0}, {"b-c", -7}}};
  EXPECT_EQ(EncodeProtocol(plain),
            R"({"contest":"list","unit":"s1","round":2,"lines":{"voters":-9223372036854775808,)"
            R"("a":9223372036854775807,"":0,"b-c":-7}})");
  core::ProtocolSubmission escaped = plain;
  escaped.lines[1].first = "q\"x\\\n";
  EXPECT_EQ(EncodeProtocol(escaped),
            R"({"contest":"list","unit":"s1","round":2,"lines":{"voters":-9223372036854775808,)"
            R"("q\"x\\\n":9223372036854775807,"":0,"b-c":-7}})");
  core::ProtocolSubmission none{"list", "s1", 1, "", "", "", {}};
  EXPECT_EQ(EncodeProtocol(none), R"({"contest":"list","unit":"s1","round":1,"lines":{}})");
}

// A protocol file exported from office software in CP1251: the row is kept, with a `utf8`
// problem naming the field and the fix, and its bytes escaped; the other rows are untouched.
TEST(SubmissionTextTest, ACp1251RowIsKeptWithItsProblemAndTheOthersAreUntouched) {
  const std::string text =
      "contest,unit,commission,reason,voters,amanat\n"
      "list,s1,,,1000,400\n"
      "list,s2,r1,\xCF\xE5\xF0\xE5\xF1\xF7\xE5\xF2,1000,400\n"  // "Пересчет" in CP1251
      "list,s3,,,1000,400\n";
  Result<std::unique_ptr<SubmissionReader>> reader = OpenSubmissions(text, "night.csv");
  ASSERT_TRUE(reader) << reader.error().message;
  std::vector<core::ProtocolSubmission> rows;
  Submission next;
  while (true) {
    Result<bool> got = (*reader)->Next(next);
    ASSERT_TRUE(got) << got.error().message;
    if (!*got) break;
    rows.push_back(std::get<core::ProtocolSubmission>(next));
  }
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].read_problems.empty());
  EXPECT_TRUE(rows[2].read_problems.empty());
  ASSERT_EQ(rows[1].read_problems.size(), 1u);
  EXPECT_EQ(rows[1].origin, "night.csv:3");
  EXPECT_EQ(rows[1].read_problems[0].relation, "utf8");
  EXPECT_EQ(rows[1].read_problems[0].detail,
            "reason: not UTF-8 at byte 1 (0xCF 0xE5 0xF0 0xE5): '\\xCF\\xE5\\xF0\\xE5\\xF1\\xF7\\xE5\\xF2'; "
            "convert with iconv -f cp1251 -t utf-8");
  EXPECT_EQ(rows[1].reason, "\\xCF\\xE5\\xF0\\xE5\\xF1\\xF7\\xE5\\xF2");
  EXPECT_EQ(rows[1].lines, rows[0].lines);
  Result<core::ProtocolSubmission> decoded = DecodeProtocol(EncodeProtocol(rows[1]));
  ASSERT_TRUE(decoded) << decoded.error().message;
  ASSERT_EQ(decoded->read_problems.size(), 1u);
  EXPECT_EQ(decoded->read_problems[0].detail, rows[1].read_problems[0].detail);
}

TEST(SubmissionTextTest, NumbersAreReadAsWhatTheyAreAndALineThatIsNotJsonSaysSo) {
  const std::string csv = "contest,unit,voters,amanat\nlist,s1,1000,18446744073709551615\n";
  Result<std::unique_ptr<SubmissionReader>> reader = OpenSubmissions(csv, "p.csv");
  ASSERT_TRUE(reader);
  Submission next;
  ASSERT_TRUE(*(*reader)->Next(next));
  const auto& protocol = std::get<core::ProtocolSubmission>(next);
  EXPECT_TRUE(protocol.lines.size() == 1 && protocol.lines[0].second == 1000);
  EXPECT_EQ(protocol.unreadable, std::vector<std::string>{"amanat='18446744073709551615' (out of range)"});

  const std::string jsonl =
      "{\"contest\":\"list\",\"unit\":\"s1\",\"lines\":{\"amanat\":18446744073709551615}}\n"
      "not json\n"
      "{\"unit\":\"s\xD1\xF2\",\"time\":\"10:00\",\"voters\":5,\"issued\":1}\n";
  reader = OpenSubmissions(jsonl, "p.jsonl");
  ASSERT_TRUE(reader);
  ASSERT_TRUE(*(*reader)->Next(next));
  EXPECT_TRUE(std::get<core::ProtocolSubmission>(next).lines.empty());
  EXPECT_EQ(std::get<core::ProtocolSubmission>(next).unreadable,
            std::vector<std::string>{"amanat=18446744073709551615 (out of range)"});
  ASSERT_TRUE(*(*reader)->Next(next));
  const auto& broken = std::get<core::ProtocolSubmission>(next);
  EXPECT_EQ(broken.origin, "p.jsonl:2");
  ASSERT_EQ(broken.read_problems.size(), 1u);
  EXPECT_EQ(broken.read_problems[0].relation, "readable-lines");
  EXPECT_EQ(broken.read_problems[0].detail, "line 2 is not JSON (at byte 2): 'not json'");
  ASSERT_TRUE(*(*reader)->Next(next));
  const auto& report = std::get<core::TurnoutSubmission>(next);
  EXPECT_EQ(report.unit, "s\\xD1\\xF2");
  ASSERT_EQ(report.read_problems.size(), 1u);
  EXPECT_EQ(report.read_problems[0].relation, "utf8");
  EXPECT_EQ(report.read_problems[0].detail,
            "unit: not UTF-8 (the bytes are shown \\xHH): 's\\xD1\\xF2'; convert with iconv -f cp1251 -t utf-8");
  EXPECT_FALSE(*(*reader)->Next(next));
}

// A file in UTF-16 is refused whole; a header that is not clean text too, naming the column.
TEST(SubmissionTextTest, FilesThatAreNotUtf8AtAllAreRefusedWhole) {
  Result<std::unique_ptr<SubmissionReader>> utf16 = OpenSubmissions(std::string("\xFF\xFEu\0n\0", 6), "p.csv");
  ASSERT_FALSE(utf16);
  EXPECT_EQ(utf16.error().message, "p.csv: the file is UTF-16, not UTF-8: convert with iconv -f utf-16 -t utf-8");
  Result<std::unique_ptr<SubmissionReader>> header = OpenSubmissions("contest,unit,\xC0\xEC\n", "p.csv");
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().message,
            "p.csv:1: column 3: its name: not UTF-8 at byte 1 (0xC0 0xEC): '\\xC0\\xEC'; convert with iconv -f "
            "cp1251 -t utf-8");
}

// Reading and decoding stay linear in the number of lines, even for a row with read problems
// (the stored body's own reader, never a JSON object that looks keys up one by one).
TEST(SubmissionTextTest, AProtocolWithManyLinesIsReadAndDecodedInLinearTime) {
  std::string header = "contest,unit,reason", row = "list,s1,\xCF\xE5";
  std::string json = "{\"contest\":\"list\",\"unit\":\"s\xCF\",\"lines\":{";
  constexpr int kLines = 30'000;  // quadratic work would take minutes; this takes about a second
  for (int i = 0; i < kLines; ++i) {
    header += ",o" + std::to_string(i);
    row += "," + std::to_string(i);
    json += (i > 0 ? ",\"o" : "\"o") + std::to_string(i) + "\":" + std::to_string(i);
  }
  json += "}}";
  const std::string csv = header + "\n" + row + "\n";
  for (const auto& [text, name] : {std::pair{csv, "many.csv"}, std::pair{json, "many.jsonl"}}) {
    Result<std::unique_ptr<SubmissionReader>> reader = OpenSubmissions(text, name);
    ASSERT_TRUE(reader) << reader.error().message;
    Submission next;
    ASSERT_TRUE(*(*reader)->Next(next));
    const auto& protocol = std::get<core::ProtocolSubmission>(next);
    EXPECT_EQ(protocol.lines.size(), static_cast<std::size_t>(kLines));
    ASSERT_EQ(protocol.read_problems.size(), 1u);
    Result<core::ProtocolSubmission> decoded = DecodeProtocol(EncodeProtocol(protocol));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->lines, protocol.lines);
    EXPECT_EQ(decoded->read_problems.size(), 1u);
  }
}

// init refuses ids and names that are not clean text, naming the file, line and field.
TEST(SubmissionTextTest, StationsAndDefinitionsRefuseTextThatIsNotClean) {
  Result<core::Election> election = LoadDefinition(std::string(SAYLAU_SOURCE_DIR) + "/tests/data/good/night.toml");
  ASSERT_TRUE(election) << election.error().message;
  const std::string stations = std::string("id,parent,registered_voters,name_ru\n") + "s1,d1,1000,\xD1\xF2. 1\n" +
                               std::string("s\0x,d1,1000,ok\n", 15) + "s 3,d1,1000,ok\n";
  Result<core::Election> added = AddStations(*election, stations, "st.csv");
  ASSERT_FALSE(added);
  const std::string& message = added.error().message;
  EXPECT_NE(message.find("st.csv:2: name_ru: not UTF-8 at byte 1 (0xD1 0xF2 0x2E 0x20): '\\xD1\\xF2. 1'; convert "
                         "with iconv -f cp1251 -t utf-8"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("st.csv:3: id: control character U+0000 at byte 2: 's\\x00x'"), std::string::npos) << message;
  EXPECT_NE(message.find("st.csv:4: id: character ' ' at byte 2 is not allowed in an id"), std::string::npos)
      << message;
  EXPECT_TRUE(IsValidUtf8(message));

  std::string definition = Source("tests/data/good/night.toml");
  definition.replace(definition.find("id = \"r2\""), 9, "id = \"r\\u0000\"");
  definition.replace(definition.find("Region 1"), 8, "Re\\u0007ion");
  Result<core::Election> parsed = ParseDefinition(definition, "night.toml");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("night.toml:18: name.en: control character U+0007 at byte 3"),
            std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("night.toml:22: id: control character U+0000 at byte 2"), std::string::npos)
      << parsed.error().message;
  std::string latin1 = Source("tests/data/good/night.toml");
  latin1.replace(latin1.find("Region 1"), 8, "R\xE9gion");
  parsed = ParseDefinition(latin1, "night.toml");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("night.toml:"), std::string::npos) << parsed.error().message;
  EXPECT_TRUE(IsValidUtf8(parsed.error().message)) << parsed.error().message;
}

}  // namespace
}  // namespace saylau::formats
