// A whole process run by a benchmark, measured: wall-clock time, exit code, its output
// (stdout and stderr together) and its own peak resident memory (wait4's ru_maxrss of that
// one child, not of every child so far). No shell: the arguments go to execvp as given.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

namespace saylau::bench {

struct MeasuredRun {
  int exit_code = -1;
  std::string output;
  double seconds = 0;
  double peak_rss_mb = 0;  // ru_maxrss of the child, in MB (10^6 bytes)
};

inline MeasuredRun RunMeasured(const std::vector<std::string>& arguments) {
  MeasuredRun run;
  int pipe_ends[2];
  if (arguments.empty() || pipe(pipe_ends) != 0) return run;
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child < 0) return run;
  if (child == 0) {
    dup2(pipe_ends[1], 1);
    dup2(pipe_ends[1], 2);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    std::vector<char*> argv;
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_ends[1]);
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipe_ends[0], buffer, sizeof buffer)) > 0) run.output.append(buffer, static_cast<std::size_t>(n));
  close(pipe_ends[0]);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.peak_rss_mb = static_cast<double>(usage.ru_maxrss) * 1024 / 1e6;  // ru_maxrss is in KiB on Linux
  return run;
}

}  // namespace saylau::bench
