// OpenSubmissionFile (a file read in pieces) against OpenSubmissions over the whole text: the
// same submissions, origins, problems and errors, whatever the size of the pieces, on fixed
// shapes (quotes, line breaks in quoted fields, CRLF, lone CR, byte-order mark, blank lines,
// broken quotes, JSON Lines, the open data) and on thousands of random CSV texts.
#include "saylau/formats/submission_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace saylau::formats {
namespace {

std::string Problems(const std::vector<core::Violation>& problems) {
  std::string out;
  for (const core::Violation& v : problems) out += "[" + v.relation + ":" + v.detail + "]";
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "{" + item + "}";
  return out;
}

// Every field of a submission, for comparing two reads.
std::string Describe(const Submission& submission) {
  if (const auto* p = std::get_if<core::ProtocolSubmission>(&submission)) {
    std::string out = "P|" + p->contest + "|" + p->unit + "|" + std::to_string(p->round) + "|" + p->commission + "|" +
                      p->reason + "|" + p->photo + "|";
    for (const auto& [name, value] : p->lines) out += name + "=" + std::to_string(value) + ";";
    return out + "|" + Join(p->unreadable) + "|" + Problems(p->read_problems) + "|" + p->origin;
  }
  const auto& t = std::get<core::TurnoutSubmission>(submission);
  return "T|" + t.unit + "|" + t.time + "|" + std::to_string(t.round) + "|" + std::to_string(t.voters) + "|" +
         std::to_string(t.issued) + "|" + t.commission + "|" + t.reason + "|" + Join(t.unreadable) + "|" +
         Problems(t.read_problems) + "|" + t.origin;
}

// What a reader gives: each submission described, then the error that stopped it, if any.
std::vector<std::string> ReadAll(Result<std::unique_ptr<SubmissionReader>> reader) {
  std::vector<std::string> out;
  if (!reader) return {"open error: " + reader.error().message};
  Submission next;
  while (true) {
    Result<bool> got = (*reader)->Next(next);
    if (!got) {
      out.push_back("error: " + got.error().message);
      break;
    }
    if (!*got) break;
    out.push_back(Describe(next));
  }
  out.push_back("position " + std::to_string((*reader)->position()) + " of " + std::to_string((*reader)->size()));
  return out;
}

class SubmissionFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("saylau-submission-file-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Reads `text` as file `name` whole and in pieces of several sizes; all must agree.
  void ExpectSameInPieces(const std::string& text, const std::string& name) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    const std::vector<std::string> whole = ReadAll(OpenSubmissions(text, name));
    for (std::size_t piece : {1, 2, 3, 5, 8, 13, 64, 1000, 1 << 20}) {
      ASSERT_EQ(ReadAll(OpenSubmissionFile(path, piece, name)), whole)
          << "pieces of " << piece << " bytes, text:\n"
          << text;
    }
  }

  std::filesystem::path dir_;
};

TEST_F(SubmissionFileTest, ReadsFixedShapesAsTheWholeText) {
  const std::string header = "contest,unit,round,voters,valid,reason\n";
  const std::vector<std::string> csv = {
      header + "c,u1,1,10,9,\nc,u2,1,11,8,\n",
      header + "c,u1,1,10,9,\"a reason, with a comma\"\nc,u2,,1,2,\"two\nlines\"\nc,u3,1,x,2,\n",
      "\xEF\xBB\xBF" + header + "c,u1,1,10,9,\r\n\r\n\nc,u2,1,1,1,\r\n",
      "\xEF\xBB\xBF\"contest\",unit,round,voters,valid,reason\n\"c\",u1,1,1,1,\"say \"\"hi\"\"\"\n",
      header + "c,u1,1,1,1,\"never closed\nc,u2,1,1,1,\n",
      header + "c,u1,1,1,1,\"closed\"then\nc,u2,1,1,1,\n",
      header + "c,u1,1,1,1,ab\"c\nc,u2,1,1,1,\"x\ny\"\nc,u3,1,1,1,\n",
      header + "\r\"c\",u1,1,1,1,\"a\nb\"\nc,u2,1,1,1,\n",
      header + "c,u1,1,1,1,a\rb\nc,u2,1,1,1,\"q\"\rz\n",
      header + "c,u1,1,1,1,last without a line break",
      header,
      "",
      "\n\n  \n",
      "unit,time,voters,issued\nu1,10:00,5,3\nu2,10:00,x,3\n",
      "contest,unit,round,option,votes\nc,u1,1,a,5\nc,u1,1,b,7\nc,u2,1,a,1\nc,u2,1,b,2\n",
      "contest,unit,voters\nc,u1,1,extra\nc,u2\n",
  };
  for (const std::string& text : csv) ExpectSameInPieces(text, "p.csv");
  ExpectSameInPieces("\n{\"contest\":\"c\",\"unit\":\"u1\",\"lines\":{\"voters\":3}}\r\nnot json\n\n"
                     "{\"unit\":\"u2\",\"time\":\"10:00\",\"voters\":1,\"issued\":1}",
                     "p.jsonl");
  ExpectSameInPieces("{\"contest\":\"c\",\"unit\":\"u1\",\"lines\":{\"voters\":3}}\n", "p.txt");
  ExpectSameInPieces("{\"contest\":\"c\",\"unit\":\"u1\",\"round\":1,\"option\":\"a\",\"votes\":5}\n", "p.jsonl");
}

TEST_F(SubmissionFileTest, ReadsRandomCsvAsTheWholeText) {
  // Fields drawn from pieces that exercise every state of the reader.
  const std::vector<std::string> parts = {"", "1", "x", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "c", "u1", "7"};
  std::mt19937 random(22);
  for (int round = 0; round < 2000; ++round) {
    std::string text = random() % 8 == 0 ? "\xEF\xBB\xBF" : "";
    text += "contest,unit,round,voters,reason\n";
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) text += parts[random() % parts.size()];
    const std::string path = (dir_ / "r.csv").string();
    std::ofstream(path, std::ios::binary) << text;
    const std::vector<std::string> whole = ReadAll(OpenSubmissions(text, "r.csv"));
    const std::size_t piece = 1 + random() % 24;
    ASSERT_EQ(ReadAll(OpenSubmissionFile(path, piece, "r.csv")), whole) << "pieces of " << piece << ":\n" << text;
  }
}

TEST_F(SubmissionFileTest, CutsOnlyAfterWholeRecords) {
  EXPECT_EQ(CsvWholeRecordsEnd("a,b\nc,d"), 4u);
  EXPECT_EQ(CsvWholeRecordsEnd("a,\"b\nc\",d\ne"), 10u);
  EXPECT_EQ(CsvWholeRecordsEnd("a,\"b\nc"), 0u);
  EXPECT_EQ(CsvWholeRecordsEnd("a,b\r\nc\r"), 5u);
  EXPECT_EQ(CsvWholeRecordsEnd("a\"b\nc"), 4u);                    // a quote inside a field is a character
  EXPECT_EQ(CsvWholeRecordsEnd("x\n\"q\"z\nmore\n"), 2u);         // text after a closing quote: no cut past it
}

TEST_F(SubmissionFileTest, NamesAFileThatCannotBeRead) {
  Result<std::unique_ptr<SubmissionReader>> reader = OpenSubmissionFile((dir_ / "missing.csv").string());
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace saylau::formats
