// Running the saylau binary from tests, as scripts do: exit code and output.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace saylau::testing {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CommandRun Saylau(const std::string& arguments) {
  const std::string command = std::string(SAYLAU_BINARY) + " " + arguments + " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline std::string Source(const std::string& relative) { return std::string(SAYLAU_SOURCE_DIR) + "/" + relative; }

inline std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh, empty temporary directory for one test.
inline std::filesystem::path FreshDirectory(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("saylau-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace saylau::testing
