#include "chromium_pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace saylau::cli {
namespace {

namespace fs = std::filesystem;

bool Executable(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && access(path.c_str(), X_OK) == 0;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The last `count` lines of `text` that are not Chromium's usual noise about D-Bus and the zygote.
std::string LastLines(const std::string& text, int count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.find("dbus") != std::string::npos || line.find("zygote") != std::string::npos) continue;
    lines.push_back(line);
  }
  std::string out;
  for (std::size_t i = lines.size() > static_cast<std::size_t>(count) ? lines.size() - count : 0; i < lines.size(); ++i)
    out += "\n  " + lines[i];
  return out;
}

// A fresh directory under the system's temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "saylau-report-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::optional<std::string> FindChromium(const std::string& explicit_path) {
  if (!explicit_path.empty()) return Executable(explicit_path) ? std::optional(explicit_path) : std::nullopt;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::vector<std::string> found_dirs;
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty()) found_dirs.push_back(dir);
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    for (const std::string& dir : found_dirs) {
      const std::string candidate = dir + "/" + name;
      if (Executable(candidate)) return candidate;
    }
  }
  return std::nullopt;
}

Status PrintToPdf(const PdfPrint& print) {
  TempDir scratch;
  if (scratch.path().empty()) return Unavailable("cannot make a temporary directory for Chromium's profile");
  const std::string log = (scratch.path() / "chromium.log").string();
  std::error_code ignored;
  fs::remove(print.out, ignored);
  std::vector<std::string> args = {print.chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-extensions",
                                   "--user-data-dir=" + (scratch.path() / "profile").string(),
                                   "--no-pdf-header-footer",
                                   "--virtual-time-budget=" + std::to_string(print.virtual_time_budget_ms),
                                   "--print-to-pdf=" + print.out,
                                   print.url};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, print.chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return Unavailable("cannot start " + print.chromium + ": " + std::strerror(spawned));
  const auto deadline = std::chrono::steady_clock::now() + print.timeout;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR) return Unavailable(std::string("waiting for Chromium: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      return Unavailable("Chromium did not finish the PDF within " + std::to_string(print.timeout.count()) +
                         " s (raise --timeout?); it printed:" + LastLines(ReadText(log), 5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Unavailable(print.chromium + " failed (" +
                       (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                          : "signal " + std::to_string(WTERMSIG(status))) +
                       "); it printed:" + LastLines(ReadText(log), 5));
  }
  if (!fs::exists(print.out, ignored)) {
    return Unavailable("Chromium wrote no PDF to " + print.out + "; it printed:" + LastLines(ReadText(log), 5));
  }
  return {};
}

Result<int> CheckPdf(const std::string& path) {
  const std::string bytes = ReadText(path);
  if (bytes.rfind("%PDF-", 0) != 0) return Unavailable(path + ": not a PDF (it does not start with %PDF-)");
  int pages = 0;
  for (std::size_t at = bytes.find("/Type /Page"); at != std::string::npos; at = bytes.find("/Type /Page", at + 1)) {
    const char next = at + 11 < bytes.size() ? bytes[at + 11] : ' ';
    if (next != 's') ++pages;  // "/Type /Pages" is the page tree, not a page
  }
  return pages;
}

}  // namespace saylau::cli
