// Helpers shared by the store's tests (store_test.cc, sqlite_store_test.cc,
// postgres_store_test.cc): temporary paths, a definition, a protocol row, a full scan.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "saylau/store/store.h"

namespace saylau::store {

inline std::string TempPath(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("saylau-store-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::filesystem::remove(path);
  return path.string();
}

inline const std::vector<DefinitionFile> kFiles = {{"e.toml", "definition", "[election]\nid = \"x\"\n"},
                                                   {"s.csv", "stations", "id,parent,registered_voters\n"}};

inline StoredSubmission Protocol(const std::string& unit, bool accepted) {
  StoredSubmission s;
  s.kind = SubmissionKind::kProtocol;
  s.contest = "list";
  s.unit = unit;
  s.version = 1;
  s.accepted = accepted;
  s.body = "{\"unit\":\"" + unit + "\"}";
  s.reasons = accepted ? "[]" : "[{\"relation\":\"non-negative\",\"detail\":\"x\"}]";
  s.origin = "p.csv:2";
  s.received_at = "2023-03-19T21:00:00Z";
  return s;
}

inline std::vector<StoredSubmission> Scanned(Store& store) {
  std::vector<StoredSubmission> seen;
  EXPECT_TRUE(store.Scan(0, [&](const StoredSubmission& s) -> Status {
    seen.push_back(s);
    return {};
  }));
  return seen;
}

}  // namespace saylau::store
