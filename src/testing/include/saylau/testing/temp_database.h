// A SQLite database file for one test: a unique path in the temporary folder, removed (with its
// -wal and -shm files) before the test and when the test ends.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace saylau::testing {

class TempDatabase {
 public:
  // `name` tells the tests' files apart ("results-service"); the process id, parallel runs.
  explicit TempDatabase(const std::string& name)
      : path_((std::filesystem::temp_directory_path() / ("saylau-" + name + "-" + std::to_string(getpid()) + ".db"))
                  .string()) {
    Remove();
  }
  ~TempDatabase() { Remove(); }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  const std::string& path() const { return path_; }

 private:
  void Remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
};

}  // namespace saylau::testing
