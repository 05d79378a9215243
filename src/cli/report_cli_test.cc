// saylau report --pdf end to end: a small Mazhilis night (synth, init, ingest, certify) printed by
// the real headless Chromium from the built dashboard (web/dist, scripts/build-web): a PDF of one
// to three A4 pages that names the contest and carries the national figures (read back with
// pdftotext when poppler-utils is installed). And the hostile side: a contest or unit that is not
// there, a language we do not speak, no Chromium, a Chromium that fails, hangs or writes nothing —
// each a clear message and an exit code scripts can trust, no PDF left behind. Without --public-url
// the paper has no QR code or link to the command's loopback server, says so, and stderr warns.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "saylau_process.h"

namespace {

namespace fs = std::filesystem;
using saylau::testing::CommandRun;
using saylau::testing::ReadAll;
using saylau::testing::Saylau;
using saylau::testing::Source;

// `command` through the shell, its output (stdout and stderr) and exit code.
CommandRun Shell(const std::string& command) {
  CommandRun run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

bool OnPath(const std::string& tool) { return Shell("command -v " + tool).exit_code == 0; }

std::string Executable(const fs::path& path, const std::string& script) {
  std::ofstream(path) << script;
  fs::permissions(path, fs::perms::owner_all);
  return path.string();
}

class ReportCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_ = fs::temp_directory_path() / ("saylau-report-test-" + std::to_string(getpid()));
    fs::create_directories(work_);
    const std::string definition = Source("elections/kz/2023-03-19-mazhilis.toml");
    const std::string night = (work_ / "night").string();
    db_ = (work_ / "night.db").string();
    ASSERT_EQ(Saylau("synth " + definition + " --seed 7 --stations 60 --out " + night).exit_code, 0);
    ASSERT_EQ(Saylau("init " + definition + " --db " + db_ + " --stations " + night + "/stations.csv").exit_code, 0);
    CommandRun ingest = Saylau("ingest --db " + db_ + " " + night + "/turnout.csv " + night + "/protocols.csv");
    ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
    CommandRun certify = Saylau("certify --db " + db_ + " --stage preliminary --at 2023-03-20T12:00:00+06:00");
    ASSERT_EQ(certify.exit_code, 0) << certify.output;
  }
  static void TearDownTestSuite() { fs::remove_all(work_); }

  // saylau report with the shipped dashboard and `more` arguments.
  static CommandRun Report(const std::string& pdf, const std::string& more) {
    return Saylau("report --pdf " + pdf + " --db " + db_ + " --web " + Source("web/dist") + " " + more);
  }

  static inline fs::path work_;
  static inline std::string db_;
};

TEST_F(ReportCliTest, PrintsTheNationalProtocolWithItsFigures) {
  ASSERT_TRUE(fs::exists(Source("web/dist/index.html"))) << "the dashboard is not built: run scripts/build-web";
  const std::string pdf = (work_ / "national.pdf").string();
  CommandRun run = Report(pdf, "--contest mazhilis-list --lang en");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string bytes = ReadAll(pdf);
  ASSERT_EQ(bytes.rfind("%PDF-", 0), 0u) << "not a PDF";
  int count = 0;
  for (std::size_t at = bytes.find("/Type /Page"); at != std::string::npos; at = bytes.find("/Type /Page", at + 1))
    if (bytes.compare(at, 12, "/Type /Pages") != 0) ++count;
  EXPECT_GE(count, 1);
  EXPECT_LE(count, 3) << "the national protocol should fit on three A4 pages";
  EXPECT_NE(run.output.find(std::to_string(count) + (count == 1 ? " page)" : " pages)")), std::string::npos)
      << run.output;
  // No --public-url: said on stderr, and the paper has no QR code or link to the loopback server.
  EXPECT_NE(run.output.find("no --public-url: the protocol is printed without a QR code or verification link"),
            std::string::npos)
      << run.output;
  if (!OnPath("pdftotext")) return;  // the figures are read back only with poppler-utils
  CommandRun text = Shell("pdftotext -layout " + pdf + " -");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("No verification link"), std::string::npos) << text.output;
  EXPECT_EQ(text.output.find("127.0.0.1"), std::string::npos) << "a loopback link on paper:\n" << text.output;
  EXPECT_NE(text.output.find("Protocol on the results of the vote"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Mazhilis"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Signatures of the commission"), std::string::npos);
  // The registered voters as `saylau results` prints them for the country: a figure of the page.
  CommandRun results = Saylau("results --db " + db_ + " --contest mazhilis-list --format json");
  ASSERT_EQ(results.exit_code, 0) << results.output;
  std::int64_t registered = -1;
  const nlohmann::json answer = nlohmann::json::parse(results.output);
  for (const auto& outcome : answer["outcomes"])
    if (outcome["contest"] == "mazhilis-list") registered = outcome["tally"]["registered"].get<std::int64_t>();
  ASSERT_GT(registered, 0) << results.output;
  const std::string digits = std::to_string(registered);
  std::string grouped;  // en-GB groups thousands with commas
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  EXPECT_NE(text.output.find(grouped), std::string::npos) << "no " << grouped << " in\n" << text.output;
}

TEST_F(ReportCliTest, PrintsARegionsProtocolInRussian) {
  const std::string pdf = (work_ / "astana.pdf").string();
  CommandRun run =
      Report(pdf, "--contest mazhilis-list --unit astana --lang ru --public-url https://results.example.kz");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("no --public-url"), std::string::npos) << run.output;
  ASSERT_EQ(ReadAll(pdf).rfind("%PDF-", 0), 0u);
  if (!OnPath("pdftotext")) return;
  CommandRun text = Shell("pdftotext " + pdf + " -");
  EXPECT_EQ(text.output.find("Ссылки для проверки нет"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Протокол об итогах голосования"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Астана"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("https://results.example.kz/#/protocol/mazhilis-list/astana"), std::string::npos)
      << text.output;
}

TEST_F(ReportCliTest, BadInputIsNamedWithExitTwoAndNoPdf) {
  const std::string pdf = (work_ / "bad.pdf").string();
  struct Case {
    std::string arguments;
    std::string message;
  };
  for (const Case& bad : std::initializer_list<Case>{
           {"--contest no-such-contest", "--contest 'no-such-contest': no such contest"},
           {"--contest mazhilis-list --unit atlantis", "--unit 'atlantis': no such unit"},
           {"--contest mazhilis-smd-01 --unit astana", "is not counted there"},
           {"--contest mazhilis-list --lang de", "--lang 'de': kk, ru or en"},
           {"--contest mazhilis-list --public-url 'javascript:alert(1)'", "an http:// or https:// address"},
           {"--contest mazhilis-list --chromium /nonexistent/chromium", "not an executable file"},
           {"--contest mazhilis-list --timeout 0", "--timeout"},
       }) {
    CommandRun run = Report(pdf, bad.arguments);
    EXPECT_EQ(run.exit_code, 2) << bad.arguments << "\n" << run.output;
    EXPECT_NE(run.output.find(bad.message), std::string::npos) << bad.arguments << "\n" << run.output;
    EXPECT_FALSE(fs::exists(pdf)) << bad.arguments;
  }
  CommandRun unbuilt =
      Saylau("report --pdf " + pdf + " --db " + db_ + " --contest mazhilis-list --web " + (work_ / "no-dist").string());
  EXPECT_EQ(unbuilt.exit_code, 2) << unbuilt.output;
  EXPECT_NE(unbuilt.output.find("no built dashboard"), std::string::npos) << unbuilt.output;
  CommandRun help = Saylau("report --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("Example:"), std::string::npos);
}

TEST_F(ReportCliTest, NoChromiumOnThePathIsExitTwo) {
  const std::string pdf = (work_ / "none.pdf").string();
  CommandRun run = Shell("PATH=" + (work_ / "empty-path").string() + " " + SAYLAU_BINARY + " report --pdf " + pdf +
                         " --db " + db_ + " --contest mazhilis-list --web " + Source("web/dist"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("no Chromium on PATH"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("--chromium PATH"), std::string::npos) << run.output;
}

TEST_F(ReportCliTest, AChromiumThatFailsHangsOrWritesNothingIsExit69) {
  const std::string pdf = (work_ / "failed.pdf").string();
  struct Case {
    std::string script;
    std::string message;
  };
  int n = 0;
  for (const Case& broken : std::initializer_list<Case>{
           {"#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n", "failed (exit 3)"},
           {"#!/bin/sh\nexit 0\n", "wrote no PDF"},
           {"#!/bin/sh\nexec sleep 30\n", "did not finish the PDF within 1 s"},
       }) {
    const std::string chromium = Executable(work_ / ("chromium-" + std::to_string(++n)), broken.script);
    CommandRun run = Report(pdf, "--contest mazhilis-list --timeout 1 --chromium " + chromium);
    EXPECT_EQ(run.exit_code, 69) << broken.script << run.output;
    EXPECT_NE(run.output.find(broken.message), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(pdf));
  }
  // A "PDF" that is not one is refused too.
  const std::string liar = Executable(work_ / "chromium-liar",
                                      "#!/bin/sh\nfor a in \"$@\"; do case $a in --print-to-pdf=*) echo hello > "
                                      "\"${a#--print-to-pdf=}\";; esac; done\n");
  CommandRun run = Report(pdf, "--contest mazhilis-list --chromium " + liar);
  EXPECT_EQ(run.exit_code, 69) << run.output;
  EXPECT_NE(run.output.find("not a PDF"), std::string::npos) << run.output;
}

}  // namespace
